"""Assets: the dbt project (built into a staging file) and the atomic publish."""

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    RetryRequested,
    asset,
)
from dagster_dbt import DbtCliResource, dbt_assets

from . import preflight
from .project import bogota_project, model_asset_keys, translator
from .summary import build_run_summary, write_run_summary
from .warehouse import (
    RunInProgressError,
    WarehousePaths,
    acquire_run_lock,
    publish,
    release_run_lock,
    remove_stale_staging,
)

# Errors worth retrying: someone briefly holds a file lock. Everything else (a failed
# test, a malformed amount, a missing column) is deterministic and fails at once.
TRANSIENT_MARKERS = ("Could not set lock", "Conflicting lock", "database is locked", "Resource temporarily unavailable")
MAX_TRANSIENT_RETRIES = 3


def say(context, message: str) -> None:
    """Progress line: in the Dagster log, and on the terminal of `make run`."""
    context.log.info(message)
    if os.environ.get("BOGOTA_PROGRESS") == "1":
        print(f"==> {message}", file=sys.stderr, flush=True)


def _preload_great_expectations() -> None:
    # Importing GE costs seconds of pure Python; do it while dbt (a subprocess) builds.
    threading.Thread(target=lambda: __import__("great_expectations"), daemon=True).start()


def _offending_rows(db: Path, compiled_sql: str | None, limit: int = 5) -> list[dict[str, Any]]:
    if not compiled_sql or not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            df = con.execute(f"select * from ({compiled_sql}) as failing limit {limit}").df()
        finally:
            con.close()
        return json.loads(df.to_json(orient="records", date_format="iso"))
    except Exception:  # noqa: BLE001 - best effort, the message is still useful without rows
        return []


def describe_dbt_failures(run_results: dict[str, Any], db: Path) -> list[str]:
    """One readable paragraph per failed dbt node: what, where, why, sample rows."""
    lines = []
    for r in run_results.get("results", []):
        if r.get("status") not in ("error", "fail", "runtime error"):
            continue
        uid = r["unique_id"]
        kind, name = uid.split(".")[0], uid.split(".")[-1]
        msg = (r.get("message") or "").strip()
        text = f"dbt {kind} {name} {r['status']}: {msg}"
        if kind == "test" and r["status"] == "fail":
            rows = _offending_rows(db, r.get("compiled_code"))
            if rows:
                text += "\n    offending rows: " + "; ".join(json.dumps(row, default=str, ensure_ascii=False) for row in rows)
        lines.append(text)
    return lines


@dbt_assets(manifest=bogota_project.manifest_path, project=bogota_project, dagster_dbt_translator=translator)
def bogota_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource):
    """Seeds -> staging -> intermediate -> marts -> reports, with dbt tests and unit tests,
    built into this run's staging copy of the warehouse (never the published file)."""
    paths = WarehousePaths.from_env()
    try:
        acquire_run_lock(paths, context.run_id)
    except RunInProgressError as exc:
        if context.retry_number < MAX_TRANSIENT_RETRIES:
            say(context, f"{exc} - retrying")
            raise RetryRequested(max_retries=MAX_TRANSIENT_RETRIES, seconds_to_wait=5) from exc
        raise Failure(description=str(exc)) from exc
    staging = paths.staging_file(context.run_id)
    removed = remove_stale_staging(paths)
    if removed:
        say(context, f"removed {len(removed)} leftover staging file(s) of earlier runs")

    say(context, f"preflight: checking raw seed files in {preflight.seeds_dir()}")
    try:
        preflight.check_seeds()
    except preflight.RawInputError as exc:
        raise Failure(description=str(exc), metadata={"stage": "preflight"}) from exc

    _preload_great_expectations()
    say(context, f"dbt build into staging file {staging}")
    os.environ["DBT_DUCKDB_PATH"] = str(staging)
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    yield from invocation.stream()
    if invocation.is_successful():
        return
    try:
        problems = describe_dbt_failures(invocation.get_artifact("run_results.json"), staging)
    except FileNotFoundError:  # dbt stopped before running anything (e.g. a project parse error)
        problems = []
    problems += [m for m in invocation._error_messages if m not in "\n".join(problems)]  # noqa: SLF001
    text = "\n".join(problems) or "dbt build failed (see the dbt log above)"
    if any(m in text for m in TRANSIENT_MARKERS) and context.retry_number < MAX_TRANSIENT_RETRIES:
        say(context, "transient lock error in dbt build - retrying")
        raise RetryRequested(max_retries=MAX_TRANSIENT_RETRIES, seconds_to_wait=2)
    raise Failure(description="dbt build failed; nothing was published.\n" + text,
                  metadata={"stage": "dbt build", "failed_nodes": len(problems)})


def _publish_deps() -> list[AssetKey]:
    return [k for k in model_asset_keys().values() if k.path[0] in ("marts", "reports")]


@asset(
    key=AssetKey(["publish", "published_warehouse"]),
    group_name="publish",
    deps=_publish_deps(),
    description=(
        "Atomically replaces the published warehouse (BOGOTA_WAREHOUSE_PATH, default "
        "warehouse/bogota_cooperation.duckdb) with this run's audited staging file. Runs only "
        "after the dbt tests and the blocking Great Expectations checks have passed."
    ),
)
def published_warehouse(context: AssetExecutionContext) -> MaterializeResult:
    paths = WarehousePaths.from_env()
    staging = paths.staging_file(context.run_id)
    # Belt and braces: blocking checks already gate this step, but never publish a run
    # whose audit recorded an error-severity failure.
    summary = build_run_summary(context.instance, context.run_id)
    if summary["failed_checks"]:
        raise Failure(description="refusing to publish: failed checks "
                      + ", ".join(c["check"] for c in summary["failed_checks"]))
    say(context, f"publishing {staging.name} -> {paths.published}")
    target = publish(staging, paths.published)  # the commit point: everything before it is undoable
    release_run_lock(context.run_id)
    summary["published"] = True
    write_run_summary(summary, paths.artifacts)
    return MaterializeResult(metadata={
        "path": MetadataValue.path(str(target)),
        "bytes": target.stat().st_size,
        "run_summary": MetadataValue.path(str(paths.artifacts / "runs" / context.run_id / "summary.json")),
    })
