# Two commands matter: `make serve` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8866
STAMP := $(VENV)/.installed
# JupyterHub's proxy (npm), for the hub tests: installed next to the venv, not globally
CHP := .cache/node/node_modules/.bin/configurable-http-proxy

.PHONY: serve cluster test check lint bench lab frontend system-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ nodig"; exit 1; }
	@echo "[1/3] Virtuele omgeving in $(VENV)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "[2/3] pip bijwerken"
	@$(PY) -m pip install --quiet --upgrade pip
	@echo "[3/3] Pakketten installeren (eenmalig, ongeveer anderhalve minuut):"
	@{ $(PY) -m pip install --progress-bar off -e '.[test]'; echo $$? > $(VENV)/.pip-status; } \
	  | grep --line-buffered -E '^(Collecting|Successfully installed)' | cut -c1-100 || true
	@test "$$(cat $(VENV)/.pip-status)" = 0 || { echo "Installeren mislukt: zie de meldingen hierboven"; exit 1; }
	@touch $(STAMP)
	@echo "Klaar met installeren."

## serve: set up and serve the workbooks on the embedded SQLite store (PORT=8866)
serve: $(STAMP)
	$(VENV)/bin/pleegzorg serve --port $(PORT)

## cluster: one server per core behind nginx on this machine, all on the same store (PORT=8866; needs nginx)
cluster: $(STAMP)
	$(VENV)/bin/pleegzorg cluster --port $(PORT)

## system-deps: Debian's Chromium, PostgreSQL, nginx, Node/npm and hunspell (Dutch) for the tests (Playwright drives /usr/bin/chromium)
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v hunspell >/dev/null 2>&1 || missing="$$missing hunspell"; \
	test -f /usr/share/hunspell/nl_NL.dic || test -f /usr/share/hunspell/nl.dic || missing="$$missing hunspell-nl"; \
	test -x /usr/sbin/nginx || command -v nginx >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installeren (Debian-pakketten):$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(CHP): | system-deps
	npm install --prefix .cache/node --no-audit --no-fund --loglevel=error configurable-http-proxy@4

## test: set up and run every test (unit, widgets, notebooks, browser)
test: $(STAMP) system-deps $(CHP)
	$(VENV)/bin/ruff check pleegzorg_lib tests
	$(VENV)/bin/ruff format --check pleegzorg_lib tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pleegzorg check --no-execute
	@# The idle tests mostly wait past timeouts: they run in a process of their own (one
	@# worker each) beside the unit, widget, store and reliability tests, not after them.
	@mkdir -p test-artifacts
	$(PY) -m pytest -m "idle" -n 2 -p no:cacheprovider > test-artifacts/idle-tests.log 2>&1 & idle=$$!; \
	trap 'kill $$idle 2>/dev/null' INT TERM; \
	$(PY) -m pytest -m "not browser and not notebooks and not idle" -n 2; units=$$?; \
	wait $$idle; idle_rc=$$?; echo "--- idle tests (beside the unit tests):"; \
	cat test-artifacts/idle-tests.log; test $$units -eq 0 && test $$idle_rc -eq 0
	$(PY) -m pytest -m "(browser or notebooks) and not idle and not serial" -n 2 --dist loadfile
	$(PY) -m pytest -m "serial"

## frontend: rebuild the page's own front end from frontend/ (needs Node and npm; the built
## files in pleegzorg_lib/server/.../static/page/ are committed, so serving needs neither)
frontend:
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

## lab: JupyterLab on the project for authors; the Voilà preview button shows the page side by side
lab: $(STAMP)
	PLEEGZORG_WORKBOOKS=$(CURDIR)/workbooks PLEEGZORG_DATA=$(CURDIR)/data JUPYTER_PATH=$(CURDIR)/pleegzorg_lib/server/share \
	  $(VENV)/bin/jupyter lab --no-browser --ServerApp.root_dir=$(CURDIR) --port=$(or $(LAB_PORT),8888) \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

## check: the author's check of every worksheet (executes them)
check: $(STAMP)
	$(VENV)/bin/pleegzorg check

## bench: page-ready, arrivals, autosave and live-view aggregation (figures go in benchmarks/README.md)
bench: $(STAMP) system-deps
	$(PY) benchmarks/page_ready.py --runs 5
	$(PY) benchmarks/arrivals.py --counts 5 10 20 40
	$(PY) benchmarks/autosave.py --n 300
	$(PY) benchmarks/aggregation.py

lint: $(STAMP)
	$(VENV)/bin/ruff check pleegzorg_lib tests
	$(VENV)/bin/ruff format --check pleegzorg_lib tests

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
