# Why: a blocking Great Expectations check must stop the run before publish, and the
# failure hook must fire. The corruption is one only GE catches (dbt's own tests pass):
# Table 2's total stays 607, but BID now reports fewer interactions than its Table 5 lines.
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
    assert bad.summary["steps"]["great_expectations_suites"]["status"] == "failure"
    assert bad.summary["steps"].get("publish__published_warehouse", {}).get("status") in (None, "skipped")
    failed = {c["check"] for c in bad.summary["failed_checks"]}
    assert failed == {"cooperant_lines_within_reported_interactions"}
    assert "monetary_lines" in bad.error_text()
    alerts = [json.loads(x) for x in (bad.artifacts / "alerts.jsonl").read_text().splitlines()]
    assert alerts[-1]["step"] == "great_expectations_suites"
    assert received and received[-1]["run_id"] == bad.result.run_id
