"""The one job: check raw files -> dbt build (models, audits, tests) -> GE -> publish."""
from dagster import AssetSelection, define_asset_job, in_process_executor

from .summary import record_run_summary_on_failure, record_run_summary_on_success

nightly_warehouse_job = define_asset_job(
    name="nightly_warehouse",
    selection=AssetSelection.all(),
    # One process: dbt runs once per run, and the run lock and the build file stay with the run.
    executor_def=in_process_executor,
    # alerts: the run-status sensors of orchestration/alerts.py (any job), or `make run` itself
    hooks={record_run_summary_on_success, record_run_summary_on_failure},
    description="Raw seed files checked -> seeds -> staging -> intermediate -> marts -> audits -> reports "
    "(dbt build, tests) -> Great Expectations suites on the audits (blocking) -> atomic publish.",
)
