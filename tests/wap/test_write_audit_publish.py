# Why: write-audit-publish is the promise readers rely on: whatever happens to a run
# (readers polling during it, an idle reader holding the file, kill -9 at any moment, bad
# input), the published DuckDB file is either the previous complete version or the new
# audited one - never a half-written or broken file - and the next run needs no manual
# repair. These tests drive the real CLI (`python -m orchestration.run`, what `make run`
# executes) in subprocesses, against a warehouse in a temporary directory.
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from scripts.spanish_amount import parse_spanish_amount

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = PROJECT / ".venv" / "bin" / "python"
READER = Path(__file__).with_name("reader.py")
PUBLISHED_NAME = "bogota_cooperation.duckdb"
RUN_TIMEOUT = 600


def _table5_printed(figure_id: str) -> Decimal:
    with (PROJECT / "seeds" / "controls" / "control_headline_figures.csv").open(encoding="utf-8", newline="") as f:
        [row] = [r for r in csv.DictReader(f) if r["figure_id"] == figure_id]
    return parse_spanish_amount(row["value_as_printed"])


T5_TOTAL = _table5_printed("t5_total_value")
T5_LINES = int(_table5_printed("t5_monetary_lines"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_id(path: Path) -> tuple[int, int]:
    """Which file the path names. A publish moves a new file in (new inode) even when two
    builds happen to be byte-identical, so "a new version was published" is tested on this."""
    st = os.stat(path)
    return st.st_dev, st.st_ino


def assert_answers_queries(path: Path) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        for table in ("reports.contributions", "marts.fct_contributions"):
            count, total = con.execute(f"select count(*), sum(total_value_cop) from {table}").fetchone()
            assert (count, total) == (T5_LINES, T5_TOTAL), table
    finally:
        con.close()


@dataclass
class Warehouse:
    root: Path
    published: Path
    artifacts: Path
    run_seconds: float
    runs: int = 0

    def env(self, seeds: Path | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DAGSTER_HOME", "BOGOTA_SEEDS_DIR", "DBT_DUCKDB_PATH", "BOGOTA_PROGRESS")}
        env.update(BOGOTA_WAREHOUSE_PATH=str(self.published), BOGOTA_ARTIFACTS_DIR=str(self.artifacts),
                   DBT_PROFILES_DIR=str(PROJECT))
        if seeds is not None:
            env["BOGOTA_SEEDS_DIR"] = str(seeds)
        return env

    def start(self, seeds: Path | None = None) -> tuple[subprocess.Popen, Path, Path]:
        self.runs += 1
        out, err = self.root / f"run{self.runs}.out", self.root / f"run{self.runs}.err"
        with out.open("wb") as o, err.open("wb") as e:
            # --force: these runs repeat unchanged inputs on purpose, to exercise the write path
            proc = subprocess.Popen([str(PYTHON), "-m", "orchestration.run", "--force"], cwd=PROJECT,
                                    env=self.env(seeds),
                                    stdout=o, stderr=e, start_new_session=True)
        return proc, out, err

    def run(self, seeds: Path | None = None) -> tuple[int, str, str]:
        proc, out, err = self.start(seeds)
        try:
            rc = proc.wait(timeout=RUN_TIMEOUT)
        finally:
            kill_group(proc)
        return rc, out.read_text(errors="replace"), err.read_text(errors="replace")


def kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def processes_with_env(marker: str) -> list[int]:
    """Pids of live processes whose environment contains ``marker`` (our runs' children)."""
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if marker.encode() in (p / "environ").read_bytes() and (p / "stat").read_text().split()[2] != "Z":
                pids.append(int(p.name))
        except OSError:
            continue
    return pids


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    root = tmp_path_factory.mktemp("wap")
    wh = Warehouse(root, root / "warehouse" / PUBLISHED_NAME, root / "artifacts", 0.0)
    started = time.monotonic()
    rc, out, err = wh.run()
    wh.run_seconds = time.monotonic() - started
    assert rc == 0, out + err
    assert_answers_queries(wh.published)
    return wh


def start_reader(mode: str, db: Path, tmp: Path) -> tuple[subprocess.Popen, Path, Path]:
    stop, out = tmp / f"{mode}.stop", tmp / f"{mode}.json"
    proc = subprocess.Popen([str(PYTHON), str(READER), mode, str(db), str(stop), str(out)], cwd=tmp)
    ready = Path(str(stop) + ".ready")
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, f"reader exited early: {out.read_text() if out.exists() else ''}"
        assert time.monotonic() < deadline, "reader never managed a first read"
        time.sleep(0.05)
    return proc, stop, out


def stop_reader(proc: subprocess.Popen, stop: Path, out: Path) -> dict:
    stop.touch()
    proc.wait(timeout=60)
    result = json.loads(out.read_text())
    assert "fatal" not in result, result.get("fatal")
    return result


def corrupt_latin1(seeds: Path) -> None:
    path = seeds / "raw_interactions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


# ---------------------------------------------------------------------------

def test_views_survive_the_rename(warehouse, tmp_path):
    # DuckDB names a file's catalog after the file: a view saying "build"."marts"."x" (the
    # build file) would break once published or copied under another name.
    elsewhere = tmp_path / "some_other_name.duckdb"
    shutil.copyfile(warehouse.published, elsewhere)
    con = duckdb.connect(str(elsewhere), read_only=True)
    try:
        views = con.execute("select schema_name, view_name, sql from duckdb_views() "
                            "where not internal order by 1, 2").fetchall()
        report_views = [v for v in views if v[0] == "reports"]
        assert len(report_views) >= 8, views
        for schema, view, sql in views:
            assert not re.search(r'(?<![\w"])"?(build|bogota_cooperation)"?\.\s*"?\w+"?\.', sql), \
                f"{schema}.{view} is catalog-qualified: {sql[:300]}"
        for schema, view, _ in views:
            con.execute(f'select count(*) from "{schema}"."{view}"').fetchone()
        assert con.execute("select count(*), sum(total_value_cop) from reports.contributions").fetchone() == \
            (T5_LINES, T5_TOTAL)
    finally:
        con.close()


def test_failed_run_exits_nonzero_alerts_and_keeps_published(warehouse, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(PROJECT / "seeds", seeds)
    corrupt_latin1(seeds)
    before = sha256(warehouse.published)
    alerts = warehouse.artifacts / "alerts.jsonl"
    alerts_before = alerts.read_text().count("\n") if alerts.exists() else 0

    rc, out, err = warehouse.run(seeds=seeds)

    assert rc != 0, out + err
    assert sha256(warehouse.published) == before
    assert "FAILED - nothing published" in out
    assert "raw_interactions.csv: not valid UTF-8" in out, out
    run_id = re.search(r"nightly_warehouse run ([0-9a-f-]{36})", out).group(1)

    records = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert len(records) == alerts_before + 1
    alert = records[-1]
    assert alert["run_id"] == run_id and alert["published"] is False
    assert alert["published_path"] == str(warehouse.published)
    assert "raw_interactions.csv: not valid UTF-8" in alert["error"]

    summary = json.loads((warehouse.artifacts / "runs" / run_id / "summary.json").read_text())
    assert summary["run_id"] == run_id and summary["published"] is False
    assert any("not valid UTF-8" in f["error"] for f in summary["step_failures"])
    attempt = json.loads((warehouse.artifacts / "runs" / "latest_attempt.json").read_text())
    assert attempt["run_id"] == run_id and attempt["published"] is False
    # latest_summary.json stays the last run that published, if any
    latest = warehouse.artifacts / "runs" / "latest_summary.json"
    assert not latest.exists() or json.loads(latest.read_text())["published"] is True


def test_readers_during_a_run_always_see_a_complete_version(warehouse, tmp_path):
    # Two reader processes during one run (one run instead of two keeps the suite fast):
    # - "loop" opens a NEW read-only connection per read, over and over, until after the run;
    # - "idle" holds one read-only connection open, unused, for the whole run.
    before = file_id(warehouse.published)
    holder, idle_stop, idle_out = start_reader("idle", warehouse.published, tmp_path)
    reader, loop_stop, loop_out = start_reader("loop", warehouse.published, tmp_path)
    try:
        rc, run_out, run_err = warehouse.run()
        time.sleep(1.0)  # keep reading the new version for a moment
    finally:
        looped = stop_reader(reader, loop_stop, loop_out)
        idled = stop_reader(holder, idle_stop, idle_out)

    # the idle connection did not make the run fail, and the new version was published
    assert rc == 0, run_out + run_err
    assert "SUCCESS - published" in run_out
    assert file_id(warehouse.published) != before, "the run did not publish a new version"
    assert_answers_queries(warehouse.published)
    # the held connection kept answering (from the version it opened)
    assert idled["first"] == idled["last"]

    # every loop read succeeded and saw a complete, consistent version
    assert looped["error_count"] == 0, "\n".join(looped["errors"])
    assert looped["reads"] >= 20, looped
    assert looped["inodes"] >= 2, "the reads did not span the publish (no new file seen)"
    expected = {"reports.contributions": [T5_LINES, str(T5_TOTAL)], "marts.fct_contributions": [T5_LINES, str(T5_TOTAL)]}
    assert [json.loads(a) for a in looped["answers"]] == [expected]


def test_kill9_at_random_points_never_damages_published_and_next_run_recovers(warehouse):
    seed = int(os.environ.get("WAP_KILL_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    # one random delay in each quarter of a typical run: startup, dbt, audit, publish
    span = max(warehouse.run_seconds, 4.0) - 0.5
    delays = [0.5 + span * (q + rng.random()) / 4 for q in range(4)]
    build_area = warehouse.published.parent / ".build"
    phases: list[str] = []
    for delay in delays:
        before = sha256(warehouse.published)
        proc, out, err = warehouse.start()
        marker = f"BOGOTA_WAREHOUSE_PATH={warehouse.published}"
        time.sleep(delay)
        finished_first = proc.poll() is not None
        if not finished_first:
            assert processes_with_env(marker) or proc.poll() is not None, \
                "cannot see the run's processes (the survivor check below would be blind)"
        kill_group(proc)
        progress = [line for line in err.read_text(errors="replace").splitlines() if line.startswith("==>")]
        phase = progress[-1] if progress else "(startup)"
        phases.append(phase)
        context = f"seed {seed}, kill after {delay:.2f}s (run took {warehouse.run_seconds:.1f}s) during {phase!r}"
        deadline = time.monotonic() + 10
        while processes_with_env(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not processes_with_env(marker), f"processes of the killed run survived ({context})"
        # a kill at or after the rename (then exports, mirror) may leave either version;
        # before it, only the old one
        renamed = any("publishing" in line for line in progress)
        if not (finished_first or renamed):
            assert sha256(warehouse.published) == before, f"published file changed ({context})"
        assert not warehouse.published.with_name(PUBLISHED_NAME + ".wal").exists(), context
        assert_answers_queries(warehouse.published)

    # no manual step: the next run removes the debris and publishes
    before = file_id(warehouse.published)
    rc, out, err = warehouse.run()
    assert rc == 0, f"seed {seed}\n{out}\n{err}"
    assert file_id(warehouse.published) != before
    assert_answers_queries(warehouse.published)
    # the lock and dbt's kept target folder stay; no build file of the killed run may remain
    leftovers = sorted(p.name for p in build_area.iterdir() if p.name not in ("run.lock", "dbt_target"))
    assert leftovers == [], leftovers
    print(f"kill -9 seed {seed}: delays {[round(d, 2) for d in delays]}, phases {phases}")
