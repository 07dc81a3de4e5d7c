# Two doors for a fresh machine: `make run` (install + serve) and `make test` (install + test).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint install install-dev engine readme image openapi bench score shared-corpus clean

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "suanpan needs Python 3.11 or newer as $(PY) (make PY=python3.11 ...)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-build.txt
	@$(MAKE) --no-print-directory engine

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@$(MAKE) --no-print-directory engine

# The engine compiled with mypyc (scripts/build_engine.py): the same source, about 1.4× faster.
# Built again whenever a module of it changes; SUANPAN_COMPILE=0 (or no C compiler) leaves it
# plain Python, which gives the same answers.
EXT_SUFFIX := $(shell $(PY) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
ENGINE_LIB := suanpan_engine__mypyc$(EXT_SUFFIX)

engine: $(ENGINE_LIB)

$(ENGINE_LIB): $(wildcard service/engine/*.py) scripts/build_engine.py requirements-build.txt
	@if [ "$(SUANPAN_COMPILE)" = 0 ]; then \
		$(BIN)/python scripts/build_engine.py --clean; echo "engine left as plain Python (SUANPAN_COMPILE=0)"; \
	else \
		$(BIN)/python scripts/build_engine.py || { $(BIN)/python scripts/build_engine.py --clean; \
			echo "could not compile the engine (a C compiler and Python's headers are needed): it runs as plain Python"; }; \
	fi

run: install
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py "service:create_app()"

test: install-dev lint
	$(BIN)/python -m pytest

# Lint, format check and types (configured in pyproject.toml); part of `make test`.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rewrite the README's settings table from service/settings.py.
readme: install
	$(BIN)/python scripts/readme_settings.py

# Build and probe the container image with podman (as root; see the script's header).
image:
	scripts/build-image.sh

# Score the engine on the labelled reports of the shared corpus (README: "The shared corpus").
SHARED ?= $(or $(SUANPAN_SHARED),../shared)

shared-corpus:
	@test -f $(SHARED)/tools/score.py -a -d $(SHARED)/corpus/gold || { \
		echo "make score needs the shared corpus (tools/score.py and corpus/gold) at $(SHARED):"; \
		echo "put it beside the repository as ../shared, or set SUANPAN_SHARED=/path/to/shared."; \
		exit 1; }

score: shared-corpus install
	$(BIN)/python $(SHARED)/tools/score.py --python service:extract $(SHARED)/corpus/gold -v

clean:
	-$(BIN)/python scripts/build_engine.py --clean
	rm -rf $(VENV) .pytest_cache .hypothesis build

# --- benchmarks and fuzzing (issue 4; see BENCHMARKS.md) ------------------------------
BENCH_PY := bench/.venv/bin/python
.PHONY: bench-venv bench-engine bench-scale bench-load bench-soak bench-serving fuzz

# The peer engines go into their own venv, never into $(VENV).
$(BENCH_PY):
	$(PY) -m venv bench/.venv
	$(BENCH_PY) -m pip install --quiet --upgrade pip
	$(BENCH_PY) -m pip install --quiet -r bench/requirements.txt

bench-venv: $(BENCH_PY)

bench-engine: install bench-venv
	$(BIN)/python bench/engine.py

bench-scale: install
	$(BIN)/python bench/scaling.py

bench-load: install
	$(BIN)/python bench/load.py

bench-soak: install
	$(BIN)/python bench/load.py --soak-only

# What serving costs beyond the engine (kept-alive clients), and slow clients (issue 10).
bench-serving: install-dev
	$(BIN)/python bench/serving.py
	$(BIN)/python bench/slowclients.py

# Everything above, then BENCHMARKS.md from bench/out/*.json.
bench: bench-engine bench-scale bench-load bench-serving
	$(BIN)/python bench/report.py

# The fuzz step of `make test`, for longer: make fuzz SUANPAN_FUZZ_SECONDS=600
SUANPAN_FUZZ_SECONDS ?= 300
fuzz: install-dev
	SUANPAN_FUZZ_SECONDS=$(SUANPAN_FUZZ_SECONDS) $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider
