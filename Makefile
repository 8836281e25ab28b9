# Two commands: `make run` (set up + nightly job on the embedded DuckDB) and `make test`.
SHELL := /bin/bash
PY    := .venv/bin/python
VENV_STAMP := .venv/.installed-$(shell cat requirements.in requirements.lock | md5sum | cut -c1-12)
export DBT_PROFILES_DIR := $(CURDIR)
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: run test dbt-build dagster docs bench-overhead bench-scale clean

$(VENV_STAMP): requirements.in requirements.lock
	@test -x $(PY) || python3 -m venv .venv
	@echo "==> installing pinned dependencies into .venv (requirements.lock)"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.in -c requirements.lock
	@rm -f .venv/.installed-* && touch $@

$(DAGSTER_HOME):
	@mkdir -p $@ && touch $@/dagster.yaml

## run: install, then run the nightly Dagster job (build -> dbt tests -> GE -> publish)
run: $(VENV_STAMP) $(DAGSTER_HOME)
	@$(PY) -m orchestration.run

## test: dbt build (data tests + unit tests) into a scratch file, then pytest
test: $(VENV_STAMP) $(DAGSTER_HOME)
	@mkdir -p warehouse/test
	@echo "==> dbt build (seeds, models, data tests, unit tests) into warehouse/test/"
	@DBT_DUCKDB_PATH=warehouse/test/dbt_test.duckdb .venv/bin/dbt build --quiet --warn-error-options '{"error": ["NoNodesForSelectionCriteria"]}' && echo "dbt build: all models, data tests and unit tests passed"
	@echo "==> pytest"
	@BOGOTA_PREBUILT_DB=warehouse/test/dbt_test.duckdb $(PY) -m pytest tests -q -p no:cacheprovider

## dagster: open the Dagster UI on the full asset graph
dagster: $(VENV_STAMP) $(DAGSTER_HOME)
	@.venv/bin/dagster dev

## docs: generate dbt docs (catalog + manifest) into target/
docs: $(VENV_STAMP)
	@DBT_DUCKDB_PATH=warehouse/dev/bogota_cooperation_dev.duckdb .venv/bin/dbt build --quiet && .venv/bin/dbt docs generate --quiet && echo "docs in target/index.html (serve: .venv/bin/dbt docs serve)"

## bench-overhead: bare `dbt build` vs the Dagster job, side by side
bench-overhead: $(VENV_STAMP) $(DAGSTER_HOME)
	@$(PY) scripts/bench_overhead.py

## bench-scale: set-based staging SQL on synthetic millions of Table 5-shaped rows
bench-scale: $(VENV_STAMP)
	@$(PY) scripts/bench_scale.py

clean:
	rm -rf target logs warehouse/dev warehouse/test warehouse/.staging
