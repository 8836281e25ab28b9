"""A local PostgreSQL 15 server that serves the warehouse to BI tools (`make serve`).

    python scripts/pg_server.py start    # start (idempotent), then mirror the published warehouse once
    python scripts/pg_server.py stop     # stop it (idempotent)
    python scripts/pg_server.py status

Uses the OS binaries in /usr/lib/postgresql/15/bin (Debian/Ubuntu package `postgresql`).
Everything lives in one folder, ``<published warehouse dir>/postgres/`` (by default
``warehouse/postgres/``, git-ignored):

- ``pgdata/``              the cluster (owned by the OS user that runs the server)
- ``run/``                 its Unix socket and ``postgres.log`` (mode 0700: only that OS user
                           and root can use the socket)
- ``bi_reader.password``   the generated password of ``bi_reader`` (mode 0600), unless
                           BOGOTA_PG_READER_PASSWORD is set
- ``server.json``          written while the server runs: port and the loader's DSN. The
                           Dagster asset ``publish/postgres_mirror`` mirrors into this server
                           when the file exists (``stop`` removes it).

The server listens on 127.0.0.1 only (port BOGOTA_PG_PORT, default 55432), database
``bogota_cooperation``. Roles:

- ``bogota_loader``: owns the database and the mirrored schemas; no password, it logs in
  over the Unix socket only (``trust`` on a socket only the server's OS user and root reach).
- ``bi_reader``: password login over TCP (scram-sha-256); USAGE + SELECT on ``reports`` and
  ``marts`` only (granted by the mirror at every switch), read-only by default.

initdb and postgres refuse to run as root: as root, they run as the ``postgres`` OS user
(``runuser -u postgres``), which then owns ``pgdata/`` and ``run/``.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "bogota_cooperation"
LOADER_ROLE = "bogota_loader"
READER_ROLE = "bi_reader"
SUPERUSER = "postgres"
DEFAULT_PORT = 55432
SERVER_OS_USER = "postgres"  # used when running as root


class PgServerError(RuntimeError):
    """The local PostgreSQL server could not be set up, started or stopped."""


def require_binaries() -> None:
    missing = [b for b in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / b).exists()]
    if missing:
        raise PgServerError(
            f"PostgreSQL 15 server binaries not found in {PG_BIN} (missing: {', '.join(missing)}). "
            "Install the OS package: `apt-get install postgresql` (PostgreSQL 15).")


def default_data_dir() -> Path:
    """``postgres/`` beside the published warehouse (BOGOTA_WAREHOUSE_PATH)."""
    published = Path(os.environ.get("BOGOTA_WAREHOUSE_PATH", "warehouse/bogota_cooperation.duckdb")).expanduser()
    published = published if published.is_absolute() else PROJECT_DIR / published
    return published.parent / "postgres"


def default_port() -> int:
    return int(os.environ.get("BOGOTA_PG_PORT", DEFAULT_PORT))


@dataclass
class Server:
    data_dir: Path
    port: int

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def run_dir(self) -> Path:
        return self.data_dir / "run"

    @property
    def log_file(self) -> Path:
        return self.run_dir / "postgres.log"

    @property
    def state_file(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "bi_reader.password"

    def dsn(self, user: str = LOADER_ROLE, dbname: str = DATABASE) -> str:
        """Over the Unix socket: the loader and the superuser (no password)."""
        return f"host={self.run_dir} port={self.port} dbname={dbname} user={user}"

    def reader_dsn(self) -> str:
        """What a BI tool uses: TCP on 127.0.0.1 as bi_reader, with its password."""
        return (f"host=127.0.0.1 port={self.port} dbname={DATABASE} user={READER_ROLE} "
                f"password={reader_password(self)} sslmode=disable")


# ------------------------------------------------------------------ helpers
def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_OS_USER, "--", *cmd]
    return cmd


def _run(cmd: list[str], what: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(_as_server_user(cmd), capture_output=True, text=True)
    if proc.returncode != 0:
        raise PgServerError(f"{what} failed (exit {proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    return proc


def _own(path: Path) -> None:
    """Give a folder to the OS user that runs the server (root only)."""
    if os.geteuid() == 0:
        shutil.chown(path, SERVER_OS_USER, SERVER_OS_USER)


def reader_password(server: Server) -> str:
    """BOGOTA_PG_READER_PASSWORD, else the generated one in bi_reader.password (created 0600)."""
    from_env = os.environ.get("BOGOTA_PG_READER_PASSWORD")
    if from_env:
        return from_env
    if not server.password_file.exists():
        fd = os.open(server.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(24) + "\n")
    os.chmod(server.password_file, 0o600)
    return server.password_file.read_text().strip()


def _running(server: Server) -> bool:
    if not (server.pgdata / "postmaster.pid").exists():
        return False
    return subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "status", "-D", str(server.pgdata)]),
                          capture_output=True).returncode == 0


# ------------------------------------------------------------------ lifecycle
def _initdb(server: Server) -> None:
    server.data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(server.data_dir, 0o755)  # the server's OS user must traverse it; secrets inside are 0600
    server.pgdata.mkdir(mode=0o700, exist_ok=True)
    _own(server.pgdata)
    _run([str(PG_BIN / "initdb"), "-D", str(server.pgdata), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
          "--auth-local=trust", "--auth-host=scram-sha-256"], "initdb")
    conf = server.pgdata / "postgresql.conf"
    with conf.open("a") as f:
        f.write("\n# bogota: listen on 127.0.0.1 only; port and socket folder come from pg_ctl -o\n"
                "listen_addresses = '127.0.0.1'\n"
                "password_encryption = 'scram-sha-256'\n")


def start(data_dir: Path | None = None, port: int | None = None, timeout: int = 60) -> Server:
    """Start the server (initialising it the first time) and set up roles and database.
    Idempotent: a running server is left running (on the port it was started with)."""
    require_binaries()
    server = Server(Path(data_dir) if data_dir else default_data_dir(), port or default_port())
    if not (server.pgdata / "PG_VERSION").exists():
        if server.pgdata.exists():  # a failed initdb: start over
            shutil.rmtree(server.pgdata)
        _initdb(server)
    server.run_dir.mkdir(mode=0o700, exist_ok=True)
    _own(server.run_dir)
    if _running(server):
        state = json.loads(server.state_file.read_text()) if server.state_file.exists() else {}
        server.port = int(state.get("port", server.port))
    else:
        options = f"-c port={server.port} -c unix_socket_directories='{server.run_dir}'"
        _run([str(PG_BIN / "pg_ctl"), "start", "-D", str(server.pgdata), "-l", str(server.log_file),
              "-w", "-t", str(timeout), "-o", options],
             f"starting PostgreSQL on 127.0.0.1:{server.port} (log: {server.log_file})")
    _bootstrap(server)
    pid = (server.pgdata / "postmaster.pid").read_text().split("\n", 1)[0].strip()
    server.state_file.write_text(json.dumps({
        "host": "127.0.0.1", "port": server.port, "database": DATABASE, "pid": int(pid),
        "loader_dsn": server.dsn(), "reader_user": READER_ROLE,
        "reader_password_file": None if os.environ.get("BOGOTA_PG_READER_PASSWORD") else str(server.password_file),
    }, indent=2))
    return server


def _bootstrap(server: Server) -> None:
    """Roles, database and privileges; safe to repeat on every start."""
    import psycopg
    from psycopg import sql

    password = reader_password(server)
    deadline = time.monotonic() + 30
    while True:
        try:
            admin = psycopg.connect(server.dsn(SUPERUSER, "postgres"), autocommit=True)
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with admin:
        for role, options in ((LOADER_ROLE, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB"),
                              (READER_ROLE, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOINHERIT")):
            exists = admin.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone()
            verb = "ALTER" if exists else "CREATE"
            admin.execute(sql.SQL(f"{verb} ROLE {{}} {options}").format(sql.Identifier(role)))
        admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(READER_ROLE), sql.Literal(password)))
        admin.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(
            sql.Identifier(READER_ROLE)))
        if not admin.execute("select 1 from pg_database where datname = %s", [DATABASE]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(DATABASE), sql.Identifier(LOADER_ROLE)))
        admin.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(DATABASE)))
        admin.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(DATABASE), sql.Identifier(READER_ROLE)))
    with psycopg.connect(server.dsn(SUPERUSER, DATABASE), autocommit=True) as db:
        # public belongs to the database owner (the loader); nobody else may use or create in it
        db.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")


def stop(data_dir: Path | None = None, timeout: int = 60) -> bool:
    """Stop the server if it runs; True if it was running. Always removes server.json."""
    require_binaries()
    server = Server(Path(data_dir) if data_dir else default_data_dir(), default_port())
    was_running = _running(server)
    if was_running:
        _run([str(PG_BIN / "pg_ctl"), "stop", "-D", str(server.pgdata), "-m", "fast", "-w", "-t", str(timeout)],
             "stopping PostgreSQL")
    server.state_file.unlink(missing_ok=True)
    return was_running


def status(data_dir: Path | None = None) -> dict | None:
    """The server's state (server.json) if it runs, else None."""
    server = Server(Path(data_dir) if data_dir else default_data_dir(), default_port())
    if not server.state_file.exists() or not _running(server):
        return None
    return json.loads(server.state_file.read_text())


