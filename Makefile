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

WH            := corpus/data/whitehouse
RANSOMWARE    := $(WH)/counter_ransomware_initiative
PROCLAMATIONS := $(WH)/cyber_awareness_month_proclamations
ASEAN_US      := $(WH)/asean_us

# The pairs that show what drift does on real statements: a moved and reworded sentence,
# rewordings word by word, themes new, dropped, rising and falling; the same pair as a Word
# document with tracked changes and as a Markdown redline; five years of proclamations, each
# read against the year before (--base previous: each edition is rewritten from the last one,
# so against the first edition later years would read as almost all new).
demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(DRIFT) compare $(RANSOMWARE)/2023-11-01-*.md $(RANSOMWARE)/2024-10-02-*.md -o $(OUT)/ransomware-2023-2024.html
	$(DRIFT) compare $(RANSOMWARE)/2023-11-01-*.md $(RANSOMWARE)/2024-10-02-*.md -o $(OUT)/ransomware-2023-2024.docx
	$(DRIFT) compare $(RANSOMWARE)/2023-11-01-*.md $(RANSOMWARE)/2024-10-02-*.md -o $(OUT)/ransomware-2023-2024.md
	$(DRIFT) compare $(PROCLAMATIONS)/2023-*.md $(PROCLAMATIONS)/2024-*.md -o $(OUT)/proclamations-2023-2024.html
	$(DRIFT) compare $(ASEAN_US)/2022-11-12-*.md $(ASEAN_US)/2023-09-06-*.md -o $(OUT)/asean-us-2022-2023.html
	$(DRIFT) compare $(PROCLAMATIONS)/*.md --base previous -o $(OUT)/proclamations-year-by-year.html
	$(DRIFT) timeline corpus/data -o $(OUT)/timeline.html
	@echo
	@echo "Reports written (open them in a browser; they work offline):"
	@echo "  $(CURDIR)/$(OUT)/ransomware-2023-2024.html        Counter Ransomware Initiative 2023 vs 2024: a sentence moved and reworded, themes new, dropped and rising"
	@echo "  $(CURDIR)/$(OUT)/ransomware-2023-2024.docx        the same as a Word document with tracked changes (review mode: accept all = 2024, reject all = 2023)"
	@echo "  $(CURDIR)/$(OUT)/ransomware-2023-2024.md          the same as a Markdown redline"
	@echo "  $(CURDIR)/$(OUT)/proclamations-2023-2024.html     Cybersecurity Awareness Month 2023 vs 2024: sentences reworded word by word, skills rising"
	@echo "  $(CURDIR)/$(OUT)/asean-us-2022-2023.html          ASEAN-U.S. leaders 2022 vs 2023: rewordings, themes new and dropped, strength shifts"
	@echo "  $(CURDIR)/$(OUT)/proclamations-year-by-year.html  five proclamations, each against the year before"
	@echo "  $(CURDIR)/$(OUT)/timeline.html                    year over year, the whole sample corpus (24 statements)"

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
