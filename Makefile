# The two commands of the README, and the few others a contributor needs.
# Each target creates or reuses the local virtualenv (.venv) and installs the pinned
# dependencies (requirements.lock) into it first; nothing is installed outside the project.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make serve PORT=8080`; MANDATE_GRAPH_PORT (the server's own setting) is the default if set.
PORT ?= $(or $(MANDATE_GRAPH_PORT),8000)

.PHONY: serve test build lint lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## Build the graph from the corpus and serve it at http://127.0.0.1:$(PORT)
serve: $(STAMP)
	$(BIN)/mandate-graph build
	$(BIN)/mandate-graph serve --port $(PORT)

## Run the whole test suite (lint included)
test: $(STAMP)
	$(BIN)/ruff check graph server tests
	$(BIN)/python -m pytest -q

build: $(STAMP)
	$(BIN)/mandate-graph build

lint: $(STAMP)
	$(BIN)/ruff check graph server tests
	$(BIN)/mypy

## Re-pin the dependencies from a fresh resolution of pyproject.toml
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -e '.[test]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^mandate-graph' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf build
