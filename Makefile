# Migration Trends Dashboard: `make run`, `make test`, `make data` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8050
RAW_DIR ?= $(abspath ../shared/data/raw)
export RAW_DIR

.PHONY: run warm test data bench soak load screenshots plotly-js venv deps ingest-deps dev-deps system-deps clean translations mo

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

# requirements-ingest.txt includes requirements.txt, requirements-dev.txt includes requirements-ingest.txt
$(VENV)/.ingest-deps: requirements-ingest.txt $(VENV)/.deps
	$(PIP) install --quiet -r requirements-ingest.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.ingest-deps
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/bin/activate
deps: $(VENV)/.deps
ingest-deps: $(VENV)/.ingest-deps
dev-deps: $(VENV)/.dev-deps

## translations: extract the message keys from the code into translations/messages.pot, update every
## translations/<lang>/LC_MESSAGES/messages.po from it, compile the .mo files the app reads (babel.cfg says what
## is extracted; the .po files are the source, the .pot and .mo are generated; .mo files are not committed)
PYBABEL := $(VENV)/bin/pybabel
LOCALES := $(patsubst translations/%/LC_MESSAGES/messages.po,%,$(wildcard translations/*/LC_MESSAGES/messages.po))
MO_FILES := $(foreach l,$(LOCALES),translations/$(l)/LC_MESSAGES/messages.mo)
translations: deps
	PYTHONPATH=. $(PYBABEL) extract -F babel.cfg --no-default-keywords -k t -k tn:1,1 -k t_or --sort-output \
	  --add-location=file --project=migration-dashboard -o translations/messages.pot .
	$(PYBABEL) update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete \
	  --ignore-pot-creation-date
	$(PY) -m dashboard.i18n_extract mark-brace-format
	$(PYBABEL) compile -d translations --statistics

## mo: compile the .mo files that are missing or older than their .po (a prerequisite of run and test)
mo: $(MO_FILES)
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.deps
	$(PYBABEL) compile -d translations -l $* --statistics

## run: serve the dashboard on http://127.0.0.1:$(PORT) from the committed bundle
PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: deps mo
	PUBLIC_URL=$(PUBLIC_URL) $(VENV)/bin/gunicorn app:server --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
	  --timeout 60 --keep-alive 5 --preload

## warm: draw the chart snapshots of each page's default view and prime the page-HTML and query caches ahead of
## time (dashboard/warm.py): of the server running at URL (default: the one `make run` serves), or, with URL=, in
## this process into the shared cache (CACHE_REDIS_URL, or CACHE_TYPE=FileSystemCache with CACHE_DIR)
URL ?= http://127.0.0.1:$(PORT)
warm: deps mo
	$(PY) -m dashboard.warm $(if $(URL),--url $(URL),)

## test: install everything the suite needs, then run the whole suite (two pytest-xdist workers, one per core; a
## test file runs on one worker, see tests/conftest.py)
test: dev-deps system-deps mo
	$(PY) -m pytest -n 2 --dist loadfile

## system-deps: Debian chromium, chromium-driver and redis-server for the browser and shared-cache tests
system-deps:
	@bash .ci/system-deps.sh

## data: rebuild data/curated from RAW_DIR (DOWNLOAD=1 fetches the raw files from the publishers first)
data: ingest-deps
	$(PY) -m dashboard.ingest.build $(if $(DOWNLOAD),--download,)

## plotly-js: rebuild assets/vendor/plotly-custom.min.js (partial plotly.js bundle) and copy regenerator-runtime.js
## (what Dash's renderer needs of babel's polyfill, which the pages do not load); needs Node.js and npm
PLOTLY_BUILD := assets/vendor/plotly-build
# (built in a fixed directory: the inline-CSS plugin hashes the path into the bundle, so a fixed path makes
# rebuilds byte-identical)
PLOTLY_TMP := /tmp/migration-dashboard-plotly-build
plotly-js:
	rm -rf $(PLOTLY_TMP) && mkdir -p $(PLOTLY_TMP) && cp $(PLOTLY_BUILD)/package.json $(PLOTLY_BUILD)/entry.js \
	  $(PLOTLY_BUILD)/build.js $(PLOTLY_TMP)/ && { cp $(PLOTLY_BUILD)/package-lock.json $(PLOTLY_TMP)/ 2>/dev/null || true; } && \
	  (cd $(PLOTLY_TMP) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi) && \
	  cp $(PLOTLY_TMP)/package-lock.json $(PLOTLY_BUILD)/ && node $(PLOTLY_TMP)/build.js $(abspath assets/vendor/plotly-custom.min.js) && \
	  cp $(PLOTLY_TMP)/node_modules/regenerator-runtime/runtime.js assets/vendor/regenerator-runtime.js && \
	  rm -rf $(PLOTLY_TMP)

## bench: run the benchmarks and print the figures to copy into bench/RESULTS.md
bench: dev-deps mo
	$(PY) bench/run.py

## screenshots: redraw the README's screenshots (docs/*.png) from the committed bundle in headless Chromium
screenshots: dev-deps mo
	$(PY) docs/screenshots.py

## soak: 10 minutes of mixed load on gunicorn; worker RSS at start and end appended to bench/RESULTS.md (not in CI)
soak: dev-deps mo
	$(PY) bench/soak.py

## load: 32 simulated readers for 60 s (locust, loopback only) on gunicorn as `make run`: pages with the callbacks a
## browser makes (recorded in headless Chromium first), API calls and downloads; prints the figures for RESULTS.md
load: dev-deps mo
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache .cache
