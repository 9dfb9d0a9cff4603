# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FRONTEND_DEPS := frontend/node_modules/.installed
SPA_BUILD := frontend/dist/index.html
PORT ?= 8000

.PHONY: install run test lint spa clean

install: $(INSTALLED)

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The SPA is built only when the frontend exists; the API works without it.
spa:
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory $(SPA_BUILD); fi

$(FRONTEND_DEPS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(SPA_BUILD): $(FRONTEND_DEPS) $(shell find frontend/src frontend/index.html frontend/vite.config.* -type f 2>/dev/null)
	cd frontend && npm run build

# Starts the embedded PostgreSQL under instance/ unless DATABASE_URL is set; Ctrl-C
# stops gunicorn and the database.
run: install spa
	$(BIN)/python -m ticketsvc.embedded_db $(BIN)/python -m ticketsvc.serve --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install spa lint
	$(BIN)/pytest
	@if [ -f frontend/package.json ]; then cd frontend && npm test; fi

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
