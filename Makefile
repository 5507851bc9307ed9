# Two entry points for a fresh machine: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: demo test lint clean-venv

# A current pip: the one venv bundles (23.x) trips over extras spelt two ways (lxml[html_clean] / [html-clean]).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24.2"

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(BIN)/copydesk clean samples/corpus.jsonl -o $(OUT)/demo.jsonl --summary-json $(OUT)/demo.summary.json
	@echo
	@echo "One cleaned article ($(OUT)/demo.jsonl):"
	@echo
	@$(BIN)/python samples/show_record.py $(OUT)/demo.jsonl
	@echo
	$(BIN)/copydesk run samples/corpus.jsonl --out $(OUT)/demo.duckdb --quiet
	@$(BIN)/copydesk report $(OUT)/demo.duckdb --limit 5

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests samples

clean-venv:
	rm -rf $(VENV)
