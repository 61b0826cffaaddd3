//! Newspaper pages (`.txt` corpus files) as anyone could write them: the
//! splitter must return its items, never panic, and every item it returns
//! must point at a line of the page.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else { return };
    let lines = page.lines().count();
    for item in yuliao::corpus::page::split_page(page) {
        assert!(item.line >= 1 && item.line <= lines.max(1), "item at line {} of {lines}", item.line);
    }
});
