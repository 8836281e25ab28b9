"""Read-only access to a published warehouse file, for every reader: the sensor, the
exports, the PostgreSQL mirror and the dashboard. No Dagster import, so the dashboard can
use it without loading the orchestration."""
import os
from pathlib import Path


def memory_limit() -> str:
    """DuckDB's memory limit for every connection of this project (dbt's, in profiles.yml,
    reads the same variable): without one DuckDB takes 80 % of RAM; with one it spills."""
    return os.environ.get("BOGOTA_DUCKDB_MEMORY_LIMIT", "3GB")


def connect_published(path: Path):
    """A read-only DuckDB connection to the warehouse file at ``path`` (catalog
    ``published``, in use): an in-memory database with the file attached READ_ONLY, so it
    never takes the writer lock and never reuses an instance cached from before a publish
    rename. The caller closes it."""
    import duckdb

    con = duckdb.connect(":memory:", config={"memory_limit": memory_limit()})
    try:
        escaped = str(path).replace("'", "''")
        con.execute(f"attach '{escaped}' as published (read_only)")
        con.execute("use published")
    except BaseException:
        con.close()
        raise
    return con


def fetch_all(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Run one query on the warehouse file at ``path``, read-only, and return its rows."""
    con = connect_published(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
