"""The one job: build (dbt) -> audit (dbt tests + GE) -> publish."""
from dagster import AssetSelection, define_asset_job, in_process_executor

from .hooks import alert_on_failure

nightly_warehouse_job = define_asset_job(
    name="nightly_warehouse",
    selection=AssetSelection.all(),
    # One process: dbt runs once per run, and the run lock / staging file stay with the run.
    executor_def=in_process_executor,
    hooks={alert_on_failure},
    description="Seeds -> staging -> intermediate -> marts -> reports (dbt build, tests) -> "
    "Great Expectations suites (blocking) -> atomic publish.",
)
