"""Assets: the dbt project (built into a staging file) and the atomic publish."""

import json
import os
import re
import sys
import threading
import time
from decimal import Decimal
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
from .summary import build_run_summary, failed_error_checks, write_run_summary
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
        elapsed = time.time() - float(os.environ.get("BOGOTA_T0", time.time()))
        print(f"==> [{elapsed:5.1f}s] {message}", file=sys.stderr, flush=True)


def _preload_great_expectations() -> None:
    # Importing GE costs seconds of pure Python; do it while dbt (a subprocess) builds.
    threading.Thread(target=lambda: __import__("great_expectations"), daemon=True).start()


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _query_rows(db: Path, sql: str, limit: int = 5) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            cur = con.execute(f"select * from ({sql}) as q limit {limit}")
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, (_plain(v) for v in row))) for row in cur.fetchall()]
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - best effort, the message is still useful without rows
        return []


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows_in_tested_model(db: Path, node: dict[str, Any], manifest: dict[str, Any],
                          failing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For a generic column test, the full rows of the tested model that fail it, so the
    message names the row (interaction id, raw name...) and not only the bad value."""
    meta = node.get("test_metadata") or {}
    column = (meta.get("kwargs") or {}).get("column_name") or node.get("column_name")
    model = manifest["nodes"].get(node.get("attached_node") or "")
    if not column or not model:
        return []
    relation = f'"{model["schema"]}"."{model.get("alias") or model["name"]}"'
    if meta.get("name") == "not_null":
        return _query_rows(db, f'select * from {relation} where "{column}" is null')
    values = [v for row in failing for k, v in row.items() if k in (column, "from_field", "value_field") and v is not None]
    if not values:
        return []
    literals = ", ".join(f"'{str(v).replace(chr(39), chr(39) * 2)}'" for v in values)
    return _query_rows(db, f'select * from {relation} where cast("{column}" as varchar) in ({literals})')


def describe_dbt_failures(run_results: dict[str, Any], manifest: dict[str, Any], db: Path) -> list[str]:
    """One readable paragraph per problem: which dbt node, why, and sample offending rows.
    Errors raised once in a staging view but hit by several models are reported once."""
    by_message: dict[str, list[str]] = {}
    lines = []
    for r in run_results.get("results", []):
        if r.get("status") not in ("error", "fail", "runtime error"):
            continue
        uid = r["unique_id"]
        node = manifest.get("nodes", {}).get(uid, {})
        kind, name = uid.split(".")[0], node.get("name") or uid.split(".")[-1]
        msg = ANSI.sub("", (r.get("message") or "").strip())
        if kind == "test" and r["status"] == "fail":
            text = f"dbt test {name} failed ({msg})"
            rows = _query_rows(db, r["compiled_code"]) if r.get("compiled_code") else []
            detail = _rows_in_tested_model(db, node, manifest, rows)
            if rows:
                text += "\n    offending rows: " + "; ".join(json.dumps(x, ensure_ascii=False) for x in rows)
            if detail:
                text += "\n    in " + node.get("attached_node", "").split(".")[-1] + ": " + "; ".join(
                    json.dumps(x, ensure_ascii=False) for x in detail)
            lines.append(text)
        else:
            core = msg.split("\n", 1)[-1].strip() if "\n" in msg else msg
            by_message.setdefault(core, []).append(f"{kind} {name}")
    for core, nodes in by_message.items():
        lines.insert(0, f"{core}\n    (dbt could not build: {', '.join(nodes)})")
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
    staging = paths.staging_file
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
    paths.dbt_target.mkdir(parents=True, exist_ok=True)
    (paths.dbt_target / "run_results.json").unlink(missing_ok=True)  # never report a previous run's
    invocation = dbt.cli(["build"], context=context, raise_on_error=False, target_path=paths.dbt_target)
    yield from invocation.stream()
    if invocation.is_successful():
        return
    try:
        try:
            manifest = invocation.get_artifact("manifest.json")  # this run's, with compiled nodes
        except FileNotFoundError:
            manifest = invocation.manifest
        problems = describe_dbt_failures(invocation.get_artifact("run_results.json"), manifest, staging)
    except FileNotFoundError:  # dbt stopped before running anything (e.g. a project parse error)
        problems = []
    if not problems:  # dbt stopped before producing results: keep its own error lines
        problems = [ANSI.sub("", m) for m in invocation._error_messages]  # noqa: SLF001
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
    staging = paths.staging_file
    # Belt and braces: blocking checks already gate this step, but never publish a run
    # whose audit recorded an error-severity failure.
    failed = failed_error_checks(context.instance, context.run_id)
    if failed:
        raise Failure(description="refusing to publish: failed checks " + ", ".join(failed))
    say(context, f"publishing {staging.name} -> {paths.published}")
    target = publish(staging, paths.published)  # the commit point: everything before it is undoable
    release_run_lock(context.run_id)
    if os.environ.get("BOGOTA_PROGRESS") != "1":  # `make run` writes the final summary itself
        summary = build_run_summary(context.instance, context.run_id)
        summary["published"] = True
        write_run_summary(summary, paths.artifacts)
    return MaterializeResult(metadata={
        "path": MetadataValue.path(str(target)),
        "bytes": target.stat().st_size,
        "run_summary": MetadataValue.path(str(paths.artifacts / "runs" / context.run_id / "summary.json")),
    })
