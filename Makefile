# The two commands: `make run` starts the whole bank graph, `make test` runs every test.
# Each bootstraps what it needs (.venv, Node tools, Chromium, Redis) when missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_TOOLS := tools/node

.PHONY: run test lint bench schema clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_TOOLS)/node_modules/.installed: $(NODE_TOOLS)/package.json $(NODE_TOOLS)/package-lock.json
	cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m bankgraph run

test: $(BIN)/.installed $(NODE_TOOLS)/node_modules/.installed
	bash tools/install-system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

schema: $(BIN)/.installed
	$(BIN)/python -m subgraphs.schema

bench: $(BIN)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(NODE_TOOLS)/node_modules
