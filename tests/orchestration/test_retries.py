# Why: a lock briefly held (another run finishing, a stray writer) is transient and must
# be retried; a deterministic failure (bad input, failed check) must fail at once.
import subprocess
import sys
import time

from dagster import DagsterEventType


def _attempts(run, step="bogota_dbt_assets"):
    events = run.result.all_events
    return 1 + sum(1 for e in events if e.event_type == DagsterEventType.STEP_UP_FOR_RETRY and e.step_key == step)


def test_lock_briefly_held_is_retried(run_job, tmp_path):
    import orchestration.definitions  # noqa: F401 - import first, so the lock is still held when the run starts

    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    lock = published.parent / ".staging" / "run.lock"
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(4)\n")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    run = run_job(published=published)
    holder.wait(timeout=30)
    assert run.success, run.error_text()
    assert _attempts(run) >= 2
    assert time.monotonic() - started >= 4
    assert published.exists()


def test_deterministic_failure_is_not_retried(run_job, seeds_copy):
    raw = seeds_copy / "raw_interactions.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("$ 664.654.200,00", "$ 664.654.2OO,00", 1), encoding="utf-8")
    run = run_job(seeds_dir=seeds_copy)
    assert not run.success
    assert _attempts(run) == 1
    assert "malformed amount '$ 664.654.2OO,00'" in run.error_text()
