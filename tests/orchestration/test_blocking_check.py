# Why: a failed audit rule must stop the run before publish, and the failure hook must
# fire. Table 2's total stays 607, but BID now reports fewer interactions than its Table 5
# lines: the rule aud_cooperant_line_counts breaks, and the run names it (the two changed
# printed counts of the closed year 2024 also fail aud_published_records_kept).
import hashlib
import json


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set_reported(seeds_dir, row_number, new_value):
    path = seeds_dir / "raw_cooperants.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{row_number},"):
            parts = line.rsplit(",", 4)  # name may contain commas
            old = int(parts[1])
            parts[1] = str(new_value)
            lines[i] = ",".join(parts)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return old
    raise AssertionError(f"row {row_number} not found")


def test_blocking_check_failure_skips_publish_and_alerts(run_job, seeds_copy, tmp_path, webhook, monkeypatch):
    url, received = webhook
    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    good = run_job(published=published)
    assert good.success, good.error_text()
    before = _sha(published)

    bid_old = _set_reported(seeds_copy, 33, 2)  # BID: 25 -> 2 (it has 6 Table 5 lines)
    _set_reported(seeds_copy, 2, 9 + (bid_old - 2))  # ACNUR absorbs the difference: total stays 607
    bad = run_job(seeds_dir=seeds_copy, published=published)

    assert not bad.success
    assert _sha(published) == before
    assert not bad.summary["published"]
    assert bad.summary["steps"].get("publish__published_warehouse", {}).get("status") in (None, "skipped")
    # the dbt test of the audit model fails inside the build, which stops before GE
    assert bad.summary["steps"]["warehouse_dbt_assets"]["status"] == "failure"
    failed = {(c["asset"], c["check"]) for c in bad.summary["failed_checks"]}
    # the broken rule, and (issue 10) the undeclared change of two printed Table 2 counts of
    # a closed year
    assert failed == {("audits/aud_cooperant_line_counts", "audit_reconciles_aud_cooperant_line_counts_"),
                      ("audits/aud_published_records_kept", "audit_reconciles_aud_published_records_kept_")}
    text = bad.error_text()
    assert "COOPERANT-LINES-bid" in text and "6 monetary_lines" in text and "reports 2 reported_interactions" in text
    alerts = [json.loads(x) for x in (bad.artifacts / "alerts.jsonl").read_text().splitlines()]
    assert alerts[-1]["step"] == "warehouse_dbt_assets"
    assert received and received[-1]["run_id"] == bad.result.run_id
