"""Recompute the stored audits and report roll-ups of a warehouse copy after a test changed
rows under them.

Why: the audits, the most-read `reports` roll-ups and the bulk staging model
(stg_globo__interactions) are TABLES (computed once per build, so tests, GE and BI tools read
stored rows). A corruption written into a copy's marts or raw rows therefore reaches them
only when they are recomputed, as the next build would (the marts themselves, the targets
of the corruptions, are not recomputed). This
recomputes them from dbt's own compiled SQL (one `dbt compile` per session), in dependency
order. `aud_published_records_kept` (it compares with the published file, which a copy does
not have) and `warehouse_version` (a stamp) are left as they are.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
KEPT_AS_IS = {"aud_published_records_kept", "warehouse_version"}
CATALOG = "compiled_against"


@functools.lru_cache(maxsize=1)
def _stored_models() -> tuple[tuple[str, str, str], ...]:
    """(schema, name, sql) of every stored staging model, audit and report, upstream first."""
    scratch = Path(tempfile.mkdtemp(prefix="stored_models_"))
    try:
        env = {**os.environ, "DBT_DUCKDB_PATH": str(scratch / f"{CATALOG}.duckdb"),
               "DBT_PROFILES_DIR": str(PROJECT_DIR)}
        env.pop("BOGOTA_BENCH_DIR", None)
        proc = subprocess.run([str(DBT), "compile", "--quiet", "--select", "path:models/staging path:models/audits path:models/reports",
                               "--target-path", str(scratch / "target")],
                              cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        nodes = json.loads((scratch / "target" / "manifest.json").read_text())["nodes"]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    stored = {uid: n for uid, n in nodes.items()
              if n["resource_type"] == "model" and n["name"] not in KEPT_AS_IS
              and (n["config"]["materialized"] == "table"
                   # incremental staging, recomputed whole (compiled against an empty file)
                   or (n["config"]["materialized"] == "incremental" and n["schema"] == "staging"))
              and n["schema"] in ("staging", "audits", "reports")}
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:  # depth first through every model, views included
        if uid in seen:
            return
        seen.add(uid)
        for parent in nodes.get(uid, {}).get("depends_on", {}).get("nodes", []):
            visit(parent)
        if uid in stored:
            ordered.append(uid)

    for uid in sorted(stored):
        visit(uid)
    return tuple((stored[u]["schema"], stored[u]["name"], stored[u]["compiled_code"].replace(f'"{CATALOG}".', ""))
                 for u in ordered)


def recompute(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every stored staging model, audit and report roll-up in the open (writable) copy."""
    for schema, name, sql in _stored_models():
        con.execute(f'create or replace table "{schema}"."{name}" as {sql}')
