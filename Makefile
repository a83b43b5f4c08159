# n8n Console. Two commands matter: `make dev` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
N8N_URL ?=
export N8N_URL

.PHONY: dev test dist release setup setup-rust test-unit test-lint test-web test-fake test-size test-e2e fuzz bench size-profile clean

## Installs what is missing (toolchain, Chromium, nginx, real n8n 2.20.0, 2.41.1 and 1.123.81 with the
## Node each needs, in ~/.cache/n8n-console).
setup:
	scripts/setup.sh all

setup-rust:
	scripts/setup.sh rust

## Runs the console against a local real n8n (or N8N_URL=<url>), with a seeded demo instance.
dev: setup
	node tests/support/dev.mjs

## The release bundle in dist/ (Trunk's post_build hook, scripts/finish-bundle.mjs, makes it CSP- and prefix-ready).
dist: setup-rust
	trunk build --release

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
RELEASE := n8n-console-$(VERSION)

## target/n8n-console-<version>.tar.gz: the bundle (console/) and the deploy recipes (deploy/), no toolchain needed.
release: dist
	rm -rf target/release-staging && mkdir -p target/release-staging/$(RELEASE)
	cp -R dist target/release-staging/$(RELEASE)/console
	cp -R deploy README.md target/release-staging/$(RELEASE)/
	tar -C target/release-staging --owner=0 --group=0 --sort=name -czf target/$(RELEASE).tar.gz $(RELEASE)
	rm -rf target/release-staging
	@echo "wrote target/$(RELEASE).tar.gz ($$(du -k target/$(RELEASE).tar.gz | cut -f1) KiB)"

## Every test: native unit tests, lint, browser tests, the fake's tests, end-to-end on real n8n
## (the deploy tests install `make release`'s archive behind nginx).
test: setup test-unit test-lint test-web test-fake release test-size test-e2e

test-unit:
	cargo test --quiet

test-lint:
	cargo fmt --check
	cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings

test-web:
	cargo test --target wasm32-unknown-unknown --test web

test-fake:
	node --test tests/fake-n8n/

## The first load's size, gzip -9 (scripts/bundle-size.mjs): fails above its limit.
test-size: dist
	node scripts/bundle-size.mjs dist

## The versions beside 2.20.0 (scripts/versions.sh) and the test files they run: all but the deploy
## recipe's, which is about nginx, not n8n.
E2E_OTHER_VERSIONS := $(shell . scripts/versions.sh && echo "$$N8N_NEWEST_VERSION $$N8N_1X_VERSION")
E2E_CORE := connect workflow executions api-keys tags variables environments overview-audit

test-e2e:
	node tests/e2e/run.mjs
	@for version in $(E2E_OTHER_VERSIONS); do \
	  echo "[e2e] n8n $$version: $(E2E_CORE)"; \
	  E2E_N8N_VERSION=$$version node tests/e2e/run.mjs $(E2E_CORE) || exit 1; \
	done

## The "no panic on any input" property tests (tests/no_panic.rs) at FUZZ_CASES cases per property
## instead of `make test`'s few thousand (not part of `make test`): the `fuzz` profile, optimised with
## overflow checks on; 17 to 21 min on 2 cores (measured: 996 s alone, 1,270 s beside other builds), plus 3 min to compile.
FUZZ_CASES ?= 200000

fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --profile fuzz --test no_panic

## Where the wasm's bytes go (not part of `make test`): twiggy over the release build, by item and by crate.
size-profile: dist
	scripts/setup.sh twiggy
	node scripts/size-profile.mjs

## Benchmarks (not part of `make test`; docs/performance.md): the first load's bytes; the console and n8n's
## editor side by side behind the nginx recipe (1,000 workflows, cold loads to the first row); Executions
## `Next page` at 250 rows against the bare API call, and memory while paging 10,000 executions; a 5 MB
## execution's detail; with 1,000 workflows of 20 nodes, what name-only pages download, the Workflows
## search and Export all; a promotion of 30 workflows between two n8n. One JSON line each, all in target/bench.json, then one table of every figure
## with its budget (tests/bench/summary.mjs). About 23 min on 2 cores.
bench: dist
	rm -f target/bench.json
	node tests/bench/bundle.mjs dist
	node tests/bench/side-by-side.mjs
	node tests/bench/executions-paging.mjs
	node tests/bench/execution-detail.mjs
	node tests/bench/workflows-scale.mjs
	node tests/bench/promote.mjs
	node tests/bench/summary.mjs

clean:
	rm -rf dist target
