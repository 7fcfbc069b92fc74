# The two commands of a fresh machine:
#   make demo   creates .venv, builds the package, and runs the main job on the bundled example
#   make test   builds and runs every check
# Both need only python3 (3.10+) and a stable Rust toolchain; every Python package comes
# from PyPI into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/nghe-an-2024.json
EXAMPLE_PLAN := examples/nghe-an-2024.plan.json

.PHONY: demo test bench venv develop rust-checks python-checks clean

$(BIN)/maturin:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "maturin>=1.9,<2"

venv: $(BIN)/maturin

# Builds the extension in release mode and installs it, with the notebook, test and dev
# extras.
develop: venv
	$(BIN)/maturin develop --quiet --release --extras notebook,test,dev

demo: develop
	$(BIN)/oversight validate $(EXAMPLE)
	$(BIN)/oversight analyze $(EXAMPLE)
	$(BIN)/oversight score $(EXAMPLE) $(EXAMPLE_PLAN)
	mkdir -p out
	$(BIN)/oversight solve $(EXAMPLE) -o out/plan.json --time-limit 2
	$(BIN)/oversight show $(EXAMPLE) out/plan.json
	$(BIN)/oversight export $(EXAMPLE) out/plan.json -o out

rust-checks:
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features python -- -D warnings
	cargo test

python-checks: develop
	$(BIN)/ruff check python tests benches
	$(BIN)/ruff format --check python tests benches
	$(BIN)/mypy
	$(BIN)/python -m mypy.stubtest --mypy-config-file pyproject.toml oversight._oversight
	$(BIN)/pytest

test: rust-checks python-checks

# Speed figures (printed, never asserted).
bench: develop
	cargo bench --bench moves
	$(BIN)/pip install --quiet ortools
	$(BIN)/python benches/benchmark.py

clean:
	rm -rf $(VENV) target out
