#!/usr/bin/env bash
# Install what building and testing yuliao needs, if missing. Idempotent:
# every step checks first, so `make` calls it every time at no cost.
#
#   the wasm32 Rust target        rustup
#   wasm-pack                     cargo install (it installs wasm-bindgen-cli itself)
#   binaryen (wasm-opt), esbuild, playwright-core, axe-core   npm ci, from package-lock.json
#   chromium + chromedriver, fonts-noto-cjk   apt-get (Debian), for browser tests (only with --browser)
#   conllu (Python, from PyPI)    pip --target target/pydeps, for the export test
#   cargo-fuzz                    cargo install, for `make fuzz` (only with --fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
browser=false
fuzz=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --fuzz) fuzz=true ;;
    *) echo "usage: $0 [--browser] [--fuzz]" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "error: cargo not found; install Rust with rustup (https://rustup.rs)" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null || [[ "$(wasm-pack --version | cut -d' ' -f2)" != "$WASM_PACK_VERSION" ]]; then
  say "installing wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

if $fuzz && { ! command -v cargo-fuzz >/dev/null || [[ "$(cargo-fuzz --version | cut -d' ' -f2)" != "$CARGO_FUZZ_VERSION" ]]; }; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a minute, once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "error: node and npm are needed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi

if [[ ! -x node_modules/.bin/wasm-opt || ! -x node_modules/.bin/esbuild || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages (binaryen's wasm-opt, esbuild, playwright-core)"
  npm ci --no-audit --no-fund
fi

# The CoNLL-U reader the export test checks `yuliao export` with (PyPI's
# `conllu`, pinned), into target/pydeps rather than the system's Python.
CONLLU_VERSION=6.0.0
if [[ ! -f target/pydeps/conllu-$CONLLU_VERSION.dist-info/METADATA ]]; then
  command -v python3 >/dev/null || { echo "error: python3 is needed (the export test)" >&2; exit 1; }
  say "installing Python's conllu $CONLLU_VERSION into target/pydeps (export test)"
  python3 -m pip install --quiet --disable-pip-version-check --target target/pydeps "conllu==$CONLLU_VERSION"
fi

# A CJK font, so that headless Chromium draws Han characters (screenshots,
# the widget's font test) instead of empty boxes.
has_cjk_font() { command -v fc-list >/dev/null && fc-list :lang=zh family | grep -qi "CJK"; }

if $browser && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null && has_cjk_font; }; then
  say "installing chromium, chromedriver and a CJK font (Debian packages)"
  sudo=""
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null; then sudo=sudo; else
      echo "error: chromium, chromedriver and a CJK font are needed: apt-get install chromium chromium-driver fonts-noto-cjk" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk
fi
