//! The query engine: search, browse, concordance, documents, segmentation
//! and statistics over a decoded bundle. Run time (wasm and native).
//!
//! [`Corpus`] borrows a [`Bundle`] and answers the API calls; the wasm layer
//! ([`crate::wasm`]) only converts arguments and results. Every method checks
//! its arguments and returns an [`Error`] rather than panicking.
//!
//! Submodules, in the order a search uses them: [`options`] (the calls'
//! options, typed and checked), [`query`] (parsing), [`pattern`] (finding occurrences, with
//! [`bytes`], the byte-string search),
//! [`order`] (compact sorting),
//! [`filters`] (metadata filters and facets), [`search`] (ranking),
//! [`snippet`], [`concordance`], and [`results`] (what is returned).

pub mod bytes;
pub mod concordance;
#[cfg(feature = "stats")]
pub mod cql;
pub mod filters;
pub mod options;
pub mod order;
pub mod pattern;
#[cfg(feature = "stats")]
pub mod pinyin;
pub mod query;
pub mod results;
pub mod search;
pub mod snippet;
#[cfg(feature = "stats")]
pub mod stats;
#[cfg(feature = "stats")]
pub mod tokens;

use crate::bundle::han::HanClasses;
use crate::bundle::{Bundle, Field, FieldKind};
use crate::error::{Error, ErrorKind};
use crate::segment::Segmenter;
use options::{ConcordanceOptions, DocOptions, FilterOptions, Filters, SearchOptions};
use pattern::{Occurrence, Pattern};
use results::{Info, MetaValue, SchemaField, Token, ValueCount};

/// Scans of long ranges go in pieces of about this many bytes.
const SCAN_PIECE: usize = 1 << 20;

/// Longest text `segment` accepts, in characters.
pub const MAX_SEGMENT_CHARS: usize = 1_000_000;

/// A corpus ready to query.
#[derive(Debug, Clone)]
pub struct Corpus<'a> {
    bundle: Bundle<'a>,
    /// Where its tokens are kept once derived (corpus queries and statistics).
    #[cfg(feature = "stats")]
    tokens: Option<&'a tokens::TokenCache>,
}

/// What `concordance` returns: lines, or (corpus-linguistics build) CSV.
#[cfg(feature = "stats")]
pub type ConcordanceOutput<'a> = stats::concordance::Output<'a>;
/// What `concordance` returns.
#[cfg(not(feature = "stats"))]
pub type ConcordanceOutput<'a> = results::Concordance<'a>;

impl<'a> Corpus<'a> {
    /// Open a bundle, checking it fully (with its checksum if `verify`).
    pub fn open(bytes: &'a [u8], verify: bool) -> Result<Self, Error> {
        Ok(Corpus::of(Bundle::from_bytes(bytes, verify)?))
    }

    fn of(bundle: Bundle<'a>) -> Self {
        Corpus {
            bundle,
            #[cfg(feature = "stats")]
            tokens: None,
        }
    }

