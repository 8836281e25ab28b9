# Why: the nightly run must start at 02:00 Bogotá time and do no work when nothing
# changed, and the sensor must never leave the
# published warehouse out of date: it compares the inputs with the fingerprint the published
# file records (reports.warehouse_version), so an edit, a *revert* of an edit and a
# YAML-only change all launch a run, each with a new run key, while unchanged inputs, on
# first enable too, launch nothing.
import datetime as dt
import shutil
import uuid
from zoneinfo import ZoneInfo

import duckdb
import pytest
from dagster import (
    DagsterRun,
    DagsterRunStatus,
    RunRequest,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
    instance_for_test,
)

from orchestration.schedules import nightly_schedule
from orchestration.sensors import inputs_changed_sensor
from orchestration.version import input_fingerprint


@pytest.fixture
def env(tmp_path, monkeypatch, seeds_copy):
    """A seeds copy, and a published file that records which inputs it was built from."""
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    published.parent.mkdir()
    monkeypatch.setenv("BOGOTA_SEEDS_DIR", str(seeds_copy))
    monkeypatch.setenv("BOGOTA_WAREHOUSE_PATH", str(published))

    def publish(run_id: str) -> str:
        """What a successful run leaves: the published file stamped with the current inputs."""
        fingerprint = input_fingerprint()["inputs"]
        published.unlink(missing_ok=True)
        con = duckdb.connect(str(published))
        con.execute("create schema reports")
        con.execute("create table reports.warehouse_version as select ? as run_id, ? as input_fingerprint",
                    [run_id, fingerprint])
        con.close()
        return fingerprint

    with instance_for_test() as instance:
        yield instance, seeds_copy, publish


def tick(instance):
    return inputs_changed_sensor(build_sensor_context(instance=instance))


def test_first_tick_with_unchanged_inputs_launches_nothing(env):
    instance, _, publish = env
    publish("run-1")
    result = tick(instance)
    assert isinstance(result, SkipReason)
    assert "published warehouse" in result.skip_message


def test_nothing_published_yet_launches_a_run(env):
    instance, _, _ = env
    assert isinstance(tick(instance), RunRequest)


def test_an_edit_and_its_revert_each_launch_a_run_with_a_new_key(env):
    instance, seeds, publish = env
    publish("run-1")
    target = seeds / "raw_cooperants.csv"
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace(",9,2024", ",10,2024", 1), encoding="utf-8")
    edit = tick(instance)
    assert isinstance(edit, RunRequest)
    publish("run-2")  # the edited inputs get published
    assert isinstance(tick(instance), SkipReason)
    target.write_text(original, encoding="utf-8")  # revert
    revert = tick(instance)
    assert isinstance(revert, RunRequest), "a revert must rebuild: the published file holds the edit"
    assert revert.run_key != edit.run_key
    assert revert.tags["input_fingerprint"] == input_fingerprint()["inputs"]


def test_a_yaml_only_change_launches_a_run(env):
    instance, seeds, publish = env
    publish("run-1")
    yml = seeds / "_raw__seeds.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "\n# a column type reviewed\n", encoding="utf-8")
    assert isinstance(tick(instance), RunRequest)


def test_a_failed_change_keeps_its_key_so_it_is_not_retried_every_tick(env):
    instance, seeds, publish = env
    publish("run-1")
    target = seeds / "raw_cooperants.csv"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    first, second = tick(instance), tick(instance)  # nothing published in between (the run failed)
    assert isinstance(first, RunRequest) and first.run_key == second.run_key


def test_sensor_waits_while_a_run_is_in_progress(env):
    instance, _, _ = env
    instance.add_run(DagsterRun(job_name="nightly_warehouse", run_id=str(uuid.uuid4()), status=DagsterRunStatus.STARTED))
    result = tick(instance)
    assert isinstance(result, SkipReason)
    assert "in progress" in result.skip_message


