# aicost: run `make help` for the list of targets.
# Every target that needs Python creates the virtual environment first if it is missing or out
# of date, so `make report` and `make test` both work as the very first command on a fresh clone.

# The Python the environment is made with (3.11-3.14). Given on the command line
# (`make PYTHON=/usr/bin/python3.13 test`) it replaces a .venv made with another Python; not
# given, an existing .venv keeps the Python it was made with.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCKS  := requirements.lock requirements-cffconvert.lock
ifeq ($(origin PYTHON),file)
  VENV_PYTHON := $(shell sed -n 's/^executable = //p' $(VENV)/pyvenv.cfg 2>/dev/null)
  ifneq ($(wildcard $(VENV_PYTHON)),)
    PYTHON := $(VENV_PYTHON)
  endif
endif
# The stamp names this Python (real path and version) and the lock files: a .venv counts as
# installed only for the same Python and the same locks, and the stamp is written only once every
# package imports.
PY_ID  := $(shell $(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable), sys.version.split()[0])' 2>/dev/null)
PY_VER := $(lastword $(PY_ID))
ENV_ID := $(shell printf '%s\n' "$(PY_ID)" | cat - $(LOCKS) pyproject.toml Makefile 2>/dev/null | sha256sum | cut -c1-12)
STAMP  := $(VENV)/.installed-$(PY_VER)-$(ENV_ID)
UV     := $(BIN)/uv
# uv only installs what the lock names, from the package index; it never downloads a Python.
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1
IMPORTS := aicost, frictionless, ipykernel, jupyterlab, matplotlib, nbclient, nbconvert, nbformat, \
           nbval, numpy, pandas, pytest, scipy, statsmodels, xdist, yaml
# Kernels here listen on loopback only and sign every message; ipykernel's start-up warning that TCP
# is unencrypted would print once per notebook, so the kernels' own log shows errors only.
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.json
FAILED := echo "make: installing into $(VENV) failed (see above); it is not marked installed, so the next make starts again" >&2; exit 1

# Two notebook kernels share two cores: keep the numeric libraries single-threaded,
# and make matplotlib and the build reproducible.
export OMP_NUM_THREADS=1
export OPENBLAS_NUM_THREADS=1
export MKL_NUM_THREADS=1
export PYTHONHASHSEED=0
export SOURCE_DATE_EPOCH=0
export PYDEVD_DISABLE_FILE_VALIDATION=1

.DEFAULT_GOAL := help
.PHONY: help env bytecode lock claims test badinput report screenshots refresh lab lint datapackage data bench clean distclean

help: ## List the targets with a line on each.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP):
	@test -n "$(PY_VER)" || { echo "make: '$(PYTHON)' does not run (a pyenv shim for a version not selected? give the full path): use a Python 3.11-3.14, e.g. make PYTHON=/usr/bin/python3.12 $(or $(MAKECMDGOALS),env)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 14))' || { echo "make: $(PYTHON) is Python $(PY_VER); aicost needs 3.11-3.14 (make PYTHON=/path/to/python3.X ...)" >&2; exit 1; }
	@if [ "$$(sed -n 's/^executable = //p' $(VENV)/pyvenv.cfg 2>/dev/null)" != "$(firstword $(PY_ID))" ] || ! $(BIN)/python -c '' 2>/dev/null; then \
	  echo "Creating $(VENV) with Python $(PY_VER) ($(firstword $(PY_ID)))"; \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) || { $(FAILED); }; \
	fi
	@rm -f $(VENV)/.installed*
	@echo "Installing requirements.lock into $(VENV) with uv (hash-checked, compiled to bytecode)"
	@awk '/^uv==/ {on=1} on {print} on && !/\\$$/ {exit}' requirements.lock > $(VENV)/uv-lock.txt
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv-lock.txt || { $(FAILED); }
	@$(UV) pip sync -q --compile-bytecode --python $(BIN)/python --require-hashes requirements.lock || { $(FAILED); }
	@$(UV) pip install -q --compile-bytecode --python $(BIN)/python --no-deps --no-build-isolation -e . || { $(FAILED); }
	@$(BIN)/python -m compileall -q aicost >/dev/null || { $(FAILED); }
	@# pytest's assertion-rewritten modules (the tests and the pytest plugins' packages, hypothesis
	@# among them), cached as pytest caches them on a machine that writes bytecode; where
	@# PYTHONDONTWRITEBYTECODE is set, each test worker would rewrite them again (about 2 s).
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q --collect-only -p no:xdist tests >/dev/null 2>&1 || true
	@test -x $(VENV)/cffconvert/bin/python || $(UV) venv -q --python $(BIN)/python $(VENV)/cffconvert || { $(FAILED); }
	@$(UV) pip sync -q --compile-bytecode --python $(VENV)/cffconvert/bin/python --require-hashes requirements-cffconvert.lock || { $(FAILED); }
	@mkdir -p $(VENV)/etc/ipython && echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $(KERNEL_CONFIG)
	@$(BIN)/python -c 'import $(IMPORTS)' && $(VENV)/cffconvert/bin/cffconvert --version >/dev/null || { $(FAILED); }
	@echo "$(PY_ID)" > $@
	@echo "$(VENV) ready: Python $(PY_VER), $$(grep -c '^[a-z]' requirements.lock) locked packages"

