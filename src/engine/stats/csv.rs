//! CSV of every table and of the full concordance.
//!
//! The text is UTF-8 with a byte-order mark (so that spreadsheet programs
//! read Chinese correctly), fields quoted as RFC 4180 requires (csv-core's
//! writer: only fields holding a comma, a quote or a line break are quoted,
//! quotes doubled), records ended by CRLF, and a first row of column names
//! with no comment before it. What the table is (the function, the query,
//! the filters, *N*, the date) is not in the CSV but beside it, in
//! [`CsvExport::about`] and in the suggested file name.
//!
//! Cells are the corpus's text exactly as it is: a cell starting with `=`
//! is not altered, so a spreadsheet program may read it as a formula (see
//! SECURITY.md).

use super::Subcorpus;
use crate::engine::results::MetaValue;
use crate::engine::Corpus;
use csv_core::{QuoteStyle, Terminator, Writer, WriterBuilder};
use serde::Serialize;

/// A table being written as CSV.
pub struct Csv {
    out: Vec<u8>,
    writer: Writer,
    scratch: Vec<u8>,
    rows: usize,
}

impl Csv {
    /// A CSV text with its byte-order mark and the header row `columns`.
    pub fn new(columns: &[&str]) -> Csv {
        let writer =
            WriterBuilder::new().terminator(Terminator::CRLF).quote_style(QuoteStyle::Necessary).build();
        let mut csv = Csv { out: "\u{FEFF}".as_bytes().to_vec(), writer, scratch: Vec::new(), rows: 0 };
        csv.record(columns.iter().copied());
        csv.rows = 0;
        csv
    }

    /// Append a row.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        self.record(fields.iter().map(|f| f.as_ref()));
    }

    fn record<'s>(&mut self, fields: impl Iterator<Item = &'s str>) {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                self.scratch.resize(4, 0);
                let (_, n) = self.writer.delimiter(&mut self.scratch);
                self.out.extend_from_slice(&self.scratch[..n]);
            }
            // Room for the worst case: every byte a quote, plus the quotes.
            self.scratch.resize(2 * field.len() + 4, 0);
            let (_, _, n) = self.writer.field(field.as_bytes(), &mut self.scratch);
            self.out.extend_from_slice(&self.scratch[..n]);
        }
        self.scratch.resize(4, 0);
        let (_, n) = self.writer.terminator(&mut self.scratch);
        self.out.extend_from_slice(&self.scratch[..n]);
        self.rows += 1;
    }

    /// Rows written (the header not counted).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The CSV text.
    pub fn finish(self) -> String {
        String::from_utf8(self.out).unwrap_or_default()
    }
}

/// A number as a CSV cell: integers without a decimal point, others in the
/// shortest form that reads back as the same `f64`; `NaN` and infinities
/// as empty cells.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        String::new()
    } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
        (x as i64).to_string()
    } else {
        format!("{x}")
    }
}

/// An optional number as a CSV cell (empty when absent).
pub fn maybe(x: Option<f64>) -> String {
    x.map_or(String::new(), number)
}

/// A metadata value as a CSV cell: list values joined by `; `.
pub fn meta_text(v: &MetaValue<'_>) -> String {
    match v {
        MetaValue::Null => String::new(),
        MetaValue::Str(s) => s.to_string(),
        MetaValue::Num(x) => number(*x),
        MetaValue::Bool(b) => b.to_string(),
        MetaValue::List(items) => items.join("; "),
        MetaValue::Owned(s) => s.clone(),
    }
}

/// A table as CSV, with what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CsvExport {
    /// The CSV text (see the module documentation).
    pub csv: String,
    /// A file name for it: `yuliao-<function>-<query>-<date>.csv`.
    pub filename: String,
    /// What the table is.
    pub about: About,
}

/// What a CSV table is (the second file of an export).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct About {
    /// The function that made it (`"frequencies"`, `"concordance"`, ...).
    pub function: String,
    /// Its query, if it has one.
    pub query: Option<String>,
    /// The filters of its subcorpus (keywords: of the focus).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string[]>"))]
    pub filters: Filters,
    /// Documents in the subcorpus.
    pub documents: usize,
    /// *N*: tokens in the subcorpus.
    pub tokens: u64,
    /// Every match of the query, when it has one.
    pub matches: Option<usize>,
    /// Rows of the CSV (the header not counted).
    pub rows: usize,
    /// Documents and tokens of the whole corpus.
    pub corpus: CorpusSize,
    /// When the table was made (ISO 8601, UTC).
    pub created: String,
    /// The options that made the table (besides the query and filters).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string | number | boolean | null>"))]
    pub options: Params,
    /// The table's own figures (dispersion: range, DP, DPnorm; keywords:
    /// the reference, the types tested, the critical value).
    #[serde(skip_serializing_if = "Summary::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number | null>", optional))]
    pub summary: Summary,
}

