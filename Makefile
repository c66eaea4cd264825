# aicost: run `make help` for the list of targets.
# Every target that needs Python creates the virtual environment first if it is missing,
# so `make report` and `make test` both work as the very first command on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Two notebook kernels share two cores: keep the numeric libraries single-threaded,
# and make matplotlib and the build reproducible.
export OMP_NUM_THREADS=1
export OPENBLAS_NUM_THREADS=1
export MKL_NUM_THREADS=1
export PYTHONHASHSEED=0
export SOURCE_DATE_EPOCH=0
export PYDEVD_DISABLE_FILE_VALIDATION=1

.DEFAULT_GOAL := help
.PHONY: help env test badinput report screenshots refresh lab lint datapackage data bench clean distclean

help: ## List the targets with a line on each.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

env: $(STAMP) ## Create .venv with the pinned requirements and aicost (editable).

test: $(STAMP) ## Unit tests and strict nbval over every notebook (2 workers), offline where possible.
	AICOST_FIGURE_FORMATS=none sh tests/offline.sh $(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env -q

badinput: $(STAMP) ## List every bad-input case and what the loader says about it.
	$(BIN)/python -m pytest -p no:xdist -v -s tests/test_bad_input.py tests/test_plausibility.py tests/test_cache.py

report: $(STAMP) ## Execute every notebook from data/ in a fresh kernel, write figures/, render report/ (Sphinx).
	$(BIN)/python -m aicost.report

screenshots: $(STAMP) ## PNGs of the report's index, a claim page and the scorecard at 390 and 1400 px (headless Chromium).
	test -f report/index.html || $(MAKE) report
	$(BIN)/python -m aicost.browser --screenshots report/screenshots

refresh: $(STAMP) ## Re-execute the notebooks in place (stored outputs current, volatile metadata stripped).
	$(BIN)/python -m aicost.notebooks --refresh
	$(BIN)/python -m aicost.figures
	$(BIN)/python -m aicost.readme

# JupyterLab refuses to start as root without --allow-root. jupyter-config/ turns off JupyterLab's
# MathJax (the report has no maths), so a money sign written \$ shows as $ and never as LaTeX.
LAB_AS_ROOT = $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
lab: $(STAMP) ## JupyterLab rooted at the project (data/, figures/ browsable); extra flags: ARGS="--no-browser --port 8899".
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks \
	  $(LAB_AS_ROOT) $(ARGS)

lint: $(STAMP) ## ruff over the package and tests.
	$(BIN)/ruff check aicost tests

# Raw upstream files laid out as data/curation/SOURCES.md describes (override: make data SOURCES=DIR).
SOURCES ?= ../shared/sources

data: $(STAMP) ## Rebuild every scripted table in data/ from SOURCES (default ../shared/sources; data/curation/SOURCES.md).
	@test -d "$(SOURCES)" || { echo "make data: raw sources folder '$(SOURCES)' not found."; \
	  echo "Lay out the public upstream files as data/curation/SOURCES.md describes and run make data SOURCES=/path/to/raw."; \
	  exit 2; }
	$(BIN)/python data/curation/rebuild.py --sources "$(SOURCES)" --out data

bench: $(STAMP) ## Benchmark make test / make report against their floor (median of 3 runs).
	$(BIN)/python benchmarks/suite.py --repeat 3

datapackage: $(STAMP) ## After editing data/*.csv: update sizes and checksums in data/datapackage.json.
	$(BIN)/python -m aicost.datapackage --update
	$(BIN)/python -m aicost.codebook

clean: ## Remove build outputs (report/, caches); keeps .venv.
	rm -rf report build .pytest_cache .ruff_cache .cache
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment.
	rm -rf $(VENV)
