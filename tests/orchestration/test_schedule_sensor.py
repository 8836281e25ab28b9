# Why: the nightly run must start at 02:00 Bogotá time, and a seed change must start
# exactly one run - never a second one while a run is in progress.
import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from dagster import (
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    RunRequest,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
)

from orchestration.schedules import nightly_schedule
from orchestration.sensors import raw_seeds_sensor


def test_schedule_is_nightly_at_two_in_bogota():
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "America/Bogota"
    when = dt.datetime(2026, 11, 24, 2, 0, tzinfo=ZoneInfo("America/Bogota"))
    ctx = build_schedule_context(scheduled_execution_time=when)
    requests = list(nightly_schedule.evaluate_tick(ctx).run_requests or [])
    assert len(requests) == 1 and isinstance(requests[0], RunRequest)
    assert nightly_schedule.job_name == "nightly_warehouse"


def _evaluate(instance, cursor, monkeypatch, seeds_dir):
    monkeypatch.setenv("BOGOTA_SEEDS_DIR", str(seeds_dir))
    ctx = build_sensor_context(instance=instance, cursor=cursor)
    return ctx, raw_seeds_sensor(ctx)


def test_sensor_requests_a_run_when_seeds_change(monkeypatch, seeds_copy):
    instance = DagsterInstance.ephemeral()
    ctx, first = _evaluate(instance, None, monkeypatch, seeds_copy)
    assert isinstance(first, RunRequest)
    cursor = ctx.cursor
    _, again = _evaluate(instance, cursor, monkeypatch, seeds_copy)
    assert isinstance(again, SkipReason)  # nothing changed
    target = seeds_copy / "raw_cooperants.csv"
    target.write_text(target.read_text(encoding="utf-8").replace(",9,2024", ",10,2024", 1), encoding="utf-8")
    _, changed = _evaluate(instance, cursor, monkeypatch, seeds_copy)
    assert isinstance(changed, RunRequest)
    assert changed.run_key != first.run_key


def test_sensor_waits_while_a_run_is_in_progress(monkeypatch, seeds_copy):
    instance = DagsterInstance.ephemeral()
    instance.add_run(DagsterRun(job_name="nightly_warehouse", run_id=str(uuid.uuid4()), status=DagsterRunStatus.STARTED))
    ctx, result = _evaluate(instance, None, monkeypatch, seeds_copy)
    assert isinstance(result, SkipReason)
    assert "in progress" in result.skip_message
    assert ctx.cursor is None  # the change is not consumed: picked up after the run
