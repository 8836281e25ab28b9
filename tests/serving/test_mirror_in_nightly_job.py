"""The nightly job with PostgreSQL down: DuckDB publishes, the mirror step fails loudly."""
from __future__ import annotations

import json

MIRROR_STEP = "publish__postgres_mirror"


def test_postgres_down_publishes_duckdb_and_fails_the_mirror_step(run_job, monkeypatch, closed_port):
    # Why: DuckDB is the system of record. If PostgreSQL is down at night, the audited
    # warehouse must still be published, while the run fails at the mirror step, says so in
    # its summary and raises an alert, so BI tools are not silently left on old data.
    monkeypatch.setenv("BOGOTA_POSTGRES_DSN",
                       f"host=127.0.0.1 port={closed_port} dbname=bogota_cooperation user=bogota_loader "
                       "password=not-a-real-one connect_timeout=3")
    run = run_job()
    assert not run.success
    assert run.published.exists(), "the DuckDB publish must stand"
    assert run.summary["published"] is True
    assert run.summary["steps"]["publish__published_warehouse"]["status"] == "success"
    failed = [f for f in run.summary["step_failures"] if f["step"] == MIRROR_STEP]
    assert failed and [f["step"] for f in run.summary["step_failures"]] == [MIRROR_STEP]
    assert "DuckDB warehouse WAS published" in failed[0]["error"]
    assert "not-a-real-one" not in failed[0]["error"]  # no password in summaries or alerts
    alerts = [json.loads(line) for line in (run.artifacts / "alerts.jsonl").read_text().splitlines()]
    assert alerts[-1]["step"] == MIRROR_STEP
    assert "PostgreSQL mirror failed" in alerts[-1]["error"]
    assert alerts[-1]["published"] is True  # the alert says the warehouse itself was published
    written = json.loads((run.artifacts / "runs" / run.summary["run_id"] / "summary.json").read_text())
    assert [f["step"] for f in written["step_failures"]] == [MIRROR_STEP]
