# Two commands for a fresh Debian machine:
#   make demo   run the pipeline on corpus/ and print the score table against gold/
#   make test   lint (ruff), type-check (mypy) and run the tests (pytest; PostgreSQL started for them)
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     := out

.PHONY: demo test lint bench schema clean

$(STAMP): pyproject.toml scripts/install-system.sh
	bash scripts/install-system.sh
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/smarak run corpus/*.txt -o $(OUT)/records.jsonl
	$(BIN)/smarak score gold $(OUT)/records.jsonl --json $(OUT)/score.json

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/ruff format --check pipeline tests benchmarks scripts
	$(BIN)/mypy

# The database tests also run against a local PostgreSQL server that scripts/start-postgres.sh starts
# (SMARAK_SKIP_PG=1 skips them, for a machine where it cannot run).
test: lint
	if [ -n "$$SMARAK_SKIP_PG" ]; then $(BIN)/pytest; else \
	  url=$$(bash scripts/start-postgres.sh) && SMARAK_TEST_PG_URL=$$url $(BIN)/pytest; fi

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_speed.py

schema: $(STAMP)
	$(BIN)/python -c "from pipeline.models import render_json_schema; print(render_json_schema(), end='')" > schema/record.schema.json

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
