//! Hostile input that must not hurt: a crafted bundle cannot make the
//! decoder reserve a multiple of its size, and caller-sized inputs (a
//! filter of 25,000 values, a concordance page of 10,000 lines of one 5 MB
//! document) take linear time. (These run in the test's time; a quadratic
//! path would not finish.)

#![cfg(not(target_arch = "wasm32"))]

mod common;

use bincode::config::standard;
use common::{bundle_of, concordance, search};
use serde_json::json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use yuliao::bundle::{checksum, Bundle, Documents, PackedWriter, Stats, FORMAT_VERSION, HEADER_LEN, MAGIC};

/// The system allocator, recording the largest single allocation.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

#[test]
fn a_crafted_list_length_reserves_no_more_than_the_bytes_left() {
    // A payload whose metadata field list claims 4,000,000 fields over
    // 4 MB of bytes that are no fields at all.
    let empty = PackedWriter::default().finish();
    let docs = Documents {
        text_start: empty.as_packed(),
        text_end: empty.as_packed(),
        title_start: empty.as_packed(),
        title_end: empty.as_packed(),
        chars: empty.as_packed(),
    };
    let mut payload = Vec::new();
    let stats = Stats { documents: 0, characters: 0, tokens: 0, searchable_chars: 0 };
    payload.extend(bincode::encode_to_vec(stats, standard()).unwrap());
    payload.extend(bincode::encode_to_vec(&b""[..], standard()).unwrap());
    payload.extend(bincode::encode_to_vec(docs, standard()).unwrap());
    let claimed = 4_000_000u64;
    payload.extend(bincode::encode_to_vec(claimed, standard()).unwrap());
    payload.extend(std::iter::repeat_n(0xFFu8, claimed as usize));
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    LARGEST.store(0, Ordering::Relaxed);
    let err = Bundle::from_bytes(&bytes, true).unwrap_err();
    let largest = LARGEST.load(Ordering::Relaxed);
    assert!(err.to_string().contains("corrupt"), "{err}");
    assert!(largest <= bytes.len(), "decoding {} bytes allocated {largest} bytes at once", bytes.len());
}

#[test]
fn caller_sized_inputs_stay_linear() {
    // One document of 5 MB holding 党建 every 155 characters, and others.
    let filler = "拉萨市坚持制度治党，扎实推进各项工作。".repeat(8); // 152 characters
    let long: String = (0..11_000).map(|_| format!("党建{filler}\n")).collect();
    assert!(long.len() > 5_000_000);
    let mut lines = json!({ "title": "长文", "text": long, "key": "k0", "n": 0 }).to_string() + "\n";
    for i in 1..300 {
        lines.push_str(&json!({ "title": format!("第{i}篇"), "text": format!("党建第{i}篇。"), "key": format!("k{i}"), "n": i }).to_string());
        lines.push('\n');
    }
    let bytes = bundle_of(&[("c.jsonl", &lines)]);
    let c = yuliao::engine::Corpus::open(&bytes, true).unwrap();
    // A page of 10,000 lines of the long document, in document order and
    // sorted by context: every line's offset is its occurrence's.
    for sort in ["doc", "right"] {
        let k = concordance(
            &c,
            "党建",
            json!({ "limit": 10000, "context": 2, "sort": sort, "filters": { "key": "k0" } }),
        );
        assert_eq!(k["total"], 11_000);
        let text: Vec<u16> = c.text(0).unwrap().encode_utf16().collect();
        let per_line = (filler.chars().count() + 3) as u64; // 党建, the filler, the line break
        let mut starts: Vec<u64> =
            k["lines"].as_array().unwrap().iter().map(|l| l["start"].as_u64().unwrap()).collect();
        assert_eq!(starts.len(), 10_000);
        starts.sort_unstable();
        for (i, &s) in starts.iter().enumerate() {
            assert_eq!(s % per_line, 0, "line {i} ({sort})");
            assert_eq!(String::from_utf16(&text[s as usize..s as usize + 2]).unwrap(), "党建");
        }
    }
    // A filter of 25,000 values, on a text field and on a number field
    // (given as strings and as numbers).
    let keys: Vec<String> = (0..25_000).map(|i| format!("k{i}")).collect();
    let r = search(&c, "党建", json!({ "limit": 0, "filters": { "key": keys } }));
    assert_eq!(r["total"], 300);
    let numbers: Vec<String> = (0..25_000).map(|i| i.to_string()).collect();
    let r = search(&c, "党建", json!({ "limit": 0, "filters": { "n": numbers } }));
    assert_eq!(r["total"], 300);
    let numbers: Vec<u32> = (100..25_100).collect();
    let r = search(&c, "党建", json!({ "limit": 0, "filters": { "n": numbers }, "facetLimit": 100000 }));
    assert_eq!(r["total"], 200);
    assert_eq!(r["facets"]["key"].as_array().map(Vec::len), None, "key is unique per document: not a facet");
}