    /// The classes of traditional and simplified characters.
    pub fn han(&self) -> HanClasses<'a> {
        HanClasses(self.bundle.han)
    }

    /// Open bytes that [`Corpus::open`] accepted before, without checking
    /// them again (see [`Bundle::reopen`]).
    pub fn reopen(bytes: &'a [u8]) -> Result<Self, Error> {
        Ok(Corpus::of(Bundle::reopen(bytes)?))
    }

    /// `search(query, options)`.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<results::SearchResult<'a>, Error> {
        #[cfg(feature = "stats")]
        if cql::looks_like_cql(query) {
            return stats::search::search(self, self.tokens()?, query, options);
        }
        search::search(self, query, options)
    }

    /// `suggest(prefix, options)` ([`pinyin::suggest`]).
    #[cfg(feature = "stats")]
    pub fn suggest(
        &self,
        prefix: &str,
        options: &options::SuggestOptions,
    ) -> Result<Vec<results::Suggestion<'a>>, Error> {
        pinyin::suggest(self, prefix, options.limit.get())
    }

    /// `filter(filters, options)`.
    pub fn filter(
        &self,
        filters: &Filters,
        options: &FilterOptions,
    ) -> Result<results::FilterResult<'a>, Error> {
        search::filter(self, &options.clone().with_filters(filters.clone()))
    }

    /// `concordance(query, options)`: character matches in the search-only
    /// build; with corpus linguistics, also CQL, sort keys, samples, token
    /// context and CSV ([`stats::concordance`]).
    pub fn concordance(
        &self,
        query: &str,
        options: &ConcordanceOptions,
    ) -> Result<ConcordanceOutput<'a>, Error> {
        #[cfg(feature = "stats")]
        {
            use options::{SortKey, SortSpec};
            let simple = match &options.sort {
                None => Some(options::Sort::Doc),
                Some(SortSpec(keys)) => match keys.as_slice() {
                    [SortKey::Doc] => Some(options::Sort::Doc),
                    [SortKey::Left] => Some(options::Sort::Left),
                    [SortKey::Right] => Some(options::Sort::Right),
                    _ => None,
                },
            };
            let plain = !cql::looks_like_cql(query)
                && options.context_unit.as_deref().is_none_or(|u| u == "char")
                && options.sample.is_none()
                && options.format.is_none();
            match simple {
                Some(sort) if plain => concordance::concordance(self, query, options, sort)
                    .map(stats::concordance::Output::Lines),
                _ => stats::concordance::concordance(self, self.tokens()?, query, options),
            }
        }
        #[cfg(not(feature = "stats"))]
        concordance::concordance(self, query, options, options.sort.unwrap_or_default())
    }

    /// Keep the corpus's tokens, once derived, in `cache` (corpus queries
    /// and statistics need them).
    #[cfg(feature = "stats")]
    pub fn with_tokens(mut self, cache: &'a tokens::TokenCache) -> Self {
        self.tokens = Some(cache);
        self
    }

    /// The corpus's tokens, derived on first use (see [`tokens`]).
    #[cfg(feature = "stats")]
    pub fn tokens(&self) -> Result<&'a tokens::Tokens, Error> {
        match self.tokens {
            Some(cache) => cache.get(self),
            None => {
                Err(Error::argument("this corpus was opened without a token cache (Corpus::with_tokens)"))
            }
        }
    }

    /// `frequencies(query, options)` ([`stats::frequencies`]).
    #[cfg(feature = "stats")]
    pub fn frequencies(
        &self,
        query: Option<&str>,
        options: &options::FrequencyOptions,
    ) -> Result<stats::frequencies::Output<'a>, Error> {
        stats::frequencies::frequencies(self, self.tokens()?, query, options)
    }

    /// `collocates(query, options)` ([`stats::collocates`]).
    #[cfg(feature = "stats")]
    pub fn collocates(
        &self,
        query: &str,
        options: &options::CollocateOptions,
    ) -> Result<stats::collocates::Output<'a>, Error> {
        stats::collocates::collocates(self, self.tokens()?, query, options)
    }

    /// `ngrams(options)` ([`stats::ngrams`]).
    #[cfg(feature = "stats")]
    pub fn ngrams(&self, options: &options::NgramOptions) -> Result<stats::ngrams::Output<'a>, Error> {
        stats::ngrams::ngrams(self, self.tokens()?, options)
    }

    /// `dispersion(query, options)` ([`stats::dispersion`]).
    #[cfg(feature = "stats")]
    pub fn dispersion(
        &self,
        query: &str,
        options: &options::DispersionOptions,
    ) -> Result<stats::dispersion::Output<'a>, Error> {
        stats::dispersion::dispersion(self, self.tokens()?, query, options)
    }

    /// `keywords(options)` ([`stats::keywords`]).
    #[cfg(feature = "stats")]
    pub fn keywords(&self, options: &options::KeywordOptions) -> Result<stats::keywords::Output<'a>, Error> {
        stats::keywords::keywords(self, self.tokens()?, options)
    }

    /// `doc(id, options)`: the whole document; with `{ query }`, its matches too.
    pub fn doc(&self, id: f64, options: &DocOptions) -> Result<results::Document<'a>, Error> {
        let d = self.doc_id(id)?;
        let matches = match &options.query {
            None => None,
            #[cfg(feature = "stats")]
            Some(q) if cql::looks_like_cql(q) => Some(stats::search::matches_in(self, self.tokens()?, d, q)?),
            Some(q) => Some(search::matches_in(self, d, q)?),
        };
        Ok(results::Document {
            id: d as u32,
            title: self.title(d)?,
            text: self.text(d)?,
            fields: results::Object(self.metadata(d)?),
            matches,
        })
    }

    /// The bundle.
    pub fn bundle(&self) -> &Bundle<'a> {
        &self.bundle
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.bundle.stats.documents as usize
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The segmenter over this corpus's vocabulary.
    pub fn segmenter(&self) -> Segmenter<'a> {
        Segmenter::new(self.bundle.vocabulary)
    }

    /// Byte range of document `d`'s text in the bundle text.
    #[inline(always)]
    pub fn text_range(&self, d: usize) -> (usize, usize) {
        let docs = &self.bundle.docs;
        (docs.text_start.at(d) as usize, docs.text_end.at(d) as usize)
    }

    /// Byte range of document `d`'s title in the bundle text.
    #[inline(always)]
    pub fn title_range(&self, d: usize) -> (usize, usize) {
        let docs = &self.bundle.docs;
        (docs.title_start.at(d) as usize, docs.title_end.at(d) as usize)
    }

    /// Whether document `d`'s title is stored apart from its text (in the
    /// title block, before every text).
    #[inline]
    pub fn title_is_separate(&self, d: usize) -> bool {
        (self.bundle.docs.title_start.at(d) as usize) < self.texts_start()
    }

    /// Where the text block starts: everything before it is the title block.
    pub fn texts_start(&self) -> usize {
        if self.is_empty() {
            self.bundle.text.len()
        } else {
            self.text_range(0).0
        }
    }

    /// The length of document `d` in characters (for ranking).
    #[inline(always)]
    pub fn doc_chars(&self, d: usize) -> u32 {
        self.bundle.docs.chars.at(d)
    }

    /// A slice of the bundle text as `&str`, or an error if the bundle is corrupt there.
    pub fn str_at(&self, (a, b): (usize, usize)) -> Result<&'a str, Error> {
        let bytes = self.bundle.text.get(a..b).ok_or_else(|| corrupt("a text range is out of bounds"))?;
        core::str::from_utf8(bytes).map_err(|_| corrupt("a text range is not valid UTF-8"))
    }

    /// Document `d`'s text.
    pub fn text(&self, d: usize) -> Result<&'a str, Error> {
        self.str_at(self.text_range(d))
    }

    /// Document `d`'s title.
    pub fn title(&self, d: usize) -> Result<&'a str, Error> {
        self.str_at(self.title_range(d))
    }

    /// The metadata fields.
    pub fn fields(&self) -> &[Field<'a>] {
        &self.bundle.fields.0
    }

    /// The value ids document `d` has in `field`.
    pub fn value_ids(&self, field: &Field<'a>, d: usize) -> impl Iterator<Item = u32> + 'a {
        let (a, b) = (field.doc_starts.at(d) as usize, field.doc_starts.at(d + 1) as usize);
        let values = field.doc_values;
        (a..b).map(move |i| values.at(i))
    }

    /// Value `id` of `field`, typed as JavaScript will see it.
    pub fn value(&self, field: &Field<'a>, id: u32) -> Result<MetaValue<'a>, Error> {
        let text = field.values.get(id as usize).map_err(|e| corrupt(&e))?;
        Ok(match field.kind {
            FieldKind::Text | FieldKind::Texts => MetaValue::Str(text),
            FieldKind::Number => {
                MetaValue::Num(field.number(id as usize).ok_or_else(|| corrupt("a number is missing"))?)
            }
            FieldKind::Boolean => MetaValue::Bool(text == "true"),
        })
    }

    /// Document `d`'s value of `field`: `null` when it has none, a list for list fields.
    pub fn field_value(&self, field: &Field<'a>, d: usize) -> Result<MetaValue<'a>, Error> {
        let mut ids = self.value_ids(field, d);
        if field.kind == FieldKind::Texts {
            let mut list = Vec::new();
            for id in ids {
                list.push(field.values.get(id as usize).map_err(|e| corrupt(&e))?);
            }
            return Ok(MetaValue::List(list));
        }
        match ids.next() {
            Some(id) => self.value(field, id),
            None => Ok(MetaValue::Null),
        }
    }

    /// Every metadata field of document `d`, in field order.
    pub fn metadata(&self, d: usize) -> Result<Vec<(&'a str, MetaValue<'a>)>, Error> {
        self.fields().iter().map(|f| Ok((f.name, self.field_value(f, d)?))).collect()
    }

    /// Check a document id given by a caller.
    pub fn doc_id(&self, x: f64) -> Result<usize, Error> {
        let n = self.len();
        if x.fract() == 0.0 && x >= 0.0 && x < n as f64 {
            Ok(x as usize)
        } else if x.fract() == 0.0 && x >= 0.0 {
            Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "no document has id {}; ids run from 0 to {}",
                    options::number_text(x),
                    n.saturating_sub(1)
                ),
            ))
        } else {
            Err(Error::argument(format!(
                "a document id must be an integer from 0 to {}, got {}",
                n.saturating_sub(1),
                options::number_text(x)
            )))
        }
    }

    /// Every occurrence of `pattern` (of its needle `needle` only, if
    /// given) in the byte ranges `ranges` (sorted, disjoint), attributed to
    /// documents, ordered by document then position (a separately stored
    /// title before its text).
    pub fn occurrences(
        &self,
        pattern: &Pattern,
        ranges: &[(usize, usize)],
        needle: Option<usize>,
    ) -> Vec<Occurrence> {
        let mut spans = Vec::new();
        let text = self.bundle.text;
        for &(mut from, to) in ranges {
            // In pieces of about 1 MiB cut at document ends (NUL bytes,
            // which no match spans): a wasm engine optimises a function
            // after a few calls, not during one long first call.
            while from < to {
                let cut = from.saturating_add(SCAN_PIECE);
                let piece_end = match text.get(cut..to) {
                    Some(rest) => rest.iter().position(|&b| b == 0).map_or(to, |i| cut + i + 1),
                    None => to,
                };
                match needle {
                    Some(k) => pattern.find_needle(k, text, (from, piece_end), &mut spans),
                    None => pattern.find(text, (from, piece_end), &mut spans),
                }
                from = piece_end;
            }
        }
        let texts = self.texts_start();
        let n = self.len();
        let split = spans.partition_point(|&(start, _)| (start as usize) < texts);
        // Each block lists documents in id order: attribute with a cursor.
        let mut titles = Vec::with_capacity(split);
        let mut d = 0usize;
        let (title_start, title_end) = (self.bundle.docs.title_start, self.bundle.docs.title_end);
        for &(start, end) in &spans[..split] {
            // Skip titles that end before the match, and titles that are
            // inside their text (they start in the text block).
            while d < n
                && ((title_end.at(d) as usize) < start as usize || title_start.at(d) as usize >= texts)
            {
                d += 1;
            }
            if d < n {
                titles.push(Occurrence { doc: d as u32, start, end });
            }
        }
        let mut texts_occ = Vec::with_capacity(spans.len() - split);
        let mut d = 0usize;
        for &(start, end) in &spans[split..] {
            d = self.gallop_text(d, start as usize);
            if d < n {
                texts_occ.push(Occurrence { doc: d as u32, start, end });
            }
        }
        if titles.is_empty() {
            return texts_occ;
        }
        // Merge the two, by document (then position: a title comes first).
        let mut out = Vec::with_capacity(titles.len() + texts_occ.len());
        let mut t = texts_occ.into_iter().peekable();
        for o in titles {
            while t.peek().is_some_and(|x| x.doc < o.doc) {
                out.extend(t.next());
            }
            out.push(o);
        }
        out.extend(t);
        out
    }

    /// The first document at or after `d` whose text ends at or after byte
    /// `s` (texts are in id order): a galloping search, cheap both for the
    /// next document and for one far ahead.
    fn gallop_text(&self, d: usize, s: usize) -> usize {
        let n = self.len();
        let text_end = self.bundle.docs.text_end;
        let ends_before = |i: usize| (text_end.at(i) as usize) < s;
        if d >= n || !ends_before(d) {
            return d;
        }
        let mut step = 1;
        let mut lo = d; // ends before s
        while lo + step < n && ends_before(lo + step) {
            lo += step;
            step *= 2;
        }
        let mut hi = (lo + step).min(n); // first candidate that does not end before, or n
        while lo + 1 < hi {
            let mid = lo + (hi - lo) / 2;
            if ends_before(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi
    }

    /// The pattern for `term` in this corpus: only the forms of its
    /// characters that the text contains are searched for (see
    /// [`Pattern::with_forms`]); `None` for a term that is only whitespace.
    pub fn pattern(&self, term: &str) -> Option<Pattern> {
        let (forms, han) = (self.bundle.forms, self.han());
        Pattern::with_forms(term, |f| core::iter::once(f).chain(forms.of(f, han)).collect(), han)
    }

    /// The documents that can contain `pattern`, by the character postings
    /// (those containing all its characters), in id order; `None` when the
    /// corpus has no postings.
    pub fn candidates(&self, pattern: &Pattern) -> Option<Vec<u32>> {
        self.candidates_with(pattern, &[])
    }

    /// The documents that can contain the occurrences of `pattern` whose
    /// anchor is needle `k`: those containing all the pattern's characters
    /// and the needle's exact forms. `None` without postings.
    pub fn needle_candidates(&self, pattern: &Pattern, k: usize) -> Option<Vec<u32>> {
        self.candidates_with(pattern, pattern.needle_forms(k))
    }

    fn candidates_with(&self, pattern: &Pattern, forms: &[char]) -> Option<Vec<u32>> {
        if self.bundle.postings.is_empty() {
            return None;
        }
        let n = self.bundle.stats.documents;
        let mut lists: Vec<_> = pattern
            .chars()
            .into_iter()
            .map(|c| self.bundle.postings.list(c, n))
            .collect::<Option<Vec<_>>>()?;
        for &c in forms {
            // A form the corpus lists without documents: no postings of forms.
            lists.extend(self.bundle.forms.list(c, n));
        }
        // Shortest first.
        order::sort_short_by_key(&mut lists, |l| l.len());
        let mut lists = lists.into_iter();
        let mut docs: Vec<u32> = lists.next().map(|l| l.map(|(d, _)| d).collect()).unwrap_or_default();
        for list in lists {
            if docs.is_empty() {
                break;
            }
            // Both are ascending: keep the documents in both.
            let mut keep = Vec::with_capacity(docs.len());
            let mut it = docs.iter().copied().peekable();
            for (d, _) in list {
                while it.peek().is_some_and(|&x| x < d) {
                    it.next();
                }
                if it.peek() == Some(&d) {
                    keep.push(d);
                    it.next();
                }
            }
            docs = keep;
        }
        Some(docs)
    }

    /// Byte ranges covering the texts of `docs` (ascending), and their
    /// separately stored titles if `titles`; neighbours merged. When the
    /// documents cover most of the text, the whole block(s) are returned
    /// instead, since one long scan is faster than many short ones: callers
    /// filter the occurrences of other documents out.
    pub fn ranges(&self, docs: &[u32], titles: bool) -> Vec<(usize, usize)> {
        let total = self.bundle.text.len();
        let texts = self.texts_start();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut covered = 0;
        let mut push = |(a, b): (usize, usize)| {
            covered += b - a;
            match ranges.last_mut() {
                Some(last) if last.1 + 1 == a => last.1 = b,
                _ => ranges.push((a, b)),
            }
        };
        if titles {
            for &d in docs.iter().filter(|&&d| self.title_is_separate(d as usize)) {
                push(self.title_range(d as usize));
            }
        }
        for &d in docs {
            push(self.text_range(d as usize));
        }
        let block = if titles { total } else { total - texts };
        if covered > block / 2 {
            return vec![(if titles { 0 } else { texts }, total)];
        }
        ranges
    }

    /// Every occurrence of `pattern` in the titles and texts of all
    /// documents, scanning only the documents the postings allow.
    pub fn occurrences_everywhere(&self, pattern: &Pattern) -> Vec<Occurrence> {
        self.occurrences_within(pattern, None, true)
    }

    /// Every occurrence of `pattern` in the documents `scope` (ascending;
    /// all documents when `None`), in their texts and, if `titles`, their
    /// separately stored titles, ordered by document then position. With
    /// postings, each needle of the pattern is searched only in the
    /// documents that can contain it.
    pub fn occurrences_within(
        &self,
        pattern: &Pattern,
        scope: Option<&[u32]>,
        titles: bool,
    ) -> Vec<Occurrence> {
        let everything = if titles { 0 } else { self.texts_start() };
        let in_scope = |o: &Occurrence| scope.is_none_or(|s| s.binary_search(&o.doc).is_ok());
        let has_postings = !self.bundle.postings.is_empty();
        if !has_postings || pattern.needles() == 1 {
            let ranges = match (has_postings, scope) {
                (true, _) => {
                    let mut docs = self.needle_candidates(pattern, 0).unwrap_or_default();
                    if let Some(s) = scope {
                        docs.retain(|d| s.binary_search(d).is_ok());
                    }
                    self.ranges(&docs, titles)
                }
                (false, Some(s)) => self.ranges(s, titles),
                (false, None) => vec![(everything, self.bundle.text.len())],
            };
            let mut occ = self.occurrences(pattern, &ranges, None);
            occ.retain(in_scope);
            return occ;
        }
        let mut lists: Vec<Vec<Occurrence>> = Vec::with_capacity(pattern.needles());
        for k in 0..pattern.needles() {
            let mut docs = self.needle_candidates(pattern, k).unwrap_or_default();
            if let Some(s) = scope {
                docs.retain(|d| s.binary_search(d).is_ok());
            }
            if docs.is_empty() {
                continue;
            }
            let mut occ = self.occurrences(pattern, &self.ranges(&docs, titles), Some(k));
            occ.retain(in_scope);
            lists.push(occ);
        }
        merge_occurrences(lists)
    }

    /// Every occurrence of `pattern` in document `d`'s title and text.
    pub fn occurrences_in(&self, pattern: &Pattern, d: usize) -> Vec<Occurrence> {
        let mut spans = Vec::new();
        if self.title_is_separate(d) {
            pattern.find(self.bundle.text, self.title_range(d), &mut spans);
        }
        pattern.find(self.bundle.text, self.text_range(d), &mut spans);
        spans.into_iter().map(|(start, end)| Occurrence { doc: d as u32, start, end }).collect()
    }

    /// The documents whose title contains `pattern`, ascending: one scan of
    /// the title block, plus a look at each title that is part of its text.
    pub fn title_docs(&self, pattern: &Pattern) -> Vec<u32> {
        let mut docs: Vec<u32> = Vec::new();
        for o in self.occurrences(pattern, &[(0, self.texts_start())], None) {
            if docs.last() != Some(&o.doc) {
                docs.push(o.doc);
            }
        }
        let mut found = Vec::new();
        for d in (0..self.len()).filter(|&d| !self.title_is_separate(d)) {
            found.clear();
            pattern.find(self.bundle.text, self.title_range(d), &mut found);
            if !found.is_empty() {
                docs.push(d as u32);
            }
        }
        order::sort_dedup_long(&mut docs);
        docs
    }

    /// For a one-character pattern, its count in every document containing
    /// it (title and text), straight from the postings; `None` without postings.
    pub fn char_counts(&self, pattern: &Pattern) -> Option<Vec<(u32, u32)>> {
        if self.bundle.postings.is_empty() {
            return None;
        }
        let c = pattern.single_char()?;
        Some(self.bundle.postings.list(c, self.bundle.stats.documents)?.collect())
    }

    /// Corpus statistics and the facet values (`info()`).
    pub fn info(&self) -> Result<Info<'a>, Error> {
        let mut fields = Vec::new();
        let mut schema = Vec::new();
        for f in self.fields() {
            let mut counts = vec![0usize; f.values.len()];
            for d in 0..self.len() {
                for id in self.value_ids(f, d) {
                    if let Some(c) = counts.get_mut(id as usize) {
                        *c += 1;
                    }
                }
            }
            schema.push(SchemaField {
                name: f.name,
                kind: f.kind.as_str(),
                facet: f.facet,
                values: counts.len(),
            });
            if f.facet {
                fields.push((f.name, self.ranked_values(f, &counts, usize::MAX, &[])?));
            }
        }
        let s = self.bundle.stats;
        Ok(Info {
            documents: s.documents,
            characters: s.characters,
            tokens: s.tokens,
            words: self.bundle.vocabulary.words.len(),
            fields: results::Object(fields),
            schema,
        })
    }

    /// `field`'s values with a positive count (plus `keep`, the ids a filter
    /// selected, ascending, even at zero), by count descending then value,
    /// at most `limit`.
    pub fn ranked_values(
        &self,
        field: &Field<'a>,
        counts: &[usize],
        limit: usize,
        keep: &[u32],
    ) -> Result<Vec<ValueCount<'a>>, Error> {
        let mut ids: Vec<u32> = (0..counts.len() as u32)
            .filter(|&i| counts[i as usize] > 0 || keep.binary_search(&i).is_ok())
            .collect();
        order::sort(&mut ids, &|a, b| counts[b as usize].cmp(&counts[a as usize]).then(a.cmp(&b)));
        // Selected values stay visible even beyond the limit.
        let mut out = Vec::new();
        for (rank, &i) in ids.iter().enumerate() {
            if rank < limit || keep.binary_search(&i).is_ok() {
                out.push(ValueCount { value: self.value(field, i)?, count: counts[i as usize] });
            }
        }
        Ok(out)
    }

    /// Segment `text` with the corpus vocabulary; whitespace is left out.
    pub fn segment(&self, text: &str) -> Result<Vec<Token<'a>>, Error> {
        let chars = char_count(text);
        if chars > MAX_SEGMENT_CHARS {
            return Err(Error::argument(format!(
                "text to segment is {chars} characters long; the limit is {MAX_SEGMENT_CHARS}"
            )));
        }
        let seg = self.segmenter();
        let mut tokens = Vec::new();
        seg.segment(text, &mut tokens);
        Ok(tokens
            .iter()
            .filter(|t| !t.text.trim().is_empty())
            .map(|t| Token { word: t.text.to_string(), pos: seg.pos(t) })
            .collect())
    }
}

/// Merge lists of occurrences, each ordered by document then position.
fn merge_occurrences(mut lists: Vec<Vec<Occurrence>>) -> Vec<Occurrence> {
    match lists.len() {
        0 => return Vec::new(),
        1 => return lists.pop().unwrap_or_default(),
        _ => {}
    }
    let mut out = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let mut at = vec![0usize; lists.len()];
    loop {
        let mut best: Option<usize> = None;
        for (k, list) in lists.iter().enumerate() {
            if let Some(o) = list.get(at[k]) {
                if best.is_none_or(|b| (o.doc, o.start) < (lists[b][at[b]].doc, lists[b][at[b]].start)) {
                    best = Some(k);
                }
            }
        }
        let Some(b) = best else { return out };
        out.push(lists[b][at[b]]);
        at[b] += 1;
    }
}

/// An error for a bundle that passed its checks but is inconsistent.
pub fn corrupt(why: &str) -> Error {
    Error::new(ErrorKind::InvalidBundle, format!("bundle is corrupt: {why}"))
}

/// The number of characters of `s`. (`str::chars().count()` brings a
/// kilobyte of vectorised counting into the wasm; strings here are short.)
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// UTF-16 length of `s`, the unit of JavaScript string offsets.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
