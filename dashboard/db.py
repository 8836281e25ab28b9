"""Where the dashboard and the report read from: the published DuckDB file (read-only) or,
with BOGOTA_POSTGRES_DSN set, the PostgreSQL mirror. Only the ``reports`` schema is read.

Every read opens its own connection, so a publish (the atomic rename of the DuckDB file, or
the schema switch of the mirror) is picked up by the next read, and a read that started on
the old version finishes on it. `Source.version_key()` identifies the version being served
(the file's inode, mtime and size; the OID of the mirror's ``reports`` schema): caches are
keyed on it. A read checks, after it has opened its connection, that the version is still
the one its key names; if a publish happened in between it raises `VersionChanged` and the
caller reads again under the new key, so one cached result never mixes two versions.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from orchestration.readonly import connect_published

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_PUBLISHED = "warehouse/bogota_cooperation.duckdb"
_PARAM = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


class VersionChanged(RuntimeError):
    """The warehouse was published again while a read was opening its connection."""


def published_path() -> Path:
    p = Path(os.environ.get("BOGOTA_WAREHOUSE_PATH", DEFAULT_PUBLISHED)).expanduser()
    return p if p.is_absolute() else PROJECT_DIR / p


def _frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=columns)
    for c in df.columns:  # PostgreSQL numeric arrives as Decimal: one representation for both
        if df[c].map(lambda v: isinstance(v, Decimal)).any():
            df[c] = df[c].map(lambda v: float(v) if isinstance(v, Decimal) else v)
    return df


@dataclass(frozen=True)
class DuckDBSource:
    path: Path
    kind: str = "duckdb"

    def version_key(self) -> tuple:
        st = os.stat(self.path)
        return ("duckdb", str(self.path), st.st_ino, st.st_mtime_ns, st.st_size)

    def describe(self) -> str:
        return f"DuckDB publicado (solo lectura): {self.path}"

    def modified_at(self) -> datetime:
        return datetime.fromtimestamp(os.stat(self.path).st_mtime)

    def query(self, sql: str, params: dict, key: tuple) -> pd.DataFrame:
        con = connect_published(self.path)
        try:
            if self.version_key() != key:  # renamed between the key and the attach
                raise VersionChanged(str(self.path))
            cur = con.execute(_PARAM.sub(r"$\1", sql), params or {})
            return _frame([d[0] for d in cur.description], cur.fetchall())
        finally:
            con.close()


@dataclass(frozen=True)
class PostgresSource:
    dsn: str
    kind: str = "postgres"

    def _connect(self):
        import psycopg

        con = psycopg.connect(self.dsn, connect_timeout=10)
        # one snapshot for the version check and the read (a mirror switch commits atomically)
        con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        con.read_only = True
        return con

    def _schema_oid(self, con) -> int | None:
        row = con.execute("select oid from pg_namespace where nspname = 'reports'").fetchone()
        return int(row[0]) if row else None

    def version_key(self) -> tuple:
        with self._connect() as con:
            return ("postgres", self._schema_oid(con))

    def describe(self) -> str:
        return "espejo PostgreSQL (BOGOTA_POSTGRES_DSN)"

    def modified_at(self) -> datetime | None:
        return None

    def query(self, sql: str, params: dict, key: tuple) -> pd.DataFrame:
        with self._connect() as con:
            if ("postgres", self._schema_oid(con)) != key:
                raise VersionChanged("reports schema switched")
            # psycopg placeholders: a literal % (LIKE patterns) is written %%
            cur = con.execute(_PARAM.sub(r"%(\1)s", sql.replace("%", "%%")), params or {})
            return _frame([d.name for d in cur.description], cur.fetchall())


def source_from_env():
    dsn = os.environ.get("BOGOTA_POSTGRES_DSN")
    return PostgresSource(dsn) if dsn else DuckDBSource(published_path())


def read(source, sql: str, params: dict | None = None, attempts: int = 3) -> tuple[pd.DataFrame, tuple]:
    """Uncached read: the frame and the version key it was read under."""
    for _ in range(attempts):
        key = source.version_key()
        try:
            return source.query(sql, params or {}, key), key
        except VersionChanged:
            continue
    key = source.version_key()
    return source.query(sql, params or {}, key), key
