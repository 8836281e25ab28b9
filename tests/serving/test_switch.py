"""The switch is atomic: readers never see a partial version, and a killed mirror harms nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg

PROJECT_DIR = Path(__file__).resolve().parents[2]
QUERY = ("select count(*), sum(total_value_cop), 'reports.contributions'::regclass::oid, "
         "(select count(*) from marts.fct_contributions) from reports.contributions")


def expected_answer(duck, built_db) -> tuple:
    count, total = duck(built_db, "select count(*), sum(total_value_cop) from reports.contributions")[0]
    facts = duck(built_db, "select count(*) from marts.fct_contributions")[0][0]
    return count, total, facts


def test_reader_polling_during_mirrors_sees_only_complete_versions(built_db, mirror, pg_server, duck):
    # Why: dashboards query PostgreSQL while the nightly mirror runs; they must see the old
    # version or the new one, never an error (missing schema or table), an empty table or a
    # half-loaded one.
    mirror(built_db)
    expected = expected_answer(duck, built_db)
    answers, errors, oids = [], [], set()
    stop = threading.Event()

    def poll() -> None:
        with psycopg.connect(pg_server.reader_dsn(), autocommit=True) as con:
            while not stop.is_set():
                try:
                    count, total, oid, facts = con.execute(QUERY).fetchone()
                    answers.append((count, total, facts))
                    oids.add(oid)
                except psycopg.Error as exc:  # recorded, asserted below
                    errors.append(repr(exc))

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        for _ in range(4):
            mirror(built_db)
    finally:
        stop.set()
        thread.join(30)
    assert errors == []
    assert len(answers) > 20
    assert set(answers) == {expected}
    assert len(oids) >= 2, "the reads did not span a switch"


def test_killed_mirror_leaves_live_schemas_and_next_mirror_succeeds(built_db, mirror, loader, pg_server, duck):
    # Why: a mirror can die at any point (kill -9, OOM, machine reboot); the live schemas
    # must stay intact and readable, and the next mirror must clean up and succeed.
    mirror(built_db)
    expected = expected_answer(duck, built_db)
    owner = loader()
    before = owner.execute(QUERY).fetchone()
    ready = Path(pg_server.data_dir) / "killed_mirror.ready"
    ready.unlink(missing_ok=True)
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from orchestration.mirror import mirror_warehouse

        def stall(pg):  # rows loaded into the shadow schemas, switch not yet done
            Path({str(ready)!r}).touch()
            time.sleep(600)

        mirror_warehouse(Path({str(built_db)!r}), {pg_server.dsn()!r}, _after_load=stall)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_DIR,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)})
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None, "the mirror subprocess ended before the kill point"
            assert time.monotonic() < deadline, "the mirror subprocess never reached the kill point"
            time.sleep(0.05)
        shadow = owner.execute("select count(*) from reports__next.contributions").fetchone()[0]
        assert shadow == expected[0]  # the new version was loaded, only not switched
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    after = owner.execute(QUERY).fetchone()
    assert after == before  # same version (same table), complete
    assert (after[0], after[1], after[3]) == expected
    with psycopg.connect(pg_server.reader_dsn(), autocommit=True) as con:
        assert con.execute("select count(*) from reports.contributions").fetchone()[0] == expected[0]

    stats = mirror(built_db)
    assert stats["relations"] > 0
    now = owner.execute(QUERY).fetchone()
    assert (now[0], now[1], now[3]) == expected and now[2] != before[2]
    leftovers = owner.execute("select nspname from pg_namespace where nspname like '%%\\_\\_next' "
                              "or nspname like '%%\\_\\_old'").fetchall()
    assert leftovers == []


def test_failed_mirror_leaves_previous_version(built_db, mirror, loader, duck):
    # Why: an error half-way (bad data, full disk, lost connection) must fail the mirror
    # without touching what readers see.
    mirror(built_db)
    owner = loader()
    before = owner.execute(QUERY).fetchone()

    def boom(_pg):
        raise RuntimeError("injected failure after the load")

    try:
        mirror(built_db, _after_load=boom)
        raise AssertionError("the injected failure did not stop the mirror")
    except RuntimeError as exc:
        assert "injected" in str(exc)
    assert owner.execute(QUERY).fetchone() == before
    mirror(built_db)
    now = owner.execute(QUERY).fetchone()
    assert (now[0], now[1], now[3]) == expected_answer(duck, built_db)
