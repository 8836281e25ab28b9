# Why: runs are serialised by the warehouse run lock. A lock briefly held (another run
# finishing, a stray writer) must make a run wait, not fail; a deterministic failure (bad
# input, failed test) must fail at once, without retries.
import subprocess
import sys
import time

from dagster import DagsterEventType


def _attempts(run, step="warehouse_dbt_assets"):
    events = run.result.all_events
    return 1 + sum(1 for e in events if e.event_type == DagsterEventType.STEP_UP_FOR_RETRY and e.step_key == step)


def hold_lock(published, holder: str, seconds: float) -> subprocess.Popen:
    """Another process takes the run lock of the warehouse at ``published`` for ``seconds``."""
    import orchestration.definitions  # noqa: F401 - import first, so the lock is still held when the run starts

    lock = published.parent / ".build" / "run.lock"
    lock.parent.mkdir(parents=True)
    proc = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        f"os.write(fd, {holder.encode()!r})\n"
        "print('locked', flush=True)\n"
        f"time.sleep({seconds})\n")], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_briefly_held_lock_makes_the_run_wait(run_job, tmp_path):
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    holder = hold_lock(published, "test holder", 4)
    started = time.monotonic()
    run = run_job(published=published)
    holder.wait(timeout=30)
    assert run.success, run.error_text()
    assert time.monotonic() - started >= 4
    assert published.exists()


def test_a_lock_held_too_long_fails_the_run_and_names_the_holder(run_job, tmp_path, monkeypatch):
    monkeypatch.setenv("BOGOTA_LOCK_TIMEOUT_SECONDS", "1")
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    holder = hold_lock(published, "run other-run pid 1", 20)
    try:
        run = run_job(published=published)
    finally:
        holder.kill()
    assert not run.success
    assert not published.exists()
    failure = "\n".join(str(e.event_specific_data) for e in run.result.all_events if e.is_failure)
    assert "another warehouse run is in progress (run other-run pid 1)" in failure


def test_deterministic_failure_is_not_retried(run_job, seeds_copy):
    raw = seeds_copy / "raw_interactions.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("$ 664.654.200,00", "$ 664.654.2OO,00", 1), encoding="utf-8")
    run = run_job(seeds_dir=seeds_copy)
    assert not run.success
    assert _attempts(run) == 1
    assert "malformed amount '$ 664.654.2OO,00'" in run.error_text()
