"""Nightly schedule: 02:00 in Bogotá."""
from dagster import DefaultScheduleStatus, ScheduleDefinition

from .jobs import nightly_warehouse_job

nightly_schedule = ScheduleDefinition(
    name="nightly_warehouse_0200_bogota",
    job=nightly_warehouse_job,
    cron_schedule="0 2 * * *",
    execution_timezone="America/Bogota",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Build, audit and publish the warehouse every night at 02:00 America/Bogota.",
)
