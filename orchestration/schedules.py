"""Schedules: the warehouse at 02:00 in Bogotá, the run-history pruning at 04:00."""
from dagster import (
    DefaultScheduleStatus,
    RunRequest,
    ScheduleDefinition,
    ScheduleEvaluationContext,
    SkipReason,
    schedule,
)

from .jobs import nightly_warehouse_job, prune_run_history
from .sensors import compare_inputs


@schedule(name="nightly_warehouse_0200_bogota", job=nightly_warehouse_job, cron_schedule="0 2 * * *",
          execution_timezone="America/Bogota", default_status=DefaultScheduleStatus.RUNNING,
          description="Build, audit and publish the warehouse every night at 02:00 America/Bogota, when its "
          "inputs differ from the published warehouse's; a night with no change does no work.")
def nightly_schedule(context: ScheduleEvaluationContext):
    _, _, unchanged = compare_inputs()
    if unchanged:  # as `make run`; `make run ARGS=--force` or "Materialize all" in the UI rebuild on demand
        return SkipReason(f"nothing to build: {unchanged}")
    return RunRequest(tags={"trigger": "nightly_schedule"})

prune_schedule = ScheduleDefinition(
    name="prune_run_history_0400_bogota",
    job=prune_run_history,
    cron_schedule="0 4 * * *",
    execution_timezone="America/Bogota",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Deletes run history older than BOGOTA_RUN_RETENTION_DAYS (default 90), every day at 04:00.",
)
