# Why: the nightly job is the product. It must build, audit and publish a complete
# warehouse into the configured location, and write its run summary and data docs.
import duckdb


def test_job_materialises_and_publishes(run_job):
    run = run_job()
    assert run.success, run.error_text()
    assert run.published.exists()
    con = duckdb.connect(str(run.published), read_only=True)
    try:
        assert con.execute("select count(*) from reports.contributions").fetchone()[0] == 62
        assert con.execute("select sum(total_value_cop) from reports.contributions").fetchone()[0] == \
            con.execute("select published_value from marts.fct_published_headline_figures where figure_id = 't5_total_value'").fetchone()[0]
        # the audit layer is published with the marts: every blocking control reconciles
        assert con.execute("select count(*) from audits.aud_headline_figures where severity = 'error' and not is_reconciled").fetchone()[0] == 0
    finally:
        con.close()
    assert run.summary["published"]
    from orchestration import checks
    assert run.summary["checks"]["great_expectations"] == len(checks.suites())
    assert run.summary["checks"]["failed"] == 0
    assert (run.artifacts / "data_docs" / "index.html").exists()
    assert (run.artifacts / "runs" / run.result.run_id / "summary.json").exists()


def test_published_file_records_its_version_and_docs_work_offline(run_job):
    # Why: the sensor, the dashboard and the exports tell versions apart by the row the
    # publish writes; and Data Docs must open with the network off (no CDN script or style).
    from orchestration.version import input_fingerprint

    run = run_job()
    assert run.success, run.error_text()
    con = duckdb.connect(str(run.published), read_only=True)
    try:
        row = con.execute("select run_id, published_at, input_fingerprint, dbt_version, package_versions "
                          "from reports.warehouse_version").fetchall()
    finally:
        con.close()
    assert len(row) == 1
    run_id, published_at, fingerprint, dbt_version, packages = row[0]
    assert run_id == run.result.run_id and published_at is not None
    assert fingerprint == input_fingerprint()["inputs"]
    assert dbt_version.startswith("1.11") and '"duckdb": "1.4.4"' in packages
    for page in [run.artifacts / "data_docs" / "index.html", *(run.artifacts / "data_docs" / "runs").glob("*.html")]:
        text = page.read_text()
        assert "http://" not in text and "https://" not in text, page
    assert run.result.run_id[:8] in (run.artifacts / "data_docs" / "index.html").read_text()
