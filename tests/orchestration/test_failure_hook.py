# Why: on a failed night an engineer must be told: an alert record is written and,
# when ALERT_WEBHOOK_URL is set, posted. Checked against a real local HTTP server.
import json

from orchestration.alerts import send_alert


def test_alert_is_written_and_posted(tmp_path, monkeypatch, webhook):
    url, received = webhook
    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    record = send_alert({"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}, tmp_path / "artifacts")
    assert record["webhook_status"] == 204
    assert received == [{"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}]
    lines = (tmp_path / "artifacts" / "alerts.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["error"] == "boom"
    assert json.loads(lines[-1])["webhook_status"] == 204  # the delivery is recorded


def test_unreachable_webhook_does_not_mask_the_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/unreachable")
    record = send_alert({"run_id": "r2", "error": "boom"}, tmp_path / "artifacts")
    assert "webhook_error" in record
    assert (tmp_path / "artifacts" / "alerts.jsonl").exists()
