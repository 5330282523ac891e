# Set-up is two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DRIFT  := $(VENV)/bin/drift
OUT    ?= out

.PHONY: demo test lint format bench docs clean

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(DRIFT) compare corpus/data/whitehouse/cyber_emergency_continuation_notices/2022-03-30-*.md \
	    corpus/data/whitehouse/cyber_emergency_continuation_notices/2023-03-29-*.md -o $(OUT)/notices-2022-2023.html
	$(DRIFT) compare corpus/data/seeds/002_23602f18eb2f6ed8.txt corpus/data/seeds/000_a03e204da53f589a.txt \
	    -o $(OUT)/asean-2017-2025.html
	@echo
	@echo "Reports written:"
	@echo "  $(CURDIR)/$(OUT)/notices-2022-2023.html   (two editions of a White House notice)"
	@echo "  $(CURDIR)/$(OUT)/asean-2017-2025.html     (ASEAN cyber conference 2017 vs dialogue 2025)"

lint: $(VENV)/.installed
	$(PY) -m ruff check corpus compare reports drift tests benchmarks
	$(PY) -m ruff format --check corpus compare reports drift tests benchmarks

format: $(VENV)/.installed
	$(PY) -m ruff check --fix corpus compare reports drift tests benchmarks
	$(PY) -m ruff format corpus compare reports drift tests benchmarks

test: $(VENV)/.installed
	$(MAKE) lint
	$(PY) -m cogapp --check README.md docs/themes.md
	$(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) benchmarks/bench_compare.py

docs: $(VENV)/.installed
	$(PY) -m cogapp -r README.md docs/themes.md

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
