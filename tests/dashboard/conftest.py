"""Fixtures of the dashboard tests.

- ``served_db``: a private copy of the test warehouse (BOGOTA_PREBUILT_DB, see tests/conftest.py)
  at a path the app reads through BOGOTA_WAREHOUSE_PATH; a test may publish over it.
- ``wh``: a query on that file, read-only, in a fresh DuckDB instance (the tests' own SQL,
  independent of dashboard/queries.py).
- ``browser``: headless system Chromium driven by Playwright (skipped only when
  /usr/bin/chromium is absent).
- ``app_url``: the app started with `streamlit run` on a free localhost port.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from orchestration.readonly import fetch_all

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_db(built_db, tmp_path, monkeypatch) -> Path:
    dst = tmp_path / "published" / "bogota_cooperation.duckdb"
    dst.parent.mkdir()
    shutil.copyfile(built_db, dst)
    monkeypatch.setenv("BOGOTA_WAREHOUSE_PATH", str(dst))
    monkeypatch.delenv("BOGOTA_POSTGRES_DSN", raising=False)
    return dst


query = fetch_all  # one read-only query on a warehouse file


@pytest.fixture
def wh(served_db):
    return lambda sql, params=None: query(served_db, sql, params)


def publish_copy(src: Path, published: Path, sql: list[str]) -> None:
    """Publish like the nightly job: change a copy, then rename it over the served file."""
    import duckdb

    staged = published.with_name("staged.duckdb")
    shutil.copyfile(src, staged)
    con = duckdb.connect(str(staged))
    for s in sql:
        con.execute(s)
    con.execute("checkpoint")
    con.close()
    os.replace(staged, published)


@pytest.fixture(scope="module")  # module: one Playwright (sync API) at a time, tests/report starts its own
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (install the OS package: apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def start_app(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "BOGOTA_WAREHOUSE_PATH": str(db)}
    env.pop("BOGOTA_POSTGRES_DSN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(PROJECT_DIR / "dashboard" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--browser.serverAddress", "localhost",
         "--server.fileWatcherType", "none"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 90 s")


@pytest.fixture
def app_url(served_db):
    port = free_port()
    proc = start_app(served_db, port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stdout.close()
