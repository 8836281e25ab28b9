# Why: `dagster dev`, the daemon and `make run` all load orchestration.definitions:defs.
# If it stops loading, or loses its layers, checks, schedule or sensor, nothing runs.
from dagster import AssetKey, Definitions

from orchestration import quality
from orchestration.definitions import defs


def test_definitions_load_and_validate():
    Definitions.validate_loadable(defs)
    assert defs.get_job_def("nightly_warehouse") is not None


def test_asset_graph_has_every_layer_and_publish_downstream():
    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"raw", "staging", "intermediate", "marts", "reports", "publish"} <= groups
    publish = AssetKey(["publish", "published_warehouse"])
    upstream = graph.get(publish).parent_keys
    assert AssetKey(["reports", "sdg_summary"]) in upstream
    assert AssetKey(["marts", "fct_contributions"]) in upstream


def test_dbt_tests_and_ge_suites_are_asset_checks():
    graph = defs.resolve_asset_graph()
    check_keys = graph.asset_check_keys
    ge_names = {c.name for c in quality.CHECKS}
    assert ge_names <= {k.name for k in check_keys}
    assert len(check_keys) > len(ge_names)  # plus the dbt tests
    specs = {s.name: s for a in defs.assets if hasattr(a, "check_specs") for s in a.check_specs}
    specs.update({s.name: s for c in defs.asset_checks for s in c.check_specs})
    for check in quality.CHECKS:
        assert specs[check.name].blocking is (check.severity == "error"), check.name
    assert any(c.severity == "error" and c.suite == "totals" for c in quality.CHECKS)
    assert any(c.severity == "error" and c.suite == "referential_integrity" for c in quality.CHECKS)
