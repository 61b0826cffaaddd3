//! Corpus reading: files on disk into [`Document`]s. Build time only.
//!
//! A corpus is a file or a directory of files (read in name order, not
//! recursively). Two formats:
//!
//! * `.txt`: a newspaper page (UTF-8). [`page::split_page`] splits it into its
//!   items (articles, photo captions, commentaries); each item becomes one
//!   document with the fields `source` (the file stem), `kind`, `region`,
//!   `reporters` and `place`.
//! * `.jsonl`: one JSON object per line, one document per object. `text` is
//!   required; `title` is optional (else the first line of the text, up to
//!   40 characters); `id`, if present, is kept as the field `key`; every other
//!   field whose value is a string, number, boolean or array of strings
//!   becomes a filterable metadata field. `source` defaults to the file stem.
//!
//! Documents are numbered from 0 in reading order; that number is their `id`.
//!
//! Every problem is reported with the file and line it comes from
//! ([`CorpusError`]). Input that cannot be used fails the build; input that is
//! deliberately not used (a field of an unsupported type, a file with another
//! extension) is reported as a [`Warning`], never dropped silently.

pub mod gazetteer;
mod jsonl;
pub mod page;

pub use crate::bundle::canonical_number;
use std::fmt;
use std::path::{Path, PathBuf};

/// Field names a corpus may not use for metadata, because results and
/// documents already have members with these names.
pub const RESERVED_FIELDS: [&str; 7] = ["id", "title", "text", "score", "snippet", "verbatim", "matches"];

/// One document, before indexing.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Headline or title; never empty.
    pub title: String,
    /// The full text, paragraphs separated by `\n`.
    pub text: String,
    /// Metadata fields in display order.
    pub fields: Vec<(String, Value)>,
    /// Where the document comes from, for messages.
    pub origin: Origin,
}

impl Document {
    /// The value of field `name`, if the document has it.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// A metadata value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string.
    Text(String),
    /// A list of strings.
    Texts(Vec<String>),
    /// A number, kept as its canonical text (see [`canonical_number`]).
    Number(String),
    /// A boolean.
    Boolean(bool),
}

/// A file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// Input that fails the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The file (or directory) at fault.
    pub path: PathBuf,
    /// The 1-based line, when one line is at fault.
    pub line: Option<usize>,
    /// What is wrong, and what to do about it.
    pub message: String,
}

impl CorpusError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        CorpusError { path: path.to_path_buf(), line, message: message.into() }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for CorpusError {}

/// Input that is deliberately not used; the build reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The documents of a corpus, the files they came from, and what was left out.
#[derive(Debug, Default)]
pub struct Corpus {
    /// All documents, in id order.
    pub documents: Vec<Document>,
    /// Every file read (for `cargo:rerun-if-changed`).
    pub files: Vec<PathBuf>,
    /// What was not used, and why.
    pub warnings: Vec<Warning>,
}

/// Read a corpus file or directory.
pub fn read(path: &Path) -> Result<Corpus, CorpusError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CorpusError::new(path, None, format!("cannot read the corpus: {e}")))?;
    let mut corpus = Corpus::default();
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        let entries = std::fs::read_dir(path)
            .map_err(|e| CorpusError::new(path, None, format!("cannot list the corpus directory: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| CorpusError::new(path, None, format!("cannot list: {e}")))?;
            let p = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                corpus.warnings.push(Warning(format!(
                    "{}: subdirectory not read (a corpus directory is read one level deep)",
                    p.display()
                )));
            } else if format_of(&p).is_some() {
                files.push(p);
            } else {
                corpus.warnings.push(Warning(format!(
                    "{}: not read (only .txt and .jsonl files are corpus files)",
                    p.display()
                )));
            }
        }
        files.sort();
        files
    } else {
        if format_of(path).is_none() {
            return Err(CorpusError::new(
                path,
                None,
                "unknown corpus format: use a .txt newspaper page, a .jsonl file, or a directory of them",
            ));
        }
        vec![path.to_path_buf()]
    };
    for file in &files {
        let text = read_utf8(file)?;
        let before = corpus.documents.len();
        match format_of(file) {
            Some(Format::Page) => read_page(file, &text, &mut corpus.documents),
            Some(Format::Jsonl) => jsonl::read(file, &text, &mut corpus.documents, &mut corpus.warnings)?,
            None => {}
        }
        if corpus.documents.len() == before {
            return Err(CorpusError::new(file, None, "the file holds no documents"));
        }
        corpus.files.push(file.clone());
    }
    if corpus.documents.is_empty() {
        return Err(CorpusError::new(path, None, "the corpus is empty: add .txt pages or .jsonl files"));
    }
    check_field_types(&corpus.documents)?;
    Ok(corpus)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Page,
    Jsonl,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "txt" => Some(Format::Page),
        "jsonl" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Read a file as UTF-8 (a leading byte-order mark is dropped), reporting the
