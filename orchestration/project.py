"""The dbt project as Dagster sees it, and the layer-aware translator."""
from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from functools import cached_property, lru_cache
from typing import Any

from dagster import AssetKey
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject
from packaging import version

from .warehouse import PROJECT_DIR, WarehousePaths

WATCHED = ("models", "macros", "seeds", "tests/dbt")


def ensure_manifest() -> None:
    """dagster-dbt builds the asset graph from target/manifest.json; re-parse when stale."""
    manifest = PROJECT_DIR / "target" / "manifest.json"
    sources = [PROJECT_DIR / "dbt_project.yml"] + [
        p for d in WATCHED for p in (PROJECT_DIR / d).rglob("*") if p.suffix in (".sql", ".yml", ".yaml")
    ]
    if manifest.exists() and manifest.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return
    print("==> dbt parse (project changed since the last manifest)", file=sys.stderr, flush=True)
    dbt = Path(sys.executable).with_name("dbt")
    # Parse with the same profile the job uses, so dbt's partial parsing stays valid.
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR),
           "DBT_DUCKDB_PATH": str(WarehousePaths.from_env().staging_file)}
    subprocess.run([str(dbt), "parse", "--quiet"], cwd=PROJECT_DIR, env=env, check=True)

# Whoever loads the definitions (make run, dagster dev, the daemon, tests) gets an asset
# graph that matches the project on disk: a stale manifest would make dagster-dbt fail on
# nodes it does not know.
ensure_manifest()
bogota_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR)

LAYERS = ("raw", "staging", "intermediate", "marts", "reports")


def layer_of(dbt_resource_props: Mapping[str, Any]) -> str:
    if dbt_resource_props["resource_type"] == "seed":
        return "raw"
    fqn = dbt_resource_props.get("fqn") or []
    return fqn[1] if len(fqn) > 2 and fqn[1] in LAYERS else "other"


class LayerTranslator(DagsterDbtTranslator):
    """Asset key = [layer, model]; group = layer (raw, staging, intermediate, marts, reports)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] in ("seed", "model", "snapshot"):
            return AssetKey([layer_of(dbt_resource_props), dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return layer_of(dbt_resource_props)


translator = LayerTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@lru_cache(maxsize=1)
def model_asset_keys() -> dict[str, AssetKey]:
    """dbt model/seed name -> Dagster asset key, from the manifest."""
    manifest = json.loads(bogota_project.manifest_path.read_text())
    return {
        node["name"]: translator.get_asset_key(node)
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("seed", "model")
    }


class FastDbtCliResource(DbtCliResource):
    """DbtCliResource minus two fixed costs paid on every run (~3 s of a ~15 s build).

    - dagster-dbt learns the dbt version by spawning `dbt --version`; dbt-core is installed
      in this very environment, so its package metadata answers instantly.
    - it also opens an in-process dbt adapter, used only to fetch optional relation
      metadata (row counts, column schemas) that this project does not request.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - dagster-dbt hook
        return None
