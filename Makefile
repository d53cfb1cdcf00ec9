# Two commands matter: `make serve` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8866
STAMP := $(VENV)/.installed

.PHONY: serve test check lint system-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ nodig"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: set up and serve the workbooks on the embedded SQLite store (PORT=8866)
serve: $(STAMP)
	$(VENV)/bin/pleegzorg serve --port $(PORT)

## system-deps: Debian's Chromium for the browser tests (never `playwright install`)
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Chromium installeren (Debian-pakket)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## test: set up and run every test (unit, widgets, notebooks, browser)
test: $(STAMP) system-deps
	$(VENV)/bin/ruff check pleegzorg_lib tests
	$(VENV)/bin/pleegzorg check --no-execute
	$(PY) -m pytest

## check: the author's check of every worksheet (executes them)
check: $(STAMP)
	$(VENV)/bin/pleegzorg check

lint: $(STAMP)
	$(VENV)/bin/ruff check pleegzorg_lib tests
	$(VENV)/bin/ruff format --check pleegzorg_lib tests

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
