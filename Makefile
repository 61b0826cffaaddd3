# yuliao: `make demo` serves the demo page, `make test` runs every test,
# `make bench` measures. Each installs what it needs first (scripts/install-tools.sh).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The large corpus used by `make bench` when present (never committed).
STORIES ?= ../shared/corpora/cctv-xwlb/stories.jsonl
PORT ?= 8000

.PHONY: demo demo-large large-corpus test bench bench-corpus tools tools-browser tools-fuzz fuzz pkg pkg-stats pkg-engine www-pkg www-dist lint test-native test-js test-wasm test-e2e clean help

help:
	@echo "make demo    build the wasm and serve www/ at http://127.0.0.1:$(PORT)/"
	@echo "make demo-large  the same with www/large.html: $(STORIES) in a worker (built into www/large/, not committed)"
	@echo "make test    run every test (native, package, browser)"
	@echo "make bench   every benchmark: corpora (bench-corpus), demo page (bench-page), peers (bench-peers)"

tools:
	@scripts/install-tools.sh

tools-browser:
	@scripts/install-tools.sh --browser

tools-fuzz:
	@scripts/install-tools.sh --fuzz

# Fuzzing with cargo-fuzz (libFuzzer, AddressSanitizer), each target for
# FUZZ_SECONDS: `query` (the search syntax, CQL and the options, through the
# engine on the seeds), `bundle` (crafted bundle files: decoding, then
# queries) and `page` (the newspaper page splitter). Starts from the inputs
# in fuzz/seeds (and what earlier runs kept in target/fuzz-corpus); a crash
# stops the run and leaves its input in fuzz/artifacts/<target>/. The
# figures (runs, time, coverage) are the last lines of each log in
# target/fuzz-logs/. cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP=1
# lets the stable toolchain take them.
FUZZ_SECONDS ?= 120
FUZZ := RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz --target-dir target/fuzz
fuzz: tools-fuzz
	mkdir -p target/fuzz-corpus/query target/fuzz-corpus/bundle target/fuzz-corpus/page target/fuzz-logs
	awk -F '\t' '{ f = sprintf("target/fuzz-corpus/query/seed-%02d", NR); printf "%s\n%s", $$1, $$2 > f; close(f) }' fuzz/seeds/queries.tsv
	cargo run --quiet --bin yuliao -- build fuzz/seeds/corpora/small.jsonl -o target/fuzz-corpus/bundle/seed-small > /dev/null
	cargo run --quiet --bin yuliao -- build fuzz/seeds/corpora/small.jsonl --postings always -o target/fuzz-corpus/bundle/seed-postings > /dev/null
	cp seeds/*.txt target/fuzz-corpus/page/
	$(FUZZ) query target/fuzz-corpus/query -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=20 -rss_limit_mb=4096 2>&1 | tee target/fuzz-logs/query.log | grep -E '^(#[0-9]+ +(INITED|DONE)|Done|==[0-9]+==ERROR|SUMMARY)'
	$(FUZZ) bundle target/fuzz-corpus/bundle -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=4096 2>&1 | tee target/fuzz-logs/bundle.log | grep -E '^(#[0-9]+ +(INITED|DONE)|Done|==[0-9]+==ERROR|SUMMARY)'
	$(FUZZ) page target/fuzz-corpus/page -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=4096 2>&1 | tee target/fuzz-logs/page.log | grep -E '^(#[0-9]+ +(INITED|DONE)|Done|==[0-9]+==ERROR|SUMMARY)'

# The search-only module with the seed corpus (search, filter, concordance,
# doc, segment): what a page that only searches loads (under 100 KB brotli).
pkg: tools
	wasm-pack build --target web --release --out-dir pkg -- --no-default-features --features embed
	scripts/minify-glue.sh pkg

# The same corpus with corpus linguistics (CQL, frequencies, collocates,
# n-grams, dispersion, keywords, CSV): what the widget's statistics views load.
pkg-stats: tools
	wasm-pack build --target web --release --out-dir pkg-stats
	scripts/minify-glue.sh pkg-stats

# The engine alone (no corpus inside), with corpus linguistics, for corpora
# loaded at run time; compiled for speed (profile `fast`), since such
# corpora are large.
pkg-engine: tools
	wasm-pack build --target web --profile fast --out-dir pkg-engine -- --no-default-features --features stats
	scripts/minify-glue.sh pkg-engine

# The demo page's two modules: search-only (www/pkg) and with statistics
# (www/pkg-stats); the widget loads the second only for its statistics views.
www-pkg: tools
	wasm-pack build --target web --release --out-dir www/pkg -- --no-default-features --features embed
	wasm-pack build --target web --release --out-dir www/pkg-stats
	scripts/minify-glue.sh www/pkg
	scripts/minify-glue.sh www/pkg-stats

# The widget as the demo pages load it: its ES modules bundled and minified
# by esbuild into www/dist/: yuliao-search.js with the chunks it imports
# (split at each import(): the element, and the statistics views, which a
# page that only searches never loads), worker.js in one file, and
# yuliao-search.css. Chunks sit beside yuliao-search.js (their URLs find
# worker.js, the CSS and ../pkg/ from there). Written as UTF-8 (module
# scripts always are), not with \u escapes. The modules in www/ work
# unbundled too.
www-dist: tools
	rm -rf www/dist
	esbuild yuliao-search=www/yuliao-search.js --bundle --splitting --minify --charset=utf8 --format=esm --target=es2022 \
	  --outdir=www/dist --chunk-names=[name]-[hash] --log-level=warning
	esbuild worker=www/widget/worker.js --bundle --minify --charset=utf8 --format=esm --target=es2022 --outdir=www/dist --log-level=warning
	esbuild www/widget/yuliao-search.css --minify --outfile=www/dist/yuliao-search.css --log-level=warning

demo: www-pkg www-dist
	node www/serve.mjs --root www --port $(PORT)

# The large-corpus demo page (www/large.html): $(STORIES) built into a
# bundle and the engine-only package beside it, in www/large/ (gitignored;
# the corpus is never copied into the repository), opened by the widget in
# a Web Worker. `make large-corpus` builds them without serving.
LARGE := www/large
large-corpus:
	@if [[ ! -f "$(STORIES)" ]]; then echo "$(STORIES) not found: make demo-large needs it (set STORIES=path/to/stories.jsonl)" >&2; exit 1; fi
	$(MAKE) --no-print-directory pkg-engine
	cargo build --release --bin yuliao
	mkdir -p $(LARGE)/pkg-engine
	./target/release/yuliao build "$(STORIES)" -o $(LARGE)/stories.bundle.partial > /dev/null
	mv $(LARGE)/stories.bundle.partial $(LARGE)/stories.bundle
	cp pkg-engine/yuliao.js pkg-engine/yuliao_bg.wasm $(LARGE)/pkg-engine/

demo-large: large-corpus www-pkg www-dist
	@echo "the large corpus: http://127.0.0.1:$(PORT)/large.html"
	node www/serve.mjs --root www --port $(PORT)

lint: tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-native: tools
	cargo test --all-targets
	cargo test --doc
	# The large-corpus tests must run wherever ../shared has the corpus.
	if [[ -f "$(STORIES)" ]]; then \
	  YULIAO_REQUIRE_STORIES=1 cargo test --release --test stories -- --nocapture; \
	else cargo test --release --test stories -- --nocapture; fi

test-js: pkg pkg-stats pkg-engine
	mkdir -p target/test
	cargo run --quiet --bin yuliao -- build seeds -o target/test/seeds.bundle > /dev/null
	cargo run --quiet --bin yuliao -- build tests/js/fixtures/prototype-names.jsonl -o target/test/prototype-names.bundle > /dev/null
	node --test tests/js/

test-wasm: tools-browser
	wasm-pack test --headless --chrome -- --test wasm

# The widget in headless Chromium (playwright-core), against pages served on 127.0.0.1.
test-e2e: www-pkg www-dist tools-browser
	node --test tests/e2e/

test: lint test-native test-js test-wasm test-e2e
	@echo "all tests passed"

# Every benchmark (not tests: nothing here passes or fails on a figure):
# the corpora, the demo page, and the peers (about 35 minutes in all).
bench: bench-corpus bench-page bench-peers

# Sizes, start-up and query latency of the seeds and, when present, $(STORIES);
# then the corpus-linguistics calls of each (bench/stats.mjs).
bench-corpus: pkg pkg-stats pkg-engine
	cargo build --release --bin yuliao
	mkdir -p bench/out
	./target/release/yuliao build seeds -o bench/out/seeds.bundle > bench/out/seeds-build.json
	node bench/bench.mjs --label seeds --corpus seeds --pkg pkg --build bench/out/seeds-build.json --out bench/out/seeds.json
	node bench/stats.mjs --label seeds --pkg pkg-stats --search-pkg pkg --out bench/out/seeds-stats.json
	if [[ -f "$(STORIES)" ]]; then \
	  ./target/release/yuliao build "$(STORIES)" -o bench/out/stories.bundle > bench/out/stories-build.json; \
	  YULIAO_CORPUS="$(abspath $(STORIES))" wasm-pack build --target web --profile fast --out-dir bench/out/stories-pkg; \
	  scripts/minify-glue.sh bench/out/stories-pkg; \
	  node bench/bench.mjs --label stories --corpus "$(STORIES)" --pkg bench/out/stories-pkg --build bench/out/stories-build.json \
	    --bundle bench/out/stories.bundle --engine pkg-engine --out bench/out/stories.json; \
	  node bench/stats.mjs --label stories --pkg bench/out/stories-pkg --out bench/out/stories-stats.json; \
	else echo "($(STORIES) not found: large-corpus figures skipped)"; fi

# yuliao side by side with MiniSearch, FlexSearch and Pagefind on $(STORIES): BENCHMARKS.md.
.PHONY: bench-peers
bench-peers: pkg-engine tools-browser
	cargo build --release --bin yuliao
	node bench/peers/run.mjs --corpus "$(STORIES)"

# The demo page in headless Chromium: the bytes it transfers (raw and brotli)
# and the time from navigation to the first result of a typed query.
.PHONY: bench-page
bench-page: www-pkg www-dist tools-browser
	node bench/page.mjs

clean:
	cargo clean
	rm -rf pkg pkg-stats pkg-engine www/pkg www/pkg-stats www/dist bench/out test-results
