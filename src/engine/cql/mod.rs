//! CQL, the Corpus Query Language of CWB/CQPweb, Sketch Engine, BlackLab
//! and Korp: patterns over tokens (words and their parts of speech).
//!
//! ```text
//! [pos="a"] "的" [pos="n.*"]        an adjective, 的, then a noun
//! "发展" []{0,3} "经济"              发展, up to three tokens, 经济
//! [word=".*化" & pos="v.*"]          verbs ending in 化
//! ("改革" | "开放") [pos!="w"]+ within s
//! ```
//!
//! This module parses a query ([`parse`]) into a [`Cql`]: a [`Node`] tree
//! and where matches must stay (`within s`: one sentence; the default
//! `within text`: one document). [`compile`] turns the predicates into sets
//! of vocabulary words and the tree into a program, and [`run`] finds the
//! matches over the corpus's tokens.
//!
//! Matching is leftmost-longest and non-overlapping: scanning each
//! document (or sentence) from its start, a match begins at the first
//! token where one can, takes the longest one that starts there, and the
//! scan resumes after it. So `[pos="a"]+ [pos="n"]` over 美丽 壮观 风景 is
//! one match of three tokens, and every count is a count of such matches.
//!
//! Errors name the character offset (from 0) where the query went wrong and
//! what was expected there: `[pos="n" ` gives `expected ] at 9`.

pub mod compile;
pub mod run;

use crate::error::{Error, ErrorKind};

/// Most characters in a query (as for the search syntax).
pub const MAX_QUERY_CHARS: usize = crate::engine::query::MAX_QUERY_CHARS;
/// Largest bound of a repetition (`{n,m}`).
pub const MAX_REPEAT: u32 = 100;
/// Deepest nesting of parentheses and brackets.
pub const MAX_DEPTH: usize = 32;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Cql {
    /// The pattern.
    pub node: Node,
    /// Where a match must stay.
    pub within: Within,
}

/// The span a match may not cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Within {
    /// One document (the default).
    #[default]
    Text,
    /// One sentence (ends at 。！？；!?; and at line ends).
    Sentence,
}

/// A pattern over a sequence of tokens.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One token satisfying the predicate.
    Token(Pred),
    /// The nodes one after another.
    Seq(Vec<Node>),
    /// Any one of the nodes.
    Alt(Vec<Node>),
    /// The node `min` to `max` times (`None`: no upper bound).
    Repeat(Box<Node>, u32, Option<u32>),
}

/// A condition on one token.
#[derive(Debug, Clone, PartialEq)]
pub enum Pred {
    /// Any token (`[]`).
    Any,
    /// `attr="value"` (or `!=` when `negated`).
    Cmp {
        /// The attribute compared.
        attr: Attr,
        /// Whether the comparison is `!=`.
        negated: bool,
        /// The value, a regular expression matched against the whole attribute.
        value: Value,
    },
    /// All of them (`&`).
    And(Vec<Pred>),
    /// Any of them (`|`).
    Or(Vec<Pred>),
    /// Not it (`!`).
    Not(Box<Pred>),
}

/// A token attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    /// The word as segmented.
    Word,
    /// Its part of speech.
    Pos,
}

/// A quoted value with its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The text between the quotes (a regular expression unless `literal`).
    pub text: String,
    /// `%c`: ignore case.
    pub ignore_case: bool,
    /// `%l`: match the text literally, not as a regular expression.
    pub literal: bool,
    /// Character offset of the opening quote (for error messages).
    pub at: usize,
    /// The same offset in UTF-16 code units (for `error.at`).
    pub at_utf16: u32,
}

impl Node {
    /// The fewest tokens the node can match.
    pub fn min_len(&self) -> u64 {
        match self {
            Node::Token(_) => 1,
            Node::Seq(items) => items.iter().map(Node::min_len).sum(),
            Node::Alt(items) => items.iter().map(Node::min_len).min().unwrap_or(0),
            Node::Repeat(node, min, _) => node.min_len() * u64::from(*min),
        }
    }
}

