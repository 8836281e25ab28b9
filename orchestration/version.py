"""What a warehouse version is built from: one fingerprint of every input.

The same function feeds the build (``reports.warehouse_version``, through dbt vars) and
the sensor (which compares it with the published one), so "changed" means one thing.
"""
from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from .preflight import seeds_dir
from .publish import PROJECT_DIR

# the dbt project's code: a change here changes what the warehouse holds
CODE_PATHS = ("models", "macros", "snapshots", "dbt_project.yml", "profiles.yml", "requirements.lock")
# the pipeline around dbt: the gates (GE suites), publish, exports and the annual report. A
# change here changes what a run checks or writes, not the dbt models: it makes the next
# `make run` build again, without a --full-refresh.
PIPELINE_PATHS = ("orchestration", "dashboard")
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb", "dagster", "dagster-dbt", "great-expectations")


def _digest(root: Path, paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _files(root: Path, names: tuple[str, ...] = ("",)) -> list[Path]:
    out = []
    for name in names:
        p = root / name if name else root
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out += [f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    return out


def _bulk_digest() -> str:
    """The bulk files dbt reads as sources instead of the seeds (`make bench`:
    BOGOTA_BENCH_DIR): name, size and modification time, as make does; hashing gigabytes
    of Parquet would cost seconds a night. Empty without such a folder."""
    bench = os.environ.get("BOGOTA_BENCH_DIR")
    if not bench:
        return ""
    digest = hashlib.sha256(str(Path(bench).resolve()).encode())
    for path in sorted(_files(Path(bench))):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def input_fingerprint() -> dict[str, str]:
    """``seeds`` (every seed file: CSV and YAML, and the bulk source files when dbt reads
    them), ``code`` (models, macros, project files, the lock: a change rebuilds the
    incremental models), ``pipeline`` (the orchestration and report code) and ``inputs``,
    the one to compare."""
    seeds = _digest(seeds_dir(), _files(seeds_dir()))
    if bulk := _bulk_digest():
        seeds = hashlib.sha256(f"{seeds}:{bulk}".encode()).hexdigest()[:16]
    code = _digest(PROJECT_DIR, _files(PROJECT_DIR, CODE_PATHS))
    pipeline = _digest(PROJECT_DIR, [f for f in _files(PROJECT_DIR, PIPELINE_PATHS) if f.suffix == ".py"])
    inputs = hashlib.sha256(f"{seeds}:{code}:{pipeline}".encode()).hexdigest()[:16]
    return {"seeds": seeds, "code": code, "pipeline": pipeline, "inputs": inputs}


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def build_environment(run_id: str) -> dict[str, str]:
    """The environment of the job's dbt build: its version stamp
    (models/reports/warehouse_version.sql) and the seed folder."""
    fp = input_fingerprint()
    return {"BOGOTA_BUILD_RUN_ID": run_id, "BOGOTA_BUILD_INPUT_FINGERPRINT": fp["inputs"],
            "BOGOTA_BUILD_SEEDS_FINGERPRINT": fp["seeds"], "BOGOTA_BUILD_CODE_FINGERPRINT": fp["code"],
            "BOGOTA_BUILD_PACKAGE_VERSIONS": json.dumps(package_versions(), sort_keys=True),
            # dbt writes each seed's compiled SQL to <target>/run/<project>/<seed path>: with an
            # absolute seed path that is the CSV file itself. A relative path keeps it in target/.
            "BOGOTA_SEEDS_DIR": os.path.relpath(seeds_dir(), PROJECT_DIR)}


@contextmanager
def stamped_environment(run_id: str):
    """os.environ with the build stamp, for the dbt subprocess started inside the block."""
    saved = dict(os.environ)
    os.environ.update(build_environment(run_id))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
