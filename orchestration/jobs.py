"""The jobs: the nightly warehouse job, and the daily pruning of old run history."""
import os
import shutil
from datetime import UTC, datetime, timedelta

from dagster import AssetSelection, OpExecutionContext, RunsFilter, define_asset_job, in_process_executor, job, op

from .publish import Warehouse
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


@op(description="Deletes runs (and their artifacts/runs/<run_id>/) older than BOGOTA_RUN_RETENTION_DAYS (90).")
def prune_old_runs(context: OpExecutionContext) -> int:
    days = int(os.environ.get("BOGOTA_RUN_RETENTION_DAYS", "90"))
    cutoff = datetime.now(UTC) - timedelta(days=days)
    old = context.instance.get_run_records(RunsFilter(created_before=cutoff), limit=10_000)
    runs_dir = Warehouse().artifacts / "runs"
    finished = [r.dagster_run.run_id for r in old if r.dagster_run.is_finished]
    for run_id in finished:
        context.instance.delete_run(run_id)
        shutil.rmtree(runs_dir / run_id, ignore_errors=True)
    context.log.info(f"deleted {len(finished)} run(s) created before {cutoff:%Y-%m-%d} ({days} days)")
    return len(finished)


@job(description="Run retention: deletes the history of runs older than BOGOTA_RUN_RETENTION_DAYS (default 90).")
def prune_run_history():
    prune_old_runs()
