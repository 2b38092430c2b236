# Migration Trends Dashboard: `make run`, `make test`, `make data` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8050
RAW_DIR ?= $(abspath ../shared/data/raw)
export RAW_DIR

.PHONY: run test data bench venv deps dev-deps system-deps clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.deps
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/bin/activate
deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

## run: serve the dashboard on http://127.0.0.1:$(PORT) from the committed bundle
run: deps
	$(VENV)/bin/gunicorn app:server --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --timeout 60 --preload

## test: install everything the suite needs, then run the whole suite
test: dev-deps system-deps
	$(PY) -m pytest

## system-deps: Debian chromium, chromium-driver and redis-server for the browser and shared-cache tests
system-deps:
	@bash .ci/system-deps.sh

## data: rebuild data/curated from RAW_DIR (DOWNLOAD=1 fetches the raw files from the publishers first)
data: deps
	$(PY) -m dashboard.ingest.build $(if $(DOWNLOAD),--download,)

## bench: run the benchmarks and print the figures to copy into bench/RESULTS.md
bench: dev-deps
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .cache
