# Migration Trends Dashboard: `make run`, `make test`, `make data` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8050
RAW_DIR ?= $(abspath ../shared/data/raw)
export RAW_DIR

.PHONY: run test data bench soak plotly-js venv deps dev-deps system-deps clean

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
PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: deps
	PUBLIC_URL=$(PUBLIC_URL) $(VENV)/bin/gunicorn app:server --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
	  --timeout 60 --preload

## test: install everything the suite needs, then run the whole suite (two pytest-xdist workers, one per core; a
## test file runs on one worker, see tests/conftest.py)
test: dev-deps system-deps
	$(PY) -m pytest -n 2 --dist loadfile

## system-deps: Debian chromium, chromium-driver and redis-server for the browser and shared-cache tests
system-deps:
	@bash .ci/system-deps.sh

## data: rebuild data/curated from RAW_DIR (DOWNLOAD=1 fetches the raw files from the publishers first)
data: deps
	$(PY) -m dashboard.ingest.build $(if $(DOWNLOAD),--download,)

## plotly-js: rebuild assets/vendor/plotly-custom.min.js (partial plotly.js bundle; needs Node.js and npm)
PLOTLY_BUILD := assets/vendor/plotly-build
# (built in a fixed directory: the inline-CSS plugin hashes the path into the bundle, so a fixed path makes
# rebuilds byte-identical)
PLOTLY_TMP := /tmp/migration-dashboard-plotly-build
plotly-js:
	rm -rf $(PLOTLY_TMP) && mkdir -p $(PLOTLY_TMP) && cp $(PLOTLY_BUILD)/package.json $(PLOTLY_BUILD)/entry.js \
	  $(PLOTLY_BUILD)/build.js $(PLOTLY_TMP)/ && { cp $(PLOTLY_BUILD)/package-lock.json $(PLOTLY_TMP)/ 2>/dev/null || true; } && \
	  (cd $(PLOTLY_TMP) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi) && \
	  cp $(PLOTLY_TMP)/package-lock.json $(PLOTLY_BUILD)/ && node $(PLOTLY_TMP)/build.js $(abspath assets/vendor/plotly-custom.min.js) && \
	  rm -rf $(PLOTLY_TMP)

## bench: run the benchmarks and print the figures to copy into bench/RESULTS.md
bench: dev-deps
	$(PY) bench/run.py

## soak: 10 minutes of mixed load on gunicorn; worker RSS at start and end appended to bench/RESULTS.md (not in CI)
soak: dev-deps
	$(PY) bench/soak.py

clean:
	rm -rf $(VENV) .pytest_cache .cache
