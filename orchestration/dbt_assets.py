"""The dbt project as Dagster assets: one `dbt build` per run, streamed.

Asset key = [layer, model]; group = layer (raw, staging, intermediate, marts, audits,
reports). The dbt tests are asset checks of the models they test. dagster-dbt reads the
asset graph from target/manifest.json, which `make` refreshes (`dbt parse`) whenever the
project changes; nothing here runs dbt at import time.
"""

import json
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
from dagster import AssetCheckSpec, AssetExecutionContext, AssetKey, AssetObservation, AssetSpec, Failure
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from .log import progress
from .preflight import SEED_FILES_ASSET_KEY
from .publish import OWNERS, PROJECT_DIR, Warehouse
from .readonly import connect_published
from .version import input_fingerprint, stamped_environment

LAYERS = ("raw", "staging", "intermediate", "marts", "audits", "reports", "snapshots")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# `make bench` reads synthetic Parquet sources instead of the seeds (BOGOTA_BENCH_DIR): a
# different graph, parsed by scripts/bench.py into its own manifest
dbt_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR,
                         target_path=Path("target/bench") if os.environ.get("BOGOTA_BENCH_DIR") else Path("target"))
if not dbt_project.manifest_path.exists():
    raise FileNotFoundError(
        f"{dbt_project.manifest_path} is missing: run `make manifest` (dbt parse) first; "
        "`make run`, `make test` and `make dagster` do it for you.")


def layer_of(dbt_resource_props: Mapping[str, Any]) -> str:
    if dbt_resource_props["resource_type"] == "seed":
        return "raw"
    if dbt_resource_props["resource_type"] == "snapshot":
        return "snapshots"
    fqn = dbt_resource_props.get("fqn") or []
    return fqn[1] if len(fqn) > 2 and fqn[1] in LAYERS else "other"


class LayerTranslator(DagsterDbtTranslator):
    """Keys and groups by layer; the seeds depend on the checked raw seed files."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] in ("seed", "model", "snapshot"):
            return AssetKey([layer_of(dbt_resource_props), dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return layer_of(dbt_resource_props)

    def get_asset_check_spec(self, asset_spec: AssetSpec, manifest: Mapping[str, Any], unique_id: str,
                             project: DbtProject | None) -> AssetCheckSpec | None:
        # Dagster asset checks for the rules (audits) and the BI contract (reports). The
        # ~400 tests of the lower layers run inside the same `dbt build` and fail it, with
        # their failing rows in the step's error; as asset checks they would add an event
        # each and ~2 s to every night.
        if asset_spec.key.path[0] not in ("audits", "reports"):
            return None
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return AssetCheckSpec(name=spec.name, asset=spec.asset_key,
                              description=test_description(manifest["nodes"][unique_id]),
                              additional_deps=spec.additional_deps, blocking=spec.blocking, metadata=spec.metadata)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        # the relation readers query in the published file, not the run's build file
        metadata = dict(super().get_metadata(dbt_resource_props))
        if metadata.get("dagster/table_name"):
            metadata["dagster/table_name"] = (f"{Warehouse().published.stem}.{dbt_resource_props['schema']}."
                                              f"{dbt_resource_props.get('alias') or dbt_resource_props['name']}")
        return metadata

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        owner = (dbt_resource_props.get("meta") or {}).get("owner")
        return [owner] if owner else OWNERS

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        if unique_id.startswith("seed."):
            spec = spec.merge_attributes(deps=[SEED_FILES_ASSET_KEY])
        return spec


def test_description(test: Mapping[str, Any]) -> str:
    """A dbt test's own description, or what it tests, in words."""
    if test.get("description"):
        return test["description"]
    meta = test.get("test_metadata") or {}
    kwargs = {k: v for k, v in (meta.get("kwargs") or {}).items() if k not in ("model", "column_name")}
    target = f"column {test['column_name']}" if test.get("column_name") else "the model"
    args = f" ({', '.join(f'{k}={v}' for k, v in kwargs.items())})" if kwargs else ""
    return f"dbt test {meta.get('name') or test['name']} on {target}{args}"


translator = LayerTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@cache
def manifest() -> dict[str, Any]:
    return json.loads(dbt_project.manifest_path.read_text())


def models_of_layer(*layers: str) -> dict[str, dict[str, Any]]:
    """dbt model name -> manifest node, for the models of the given layers."""
    return {node["name"]: node for node in manifest()["nodes"].values()
            if node["resource_type"] == "model" and layer_of(node) in layers}


def asset_key(node: Mapping[str, Any]) -> AssetKey:
    return translator.get_asset_key(node)


def relation(node: Mapping[str, Any]) -> str:
    """The model's relation as dbt names it, without the catalog (see macros/ref.sql)."""
    return f'"{node["schema"]}"."{node.get("alias") or node["name"]}"'


