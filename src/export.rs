//! The segmented, tagged corpus for the tools people grow into (native
//! only: `yuliao export`).
//!
//! * **VRT**, the vertical text of CWB/CQPweb (`cwb-encode -x`): a
//!   `<text …>` element per document with its id, title and every metadata
//!   field as attributes (list values as CWB feature sets, `|a|b|`), an
//!   `<s>` element per sentence, and one `word<TAB>pos` line per token;
//!   `&`, `<`, `>` and `"` are written as entities.
//! * **CoNLL-U** (Universal Dependencies): `# newdoc id = …` and
//!   `# meta_<field> = …` comments per document, `# sent_id` and `# text`
//!   per sentence, and per token its form, the form as lemma, an
//!   approximate universal tag (UPOS, from the jieba tag by [`upos`]), the
//!   jieba tag (XPOS), no features or syntax (`_`), and `SpaceAfter=No`
//!   when the text has no whitespace after it.
//!
//! Tokens and sentences are those of corpus queries ([`crate::engine::tokens`]).

use crate::engine::results::MetaValue;
use crate::engine::tokens::Tokens;
use crate::engine::Corpus;
use crate::error::Error;
use std::io::Write;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CWB vertical text.
    Vrt,
    /// CoNLL-U.
    Conllu,
}

/// Write `corpus` (its tokens `tokens`) to `out` in `format`.
pub fn write(
    corpus: &Corpus<'_>,
    tokens: &Tokens,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write the export: {e}");
    let err = |e: Error| e.message().to_string();
    let vocabulary = &corpus.bundle().vocabulary;
    let word = |w: u32| vocabulary.words.get(w as usize).unwrap_or("");
    let tag = |w: u32| {
        let t = tokens.word_tag.get(w as usize).copied().unwrap_or(u16::MAX);
        vocabulary.pos.get(usize::from(t)).unwrap_or("x")
    };
    let text = corpus.bundle().text;
    for d in 0..corpus.len() {
        let title = corpus.title(d).map_err(err)?;
        let metadata = corpus.metadata(d).map_err(err)?;
        match format {
            Format::Vrt => {
                write!(out, "<text id=\"{d}\" title=\"{}\"", xml(title)).map_err(fail)?;
                for (name, value) in &metadata {
                    if matches!(value, MetaValue::Null) {
                        continue;
                    }
                    write!(out, " {}=\"{}\"", attribute_name(name), xml(&vrt_value(value))).map_err(fail)?;
                }
                writeln!(out, ">").map_err(fail)?;
                for s in tokens.sentences(d) {
                    writeln!(out, "<s>").map_err(fail)?;
                    for i in s {
                        let w = tokens.words[i];
                        writeln!(out, "{}\t{}", xml(word(w)), xml(tag(w))).map_err(fail)?;
                    }
                    writeln!(out, "</s>").map_err(fail)?;
                }
                writeln!(out, "</text>").map_err(fail)?;
            }
            Format::Conllu => {
                writeln!(out, "# newdoc id = {d}").map_err(fail)?;
                writeln!(out, "# meta_title = {}", one_line(title)).map_err(fail)?;
                for (name, value) in &metadata {
                    if !matches!(value, MetaValue::Null) {
                        writeln!(out, "# meta_{} = {}", attribute_name(name), one_line(&vrt_value(value)))
                            .map_err(fail)?;
                    }
                }
                for (k, s) in tokens.sentences(d).enumerate() {
                    let mut sentence = String::new();
                    let mut lines = String::new();
                    for (j, i) in s.clone().enumerate() {
                        let w = tokens.words[i];
                        let form = word(w);
                        // Whitespace follows the token in the text (within a
                        // sentence, tokens are separated only by whitespace).
                        let space_after = if i + 1 < s.end {
                            tokens.starts[i + 1] as usize > tokens.end(i)
                        } else {
                            text.get(tokens.end(i)).is_some_and(|b| b.is_ascii_whitespace())
                        };
                        sentence.push_str(form);
                        if space_after && i + 1 < s.end {
                            sentence.push(' ');
                        }
                        let misc = if space_after { "_" } else { "SpaceAfter=No" };
                        let xpos = tag(w);
                        lines.push_str(&format!(
                            "{}\t{form}\t{form}\t{}\t{xpos}\t_\t_\t_\t_\t{misc}\n",
                            j + 1,
                            upos(xpos)
                        ));
                    }
                    writeln!(out, "# sent_id = {d}-{}", k + 1).map_err(fail)?;
                    writeln!(out, "# text = {sentence}").map_err(fail)?;
                    write!(out, "{lines}").map_err(fail)?;
                    writeln!(out).map_err(fail)?;
                }
            }
        }
    }
    Ok(())
}

/// A metadata value as attribute text (lists as CWB feature sets `|a|b|`).
fn vrt_value(v: &MetaValue<'_>) -> String {
    match v {
        MetaValue::List(items) if items.is_empty() => "|".into(),
        MetaValue::List(items) => format!("|{}|", items.join("|")),
        other => crate::engine::stats::csv::meta_text(other),
    }
}

/// `s` with XML's special characters as entities.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `s` on one line (a comment value of CoNLL-U).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field name as a CWB attribute name: lowercase ASCII letters, digits
/// and `_`, starting with a letter or `_` (others become `_`).
pub fn attribute_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '_' })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// An approximate Universal POS tag for a jieba tag (see the README's table).
pub fn upos(tag: &str) -> &'static str {
    match tag {
        "w" => "PUNCT",
        "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" => "PROPN",
        "n" | "ng" | "nl" | "vn" | "an" | "f" | "s" | "t" | "j" | "q" | "tg" => "NOUN",
        "v" | "vd" | "vg" | "vi" | "vq" | "vf" | "vx" | "vl" => "VERB",
        "a" | "ag" | "b" | "z" => "ADJ",
        "ad" | "d" | "dg" | "df" => "ADV",
        "m" | "mq" => "NUM",
        "r" | "rr" | "rz" | "rg" => "PRON",
        "p" => "ADP",
        "c" => "CCONJ",
        "u" | "ud" | "ug" | "uj" | "ul" | "uv" | "uz" | "y" | "yg" => "PART",
        "e" | "o" => "INTJ",
        _ => "X",
    }
}
