# Two commands set up a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo test bench lint rules-test clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/wardwatch demo

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench

rules-test: $(STAMP)
	$(VENV)/bin/wardwatch rules lint
	$(VENV)/bin/wardwatch rules test

lint: $(STAMP)
	$(VENV)/bin/ruff check bot rules storage tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
