# Why: `dagster dev`, the daemon and `make run` all load orchestration.definitions:defs.
# If it stops loading, or loses its layers, checks, schedule or sensor, nothing runs.
from dagster import AssetKey, Definitions

from orchestration import checks
from orchestration.definitions import defs


def test_definitions_load_and_validate():
    Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("nightly_warehouse") is not None


def test_asset_graph_has_every_layer_and_publish_downstream():
    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"raw", "staging", "intermediate", "marts", "audits", "reports", "publish"} <= groups
    publish = AssetKey(["publish", "published_warehouse"])
    upstream = graph.get(publish).parent_keys
    assert AssetKey(["reports", "sdg_summary"]) in upstream
    assert AssetKey(["marts", "fct_contributions"]) in upstream
    assert AssetKey(["audits", "aud_headline_figures"]) in upstream


def test_raw_seed_files_are_checked_before_the_seeds_load():
    graph = defs.resolve_asset_graph()
    seed = AssetKey(["raw", "raw_interactions"])
    assert AssetKey(["raw", "seed_files"]) in graph.get(seed).parent_keys


def test_audit_rules_are_blocking_asset_checks():
    graph = defs.resolve_asset_graph()
    specs = {(s.asset_key, s.name): s for c in defs.asset_checks for s in c.check_specs}
    for suite in checks.suites():
        key = AssetKey(["audits" if suite.model.startswith("aud_") else "reports", suite.model])
        spec = specs[(key, suite.check_name)]
        assert spec.blocking is (suite.severity == "error"), suite.model
    # the dbt tests of the audit models are asset checks too (audit_reconciles)
    dbt_check_names = {k.name for k in graph.asset_check_keys if k.asset_key.path[0] == "audits"}
    assert any(name.startswith("audit_reconciles_") for name in dbt_check_names)
