# Pinned tool versions, one place. Sourced by the other scripts.
# shellcheck shell=bash
TRUNK_VERSION=0.21.14
WASM_OPT_CRATE_VERSION=0.116.1
# make size-profile only (scripts/size-profile.mjs).
TWIGGY_VERSION=0.8.0
WASM_OPT_MAJOR=116
N8N_VERSION=2.20.0
NODE22_PACKAGE_VERSION=22
# The versions beside N8N_VERSION that `make test` runs the end-to-end tests on too (newest 2.x, last 1.x).
N8N_NEWEST_VERSION=2.41.1
NODE24_PACKAGE_VERSION=24.22.3
N8N_1X_VERSION=1.123.81
N8N_CONSOLE_CACHE=${N8N_CONSOLE_CACHE:-$HOME/.cache/n8n-console}

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock, or Trunk tries to download one.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "${root:?}/Cargo.lock"
}