def published_version(path: Path) -> dict | None:
    """The published warehouse's version row, or None when there is no published file (or it
    predates reports.warehouse_version)."""
    if not path.exists():
        return None
    try:
        con = connect_published(path)
    except duckdb.Error:
        return None
    try:
        cur = con.execute(f"select * from {relation(models_of_layer('reports')['warehouse_version'])}")
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
def warehouse_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    """Seeds -> staging -> intermediate -> marts -> audits -> reports, with every dbt data
    and unit test, built into this run's build file (never the published file)."""
    if warehouse.build_file.exists():
        # The build file starts as a copy of the published warehouse (Warehouse setup): the
        # snapshots' history and the incremental facts carry on; a subset (e.g. one model
        # materialised from the UI) reads the models it does not select from it. A subset
        # is published only if the selection includes publish/published_warehouse.
        subset = f"subset of {len(context.selected_asset_keys)} asset(s): " if context.is_subset else ""
        progress(context, f"{subset}building on a copy of {warehouse.published.name}")
    # Incremental models carry on only under the code that built them: after a change of the
    # models, macros or project files (or with no version to compare), rebuild from scratch.
    # Snapshots ignore --full-refresh, so history is kept either way.
    previous = published_version(warehouse.published)
    full_refresh = previous is None or previous.get("code_fingerprint") != input_fingerprint()["code"]
    if full_refresh and warehouse.build_file.exists():
        progress(context, "the models changed since the published build: incremental models rebuilt (--full-refresh)")
    progress(context, f"dbt build into {warehouse.build_file}")
    with stamped_environment(context.run.run_id):  # reports.warehouse_version
        invocation = dbt.cli(
            # published_file: the warehouse this build would replace; the on-run-start hook
            # attaches it read-only when it exists (no silent loss, macros/published_prev.sql)
            ["build", "--vars", json.dumps({"build_file": str(warehouse.build_file),
                                            "published_file": str(warehouse.published)}),
             # `make bench` (synthetic Parquet sources): the unit tests' fixtures name the seeds
             *(["--exclude-resource-type", "unit_test"] if os.environ.get("BOGOTA_BENCH_DIR") else []),
             *(["--full-refresh"] if full_refresh else [])],
            context=context, raise_on_error=False, target_path=warehouse.dbt_target)
    yield from invocation.stream()
    if not invocation.is_successful():
        problems = describe_failures(invocation, warehouse)
        raise Failure(description="dbt build failed; nothing was published.\n" + problems,
                      metadata={"stage": "dbt build"})
    yield from row_counts(warehouse.build_file, context.selected_asset_keys)


def row_counts(db: Path, selected) -> list[AssetObservation]:
    """dagster/row_count of every table the build wrote (seeds, marts): one catalog query,
    no scan. Views (staging, intermediate, audits, reports) are not counted: a count would
    run their query."""
    by_relation = {(node["schema"], node.get("alias") or node["name"]): asset_key(node)
                   for node in manifest()["nodes"].values() if node["resource_type"] in ("seed", "model")}
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name, estimated_size from duckdb_tables()").fetchall()
    finally:
        con.close()
    return [AssetObservation(asset_key=by_relation[(schema, table)], metadata={"dagster/row_count": rows})
            for schema, table, rows in tables if by_relation.get((schema, table)) in selected]


def describe_failures(invocation, warehouse: Warehouse) -> str:
    """One paragraph per problem: which dbt node, why and, for a failed test, the first rows
    its own compiled SQL returns. An error raised in one view and hit by several models is
    reported once."""
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except FileNotFoundError:  # dbt stopped before running anything (e.g. a parse error)
        return ANSI.sub("", str(invocation.get_error()))
    tests, errors = [], {}
    for result in results:
        if result.get("status") not in ("error", "fail", "runtime error"):
            continue
        parts = result["unique_id"].split(".")  # test.<project>.<name>.<hash>, model.<project>.<name>
        kind, name = parts[0], parts[2]
        message = ANSI.sub("", (result.get("message") or "").strip())
        if kind == "test" and result["status"] == "fail":
            rows = failing_rows(warehouse.build_file, result.get("compiled_code"))
            text = f"dbt test {name} failed ({message})"
            if rows:
                shown = (json.dumps(r, ensure_ascii=False, default=str) for r in rows)
                text += "\n    offending rows: " + "; ".join(shown)
            tests.append(text)
        else:
            core = message.split("\n", 1)[-1].strip() if "\n" in message else message
            errors.setdefault(core, []).append(f"{kind} {name}")
    lines = [f"{core}\n    (dbt could not build: {', '.join(nodes)})" for core, nodes in errors.items()]
    return "\n".join(lines + tests) or ANSI.sub("", str(invocation.get_error()))


def failing_rows(db: Path, compiled_sql: str | None, limit: int = 10) -> list[dict[str, Any]]:
    """The first rows a failed dbt test returns: its compiled SQL, run read-only."""
    if not compiled_sql or not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            cur = con.execute(f"select * from ({compiled_sql}) as failing limit {limit}")
            columns = [d[0] for d in cur.description]
            return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
        finally:
            con.close()
    except duckdb.Error:  # the message is still useful without rows
        return []