# ------------------------------------------------------------------ CLI
def _mirror_once(server: Server) -> None:
    sys.path.insert(0, str(PROJECT_DIR))
    from orchestration.mirror import mirror_warehouse
    from orchestration.publish import Warehouse

    published = Warehouse().published
    if not published.exists():
        print(f"no published warehouse at {published} yet: run `make run`; the nightly job will mirror it")
        return
    stats = mirror_warehouse(published, server.dsn(), log=lambda m: print(f"==> {m}"))
    print(f"mirrored {stats['relations']} relations, {stats['rows']} rows in {stats['seconds']}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--data-dir", type=Path, default=None, help="default: <published warehouse dir>/postgres")
    parser.add_argument("--port", type=int, default=None, help=f"default: BOGOTA_PG_PORT or {DEFAULT_PORT}")
    parser.add_argument("--no-mirror", action="store_true", help="start without loading the warehouse")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            server = start(args.data_dir, args.port)
            print(f"PostgreSQL running on 127.0.0.1:{server.port}, database {DATABASE} "
                  f"(data {server.pgdata}, log {server.log_file})")
            if not args.no_mirror:
                _mirror_once(server)
            where = ("BOGOTA_PG_READER_PASSWORD" if os.environ.get("BOGOTA_PG_READER_PASSWORD")
                     else server.password_file)
            print(f"BI login: host 127.0.0.1, port {server.port}, database {DATABASE}, user {READER_ROLE}, "
                  f"password in {where}, SSL off\n"
                  f"  psql \"host=127.0.0.1 port={server.port} dbname={DATABASE} user={READER_ROLE}\"")
        elif args.command == "stop":
            print("PostgreSQL stopped" if stop(args.data_dir) else "PostgreSQL was not running")
        else:
            state = status(args.data_dir)
            print(json.dumps(state, indent=2) if state else "PostgreSQL is not running")
            return 0 if state else 3
    except PgServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