env: $(STAMP) ## Create .venv from the lock (every package, hash-checked) and aicost (editable).

# `make lock` needs only uv (at the version requirements.txt pins), not an installed lock: it
# works when the lock itself is out of date or does not install.
lock: ## After editing requirements*.txt: recompile the lock files (UPGRADE=1: newest versions too).
	@test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install -qq --disable-pip-version-check $$(grep -i '^uv==' requirements.txt); }
	$(UV) pip compile -q --universal --fork-strategy fewest --generate-hashes --python-version 3.11 \
	  --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) requirements.txt -o requirements.lock
	$(UV) pip compile -q --universal --fork-strategy fewest --generate-hashes --python-version 3.11 \
	  --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) requirements-cffconvert.txt \
	  -o requirements-cffconvert.lock

# aicost's own bytecode, kept current: the environment compiles the package once, and a module
# edited since would be compiled again from its source in every process that imports it (each
# kernel, worker and command) where PYTHONDONTWRITEBYTECODE is set. compileall rewrites only
# what is stale (about 40 ms when nothing is).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q aicost >/dev/null

claims: bytecode ## The scorecard on the command line (FORMAT=table|csv|json|markdown).
	@$(BIN)/python -m aicost claims $(if $(FORMAT),--format $(FORMAT))

test: bytecode ## Unit tests and strict nbval over every notebook (2 workers), offline (PYTEST_ARGS=-rs: skip reasons).
	AICOST_FIGURE_FORMATS=none sh tests/offline.sh $(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env --no-header $(PYTEST_ARGS)

badinput: bytecode ## List every bad-input case by class (data, plausibility, environment, I/O, cache) and its one message.
	$(BIN)/python -m pytest -p no:xdist -q -s --no-header tests/test_bad_input.py tests/test_plausibility.py tests/test_cache.py

report: bytecode ## Execute every notebook from data/ in a fresh kernel, write figures/, render report/ (Sphinx).
	$(BIN)/python -m aicost.report

screenshots: bytecode ## PNGs of the report's index, a claim page and the scorecard at 390 and 1400 px (headless Chromium).
	test -f report/index.html || $(MAKE) report
	$(BIN)/python -m aicost.browser --screenshots report/screenshots

refresh: bytecode ## Re-execute the notebooks in place (stored outputs current, volatile metadata stripped).
	$(BIN)/python -m aicost.notebooks --refresh
	$(BIN)/python -m aicost.figures
	$(BIN)/python -m aicost.readme

# JupyterLab refuses to start as root without --allow-root. jupyter-config/ turns off JupyterLab's
# MathJax (the report has no maths), so a money sign written \$ shows as $ and never as LaTeX.
LAB_AS_ROOT = $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
lab: bytecode ## JupyterLab rooted at the project (data/, figures/ browsable); extra flags: ARGS="--no-browser --port 8899".
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

bench: bytecode ## Benchmark make test / make report / the CLI against their floor (median of 3); updates README.
	$(BIN)/python benchmarks/suite.py --repeat 3 --readme

datapackage: $(STAMP) ## After editing data/*.csv: update sizes and checksums in data/datapackage.json.
	$(BIN)/python -m aicost.datapackage --update
	$(BIN)/python -m aicost.codebook

clean: ## Remove build outputs (report/, caches); keeps .venv.
	rm -rf report build .pytest_cache .ruff_cache .cache
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment.
	rm -rf $(VENV)
