"""Sensor: start a run when the raw seed files change, never while one is in progress."""
from __future__ import annotations

import hashlib

from dagster import DagsterRunStatus, RunRequest, RunsFilter, SensorEvaluationContext, SkipReason, sensor

from .jobs import nightly_warehouse_job
from .preflight import seeds_dir

IN_PROGRESS = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
               DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def seeds_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(seeds_dir().rglob("*.csv")):
        digest.update(str(path.relative_to(seeds_dir())).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@sensor(name="raw_seeds_changed", job=nightly_warehouse_job, minimum_interval_seconds=60,
        description="Runs the warehouse job when any raw seed file changes.")
def raw_seeds_sensor(context: SensorEvaluationContext):
    fingerprint = seeds_fingerprint()
    if fingerprint == context.cursor:
        return SkipReason("raw seeds unchanged")
    running = context.instance.get_runs(RunsFilter(job_name=nightly_warehouse_job.name, statuses=IN_PROGRESS), limit=1)
    if running:
        # Keep the old cursor: the change is picked up on a later tick, after the run.
        return SkipReason(f"a run is in progress ({running[0].run_id}); will retry after it")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=f"seeds-{fingerprint}", tags={"trigger": "raw_seeds_changed"})
