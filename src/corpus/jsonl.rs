//! JSON Lines corpora: one document per line.
//!
//! ```text
//! {"id": "20240101-01", "title": "…", "text": "…", "date": "2024-01-01", "kind": "story", "tags": ["a", "b"]}
//! ```
//!
//! `text` is required; `title` and `id` are optional; other fields become
//! metadata when their value is a string, number, boolean or array of
//! strings, and are reported (per field, with the first line) otherwise.
//! `null` means the document has no value for that field.
//!
//! A `date` of the form `YYYY-MM-DD` (or `YYYY-MM`) also gives the derived
//! fields `year` (a number) and `month` (`YYYY-MM`), so dates can be browsed
//! by year and month; a record's own `year` or `month` field wins.

use super::{canonical_number, derive_title, CorpusError, Document, Origin, Value, Warning, RESERVED_FIELDS};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

/// Parse `text`, the contents of `path`, appending its documents.
pub(super) fn read(
    path: &Path,
    text: &str,
    out: &mut Vec<Document>,
    warnings: &mut Vec<Warning>,
) -> Result<(), CorpusError> {
    let source = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // field -> (lines skipped, first line, why)
    let mut skipped: BTreeMap<String, (usize, usize, &'static str)> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| CorpusError::new(path, Some(line_no), message);
        let record: serde_json::Map<String, Json> = match serde_json::from_str(line) {
            Ok(Json::Object(map)) => map,
            Ok(_) => return Err(err("a line must be a JSON object with a `text` field".into())),
            Err(e) => return Err(err(format!("malformed JSON: {e}"))),
        };
        let text = match record.get("text") {
            Some(Json::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Json::String(_)) => return Err(err("`text` is empty".into())),
            Some(_) => return Err(err("`text` must be a string".into())),
            None => return Err(err("missing `text`: every line needs a \"text\" string".into())),
        };
        if text.contains('\0') {
            return Err(err("`text` contains a NUL character (U+0000), which yuliao reserves".into()));
        }
        let title = match record.get("title") {
            None | Some(Json::Null) => derive_title(&text),
            Some(Json::String(s)) if s.trim().is_empty() => derive_title(&text),
            Some(Json::String(s)) if s.contains('\0') => {
                return Err(err("`title` contains a NUL character (U+0000), which yuliao reserves".into()))
            }
            Some(Json::String(s)) => s.trim().to_string(),
            Some(_) => return Err(err("`title` must be a string".into())),
        };
        let mut fields: Vec<(String, Value)> = Vec::new();
        if !record.contains_key("source") {
            fields.push(("source".into(), Value::Text(source.clone())));
        }
        for (name, value) in &record {
            let name = match name.as_str() {
                "text" | "title" => continue,
                "id" => {
                    if record.contains_key("key") {
                        return Err(err(
                            "both `id` and `key` are present; `id` is kept as `key`, so rename one".into(),
                        ));
                    }
                    "key"
                }
                n if RESERVED_FIELDS.contains(&n) => {
                    return Err(err(format!(
                        "field `{n}` is reserved (results already have it); rename the field in the corpus"
                    )))
                }
                "" => return Err(err("a field has an empty name".into())),
                n if n.chars().any(char::is_control) => {
                    return Err(err(format!(
                        "field {n:?} has a control character in its name; rename the field"
                    )))
                }
                n => n,
            };
            if let Json::Number(n) = value {
                // JavaScript and the bundle hold numbers as doubles: from
                // 2^53 on, not every integer has one, and 2^53 + 1 would
                // silently become 2^53.
                if n.as_f64().is_some_and(|x| x.fract() == 0.0 && x.abs() >= 9_007_199_254_740_992.0) {
                    return Err(err(format!(
                        "field `{name}`: the number {n} is 2^53 or more, where numbers are not all exact; write it as a string"
                    )));
                }
            }
            match to_value(value) {
                Ok(Some(v)) => fields.push((name.to_string(), v)),
                Ok(None) => {}
                Err(why) => {
                    let entry = skipped.entry(name.to_string()).or_insert((0, line_no, why));
                    entry.0 += 1;
                }
            }
        }
        derive_dates(&mut fields);
        out.push(Document {
            title,
            text,
            fields,
            origin: Origin { path: path.to_path_buf(), line: line_no },
        });
    }
    for (name, (lines, first, why)) in skipped {
        warnings.push(Warning(format!(
            "{}:{first}: field `{name}` not kept on {lines} line(s): {why}",
            path.display()
        )));
    }
    Ok(())
}

/// Add `year` and `month` after a `date` field of the form `YYYY-MM-DD` or
/// `YYYY-MM`, unless the document has them already.
fn derive_dates(fields: &mut Vec<(String, Value)>) {
    let Some(at) = fields.iter().position(|(n, _)| n == "date") else { return };
    let Value::Text(date) = &fields[at].1 else { return };
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let dated = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && (b.len() == 7 || (b.len() == 10 && b[7] == b'-' && digits(8..10)));
    if !dated {
        return;
    }
    let (year, month) = (date[..4].to_string(), date[..7].to_string());
    let has = |name: &str, fields: &[(String, Value)]| fields.iter().any(|(n, _)| n == name);
    let mut insert = at + 1;
    if !has("year", fields) {
        let number = year.trim_start_matches('0');
        fields.insert(
            insert,
            ("year".into(), Value::Number(if number.is_empty() { "0".into() } else { number.into() })),
        );
        insert += 1;
    }
    if !has("month", fields) {
        fields.insert(insert, ("month".into(), Value::Text(month)));
    }
}