/// line and column of the first invalid byte.
fn read_utf8(path: &Path) -> Result<String, CorpusError> {
    let bytes = std::fs::read(path).map_err(|e| CorpusError::new(path, None, format!("cannot read: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..good].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..good]).chars().count() + 1;
        CorpusError::new(
            path,
            Some(line),
            format!(
                "not valid UTF-8 (byte 0x{:02x} at column {column}); save the file as UTF-8",
                bytes[good]
            ),
        )
    })
}

/// Split a newspaper page into documents.
fn read_page(path: &Path, text: &str, out: &mut Vec<Document>) {
    let source = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    for item in page::split_page(text) {
        let mut fields = vec![
            ("source".to_string(), Value::Text(source.clone())),
            ("kind".to_string(), Value::Text(item.kind.as_str().to_string())),
            ("region".to_string(), Value::Text(item.region.to_string())),
        ];
        if !item.reporters.is_empty() {
            fields.push(("reporters".to_string(), Value::Texts(item.reporters)));
        }
        if let Some(place) = item.place {
            fields.push(("place".to_string(), Value::Text(place)));
        }
        out.push(Document {
            title: item.title,
            text: item.text,
            fields,
            origin: Origin { path: path.to_path_buf(), line: item.line },
        });
    }
}

/// A field must hold one type across the corpus (a string and a list of
/// strings mix: the field becomes a list).
fn check_field_types(docs: &[Document]) -> Result<(), CorpusError> {
    let mut seen: Vec<(&str, &Value, &Origin)> = Vec::new();
    for doc in docs {
        for (name, value) in &doc.fields {
            match seen.iter().find(|(n, _, _)| n == name) {
                None => seen.push((name, value, &doc.origin)),
                Some((_, first, origin)) => {
                    if type_name(first) != type_name(value) {
                        return Err(CorpusError::new(
                            &doc.origin.path,
                            Some(doc.origin.line),
                            format!(
                                "field `{name}` is {} here but {} at {origin}; a field must have one type",
                                type_name(value),
                                type_name(first)
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Text(_) | Value::Texts(_) => "a string",
        Value::Number(_) => "a number",
        Value::Boolean(_) => "a boolean",
    }
}

/// A title for a document that has none: its first line, cut after the first
/// sentence-ending punctuation or at 40 characters.
pub fn derive_title(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut out = String::new();
    for (i, c) in line.chars().enumerate() {
        if i == 40 {
            break;
        }
        out.push(c);
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；') {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yuliao-corpus-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn invalid_utf8_names_file_line_and_column() {
        let dir = temp_dir("utf8");
        let file = dir.join("a.jsonl");
        std::fs::write(&file, b"{\"text\":\"ok\"}\n{\"text\":\"\xe6\x8b\x89\xff\"}\n").unwrap();
        let err = read(&file).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("a.jsonl:2: not valid UTF-8 (byte 0xff at column 11)"), "{err}");
    }

    #[test]
    fn empty_corpus_and_unknown_files_are_reported() {
        let dir = temp_dir("empty");
        assert!(read(&dir).unwrap_err().message.contains("empty"));
        std::fs::write(dir.join("notes.md"), "x").unwrap();
        std::fs::write(dir.join("a.jsonl"), "{\"text\":\"拉萨\"}\n").unwrap();
        let corpus = read(&dir).unwrap();
        assert_eq!(corpus.documents.len(), 1);
        assert_eq!(corpus.warnings.len(), 1);
        assert!(corpus.warnings[0].0.contains("notes.md"));
        std::fs::write(dir.join("b.jsonl"), "\n\n").unwrap();
        let err = read(&dir).unwrap_err();
        assert!(err.to_string().contains("b.jsonl: the file holds no documents"), "{err}");
    }

    #[test]
    fn field_types_must_agree() {
        let dir = temp_dir("types");
        let file = dir.join("a.jsonl");
        std::fs::write(&file, "{\"text\":\"a\",\"year\":2024}\n{\"text\":\"b\",\"year\":\"2024\"}\n")
            .unwrap();
        let err = read(&file).unwrap_err();
        assert!(
            err.to_string().contains("a.jsonl:2: field `year` is a string here but a number at"),
            "{err}"
        );
    }

    #[test]
    fn titles_are_derived_from_the_first_line() {
        assert_eq!(derive_title("\n 今天天气很好。明天也好。\n第二行"), "今天天气很好。");
        assert_eq!(derive_title(&"长".repeat(50)).chars().count(), 40);
    }
}
