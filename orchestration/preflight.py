"""Cheap checks on the raw seed files before dbt loads them.

dbt would also fail on these, but with messages about agate or binder errors; here the
engineer gets the file, the problem and the fix. Only whole-file operations: a UTF-8
decode and a look at the header line; no Python loop over data rows.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from dagster import AssetExecutionContext, AssetKey, Failure, MaterializeResult, asset

from .log import progress
from .publish import OWNERS, PROJECT_DIR

SEED_FILES_ASSET_KEY = AssetKey(["raw", "seed_files"])


class RawInputError(ValueError):
    """A raw seed file cannot be loaded as it is."""


@dataclass(frozen=True)
class SeedContract:
    name: str
    columns: tuple[str, ...]
    allow_empty: bool = False  # meta allow_empty: declarations that may be header only


def seeds_dir() -> Path:
    d = Path(os.environ.get("BOGOTA_SEEDS_DIR", "seeds"))
    return d if d.is_absolute() else PROJECT_DIR / d


def seed_contracts(directory: Path | None = None) -> dict[str, SeedContract]:
    """Expected columns of every seed, read from the seeds' YAML (the documented contract)."""
    directory = directory or PROJECT_DIR / "seeds"
    contracts = {}
    for yml in sorted(directory.rglob("*.yml")):
        for seed in (yaml.safe_load(yml.read_text(encoding="utf-8")) or {}).get("seeds", []):
            config = seed.get("config") or {}
            cols = tuple(config.get("column_types", {}).keys())
            allow_empty = bool((config.get("meta") or {}).get("allow_empty"))
            contracts[seed["name"]] = SeedContract(seed["name"], cols, allow_empty)
    return contracts


def check_seed_file(path: Path, contract: SeedContract) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RawInputError(
            f"{path.name}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at line {line}); "
            "the file looks like Latin-1/Windows-1252. Re-save it as UTF-8; nothing was loaded."
        ) from None
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].strip():
        raise RawInputError(f"{path.name}: the file is empty (no header line)")
    header = [h.strip().strip('"') for h in lines[0].split(",")]
    expected = f"expected header: {','.join(contract.columns)}"
    missing = [c for c in contract.columns if c not in header]
    if missing:
        raise RawInputError(f"{path.name}: missing column(s) {', '.join(missing)}; {expected}")
    unexpected = [h for h in header if h not in contract.columns]
    if unexpected:
        raise RawInputError(f"{path.name}: unexpected column(s) {', '.join(unexpected)}; {expected}")
    if not contract.allow_empty and not any(line.strip() for line in lines[1:]):
        raise RawInputError(f"{path.name}: header only, no data rows")


def check_seeds(directory: Path | None = None) -> list[Path]:
    """Validate every declared seed under ``directory``; raise RawInputError listing all problems."""
    directory = directory or seeds_dir()
    problems, checked = [], []
    for name, contract in seed_contracts().items():
        matches = list(directory.rglob(f"{name}.csv"))
        if not matches:
            problems.append(f"{name}.csv: file missing from {directory}")
            continue
        try:
            check_seed_file(matches[0], contract)
            checked.append(matches[0])
        except RawInputError as exc:
            problems.append(str(exc))
    if problems:
        raise RawInputError("raw input rejected before loading:\n  - " + "\n  - ".join(problems))
    return checked


@asset(
    key=SEED_FILES_ASSET_KEY,
    group_name="raw",
    owners=OWNERS,
    description="The raw seed CSV files (BOGOTA_SEEDS_DIR, default seeds/), checked before dbt loads them: "
    "UTF-8, the documented header, at least one data row.",
)
def seed_files(context: AssetExecutionContext) -> MaterializeResult:
    progress(context, f"preflight: checking raw seed files in {seeds_dir()}")
    try:
        checked = check_seeds()
    except RawInputError as exc:
        raise Failure(description=str(exc), metadata={"stage": "preflight"}) from exc
    return MaterializeResult(metadata={"files": len(checked), "directory": str(seeds_dir())})