def test_schedule_is_nightly_at_two_in_bogota_and_idle_when_nothing_changed(env):
    instance, seeds, publish = env
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "America/Bogota"
    assert nightly_schedule.job_name == "nightly_warehouse"
    when = dt.datetime(2026, 11, 24, 2, 0, tzinfo=ZoneInfo("America/Bogota"))

    def night():
        return nightly_schedule.evaluate_tick(build_schedule_context(instance=instance, scheduled_execution_time=when))

    assert len(night().run_requests) == 1  # nothing published yet: build
    publish("run-1")
    quiet = night()  # a night with no change does no work
    assert not quiet.run_requests and "nothing to build" in quiet.skip_message
    target = seeds / "raw_cooperants.csv"
    target.write_text(target.read_text(encoding="utf-8").replace(",9,2024", ",10,2024", 1), encoding="utf-8")
    assert len(night().run_requests) == 1  # a change: build


def test_make_run_with_unchanged_inputs_does_no_work_and_force_overrides(env, tmp_path, monkeypatch, capsys):
    # `make run` follows the schedule's rule: the second of two nights with no change
    # leaves the published file untouched and says why; --force builds anyway.
    from orchestration import run

    instance, seeds, publish = env
    publish("run-1")
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    before = published.stat().st_mtime_ns
    monkeypatch.setattr(run, "execute_nightly", lambda *a, **k: pytest.fail("a night with no change ran the job"))
    assert run.main([]) == 0
    out = capsys.readouterr().out
    assert "nothing to build" in out and "run-1" in out and "ARGS=--force" in out
    assert published.stat().st_mtime_ns == before

    forced = []

    class Stop(Exception):
        pass

    def fake_execute(*args, **kwargs):
        forced.append(kwargs.get("tags"))
        raise Stop  # the job itself is tested elsewhere: here only that it is started

    monkeypatch.setenv("BOGOTA_ARTIFACTS_DIR", str(tmp_path / "artifacts"))
    monkeypatch.setattr(run, "execute_nightly", fake_execute)
    with pytest.raises(Stop):
        run.main(["--force"])
    target = seeds / "raw_cooperants.csv"  # a change: the job runs without --force
    target.write_text(target.read_text(encoding="utf-8").replace(",9,2024", ",10,2024", 1), encoding="utf-8")
    with pytest.raises(Stop):
        run.main([])
    assert len(forced) == 2


def test_bulk_source_files_are_inputs_too(env, tmp_path, monkeypatch):
    # `make bench` (and any bulk export read as a dbt source) feeds the build from files
    # outside the seeds folder: new rows there must not look like "nothing changed".
    bulk = tmp_path / "bulk"
    bulk.mkdir()
    (bulk / "synthetic_raw_interactions.parquet").write_bytes(b"one")
    monkeypatch.setenv("BOGOTA_BENCH_DIR", str(bulk))
    first = input_fingerprint()
    (bulk / "synthetic_raw_interactions.parquet").write_bytes(b"one and more")
    second = input_fingerprint()
    assert first["seeds"] != second["seeds"] and first["inputs"] != second["inputs"]
    assert first["code"] == second["code"]


def test_a_change_of_the_pipeline_code_is_a_change_but_not_of_the_models(monkeypatch, tmp_path):
    # A new GE expectation or a report change must not be skipped as "nothing to build";
    # it does not touch the dbt models, so it must not force a --full-refresh either.
    from orchestration import version

    project = tmp_path / "project"
    for name in (*version.CODE_PATHS, *version.PIPELINE_PATHS):
        src = version.PROJECT_DIR / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, project / name)
    monkeypatch.setattr(version, "PROJECT_DIR", project)
    before = input_fingerprint()
    checks = project / "orchestration" / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8") + "\n# one more expectation\n", encoding="utf-8")
    after = input_fingerprint()
    assert after["inputs"] != before["inputs"] and after["pipeline"] != before["pipeline"]
    assert after["code"] == before["code"] and after["seeds"] == before["seeds"]
