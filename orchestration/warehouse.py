"""Write-audit-publish for the DuckDB warehouse.

A run builds into a staging file (``<warehouse dir>/.staging/build.duckdb``);
dbt tests and the Great Expectations suites audit that file; only then is it moved over
the published file with one atomic ``rename``.  Readers open the published file
read-only: before the rename they see the previous version, after it the new one,
never a half-written file, and they never share a lock with the writer.

A killed run leaves at most a stale staging file, which the next run deletes.
"""
from __future__ import annotations

import fcntl
import os
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_PUBLISHED = "warehouse/bogota_cooperation.duckdb"
DEFAULT_ARTIFACTS = "artifacts"


def _resolve(path: str) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else PROJECT_DIR / p


@dataclass(frozen=True)
class WarehousePaths:
    published: Path
    artifacts: Path

    @classmethod
    def from_env(cls) -> "WarehousePaths":
        return cls(
            published=_resolve(os.environ.get("BOGOTA_WAREHOUSE_PATH", DEFAULT_PUBLISHED)),
            artifacts=_resolve(os.environ.get("BOGOTA_ARTIFACTS_DIR", DEFAULT_ARTIFACTS)),
        )

    @property
    def staging_dir(self) -> Path:
        return self.published.parent / ".staging"

    @property
    def staging_file(self) -> Path:
        # One name for every run: runs are serialised by the run lock, and a stable dbt
        # profile path keeps dbt's partial parsing valid between runs (saves seconds).
        return self.staging_dir / "build.duckdb"

    @property
    def dbt_target(self) -> Path:
        """dbt's target folder for the job: kept between runs so dbt can parse partially."""
        return self.staging_dir / "dbt_target"

    @property
    def lock_file(self) -> Path:
        return self.staging_dir / "run.lock"


class RunInProgressError(RuntimeError):
    """Another run holds the warehouse run lock."""


_held_locks: dict[str, int] = {}


def acquire_run_lock(paths: WarehousePaths, run_id: str) -> None:
    """Take the single-writer lock for this process (idempotent within a run).

    An OS-level flock: it is released automatically if the process dies (kill -9),
    so a crashed run never blocks the next one.
    """
    if run_id in _held_locks:
        return
    paths.staging_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(paths.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = Path(paths.lock_file).read_text(errors="replace").strip() or "unknown"
        os.close(fd)
        raise RunInProgressError(
            f"another warehouse run is in progress ({holder}); "
            f"lock file {paths.lock_file}. Wait for it to finish."
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"run {run_id} pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}".encode())
    _held_locks[run_id] = fd


def release_run_lock(run_id: str) -> None:
    fd = _held_locks.pop(run_id, None)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_stale_staging(paths: WarehousePaths) -> list[Path]:
    """Delete leftovers of earlier (failed or killed) runs. Call only while holding the lock."""
    removed = []
    if paths.staging_dir.exists():
        for f in paths.staging_dir.glob("build.duckdb*"):
            f.unlink(missing_ok=True)
            removed.append(f)
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(staging: Path, published: Path) -> Path:
    """Atomically replace the published warehouse with the audited staging file."""
    import duckdb

    if not staging.exists():
        raise FileNotFoundError(f"staging warehouse {staging} does not exist; nothing to publish")
    wal = staging.with_name(staging.name + ".wal")
    if wal.exists():  # fold any pending WAL into the file so the copy is self-contained
        con = duckdb.connect(str(staging))
        con.execute("checkpoint")
        con.close()
    published.parent.mkdir(parents=True, exist_ok=True)
    _fsync(staging)
    # A WAL beside the published file would belong to the old version; readers are
    # read-only and never create one, so this only clears debris.
    published.with_name(published.name + ".wal").unlink(missing_ok=True)
    os.replace(staging, published)
    _fsync(published.parent)
    return published
