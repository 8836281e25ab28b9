# Why: on a failed night an engineer must be told: an alert record is written and,
# when ALERT_WEBHOOK_URL is set, posted. Checked against a real local HTTP server.
import json

from orchestration.hooks import send_alert
from orchestration.warehouse import WarehousePaths


def test_alert_is_written_and_posted(tmp_path, monkeypatch, webhook):
    url, received = webhook
    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    paths = WarehousePaths(published=tmp_path / "w.duckdb", artifacts=tmp_path / "artifacts")
    record = send_alert({"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}, paths)
    assert record["webhook_status"] == 204
    assert received == [{"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}]
    lines = (tmp_path / "artifacts" / "alerts.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["error"] == "boom"


def test_unreachable_webhook_does_not_mask_the_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/unreachable")
    paths = WarehousePaths(published=tmp_path / "w.duckdb", artifacts=tmp_path / "artifacts")
    record = send_alert({"run_id": "r2", "error": "boom"}, paths)
    assert "webhook_error" in record
    assert (tmp_path / "artifacts" / "alerts.jsonl").exists()
