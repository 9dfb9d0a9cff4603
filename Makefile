# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FRONTEND_DEPS := frontend/node_modules/.installed
SPA_BUILD := frontend/dist/index.html
PORT ?= 8000
# make run listens on this machine only; HOST=0.0.0.0 opens it to the network.
HOST ?= 127.0.0.1

.PHONY: install run test lint lint-python lint-frontend vitest spa frontend-deps clean bench audit api-docs

install: $(INSTALLED)

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The SPA is built only when the frontend exists; the API works without it.
spa: frontend-deps
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory $(SPA_BUILD); fi

# Its own target, so that under make -j the build and ESLint wait for one npm ci.
frontend-deps:
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory $(FRONTEND_DEPS); fi

$(FRONTEND_DEPS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(SPA_BUILD): $(FRONTEND_DEPS) $(shell find frontend/src frontend/index.html frontend/vite.config.* -type f 2>/dev/null)
	cd frontend && npm run build

# Starts the embedded PostgreSQL under instance/ unless DATABASE_URL is set; Ctrl-C
# stops gunicorn and the database.
run: install spa
	$(BIN)/python -m ticketsvc.devtools.embedded_db $(BIN)/python -m ticketsvc.devtools.serve --host $(HOST) --port $(PORT)

lint: lint-python lint-frontend

lint-python: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ticketsvc

lint-frontend: frontend-deps
	@if [ -f frontend/package.json ]; then cd frontend && npm run lint; fi

vitest: frontend-deps
	@if [ -f frontend/package.json ]; then cd frontend && npm test; fi

# First what needs no database, three at a time (the Python side's install and lint beside
# the SPA's npm ci, then Vitest, the longest, as soon as it can, the build and ESLint; each
# target's output printed whole when it ends); then pytest in two passes (docs/development.md): every test not marked serial on
# PYTEST_WORKERS processes, then the serial ones alone, as they time themselves. Both
# passes always run; the target fails if either failed.
PYTEST_WORKERS ?= 3
test:
	$(MAKE) --no-print-directory -j3 --output-sync=target install vitest spa lint
	parallel=0; $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not serial" || parallel=$$?; \
	serial=0; $(BIN)/pytest -m serial || serial=$$?; \
	echo "pytest: parallel pass exit $$parallel, serial pass exit $$serial"; \
	[ $$parallel -eq 0 ] && [ $$serial -eq 0 ]

# docs/api.md's reference section, from the app's OpenAPI description.
api-docs: install
	$(BIN)/python -m ticketsvc.devtools.api_reference docs/api.md

# Issue 9's workload: seeds ROWS tickets, serves the app with gunicorn.conf.py, checks
# every scenario's answers, drives each with wrk, prints the table (bench/results/).
ROWS ?= 1000000
DURATION ?= 10
CONCURRENCY ?= 8
bench: install
	$(BIN)/python -m bench.run --rows $(ROWS) --duration $(DURATION) --concurrency $(CONCURRENCY)

# Known vulnerabilities in what ships: the Python packages the backend installs (not the
# test tools) and the SPA's production dependencies. --strict fails on a package that could
# not be checked instead of calling it clean. Needs PyPI's JSON API and npm's advisories.
AUDIT := build/audit
audit:
	rm -rf $(AUDIT)
	$(PYTHON) -m venv $(AUDIT)/ship
	$(PYTHON) -m venv $(AUDIT)/tool
	$(AUDIT)/ship/bin/pip install --quiet .
	$(AUDIT)/ship/bin/pip freeze | grep -v '^ticketsvc' > $(AUDIT)/requirements.txt
	$(AUDIT)/tool/bin/pip install --quiet pip-audit
	$(AUDIT)/tool/bin/pip-audit --strict --no-deps --disable-pip -r $(AUDIT)/requirements.txt
	cd frontend && npm audit --omit=dev

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
