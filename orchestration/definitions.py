"""Dagster entry point: `dagster dev` (pyproject [tool.dagster]) and `make run` load `defs`."""
import sys
from pathlib import Path

from dagster import Definitions, in_process_executor
from dagster_dbt import DbtCliResource

from .alerts import alert_on_run_canceled, alert_on_run_failure
from .checks import great_expectations_suites
from .dbt_assets import asset_key, dbt_project, models_of_layer, relation, warehouse_dbt_assets
from .exports import exports
from .jobs import nightly_warehouse_job, prune_run_history
from .mirror import postgres_mirror
from .preflight import seed_files
from .publish import Warehouse, published_warehouse_asset
from .report import annual_report
from .schedules import nightly_schedule, prune_schedule
from .sensors import inputs_changed_sensor

defs = Definitions(
    assets=[
        seed_files,
        warehouse_dbt_assets,
        published_warehouse_asset([asset_key(n) for n in models_of_layer("marts", "audits", "reports").values()],
                                  relation(models_of_layer("reports")["warehouse_version"])),
        postgres_mirror,  # after the publish; a no-op without a PostgreSQL target
        exports,
        annual_report,  # after the publish: artifacts/report/<year>/ (HTML + PDF)
    ],
    asset_checks=[great_expectations_suites],
    jobs=[nightly_warehouse_job, prune_run_history],
    schedules=[nightly_schedule, prune_schedule],
    sensors=[inputs_changed_sensor, alert_on_run_failure, alert_on_run_canceled],
    # every job, the UI's asset job included, runs in one process: one run lock, one build file
    executor=in_process_executor,
    resources={
        # the dbt of this interpreter's venv, whether or not the venv is on PATH
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).with_name("dbt"))),
        "warehouse": Warehouse(),
    },
)
