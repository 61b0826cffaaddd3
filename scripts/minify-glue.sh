#!/usr/bin/env bash
# Minify the JavaScript that wasm-bindgen wrote into a package directory
# (the glue, yuliao.js, and the snippets it imports): what every page
# downloads with the wasm. About 1.3 KB less brotli for the seed package;
# the documentation stays in yuliao.d.ts. Exported names are kept.
#
#   scripts/minify-glue.sh pkg
set -euo pipefail
dir=${1:?usage: $0 <package directory>}
shopt -s nullglob
for f in "$dir"/yuliao.js "$dir"/snippets/*/*.js; do
  esbuild "$f" --minify --format=esm --target=es2022 --outfile="$f" --allow-overwrite --log-level=warning
done
