"""Fixtures of the serving tests: a throwaway PostgreSQL 15 server of their own.

- ``pg_server``: started once per session by scripts/pg_server.py on a free port, with its
  data folder in a fresh /tmp folder laid out like the project (``<root>/warehouse/postgres``,
  so a warehouse published at ``<root>/warehouse/`` finds it as `make serve`'s server).
  Skipped only when the PostgreSQL 15 binaries are absent.
- ``mirror``: mirrors a DuckDB file into that server (the function the Dagster asset runs).
- ``loader`` / ``reader``: connections as bogota_loader (socket) and bi_reader (TCP + password).
- ``duck``: a query on a DuckDB file, read-only, in a fresh in-memory instance.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from orchestration.readonly import fetch_all

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on (PostgreSQL down)."""
    return free_port()


@pytest.fixture(scope="session")
def pg_server():
    if not (PG_BIN / "postgres").exists():
        pytest.skip(f"PostgreSQL 15 server binaries absent from {PG_BIN} (apt-get install postgresql)")
    from scripts import pg_server as pgs

    # /tmp, not pytest's tmp_path: the postgres OS user (used when running as root) must be
    # able to traverse the folders, and pytest's are private to the current user.
    root = Path(tempfile.mkdtemp(prefix="bogota_pg_"))
    os.chmod(root, 0o755)
    data_dir = root / "warehouse" / "postgres"
    server = pgs.start(data_dir, free_port())
    yield server
    pgs.stop(data_dir)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mirror(pg_server):
    from orchestration.mirror import mirror_warehouse

    def _mirror(db: Path, **kwargs) -> dict:
        return mirror_warehouse(Path(db), pg_server.dsn(), **kwargs)

    return _mirror


@pytest.fixture
def loader(pg_server):
    import psycopg

    conns = []

    def _connect():
        conns.append(psycopg.connect(pg_server.dsn(), autocommit=True))
        return conns[-1]

    yield _connect
    for c in conns:
        c.close()


@pytest.fixture
def reader(pg_server):
    import psycopg

    conns = []

    def _connect():
        conns.append(psycopg.connect(pg_server.reader_dsn(), autocommit=True))
        return conns[-1]

    yield _connect
    for c in conns:
        c.close()


duck_rows = fetch_all  # one read-only query on a warehouse file


@pytest.fixture
def duck():
    return duck_rows
