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

NOTICES := corpus/data/whitehouse/cyber_emergency_continuation_notices
SEEDS   := corpus/data/seeds

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(DRIFT) timeline corpus/data -o $(OUT)/timeline.html
	$(DRIFT) compare $(NOTICES)/2022-03-30-*.md $(NOTICES)/2023-03-29-*.md -o $(OUT)/notices-2022-2023.html
	$(DRIFT) compare $(SEEDS)/003_f3c8cea24e4c5715.txt $(SEEDS)/004_740a3e3daa21dc44.txt -o $(OUT)/asean-2020-2021.html
	$(DRIFT) compare $(NOTICES)/*.md -o $(OUT)/notices-all.html
	@echo
	@echo "Reports written (open them in a browser; they work offline):"
	@echo "  $(CURDIR)/$(OUT)/timeline.html           year over year, the whole sample corpus (24 statements)"
	@echo "  $(CURDIR)/$(OUT)/notices-2022-2023.html  two editions of a White House notice"
	@echo "  $(CURDIR)/$(OUT)/asean-2020-2021.html    ASEAN-China 2020 vs ASEAN-U.S. 2021: AI and COVID-19 new"
	@echo "  $(CURDIR)/$(OUT)/notices-all.html        all four notices, each read against the 2021 edition"

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
