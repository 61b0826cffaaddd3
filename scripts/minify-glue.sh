#!/usr/bin/env bash
# Bundle and minify the JavaScript that wasm-bindgen wrote into a package
# directory: the glue (yuliao.js) with the snippets it imports inlined, so
# that a page fetches two files (yuliao.js, yuliao_bg.wasm) instead of
# three, and about 1.4 KB less brotli for the seed package. The
# documentation stays in yuliao.d.ts; exported names are kept.
#
#   scripts/minify-glue.sh pkg
set -euo pipefail
dir=${1:?usage: $0 <package directory>}
esbuild "$dir/yuliao.js" --bundle --minify --format=esm --target=es2022 \
  --outfile="$dir/yuliao.js" --allow-overwrite --log-level=warning
rm -rf "$dir/snippets"
