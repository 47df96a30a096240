# jejaring: `make demo` to see it work, `make test` to run the tests.
# Both create their own virtual environment in .venv (override with VENV=...).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO ?= build/demo

.PHONY: help install dev demo test bench neo4j-server clean

help:
	@echo "make demo   install jejaring, build the Bangun Rejo demo workspace in $(DEMO) and print its severe gaps"
	@echo "make test   install the development extras and a Neo4j test server, then run the test suite"
	@echo "make bench  run the benchmark suite at kabupaten and national scale (see README, Performance)"
	@echo "make clean  remove the virtual environment and build outputs"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

demo: install
	rm -rf $(DEMO)
	$(BIN)/jejaring demo $(DEMO)
	$(BIN)/jejaring gaps -w $(DEMO) --at 2024-12-31 --severity high

# The Neo4j tests run against a real Neo4j 5.26 community server built from Maven Central jars.
neo4j-server:
	scripts/neo4j-test-server.sh install

test: dev neo4j-server
	$(BIN)/python -m pytest

bench: dev neo4j-server
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info