/// Whether `query` is CQL rather than the search syntax: it starts with
/// `[` or `(`, or with a quoted string followed by more CQL (a bracket, a
/// parenthesis, a repetition, `|` or `within`, possibly after more quoted
/// strings). `"党建"` alone and `"党建" "工作"` keep their search meaning
/// (a phrase; two phrases, both required), so every query that was not CQL
/// before is answered as before.
pub fn looks_like_cql(query: &str) -> bool {
    let t = query.trim_start();
    if t.starts_with('[') || t.starts_with('(') {
        return true;
    }
    let mut rest = t;
    let mut quoted = 0;
    while let Some(after) = rest.strip_prefix('"') {
        let Some(close) = closing_quote(after) else { return false };
        rest = after[close + 1..].trim_start();
        // Flags such as %c belong to the string.
        while let Some(f) = rest.strip_prefix('%') {
            rest = f.trim_start_matches(|c: char| c.is_ascii_alphabetic()).trim_start();
        }
        quoted += 1;
    }
    quoted > 0
        && (rest.starts_with(['[', '(', '{', '?', '*', '+', '|'])
            || rest == "within"
            || rest.starts_with("within ")
            || rest.starts_with("within\t"))
}

/// The index of the quote closing a string whose content starts `s`.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// Parse a CQL query.
pub fn parse(query: &str) -> Result<Cql, Error> {
    let chars: Vec<char> = query.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            format!("query is {} characters long; the limit is {MAX_QUERY_CHARS}", chars.len()),
        ));
    }
    let mut p = Parser { chars, at: 0, depth: 0 };
    p.skip_space();
    if p.at == p.chars.len() {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            "query is empty: give a CQL pattern such as [pos=\"n\"]",
        ));
    }
    let node = p.alternation()?;
    p.skip_space();
    let mut within = Within::Text;
    if p.keyword("within") {
        p.skip_space();
        within = if p.keyword("s") {
            Within::Sentence
        } else if p.keyword("text") {
            Within::Text
        } else {
            return Err(p.expected("s or text after within"));
        };
        p.skip_space();
    }
    if p.at < p.chars.len() {
        if p.peek() == Some(')') {
            return Err(p.error_at(p.at, "this ) closes no (".into()));
        }
        return Err(p.expected("a token ([…] or \"…\"), |, a repetition or within"));
    }
    if node.min_len() == 0 {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            "the pattern can match no token at all; it must match at least one (e.g. [] rather than []*)",
        ));
    }
    Ok(Cql { node, within })
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// An error saying what was expected at the current position.
    fn expected(&self, what: &str) -> Error {
        let found = match self.peek() {
            None => "the end of the query".to_string(),
            Some(c) => format!("`{c}`"),
        };
        let message = format!("expected {what} at {}, found {found}", self.at);
        Error::new(ErrorKind::InvalidQuery, message).at(self.utf16(self.at))
    }

    fn error_at(&self, at: usize, message: String) -> Error {
        Error::new(ErrorKind::InvalidQuery, format!("{message} at {at}")).at(self.utf16(at))
    }

    /// Character offset `at` in UTF-16 code units (JavaScript's string offsets).
    fn utf16(&self, at: usize) -> u32 {
        self.chars.iter().take(at).map(|c| c.len_utf16() as u32).sum()
    }

    /// Consume `c` (after spaces) if it is next.
    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Consume the word `w` if it is next and is a whole word.
    fn keyword(&mut self, w: &str) -> bool {
        let n = w.chars().count();
        let matches = self.chars.get(self.at..self.at + n).is_some_and(|s| s.iter().copied().eq(w.chars()));
        let whole = !self.chars.get(self.at + n).is_some_and(|c| c.is_alphanumeric() || *c == '_');
        if matches && whole {
            self.at += n;
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(self.at, format!("the query nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// `sequence ( | sequence )*`
    fn alternation(&mut self) -> Result<Node, Error> {
        self.enter()?;
        let mut items = vec![self.sequence()?];
        while self.eat('|') {
            items.push(self.sequence()?);
        }
        self.depth -= 1;
        Ok(if items.len() == 1 { items.pop().unwrap_or(Node::Seq(Vec::new())) } else { Node::Alt(items) })
    }

    /// `item+`
    fn sequence(&mut self) -> Result<Node, Error> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some('[') | Some('"') | Some('\'') | Some('(') => items.push(self.item()?),
                _ => break,
            }
        }
        if items.is_empty() {
            return Err(self.expected("a token ([…] or \"…\") or a group (…)"));
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Node::Seq(Vec::new())) } else { Node::Seq(items) })
    }

    /// `atom quantifier?`
    fn item(&mut self) -> Result<Node, Error> {
        let atom = match self.peek() {
            Some('[') => {
                self.at += 1;
                self.skip_space();
                if self.peek() == Some(']') {
                    self.at += 1;
                    Node::Token(Pred::Any)
                } else {
                    let pred = self.or_pred()?;
                    if !self.eat(']') {
                        return Err(self.expected("]"));
                    }
                    Node::Token(pred)
                }
            }
            Some('(') => {
                self.at += 1;
                let node = self.alternation()?;
                if !self.eat(')') {
                    return Err(self.expected(")"));
                }
                node
            }
            _ => {
                let value = self.value()?;
                Node::Token(Pred::Cmp { attr: Attr::Word, negated: false, value })
            }
        };
        self.quantifier(atom)
    }

    /// `? * + {n} {n,} {n,m} {,m}`
    fn quantifier(&mut self, atom: Node) -> Result<Node, Error> {
        self.skip_space();
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let open = self.at;
                self.at += 1;
                let min = self.number()?.unwrap_or(0);
                let max = if self.eat(',') { self.number()? } else { Some(min) };
                if !self.eat('}') {
                    return Err(self.expected("} to close the repetition"));
                }
                if max.is_some_and(|m| m < min) {
                    return Err(self.error_at(
                        open,
                        format!("the repetition {{{min},…}} has a maximum below its minimum"),
                    ));
                }
                if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
                    return Err(self.error_at(open, format!("a repetition is at most {{0,{MAX_REPEAT}}}")));
                }
                self.at -= 1; // the `}`, consumed below
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.at += 1;
        Ok(Node::Repeat(Box::new(atom), min, max))
    }

    /// An unsigned integer, if one is next.
    fn number(&mut self) -> Result<Option<u32>, Error> {
        self.skip_space();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start {
            return Ok(None);
        }
        let text: String = self.chars[start..self.at].iter().collect();
        match text.parse::<u32>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => Err(self.error_at(start, format!("a repetition is at most {{0,{MAX_REPEAT}}}"))),
        }
    }

    /// `and ( | and )*` inside brackets.
    fn or_pred(&mut self) -> Result<Pred, Error> {
        self.enter()?;
        let mut items = vec![self.and_pred()?];
        while self.eat('|') {
            items.push(self.and_pred()?);
        }
        self.depth -= 1;
        Ok(if items.len() == 1 { items.pop().unwrap_or(Pred::Any) } else { Pred::Or(items) })
    }

    /// `unary ( & unary )*`
    fn and_pred(&mut self) -> Result<Pred, Error> {
        let mut items = vec![self.unary_pred()?];
        while self.eat('&') {
            items.push(self.unary_pred()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Pred::Any) } else { Pred::And(items) })
    }

    /// `! unary | ( or ) | attr (=|!=) value`
    fn unary_pred(&mut self) -> Result<Pred, Error> {
        self.skip_space();
        match self.peek() {
            Some('!') => {
                self.at += 1;
                self.enter()?;
                let inner = self.unary_pred()?;
                self.depth -= 1;
                Ok(Pred::Not(Box::new(inner)))
            }
            Some('(') => {
                self.at += 1;
                let inner = self.or_pred()?;
                if !self.eat(')') {
                    return Err(self.expected(")"));
                }
                Ok(inner)
            }
            _ => {
                let start = self.at;
                while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    self.at += 1;
                }
                let name: String = self.chars[start..self.at].iter().collect();
                let attr = match name.as_str() {
                    "word" => Attr::Word,
                    "pos" => Attr::Pos,
                    "" => return Err(self.expected("an attribute (word or pos), ! or (")),
                    other => {
                        return Err(self.error_at(
                            start,
                            format!("unknown attribute `{other}` (a token has word and pos)"),
                        ))
                    }
                };
                self.skip_space();
                let negated = match (self.peek(), self.chars.get(self.at + 1)) {
                    (Some('='), _) => {
                        self.at += 1;
                        false
                    }
                    (Some('!'), Some('=')) => {
                        self.at += 2;
                        true
                    }
                    _ => return Err(self.expected("= or !=")),
                };
                self.skip_space();
                let value = self.value()?;
                Ok(Pred::Cmp { attr, negated, value })
            }
        }
    }

    /// A quoted value (`"…"` or `'…'`, `\` escaping the quote) and its
    /// flags (`%c`, `%l`).
    fn value(&mut self) -> Result<Value, Error> {
        self.skip_space();
        let at = self.at;
        let quote = match self.peek() {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(self.expected("a quoted value such as \"n.*\"")),
        };
        self.at += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(self.expected(&format!("{quote} to close the value"))),
                Some('\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(c) if c == quote => text.push(c),
                        Some(c) => {
                            text.push('\\');
                            text.push(c);
                        }
                        None => return Err(self.expected("a character after \\")),
                    }
                    self.at += 1;
                }
                Some(c) if c == quote => {
                    self.at += 1;
                    break;
                }
                Some(c) => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        let mut value = Value { text, ignore_case: false, literal: false, at, at_utf16: self.utf16(at) };
        while self.peek() == Some('%') {
            self.at += 1;
            let start = self.at;
            while let Some(c) = self.peek().filter(|c| c.is_ascii_alphabetic()) {
                match c {
                    'c' => value.ignore_case = true,
                    'l' => value.literal = true,
                    _ => {
                        return Err(self.error_at(
                            self.at,
                            format!("unknown flag `%{c}` (the flags are %c, ignore case, and %l, literal)"),
                        ))
                    }
                }
                self.at += 1;
            }
            if self.at == start {
                return Err(self.expected("a flag (c or l) after %"));
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact form of a parsed query, for tables.
    fn show(q: &Cql) -> String {
        fn pred(p: &Pred) -> String {
            match p {
                Pred::Any => String::new(),
                Pred::Cmp { attr, negated, value } => format!(
                    "{}{}{:?}{}{}",
                    if *attr == Attr::Word { "word" } else { "pos" },
                    if *negated { "!=" } else { "=" },
                    value.text,
                    if value.ignore_case { "%c" } else { "" },
                    if value.literal { "%l" } else { "" }
                ),
                Pred::And(items) => format!("({})", items.iter().map(pred).collect::<Vec<_>>().join("&")),
                Pred::Or(items) => format!("({})", items.iter().map(pred).collect::<Vec<_>>().join("|")),
                Pred::Not(inner) => format!("!{}", pred(inner)),
            }
        }
        fn node(n: &Node) -> String {
            match n {
                Node::Token(p) => format!("[{}]", pred(p)),
                Node::Seq(items) => items.iter().map(node).collect::<Vec<_>>().join(" "),
                Node::Alt(items) => format!("({})", items.iter().map(node).collect::<Vec<_>>().join(" | ")),
                Node::Repeat(inner, min, max) => {
                    format!("({}){{{min},{}}}", node(inner), max.map_or(String::new(), |m| m.to_string()))
                }
            }
        }
        let within = if q.within == Within::Sentence { " within s" } else { "" };
        format!("{}{within}", node(&q.node))
    }

    #[test]
    fn valid_queries() {
        let cases = [
            (r#"[word="党建"]"#, r#"[word="党建"]"#),
            (r#""党建""#, r#"[word="党建"]"#),
            ("'党建'", r#"[word="党建"]"#),
            (r#"[pos="v"]"#, r#"[pos="v"]"#),
            ("[]", "[]"),
            (r#"[pos="a"] "的" [pos="n.*"]"#, r#"[pos="a"] [word="的"] [pos="n.*"]"#),
            (r#"[pos != "w"]"#, r#"[pos!="w"]"#),
            (r#"[word=".*化" & pos="v.*"]"#, r#"[(word=".*化"&pos="v.*")]"#),
            (r#"[!pos="w"]"#, r#"[!pos="w"]"#),
            (r#"[(pos="n" | pos="v") & !word="是"]"#, r#"[((pos="n"|pos="v")&!word="是")]"#),
            (r#""发展" []{0,3} "经济""#, r#"[word="发展"] ([]){0,3} [word="经济"]"#),
            ("[]? [] * []+ []{2} []{2,} []{,4}", "([]){0,1} ([]){0,} ([]){1,} ([]){2,2} ([]){2,} ([]){0,4}"),
            (r#"("改革" | "开放") "的""#, r#"([word="改革"] | [word="开放"]) [word="的"]"#),
            (r#""a" "b" | "c""#, r#"([word="a"] [word="b"] | [word="c"])"#),
            (r#"[pos="n"]+ within s"#, r#"([pos="n"]){1,} within s"#),
            (r#"[pos="n"] within text"#, r#"[pos="n"]"#),
            (r#""gdp"%c"#, r#"[word="gdp"%c]"#),
            (r#"[word="a.b"%l]"#, r#"[word="a.b"%l]"#),
            (r#"[word="say \"hi\""]"#, r#"[word="say \"hi\""]"#),
            (r#"[word="\."]"#, r#"[word="\\."]"#),
            ("  [ pos = \"n\" ]  ", r#"[pos="n"]"#),
        ];
        for (query, want) in cases {
            let got = parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
            assert_eq!(show(&got), want, "{query}");
        }
    }

    #[test]
    fn errors_name_the_position_and_what_was_expected() {
        let cases = [
            (r#"[pos="n" "#, "expected ] at 9"),
            (r#"[pos="n""#, "expected ] at 8"),
            (r#"[pos="n]"#, "expected \" to close the value at 8"),
            ("[pos]", "expected = or != at 4"),
            (r#"[lemma="x"]"#, "unknown attribute `lemma` (a token has word and pos) at 1"),
            (r#"[pos=n]"#, "expected a quoted value such as \"n.*\" at 5"),
            (r#"[pos="n"] )"#, "this ) closes no ( at 10"),
            (r#"("a" "b""#, "expected ) at 8"),
            (r#"[pos="n"]{3,1}"#, "has a maximum below its minimum at 9"),
            (r#"[pos="n"]{1,500}"#, "a repetition is at most {0,100} at 9"),
            (r#"[pos="n"]{2"#, "expected } to close the repetition at 11"),
            (r#"[pos="n"] within paragraph"#, "expected s or text after within at 17"),
            (r#"[pos="n"] xyz"#, "at 10"),
            (r#""x"%q"#, "unknown flag `%q`"),
            ("[]*", "can match no token at all"),
            (r#""x"?"#, "can match no token at all"),
            ("", "query is empty"),
            ("|", "expected a token"),
            ("[&]", "expected an attribute (word or pos), ! or ( at 1"),
        ];
        for (query, want) in cases {
            let err = parse(query).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidQuery, "{query}");
            assert!(err.message().contains(want), "{query}: {err}");
        }
        let deep = format!("{}[]{}", "(".repeat(40), ")".repeat(40));
        assert!(parse(&deep).unwrap_err().message().contains("nests deeper"));
        let long = "[]".repeat(600);
        assert!(parse(&long).unwrap_err().message().contains("the limit is 1000"));
    }

    #[test]
    fn what_counts_as_cql() {
        for q in [
            "[pos=\"n\"]",
            " [word=\"x\"]",
            "(\"a\" | \"b\")",
            "\"的\" [pos=\"n\"]",
            "\"a\" \"b\" []",
            "\"a\"+",
            "\"a\"{2}",
            "\"a\" | \"b\"",
            "\"a\" within s",
            "\"a\"%c [pos=\"n\"]",
        ] {
            assert!(looks_like_cql(q), "{q}");
        }
        for q in [
            "拉萨",
            "\"党建\"",
            "\"党建\" \"工作\"",
            "\"拉萨 党建\" -林芝",
            "拉萨 OR 林芝",
            "\"未闭合 的引号",
            "“三大行动”",
            "a[1]",
            "\"a\" withinx",
        ] {
            assert!(!looks_like_cql(q), "{q}");
        }
    }
}
