"""Shared fixtures.

- ``built_db``: a warehouse built by dbt once per session (reuses the file `make test`
  builds first, via BOGOTA_PREBUILT_DB, or builds one itself). That build also writes
  target/manifest.json, from which the Dagster definitions are loaded.
- ``webhook``: a local HTTP server that records the alerts POSTed to it.
- ``run_job``: runs the real Dagster job in-process into a temporary warehouse /
  artifacts / seeds location and returns its result and run summary.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_DIR / "seeds"
DBT = Path(sys.executable).with_name("dbt")

os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))


def dbt_build(db_path: Path, seeds_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DBT_DUCKDB_PATH": str(db_path), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    if seeds_dir is not None:
        env["BOGOTA_SEEDS_DIR"] = os.path.relpath(seeds_dir, PROJECT_DIR)  # absolute: dbt overwrites the CSVs
    return subprocess.run([str(DBT), "build", "--quiet"], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("BOGOTA_PREBUILT_DB")
    if prebuilt and Path(prebuilt).exists():
        p = Path(prebuilt)
        return p if p.is_absolute() else PROJECT_DIR / p
    db = tmp_path_factory.mktemp("built") / "warehouse.duckdb"
    proc = dbt_build(db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return db


@pytest.fixture
def db_copy(built_db, tmp_path) -> Path:
    """A private, writable copy of the built warehouse to corrupt."""
    dst = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_db, dst)
    return dst


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seeds folder to corrupt."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, dst)
    return dst


@dataclass
class JobRun:
    success: bool
    result: object
    summary: dict
    published: Path
    artifacts: Path

    def error_text(self) -> str:
        return "\n".join(f["error"] for f in self.summary["step_failures"]) + "\n" + "\n".join(
            (c.get("message") or "") for c in self.summary["failed_checks"])


def execute_job(mp: pytest.MonkeyPatch, published: Path, artifacts: Path, seeds_dir: Path | None = None) -> JobRun:
    """Run the nightly Dagster job in-process with the warehouse, artifacts and seeds paths given."""
    from dagster import DagsterInstance

    from orchestration.run import execute_nightly
    from orchestration.summary import build_run_summary

    mp.setenv("BOGOTA_WAREHOUSE_PATH", str(published))
    mp.setenv("BOGOTA_ARTIFACTS_DIR", str(artifacts))
    if seeds_dir is not None:
        mp.setenv("BOGOTA_SEEDS_DIR", str(seeds_dir))
    else:
        mp.delenv("BOGOTA_SEEDS_DIR", raising=False)
    instance = DagsterInstance.ephemeral()
    result = execute_nightly(instance)
    summary = build_run_summary(instance, result.run_id)
    return JobRun(result.success, result, summary, published, artifacts)


@pytest.fixture
def run_job(tmp_path, monkeypatch):
    """Run the nightly Dagster job in-process against temporary paths."""

    def _run(seeds_dir: Path | None = None, published: Path | None = None, artifacts: Path | None = None) -> JobRun:
        return execute_job(monkeypatch, published or tmp_path / "warehouse" / "bogota_cooperation.duckdb",
                           artifacts or tmp_path / "artifacts", seeds_dir)

    return _run

@pytest.fixture
def webhook():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/alert", received
    server.shutdown()
    server.server_close()