/// A metadata value, `None` for null, or why the value cannot be kept.
fn to_value(v: &Json) -> Result<Option<Value>, &'static str> {
    Ok(Some(match v {
        Json::Null => return Ok(None),
        Json::String(s) => Value::Text(s.clone()),
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => match n.as_f64() {
            Some(x) if x.is_finite() => Value::Number(canonical_number(x)),
            _ => return Err("the number is out of range"),
        },
        Json::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Json::String(s) => out.push(s.clone()),
                    _ => return Err("arrays must hold only strings"),
                }
            }
            Value::Texts(out)
        }
        Json::Object(_) => return Err("objects are not supported as metadata"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Vec<Document>, Vec<Warning>), CorpusError> {
        let mut docs = Vec::new();
        let mut warnings = Vec::new();
        read(Path::new("c.jsonl"), text, &mut docs, &mut warnings)?;
        Ok((docs, warnings))
    }

    #[test]
    fn fields_become_metadata() {
        let (docs, warnings) = parse(
            r#"{"id":"x-1","title":"标题","text":"正文","date":"2024-01-02","n":3,"ok":true,"tags":["a","b"],"column":null}"#,
        )
        .unwrap();
        assert!(warnings.is_empty());
        let d = &docs[0];
        assert_eq!(d.title, "标题");
        assert_eq!(d.text, "正文");
        assert_eq!(d.field("source"), Some(&Value::Text("c".into())));
        assert_eq!(d.field("key"), Some(&Value::Text("x-1".into())));
        assert_eq!(d.field("n"), Some(&Value::Number("3".into())));
        assert_eq!(d.field("ok"), Some(&Value::Boolean(true)));
        assert_eq!(d.field("tags"), Some(&Value::Texts(vec!["a".into(), "b".into()])));
        assert_eq!(d.field("column"), None);
    }

    #[test]
    fn dates_give_year_and_month() {
        let (docs, _) = parse(
            "{\"text\":\"a\",\"date\":\"2024-03-05\"}\n{\"text\":\"b\",\"date\":\"2023-11\",\"month\":\"x\"}\n{\"text\":\"c\",\"date\":\"March 2024\"}",
        )
        .unwrap();
        let names = |d: &Document| d.fields.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&docs[0]), vec!["source", "date", "year", "month"]);
        assert_eq!(docs[0].field("year"), Some(&Value::Number("2024".into())));
        assert_eq!(docs[0].field("month"), Some(&Value::Text("2024-03".into())));
        assert_eq!(docs[1].field("year"), Some(&Value::Number("2023".into())));
        assert_eq!(docs[1].field("month"), Some(&Value::Text("x".into())), "the record's own month wins");
        assert_eq!(docs[2].field("year"), None);
    }

    #[test]
    fn numbers_below_2_pow_53_are_kept_exactly() {
        let (docs, _) = parse("{\"text\":\"a\",\"n\":9007199254740991,\"x\":1.5}").unwrap();
        assert_eq!(docs[0].field("n"), Some(&Value::Number("9007199254740991".into())));
        assert_eq!(docs[0].field("x"), Some(&Value::Number("1.5".into())));
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("{\"text\":\"a\"}\n{\"text\":", 2, "malformed JSON"),
            ("{\"title\":\"t\"}", 1, "missing `text`"),
            ("{\"text\":5}", 1, "`text` must be a string"),
            ("{\"text\":\"  \"}", 1, "`text` is empty"),
            ("[1,2]", 1, "must be a JSON object"),
            ("\n\n{\"text\":\"a\",\"score\":1}", 3, "field `score` is reserved"),
            ("{\"text\":\"a\",\"a\\u0001b\":1}", 1, "has a control character in its name"),
            (
                "{\"text\":\"a\",\"n\":9007199254740993}",
                1,
                "field `n`: the number 9007199254740993 is 2^53 or more",
            ),
            ("{\"text\":\"a\",\"n\":-1e300}", 1, "is 2^53 or more"),
            (r#"{"text":"a\u0000b"}"#, 1, "NUL"),
        ];
        for (input, line, needle) in cases {
            let err = parse(input).unwrap_err();
            assert_eq!(err.line, Some(line), "{input:?}: {err}");
            assert!(err.message.contains(needle), "{input:?}: {err}");
        }
    }

    #[test]
    fn unsupported_values_are_reported_once_per_field() {
        let (docs, warnings) =
            parse("{\"text\":\"a\",\"o\":{}}\n{\"text\":\"b\",\"o\":{\"x\":1}}\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].0.starts_with("c.jsonl:1: field `o` not kept on 2 line(s)"), "{}", warnings[0]);
    }
}
