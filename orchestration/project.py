"""The dbt project as Dagster sees it, and the layer-aware translator."""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from dagster import AssetKey
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtProject

from .warehouse import PROJECT_DIR

bogota_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR)
# Under `dagster dev` this re-parses the project so the asset graph follows local edits.
bogota_project.prepare_if_dev()

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
