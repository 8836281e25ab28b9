# Why: every job writes the same warehouse. Two runs started at once (a click in the UI
# during the nightly run, two `make run`s) must not fail each other: the instance queues
# runs one at a time (deploy/dagster.yaml, copied into DAGSTER_HOME by make), and a run
# that still finds the run lock held waits for it instead of failing.
import os
import subprocess
import sys
from pathlib import Path

import duckdb
from dagster import DagsterInstance

PROJECT = Path(__file__).resolve().parents[2]


def test_the_checked_in_instance_runs_one_run_at_a_time(tmp_path, monkeypatch):
    (tmp_path / "dagster.yaml").write_text((PROJECT / "deploy" / "dagster.yaml").read_text())
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    instance = DagsterInstance.get()
    try:
        assert instance.run_coordinator.get_run_queue_config().max_concurrent_runs == 1
        assert instance.run_monitoring_enabled  # a crashed run is marked failed, so it alerts
    finally:
        instance.dispose()


def test_two_runs_started_at_once_both_succeed_one_after_the_other(tmp_path):
    env = {**os.environ, "BOGOTA_WAREHOUSE_PATH": str(tmp_path / "warehouse" / "bogota_cooperation.duckdb"),
           "BOGOTA_ARTIFACTS_DIR": str(tmp_path / "artifacts")}
    env.pop("BOGOTA_SEEDS_DIR", None)
    runs = [subprocess.Popen([sys.executable, "-m", "orchestration.run", "--force"], cwd=PROJECT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert "SUCCESS - published" in out
    waited = [err for _, err in outputs if "waiting for the warehouse run lock" in err]
    assert len(waited) == 1, "exactly one run should have waited for the other"
    con = duckdb.connect(env["BOGOTA_WAREHOUSE_PATH"], read_only=True)
    try:
        assert con.execute("select count(*) from reports.contributions").fetchone()[0] == 62
    finally:
        con.close()
