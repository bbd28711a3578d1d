# Vigie — `make run` serves the archive, `make test` proves it works.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test check lint eval eval-search bench search-schema screenshots install install-dev system-packages requirements upgrade-requirements clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# axe-core and the Nu HTML checker for the browser tests; the checker runs on the
# machine's Java, so its post-install download of a Java runtime is skipped.
NODE_MODULES := tests/browser/node_modules
$(NODE_MODULES)/.installed: tests/browser/package.json tests/browser/package-lock.json | system-packages
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: set everything up (virtualenv, database, seed articles, index, admin account) and serve on 127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py prepare_archive
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Vigie : http://127.0.0.1:$(PORT)/recherche/"
	exec $(BIN)/gunicorn -c config/gunicorn.conf.py

## test: install what the tests need (Python packages; Debian's chromium, Java, npm, postgresql; axe-core, vnu) and run them all, the database tests a second time on PostgreSQL
test: install-dev system-packages $(NODE_MODULES)/.installed
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
# Every test on SQLite and, alongside on the other core, the tests that touch the
# database again on a throwaway PostgreSQL server (tests/conftest.py, --db-only).
# Browser and HTML checks run on the first pass only: they test what the reader's
# browser gets, the same on either database.
	BIN=$(BIN) .ci/pytest-both-databases

## check: the quick loop (under two minutes): ruff, then the unit and view tests on SQLite; no browser, HTML checker nor real-process fault tests (make test runs them)
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not browser and not html and not processes"

## eval: precision, recall and F1 of extraction on the hand-annotated gold set (MODEL=fr_core_news_md to compare), deployment figures and who announced them (tools/gold/figures.py), relevance to the subject (tools/gold/relevance.py), wire copies judged by hand (tools/gold/wire_copies.py), publisher and agencies (tools/gold/sources.py), quote speakers (tools/gold/quotes.py), then eval-search
MODEL ?= fr_core_news_sm
eval: install-dev
	$(BIN)/python -m tools.gold.evaluate --model $(MODEL)
	$(BIN)/python -m tools.gold.figures
	$(BIN)/python -m tools.gold.relevance
	$(BIN)/python -m tools.gold.wire_copies
	$(BIN)/python -m tools.gold.sources
	$(BIN)/python -m tools.gold.quotes --model $(MODEL)
	@$(MAKE) --no-print-directory eval-search

## eval-search: nDCG@10 and precision@5 of the search's ranking on the researchers' judgments (tools/ranking/judgments.jsonl), on a throwaway import of the seeds and topic.jsonl (EVAL_SEARCH_ARGS="--data DIR" keeps and reuses one)
EVAL_SEARCH_ARGS ?=
eval-search: install
	$(BIN)/python -m tools.ranking.evaluate $(EVAL_SEARCH_ARGS)

## bench: grow an archive as users do (seeds, topic set, then N corpus articles in 3 successive imports; N=0: all ~65,000), report its index segments, time searches over gunicorn, wrk load, Whoosh alone; JSON in var/bench (BENCH_ARGS: "--runs K", "--rebuild", "--data DIR [--rebuild | --regrow K]")
N ?= 2000
BENCH_ARGS ?=
bench: install
	$(BIN)/python -m tools.bench.run -n $(N) $(BENCH_ARGS)

## search-schema: Elasticsearch index settings and mapping, Solr schema and word lists, with Vigie's French analysis, into $(SCHEMA_DIR)
SCHEMA_DIR ?= var/search-schema
search-schema: install
	$(BIN)/python manage.py search_schema --engine elasticsearch -o $(SCHEMA_DIR)/elasticsearch.json
	$(BIN)/python manage.py search_schema --engine solr -o $(SCHEMA_DIR)/solr-schema.xml

system-packages:
	@.ci/system-packages

## screenshots: phone and desktop PNGs of the main pages into var/screenshots (needs a server on $(PORT): make run)
screenshots: install-dev
	$(BIN)/python -m tests.browser.screenshots --base http://127.0.0.1:$(PORT) --out var/screenshots

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## requirements: after an edit of requirements.in or requirements-dev.in, compile them into requirements.txt and requirements-dev.txt, which pin every package (the other pins are kept)
# pip-compile is the dev virtualenv's: requirements-dev.txt pins pip-tools and a pip
# recent enough to see jusText's lxml[html_clean] extra (pip 23.2 drops it). The
# output names no index, find-links or extras, so it installs the same anywhere,
# also with --no-deps.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make requirements" $(BIN)/pip-compile --quiet --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
requirements: install-dev
	$(PIP_COMPILE) $(UPGRADE) -o requirements.txt requirements.in
	$(PIP_COMPILE) $(UPGRADE) -o requirements-dev.txt requirements-dev.in

## upgrade-requirements: the same, every package to the newest release that requirements.in and requirements-dev.in allow
upgrade-requirements:
	$(MAKE) requirements UPGRADE=--upgrade

clean:
	rm -rf $(VENV) var $(NODE_MODULES)
