//! The search query language.
//!
//! ```text
//! 拉萨 党建          both terms are required (in any order, anywhere)
//! "拉萨 党建"        one term with a space: matches 拉萨, then whitespace, then 党建
//! 拉萨 -林芝         excludes documents containing 林芝
//! 拉萨 OR 林芝 党建   (拉萨 or 林芝) and 党建
//! ```
//!
//! Terms are separated by whitespace (including the ideographic space).
//! Quotes are ASCII `"` or full-width `＂`; an unclosed quote runs to the end.
//! A leading `-` or `－` excludes the term; `OR` (upper case, between two terms)
//! joins alternatives. Chinese quotation marks “ ” are ordinary characters,
//! so `“三大行动”` finds the quoted form only.

use crate::error::{Error, ErrorKind};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most terms accepted in one query.
pub const MAX_TERMS: usize = 32;

/// A term as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term's text (without quotes or `-`).
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
}

/// A parsed query: every clause is required, and no excluded term may occur.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Required clauses; a clause is satisfied by any of its alternatives.
    pub clauses: Vec<Vec<Term>>,
    /// Terms that must not occur.
    pub excluded: Vec<Term>,
}

impl Query {
    /// Whether the query is one unquoted term without spaces, the form that
    /// also matches documents containing all of the term's words.
    pub fn single_bare_term(&self) -> Option<&Term> {
        match (self.clauses.as_slice(), self.excluded.is_empty()) {
            ([clause], true) => match clause.as_slice() {
                [t] if !t.quoted => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Debug)]
enum Token {
    Term { term: Term, negated: bool },
    Or,
}

/// Parse `input`.
pub fn parse(input: &str) -> Result<Query, Error> {
    let chars = super::char_count(input);
    if chars > MAX_QUERY_CHARS {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            format!("query is {chars} characters long; the limit is {MAX_QUERY_CHARS}"),
        ));
    }
    let tokens = tokenize(input);
    let mut query = Query::default();
    let mut i = 0;
    let mut join_next = false;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Or => {
                // `OR` between two positive terms joins them; after the last
                // term it is an operator still being typed and is left out;
                // elsewhere it is a word.
                let prev_positive = query.clauses.last().is_some() && !join_next && i > 0 && {
                    matches!(tokens[i - 1], Token::Term { negated: false, .. })
                };
                let next_positive = matches!(tokens.get(i + 1), Some(Token::Term { negated: false, .. }));
                if prev_positive && next_positive {
                    join_next = true;
                } else if prev_positive && i + 1 == tokens.len() {
                    // `拉萨 OR`: as `拉萨`.
                } else {
                    push_clause(&mut query, Term { text: "OR".into(), quoted: false }, &mut join_next);
                }
            }
            Token::Term { term, negated: true } => query.excluded.push(term.clone()),
            Token::Term { term, negated: false } => push_clause(&mut query, term.clone(), &mut join_next),
        }
        i += 1;
    }
    let terms = query.clauses.iter().map(Vec::len).sum::<usize>() + query.excluded.len();
    if terms > MAX_TERMS {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            format!("query has {terms} terms; the limit is {MAX_TERMS}"),
        ));
    }
    if query.clauses.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidQuery,
            if query.excluded.is_empty() {
                "query is empty: type at least one character (use filter() to browse without a query)"
            } else {
                "query only excludes terms: add at least one term to search for"
            },
        ));
    }
    Ok(query)
}

fn push_clause(query: &mut Query, term: Term, join: &mut bool) {
    match query.clauses.last_mut() {
        Some(last) if *join => last.push(term),
        _ => query.clauses.push(vec![term]),
    }
    *join = false;
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '＂'
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || c.is_control()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut negated = false;
        if first == '-' || first == '－' {
            chars.next();
            match chars.peek() {
                Some(&c) if !c.is_whitespace() && !c.is_control() => negated = true,
                // A lone `-` is a term of its own.
                _ => {
                    tokens.push(Token::Term {
                        term: Term { text: first.to_string(), quoted: false },
                        negated: false,
                    });
                    continue;
                }
            }
        }
        let quoted = chars.peek().copied().is_some_and(is_quote);
        let mut text = String::new();
        if quoted {
            chars.next();
            for c in chars.by_ref() {
                if is_quote(c) {
                    break;
                }
                text.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c.is_control() {
                    break;
                }
                text.push(c);
                chars.next();
            }
        }
        let empty = text.chars().all(|c| c.is_whitespace() || c.is_control());
        if empty {
            continue;
        }
        if !quoted && !negated && text == "OR" {
            tokens.push(Token::Or);
        } else {
            tokens.push(Token::Term { term: Term { text, quoted }, negated });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(q: &Query) -> String {
        let term = |t: &Term| {
            if t.quoted {
                format!("\"{}\"", t.text)
            } else {
                t.text.clone()
            }
        };
        let mut parts: Vec<String> =
            q.clauses.iter().map(|c| c.iter().map(term).collect::<Vec<_>>().join("|")).collect();
        parts.extend(q.excluded.iter().map(|t| format!("-{}", term(t))));
        parts.join(" ")
    }

    #[test]
    fn table_of_queries() {
        let cases = [
            ("拉萨 党建", "拉萨 党建"),
            ("  拉萨\u{3000}党建  ", "拉萨 党建"),
            ("\"拉萨 党建\" 工作", "\"拉萨 党建\" 工作"),
            ("＂拉萨 党建＂", "\"拉萨 党建\""),
            ("\"未闭合 的引号", "\"未闭合 的引号\""),
            ("拉萨 -林芝", "拉萨 -林芝"),
            ("拉萨 －林芝", "拉萨 -林芝"),
            ("拉萨 -\"林芝 市\"", "拉萨 -\"林芝 市\""),
            ("拉萨 OR 林芝 党建", "拉萨|林芝 党建"),
            ("a OR b OR c", "a|b|c"),
            ("OR 拉萨", "OR 拉萨"),
            ("拉萨 OR", "拉萨"),
            ("OR", "OR"),
            ("拉萨 or 林芝", "拉萨 or 林芝"),
            ("拉萨 OR -林芝", "拉萨 OR -林芝"),
            ("- 拉萨", "- 拉萨"),
            ("“三大行动”", "“三大行动”"),
            ("GDP-2024", "GDP-2024"),
        ];
        for (input, want) in cases {
            assert_eq!(show(&parse(input).unwrap()), want, "{input:?}");
        }
    }

    #[test]
    fn bad_queries_are_errors() {
        for input in ["", "   ", "\"\"", "-林芝", "-a -b", "\u{0}"] {
            let err = parse(input).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidQuery, "{input:?}");
        }
        let long = "拉".repeat(MAX_QUERY_CHARS + 1);
        assert!(parse(&long).unwrap_err().message().contains("limit is 1000"));
        let many = (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        assert!(parse(&many).unwrap_err().message().contains("40 terms"));
    }

    #[test]
    fn single_bare_term() {
        assert!(parse("党建工作").unwrap().single_bare_term().is_some());
        assert!(parse("\"党建工作\"").unwrap().single_bare_term().is_none());
        assert!(parse("党建 工作").unwrap().single_bare_term().is_none());
        assert!(parse("党建 -工作").unwrap().single_bare_term().is_none());
    }
}
