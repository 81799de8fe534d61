# Every target creates or updates the virtual environment it needs; CI runs the same targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed; set PYTHON=python3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	@touch $@ $(VENV)/.site-installed

node_modules/.installed: package.json package-lock.json
	# No install scripts: vnu-jar's would fetch a Java runtime, and nothing else needs one.
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

.PHONY: help
help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: install
install: $(VENV)/.site-installed ## Create .venv with what building the site needs

.PHONY: serve
serve: install ## Build the site (running every snippet) and serve it at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

.PHONY: build
build: install ## Build the site into site/ in strict mode, running every changed snippet
	$(BIN)/mkdocs build

.PHONY: snippets
snippets: install ## Run the snippets alone (cached), without building the site
	$(BIN)/python hooks/snippet_engine.py

.PHONY: preview
preview: build ## Build, then serve site/ as GitHub Pages does (gzip, 404 page) on http://127.0.0.1:8001
	$(BIN)/python tools/serve_site.py site --port 8001

.PHONY: manifest
manifest: build ## Add the URLs of new pages to tests/published-urls.txt (never removes one)
	$(BIN)/python tools/url_manifest.py update site

.PHONY: seed-sweep
seed-sweep: install ## Run every snippet with seeds 1-5 (SEEDS="..." for others) and list the assertions that fail
	$(BIN)/python tools/seed_sweep.py --seeds $(or $(SEEDS),1 2 3 4 5)

.PHONY: benchmark
benchmark: test-install ## Time builds (no execution, cold, warm, one edit) and first searches, of this site and of generated ones
	$(BIN)/python tools/benchmark_build.py --markdown benchmarks/build-times.md

.PHONY: test-install
test-install: $(VENV)/.test-installed node_modules/.installed ## Install the test tools, a system Chromium and Java
	@tools/ensure-browser-and-java.sh

.PHONY: test
test: test-install ## Install the test tools, then run every test (snippets, build, browser, workflows)
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: clean
clean: ## Remove the built site, the execution cache and generated outputs (keeps .venv)
	rm -rf site build .cache .pytest_cache
