# Two commands set up a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo test bench lint rules-test clean fonts

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP) fonts
	$(VENV)/bin/wardwatch demo

test: $(STAMP) fonts
	$(PY) -m pytest -q

# PDF/PNG reports need a CJK font (matplotlib's own fonts have no Chinese glyphs). Detect one;
# as root with apt-get, install fonts-wqy-microhei; otherwise say plainly what is missing
# (HTML reports still work, PDF tests are skipped, `wardwatch report` names the package).
fonts: $(STAMP)
	@$(PY) -m bot.reports.fonts 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "安装中文字体 / installing fonts-wqy-microhei"; \
	    (apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && \
	      apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1)) || true; \
	  fi; \
	  $(PY) -m bot.reports.fonts || true; }

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
