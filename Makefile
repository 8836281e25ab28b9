# Two commands: `make run` (set up + nightly job on the embedded DuckDB) and `make test`.
SHELL := /bin/bash
PY    := .venv/bin/python
DBT   := .venv/bin/dbt
VENV_STAMP := .venv/.installed-$(shell cat requirements.in requirements.lock | md5sum | cut -c1-12)
# dagster-dbt reads the asset graph from target/manifest.json: re-parse when the project changes
DBT_PROJECT_FILES := dbt_project.yml profiles.yml $(shell find models macros seeds snapshots tests/dbt -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.csv' \) 2>/dev/null)
export DBT_PROFILES_DIR := $(CURDIR)
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DAGSTER_PORT ?= 3000
export BOGOTA_DAGSTER_UI_URL ?= http://localhost:$(DAGSTER_PORT)

.PHONY: run test lint manifest dagster dagster-home docs bench bench-overhead bench-scale clean serve serve-stop dashboard report bench-dashboard

$(VENV_STAMP): requirements.in requirements.lock
	@test -x $(PY) || python3 -m venv .venv
	@echo "==> installing pinned dependencies into .venv (requirements.lock)"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.in -c requirements.lock
	@rm -f .venv/.installed-* && touch $@

# The instance config (run queue of one, run monitoring, retention) is checked in: deploy/dagster.yaml
$(DAGSTER_HOME)/dagster.yaml: deploy/dagster.yaml
	@mkdir -p $(DAGSTER_HOME) && cp deploy/dagster.yaml $@

## dagster-home: create DAGSTER_HOME (default .dagster_home/) with the checked-in deploy/dagster.yaml
dagster-home: $(DAGSTER_HOME)/dagster.yaml

target/manifest.json: $(VENV_STAMP) $(DBT_PROJECT_FILES)
	@echo "==> dbt parse (the project changed since the last manifest)"
	@$(DBT) parse --quiet

## manifest: refresh target/manifest.json (dbt parse) when the dbt project changed
manifest: target/manifest.json

## run: install, then run the nightly Dagster job (preflight -> dbt build -> GE -> publish); ARGS=-v shows dbt's log live
run: $(VENV_STAMP) $(DAGSTER_HOME)/dagster.yaml target/manifest.json
	@$(PY) -m orchestration.run $(ARGS)

## test: lint, dbt build (data tests + unit tests) into a scratch file, then pytest
test: $(VENV_STAMP) $(DAGSTER_HOME)/dagster.yaml lint
	@mkdir -p warehouse/test && rm -f warehouse/test/dbt_test.duckdb warehouse/test/dbt_test.duckdb.wal
	@echo "==> dbt build (seeds, models, audits, data tests, unit tests) into warehouse/test/"
	@DBT_DUCKDB_PATH=warehouse/test/dbt_test.duckdb $(DBT) build --quiet --warn-error-options '{"error": ["NoNodesForSelectionCriteria"]}' && echo "dbt build: all models, data tests and unit tests passed"
	@echo "==> pytest"
	@BOGOTA_PREBUILT_DB=warehouse/test/dbt_test.duckdb $(PY) -m pytest tests -q -p no:cacheprovider

## lint: sqlfluff on the SQL (models, macros, dbt tests), ruff on the Python
lint: $(VENV_STAMP)
	@echo "==> lint: sqlfluff (models/ macros/ tests/dbt/) and ruff"
	@.venv/bin/sqlfluff lint models macros tests/dbt --disable-progress-bar
	@.venv/bin/ruff check orchestration scripts tests dashboard

## dagster: the Dagster UI (http://localhost:$DAGSTER_PORT, default 3000) and daemon: schedules, sensors, alerts
dagster: $(VENV_STAMP) $(DAGSTER_HOME)/dagster.yaml target/manifest.json
	@.venv/bin/dagster dev -h 127.0.0.1 -p $(DAGSTER_PORT)

## docs: generate dbt docs (catalog + manifest) into target/
docs: $(VENV_STAMP)
	@$(DBT) build --quiet && $(DBT) docs generate --quiet && echo "docs in target/index.html (serve: $(DBT) docs serve)"

## bench: the nightly job at 1 M and 10 M synthetic interactions (BENCH_SIZES) vs hand-written DuckDB SQL, nights, GE, memory, BI p95 -> artifacts/bench/latest.json
bench: $(VENV_STAMP) $(DAGSTER_HOME)/dagster.yaml target/manifest.json
	@$(PY) scripts/bench.py

## bench-overhead: bare `dbt build` vs the Dagster job, side by side
bench-overhead: $(VENV_STAMP) $(DAGSTER_HOME)/dagster.yaml target/manifest.json
	@$(PY) scripts/bench_overhead.py

## bench-scale: set-based staging SQL and the audit models on synthetic millions of Table 5-shaped rows
bench-scale: $(VENV_STAMP)
	@$(PY) scripts/bench_scale.py

## serve: start a local PostgreSQL 15 (127.0.0.1, port BOGOTA_PG_PORT or 55432) and mirror the published warehouse into it
serve: $(VENV_STAMP) target/manifest.json
	@$(PY) scripts/pg_server.py start

## serve-stop: stop the local PostgreSQL server of `make serve`
serve-stop: $(VENV_STAMP)
	@$(PY) scripts/pg_server.py stop

## dashboard: the Streamlit dashboard on the published warehouse (http://localhost:$${DASHBOARD_PORT:-8501})
DASHBOARD_PORT ?= 8501
dashboard: $(VENV_STAMP)
	@.venv/bin/streamlit run dashboard/app.py --server.port $(DASHBOARD_PORT) --server.headless true \
		--browser.gatherUsageStats false --browser.serverAddress localhost --server.fileWatcherType none

## report: the annual report of YEAR (default: the latest) as HTML + PDF under artifacts/report/<year>/
report: $(VENV_STAMP)
	@$(PY) -m dashboard.report $(if $(YEAR),--year $(YEAR))

## bench-dashboard: time to first render and p95 query time, real warehouse and a synthetic 10M-interaction one
bench-dashboard: $(VENV_STAMP)
	@$(PY) scripts/bench_dashboard.py

clean:
	rm -rf target logs warehouse/test warehouse/.build
