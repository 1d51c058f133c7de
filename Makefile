# rasd: two commands set up a fresh machine. `make demo` runs the demo, `make test` runs the test suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint sample clean

$(BIN)/rasd: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/rasd

demo: $(BIN)/rasd
	$(BIN)/rasd demo

test: $(BIN)/rasd
	$(BIN)/python -m pytest -q

lint: $(BIN)/rasd
	$(BIN)/ruff check rasd tests scripts

# Rebuild the bundled demo input from ../shared (deterministic).
sample: $(BIN)/rasd
	$(BIN)/python scripts/build_sample.py

clean:
	rm -rf $(VENV) rasd-demo.db rasd-demo.db-wal rasd-demo.db-shm .pytest_cache .ruff_cache
