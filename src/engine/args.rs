//! Arguments from JavaScript, checked before use.
//!
//! The wasm layer turns any JS value into an [`Arg`] tree (bounded in depth
//! and size); this module turns `Arg`s into typed options, with one message
//! per mistake naming the option, the rule and the value received. Keeping
//! the checks here, not in the wasm layer, lets native tests exercise every
//! one of them.

use crate::error::Error;

/// A JavaScript value, as far as the API cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `undefined` (or a missing argument).
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    List(Vec<Arg>),
    /// A plain object, in key order.
    Map(Vec<(String, Arg)>),
    /// Anything else (function, symbol, bigint, Map, ...), by type name.
    Other(String),
}

impl Arg {
    /// A short description for messages: `a string`, `the number -1`, ...
    pub fn describe(&self) -> String {
        match self {
            Arg::Undefined => "undefined".into(),
            Arg::Null => "null".into(),
            Arg::Bool(b) => format!("the boolean {b}"),
            Arg::Number(x) => format!("the number {}", number_text(*x)),
            Arg::String(s) if super::char_count(s) > 40 => "a long string".into(),
            Arg::String(s) => format!("the string \"{s}\""),
            Arg::List(_) => "an array".into(),
            Arg::Map(_) => "an object".into(),
            Arg::Other(t) => format!("a {t}"),
        }
    }

    fn is_absent(&self) -> bool {
        matches!(self, Arg::Undefined | Arg::Null)
    }
}

/// `items` separated by commas, for messages.
pub fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// A number as JavaScript would print it, for messages, without pulling
/// float formatting into the wasm: integers exactly, others to six decimals.
pub fn number_text(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return (x as i64).to_string();
    }
    if x.abs() >= 9.0e15 {
        return if x > 0.0 { "a number above 9e15".into() } else { "a number below -9e15".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    let micro = (x.fract() * 1e6).round() as u64;
    let (whole, micro) =
        if micro >= 1_000_000 { (x.trunc() as u64 + 1, 0) } else { (x.trunc() as u64, micro) };
    let frac = format!("{micro:06}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// A non-negative integer argument in `0..=max`, `default` when absent.
pub fn integer(what: &str, arg: &Arg, default: usize, max: usize) -> Result<usize, Error> {
    match arg {
        a if a.is_absent() => Ok(default),
        Arg::Number(x) if x.fract() == 0.0 && *x >= 0.0 && *x <= max as f64 => Ok(*x as usize),
        other => Err(Error::argument(format!(
            "{what} must be an integer from 0 to {max}, got {}",
            other.describe()
        ))),
    }
}

/// The string argument `what` (required).
pub fn string<'a>(what: &str, arg: &'a Arg) -> Result<&'a str, Error> {
    match arg {
        Arg::String(s) => Ok(s),
        other => Err(Error::argument(format!("{what} must be a string, got {}", other.describe()))),
    }
}

/// The entries of an options object (empty when absent), after checking
/// that every key is one of `known`.
pub fn options<'a>(what: &str, arg: &'a Arg, known: &[&str]) -> Result<Vec<(&'a str, &'a Arg)>, Error> {
    let entries = match arg {
        a if a.is_absent() => return Ok(Vec::new()),
        Arg::Map(entries) => entries,
        other => return Err(Error::argument(format!("{what} must be an object, got {}", other.describe()))),
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        if !known.contains(&key.as_str()) {
            return Err(Error::argument(format!(
                "unknown option `{key}` in {what}; expected one of: {}",
                list(known)
            )));
        }
        out.push((key.as_str(), value));
    }
    Ok(out)
}

/// The option `key` from parsed entries, `Undefined` if absent.
pub fn get<'a>(entries: &[(&str, &'a Arg)], key: &str) -> &'a Arg {
    entries.iter().find(|(k, _)| *k == key).map_or(&Arg::Undefined, |(_, v)| v)
}

/// A filter value as given.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// Filters as given: field name and values.
pub type Filters = Vec<(String, Vec<FilterValue>)>;

/// Parse a filters object `{ field: [values] }`; a single value may stand
/// for a one-element list.
pub fn filters(arg: &Arg) -> Result<Filters, Error> {
    let entries = match arg {
        a if a.is_absent() => return Ok(Vec::new()),
        Arg::Map(entries) => entries,
        other => {
            return Err(Error::argument(format!(
                "filters must be an object such as {{ region: [\"拉萨市\"] }}, got {}",
                other.describe()
            )))
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (field, value) in entries {
        let items: &[Arg] = match value {
            Arg::List(items) => items,
            a if a.is_absent() => continue,
            single => std::slice::from_ref(single),
        };
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            values.push(match item {
                Arg::String(s) => FilterValue::Text(s.clone()),
                Arg::Number(x) if x.is_finite() => FilterValue::Number(*x),
                Arg::Bool(b) => FilterValue::Bool(*b),
                other => {
                    return Err(Error::argument(format!(
                        "filter values must be strings, numbers or booleans; filters.{field} has {}",
                        other.describe()
                    )))
                }
            });
        }
        out.push((field.clone(), values));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_checked() {
        assert_eq!(integer("limit", &Arg::Undefined, 10, 100), Ok(10));
        assert_eq!(integer("limit", &Arg::Number(5.0), 10, 100), Ok(5));
        for bad in [
            Arg::Number(-1.0),
            Arg::Number(1.5),
            Arg::Number(f64::NAN),
            Arg::Number(f64::INFINITY),
            Arg::Number(1e300),
            Arg::String("5".into()),
            Arg::Bool(true),
        ] {
            let err = integer("limit", &bad, 10, 100).unwrap_err();
            assert!(err.message().starts_with("limit must be an integer from 0 to 100, got"), "{err}");
        }
    }

    #[test]
    fn unknown_options_are_named() {
        let arg = Arg::Map(vec![("limt".into(), Arg::Number(1.0))]);
        let err = options("search options", &arg, &["limit", "offset"]).unwrap_err();
        assert_eq!(err.message(), "unknown option `limt` in search options; expected one of: limit, offset");
        assert!(options("x", &Arg::Number(3.0), &[]).is_err());
        assert!(options("x", &Arg::Null, &[]).unwrap().is_empty());
    }

    #[test]
    fn numbers_print_like_javascript_for_messages() {
        for (x, want) in [
            (-1.0, "-1"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1e300, "a number above 9e15"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
            (-2.25, "-2.25"),
            (3.9999999, "4"),
        ] {
            assert_eq!(number_text(x), want);
        }
    }

    #[test]
    fn filters_accept_single_values() {
        let arg = Arg::Map(vec![
            ("region".into(), Arg::String("拉萨市".into())),
            ("year".into(), Arg::List(vec![Arg::Number(2024.0), Arg::String("2025".into())])),
            ("ok".into(), Arg::Bool(true)),
            ("none".into(), Arg::Null),
        ]);
        assert_eq!(
            filters(&arg).unwrap(),
            vec![
                ("region".to_string(), vec![FilterValue::Text("拉萨市".into())]),
                ("year".to_string(), vec![FilterValue::Number(2024.0), FilterValue::Text("2025".into())]),
                ("ok".to_string(), vec![FilterValue::Bool(true)]),
            ]
        );
        let bad = Arg::Map(vec![("region".into(), Arg::List(vec![Arg::Map(vec![])]))]);
        assert!(filters(&bad).unwrap_err().message().contains("filters.region has an object"));
        assert!(filters(&Arg::String("x".into())).is_err());
    }
}
