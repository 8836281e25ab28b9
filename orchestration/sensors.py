"""Sensor: compare the inputs with the published warehouse's, then run.

The published file records the fingerprint of the inputs it was built from
(``reports.warehouse_version``, orchestration/version.py). A tick computes the current
fingerprint and runs the job only when the two differ: an edit, a revert of an edit, a
YAML-only change, a model change. On first enable with nothing changed it stays quiet. The
run key names the change *and* the published run it replaces, so it is new for every
change (a revert included) and the same while a failed change is left as it is (Dagster
then does not retry it every tick).
"""
from __future__ import annotations

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from .dbt_assets import published_version
from .jobs import nightly_warehouse_job
from .publish import Warehouse
from .version import input_fingerprint

IN_PROGRESS = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
               DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def compare_inputs() -> tuple[str, dict | None, str | None]:
    """(current input fingerprint, published version row, why nothing needs building or None)."""
    current = input_fingerprint()["inputs"]
    published = published_version(Warehouse().published)
    if published and published["input_fingerprint"] == current:
        return current, published, f"inputs {current} are those of the published warehouse (run {published['run_id']})"
    return current, published, None


@sensor(name="inputs_changed", job=nightly_warehouse_job, minimum_interval_seconds=60,
        default_status=DefaultSensorStatus.RUNNING,  # quiet while the inputs are the published ones
        description="Runs the warehouse job when the inputs (seed CSV and YAML, models, macros, project "
        "files) differ from those the published warehouse was built from (reports.warehouse_version).")
def inputs_changed_sensor(context: SensorEvaluationContext):
    current, published, unchanged = compare_inputs()
    if unchanged:
        return SkipReason(unchanged)
    running = context.instance.get_runs(RunsFilter(job_name=nightly_warehouse_job.name, statuses=IN_PROGRESS), limit=1)
    if running:
        return SkipReason(f"inputs changed, but a run is in progress ({running[0].run_id}); will check after it")
    over = f"{published['input_fingerprint']}@{published['run_id']}" if published else "nothing-published"
    context.log.info(f"inputs {current} differ from the published warehouse's ({over}): requesting a run")
    return RunRequest(run_key=f"inputs-{current}-over-{over}",
                      tags={"trigger": "inputs_changed", "input_fingerprint": current})
