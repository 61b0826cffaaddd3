//! Metadata filters and facet counts.
//!
//! A filter `{ region: ["拉萨市", "林芝市"], kind: ["article"] }` keeps the
//! documents that have one of the listed values in every listed field:
//! values of one field are OR-ed, fields are AND-ed, and an empty object or
//! an empty list filters nothing.
//!
//! Facets are *disjunctive*: the counts for a field describe the documents
//! that match the query and the filters on the *other* fields, so choosing
//! 拉萨市 does not make 林芝市 disappear from the region facet, while it does
//! narrow the counts of `kind`. A selected value is always listed, even at 0.

use super::options::{FilterValue, Filters};
use super::order;
use super::results::{Facets, Object};
use super::Corpus;
use crate::bundle::{Field, FieldKind};
use crate::error::{Error, ErrorKind};

/// Filters checked against the corpus: per field, the value ids allowed.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// (field index, sorted allowed value ids).
    fields: Vec<(usize, Vec<u32>)>,
}

impl Selection {
    /// Check `filters` against `corpus`: an unknown field is an error; an
    /// unknown value is allowed and matches no document.
    pub fn new(corpus: &Corpus<'_>, filters: &Filters) -> Result<Selection, Error> {
        let mut sel = Selection::default();
        for (name, values) in &filters.0 {
            let Some(index) = corpus.fields().iter().position(|f| f.name == name) else {
                let names: Vec<&str> = corpus.fields().iter().map(|f| f.name).collect();
                return Err(Error::new(
                    ErrorKind::UnknownField,
                    format!(
                        "unknown filter field `{name}`; this corpus has: {}",
                        super::options::list(&names)
                    ),
                ));
            };
            if values.is_empty() {
                continue;
            }
            let field = &corpus.fields()[index];
            // A number field's values in text order, once, for text filter
            // values (a filter may list thousands: no scan per value).
            let by_text: Vec<u32> = if field.kind == FieldKind::Number
                && values.iter().any(|v| matches!(v, FilterValue::Text(_)))
            {
                let mut ids: Vec<u32> = (0..field.values.len() as u32).collect();
                order::sort(&mut ids, &|a, b| {
                    field.values.bytes(a as usize).cmp(&field.values.bytes(b as usize))
                });
                ids
            } else {
                Vec::new()
            };
            let ids = values.iter().filter_map(|v| value_id(field, v, &by_text));
            match sel.fields.iter_mut().find(|(i, _)| *i == index) {
                Some((_, existing)) => {
                    existing.extend(ids);
                    order::sort_dedup(existing);
                }
                None => {
                    let mut ids: Vec<u32> = ids.collect();
                    order::sort_dedup(&mut ids);
                    sel.fields.push((index, ids));
                }
            }
        }
        Ok(sel)
    }

    /// Whether there are no filters.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    fn field_passes(&self, corpus: &Corpus<'_>, (index, ids): &(usize, Vec<u32>), d: usize) -> bool {
        let field = &corpus.fields()[*index];
        corpus.value_ids(field, d).any(|v| ids.binary_search(&v).is_ok())
    }

    /// Whether document `d` passes every filter.
    pub fn passes(&self, corpus: &Corpus<'_>, d: usize) -> bool {
        self.fields.iter().all(|f| self.field_passes(corpus, f, d))
    }

    /// How many fields document `d` fails (counting stops at two) and the
    /// index of the last one failed.
    fn failures(&self, corpus: &Corpus<'_>, d: usize) -> (usize, usize) {
        let mut n = 0;
        let mut which = 0;
        for f in &self.fields {
            if !self.field_passes(corpus, f, d) {
                n += 1;
                which = f.0;
                if n == 2 {
                    break;
                }
            }
        }
        (n, which)
    }

    /// Facet counts over `base` (the documents matching the query, before
    /// filtering), at most `limit` values per field.
    pub fn facets<'a>(
        &self,
        corpus: &Corpus<'a>,
        base: &mut dyn Iterator<Item = usize>,
        limit: usize,
    ) -> Result<Facets<'a>, Error> {
        let fields = corpus.fields();
        let mut counts: Vec<Vec<usize>> =
            fields.iter().map(|f| if f.facet { vec![0; f.values.len()] } else { Vec::new() }).collect();
        let mut count_field = |k: usize, d: usize| {
            let field = &fields[k];
            if !field.facet {
                return;
            }
            for id in corpus.value_ids(field, d) {
                if let Some(c) = counts[k].get_mut(id as usize) {
                    *c += 1;
                }
            }
        };
        for d in base {
            match self.failures(corpus, d) {
                (0, _) => (0..fields.len()).for_each(|k| count_field(k, d)),
                (1, k) => count_field(k, d),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (k, field) in fields.iter().enumerate() {
            if !field.facet {
                continue;
            }
            let keep = self.fields.iter().find(|(i, _)| *i == k).map_or(&[][..], |(_, ids)| ids);
            out.push((field.name, corpus.ranked_values(field, &counts[k], limit, keep)?));
        }
        Ok(Object(out))
    }
}

/// The id of filter value `v` among `field`'s values, if the corpus has it.
/// Numbers match number fields by value, and other fields by their integer
/// text (`2024` finds `"2024"`); strings match by canonical text
/// (`"2024"` finds the number 2024); booleans match `true`/`false`.
/// `by_text` is a number field's value ids in the order of their text.
fn value_id(field: &Field<'_>, v: &FilterValue, by_text: &[u32]) -> Option<u32> {
    let text = |t: &str| field.values.find_sorted(t.as_bytes());
    let found = match (field.kind, v) {
        (FieldKind::Number, FilterValue::Number(x)) => {
            let n = field.values.len();
            let i = partition_point(n, |i| field.number(i).is_some_and(|y| y.total_cmp(x).is_lt()));
            (i < n && field.number(i) == Some(*x)).then_some(i)
        }
        (FieldKind::Number, FilterValue::Text(t)) => {
            let key = Some(t.as_bytes());
            let i = partition_point(by_text.len(), |i| field.values.bytes(by_text[i] as usize) < key);
            by_text.get(i).filter(|&&id| field.values.bytes(id as usize) == key).map(|&id| id as usize)
        }
        (FieldKind::Number, FilterValue::Bool(_)) => None,
        (_, FilterValue::Text(t)) => text(t),
        (_, FilterValue::Bool(b)) => text(if *b { "true" } else { "false" }),
        (_, FilterValue::Number(x)) if x.fract() == 0.0 && x.abs() < 9.0e15 => text(&(*x as i64).to_string()),
        (_, FilterValue::Number(_)) => None,
    };
    found.map(|i| i as u32)
}

/// The first index in `0..n` for which `pred` is false (`pred` true on a prefix).
fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
