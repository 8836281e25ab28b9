# Why: an engineer who clicks "Materialize" on one asset in the Dagster UI got an
# InvalidSubsetError (the GE checks could not be split) or "raw_cooperants does not exist"
# (the build file started empty). A subset now builds on a copy of the published file and
# runs only its own checks; nothing is published unless the selection includes publish.
import hashlib

import duckdb
from dagster import AssetKey, DagsterEventType, DagsterInstance

from orchestration.definitions import defs


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def materialise(selection):
    job = defs.resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=DagsterInstance.ephemeral(), asset_selection=selection,
                                  raise_on_error=False,
                                  run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})


def test_one_staging_model_and_one_audit_with_its_checks_materialise(run_job):
    first = run_job()  # a published warehouse, as on any machine after the first night
    assert first.success, first.error_text()
    before = sha256(first.published)

    staging = materialise([AssetKey(["staging", "stg_globo__cooperants"])])
    assert staging.success

    audit = materialise([AssetKey(["audits", "aud_headline_figures"])])
    assert audit.success
    checks = {e.event_specific_data.check_name for e in audit.all_events
              if e.event_type == DagsterEventType.ASSET_CHECK_EVALUATION}
    assert "ge_reconciles" in checks  # its GE suite ran, split from the others
    assert any(name.startswith("audit_reconciles") for name in checks)

    assert sha256(first.published) == before  # not published: the selection did not include publish


def test_a_subset_with_publish_publishes(run_job):
    first = run_job()
    assert first.success, first.error_text()
    result = materialise([AssetKey(["reports", "warehouse_version"]), AssetKey(["publish", "published_warehouse"])])
    assert result.success
    con = duckdb.connect(str(first.published), read_only=True)
    try:
        assert con.execute("select run_id from reports.warehouse_version").fetchone()[0] == result.run_id
        assert con.execute("select count(*) from reports.contributions").fetchone()[0] == 62  # the rest is kept
    finally:
        con.close()
