"""Write-audit-publish for the DuckDB warehouse: the run lock, the build area, the publish.

A run builds into the *build file* of the *build area* (``<warehouse dir>/.build/``); dbt
tests and the Great Expectations suites audit that file; only then is it moved over the
published file with one atomic ``rename``. Readers open the published file read-only:
before the rename they see the previous version, after it the new one, never a
half-written file, and they never share a lock with the writer.

`Warehouse` is the one Dagster resource that owns all of it. For a run it takes the run
lock (an OS ``flock``: released even on ``kill -9``) and clears what earlier, failed or
killed, runs left in the build area; it gives the lock back when the run ends.
"""

import fcntl
import os
import shutil
import time
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    ConfigurableResource,
    Failure,
    InitResourceContext,
    MaterializeResult,
    MetadataValue,
    asset,
)
from pydantic import PrivateAttr

from .log import progress, progress_logger

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_PUBLISHED = "warehouse/bogota_cooperation.duckdb"
DEFAULT_ARTIFACTS = "artifacts"
PUBLISHED_ASSET_KEY = AssetKey(["publish", "published_warehouse"])
OWNERS = ["team:cooperation-warehouse"]  # every asset; a dbt model's meta.owner wins


def resolve(path: str) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else PROJECT_DIR / p


class RunInProgressError(RuntimeError):
    """Another run held the warehouse run lock for longer than the lock timeout."""


class Warehouse(ConfigurableResource):
    """Where the warehouse is published, its build area and its run lock.

    Unset fields follow the environment when used (BOGOTA_WAREHOUSE_PATH,
    BOGOTA_ARTIFACTS_DIR, BOGOTA_LOCK_TIMEOUT_SECONDS: how long a run waits for another
    one to finish, default 600), so one set of definitions serves every location.
    """

    published_path: str | None = None
    artifacts_dir: str | None = None
    lock_timeout_seconds: float | None = None

    _lock_fd: int | None = PrivateAttr(default=None)

    # ---------------------------------------------------------------- paths
    @property
    def published(self) -> Path:
        return resolve(self.published_path or os.environ.get("BOGOTA_WAREHOUSE_PATH", DEFAULT_PUBLISHED))

    @property
    def artifacts(self) -> Path:
        return resolve(self.artifacts_dir or os.environ.get("BOGOTA_ARTIFACTS_DIR", DEFAULT_ARTIFACTS))

    @property
    def build_area(self) -> Path:
        return self.published.parent / ".build"

    @property
    def build_file(self) -> Path:
        # One name for every run: runs are serialised by the lock, and a stable path keeps
        # dbt's partial parsing valid from one night to the next.
        return self.build_area / "build.duckdb"

    @property
    def dbt_target(self) -> Path:
        """dbt's target folder for the job, kept between runs so dbt parses partially."""
        return self.build_area / "dbt_target"

    @property
    def lock_file(self) -> Path:
        return self.build_area / "run.lock"

    # ---------------------------------------------------------------- run lifecycle
    def setup_for_execution(self, context: InitResourceContext) -> None:
        self.build_area.mkdir(parents=True, exist_ok=True)
        self._lock_fd = self._acquire_lock(context.run.run_id if context.run else "no run", context.log)
        # Debris of failed or killed runs; the results of the last dbt invocation, so a
        # dbt that stops before writing new ones is never described by old ones.
        for leftover in [*self.build_area.glob("build.duckdb*"), self.dbt_target / "run_results.json"]:
            leftover.unlink(missing_ok=True)
        self.start_build_from_published()

    def start_build_from_published(self) -> None:
        """Every run starts its build file as a copy of the published warehouse, when there
        is one. Kept simple on purpose: one file copy gives the run what it must carry
        forward (the dbt snapshots' history, the incremental fact tables, and for a UI
        subset the models it does not select). Seeds are recreated, views and tables rebuilt
        by dbt; relations of models since removed from the project stay until dropped."""
        if self.published.exists():
            shutil.copyfile(self.published, self.build_file)

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _acquire_lock(self, run_id: str, log) -> int:
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        timeout = self.lock_timeout_seconds or float(os.environ.get("BOGOTA_LOCK_TIMEOUT_SECONDS", "600"))
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self.lock_file.read_text(errors="replace").strip() or "unknown"
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise RunInProgressError(
                        f"another warehouse run is in progress ({holder}); lock file {self.lock_file}. "
                        f"Waited {timeout:.0f}s; try again when it has finished."
                    ) from None
                if not waited:
                    message = f"waiting for the warehouse run lock, held by {holder} (up to {timeout:.0f}s)"
                    progress_logger.info(message)
                    if log is not None:
                        log.info(message)
                waited = True
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.write(fd, f"run {run_id} pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}".encode())
        return fd

    # ---------------------------------------------------------------- publish
    def publish(self, version_relation: str | None = None) -> Path:
        """Atomically replace the published warehouse with the audited build file, after
        stamping ``published_at`` on its one-row version relation."""
        import duckdb

        build, published = self.build_file, self.published
        if not build.exists():
            raise FileNotFoundError(f"build file {build} does not exist; nothing to publish")
        con = duckdb.connect(str(build))
        try:
            if version_relation:
                con.execute(f"update {version_relation} set published_at = current_timestamp at time zone 'UTC'")
            con.execute("checkpoint")  # fold any pending WAL into the file
        finally:
            con.close()
        published.parent.mkdir(parents=True, exist_ok=True)
        _fsync(build)
        # A WAL beside the published file would belong to the old version; readers are
        # read-only and never create one, so this only clears debris.
        published.with_name(published.name + ".wal").unlink(missing_ok=True)
        os.replace(build, published)
        _fsync(published.parent)
        return published


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def published_warehouse_asset(upstream: list[AssetKey], version_relation: str):
    """The publish step, downstream of every mart, audit and report (and so of their checks);
    ``version_relation`` is the one-row reports.warehouse_version it stamps."""

    @asset(
        key=PUBLISHED_ASSET_KEY,
        group_name="publish",
        owners=OWNERS,
        deps=upstream,
        description=(
            "Atomically replaces the published warehouse (BOGOTA_WAREHOUSE_PATH, default "
            f"{DEFAULT_PUBLISHED}) with this run's audited build file. Runs only after the dbt "
            "tests and the blocking Great Expectations checks have passed."
        ),
    )
    def published_warehouse(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
        progress(context, f"publishing {warehouse.build_file.name} -> {warehouse.published}")
        try:
            target = warehouse.publish(version_relation)  # the commit point: everything before it is undoable
        except FileNotFoundError as exc:
            raise Failure(description=str(exc)) from exc
        return MaterializeResult(metadata={
            "path": MetadataValue.path(str(target)),
            "bytes": target.stat().st_size,
        })

    return published_warehouse