/// Named options, as an object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(pub Vec<(&'static str, Param)>);

/// An option's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A yes or no.
    Flag(bool),
    /// Not given.
    None,
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            match v {
                Param::Text(t) => map.serialize_entry(k, t)?,
                Param::Number(x) => map.serialize_entry(k, x)?,
                Param::Flag(b) => map.serialize_entry(k, b)?,
                Param::None => map.serialize_entry(k, &())?,
            }
        }
        map.end()
    }
}

/// Named figures, as an object of numbers (`null`: not defined).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary(pub Vec<(&'static str, Option<f64>)>);

impl Summary {
    /// Whether it has no figure.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The filters of an [`About`], as an object of value lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters(pub Vec<(String, Vec<String>)>);

impl Serialize for Filters {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A corpus's size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CorpusSize {
    /// Documents.
    pub documents: usize,
    /// Tokens.
    pub tokens: u64,
}

impl CsvExport {
    /// The export of `csv`, made by `function` for `query` over `sub`.
    pub fn new(
        corpus: &Corpus<'_>,
        function: &str,
        query: Option<&str>,
        filters: Vec<(String, Vec<String>)>,
        sub: &Subcorpus,
        csv: Csv,
        matches: Option<usize>,
    ) -> CsvExport {
        let created = now();
        let mut name = format!("yuliao-{function}");
        if let Some(q) = query {
            let safe: String = q
                .chars()
                .filter(|c| !c.is_control())
                .map(|c| if c.is_alphanumeric() { c } else { '_' })
                .take(40)
                .collect();
            let safe = safe.trim_matches('_');
            if !safe.is_empty() {
                name.push('-');
                name.push_str(safe);
            }
        }
        if let Some(date) = created.get(..10) {
            name.push('-');
            name.push_str(date);
        }
        name.push_str(".csv");
        let rows = csv.rows();
        CsvExport {
            csv: csv.finish(),
            filename: name,
            about: About {
                function: function.to_string(),
                query: query.map(str::to_string),
                filters: Filters(filters),
                documents: sub.docs.len(),
                tokens: sub.tokens,
                matches,
                rows,
                corpus: CorpusSize { documents: corpus.len(), tokens: corpus.bundle().stats.tokens },
                created,
                options: Params::default(),
                summary: Summary::default(),
            },
        }
    }

    /// The same export, saying which `options` made it, and with `tag` (such
    /// as `n3`) in its file name before the date.
    pub fn with_options(mut self, options: Params, tag: &str) -> Self {
        self.about.options = options;
        let safe: String = tag.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        // The name ends with -YYYY-MM-DD.csv (15 characters).
        if !safe.is_empty()
            && self.filename.len() > 15
            && self.filename.is_char_boundary(self.filename.len() - 15)
        {
            let at = self.filename.len() - 15;
            self.filename.insert_str(at, &format!("-{safe}"));
        }
        self
    }
}

/// The time now, ISO 8601 in UTC (from JavaScript's clock in the wasm).
#[cfg(target_arch = "wasm32")]
fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The time now, ISO 8601 in UTC.
#[cfg(not(target_arch = "wasm32"))]
fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4180_quoting_with_a_bom_and_crlf() {
        let mut csv = Csv::new(&["value", "count"]);
        csv.row(&["plain", "1"]);
        csv.row(&["a,b", "2"]);
        csv.row(&["say \"hi\"", "3"]);
        csv.row(&["two\nlines", ""]);
        assert_eq!(csv.rows(), 4);
        assert_eq!(
            csv.finish(),
            "\u{FEFF}value,count\r\nplain,1\r\n\"a,b\",2\r\n\"say \"\"hi\"\"\",3\r\n\"two\nlines\",\r\n"
        );
    }

    #[test]
    fn numbers_as_cells() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(maybe(None), "");
    }
}
