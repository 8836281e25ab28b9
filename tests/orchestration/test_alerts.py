# Why: every failed or cancelled run must reach an engineer, whichever job it was and
# however it ended (a crash included), and a webhook that cannot be reached must leave a
# trace instead of hiding the alert. Checked with a real Dagster instance and a real local
# HTTP server; a closed port for the unreachable case.
import json
import socket
import uuid

import pytest
from dagster import (
    DagsterEventType,
    DagsterRun,
    DagsterRunStatus,
    build_run_status_sensor_context,
    instance_for_test,
)

from orchestration.alerts import alert_on_run_canceled, alert_on_run_failure, send_alert


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def artifacts(tmp_path, monkeypatch):
    monkeypatch.setenv("BOGOTA_ARTIFACTS_DIR", str(tmp_path / "artifacts"))
    monkeypatch.setenv("BOGOTA_DAGSTER_UI_URL", "http://localhost:3000")
    return tmp_path / "artifacts"


def records(artifacts):
    return [json.loads(line) for line in (artifacts / "alerts.jsonl").read_text().splitlines()]


def ended_run(instance, job_name: str, status: DagsterRunStatus, message: str):
    """A run that ended as the run monitor or a cancel leaves it, and the event that says so."""
    run = instance.add_run(DagsterRun(job_name=job_name, run_id=str(uuid.uuid4()), status=DagsterRunStatus.STARTED))
    if status == DagsterRunStatus.FAILURE:
        instance.report_run_failed(run, message)
        event_type = DagsterEventType.RUN_FAILURE
    else:
        instance.report_run_canceled(run, message)
        event_type = DagsterEventType.RUN_CANCELED
    event = next(e.dagster_event for e in instance.all_logs(run.run_id) if e.dagster_event_type == event_type)
    return instance.get_run_by_id(run.run_id), event


def test_a_crashed_run_of_any_job_alerts_with_a_slack_text(artifacts, webhook, monkeypatch):
    url, received = webhook
    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    with instance_for_test() as instance:
        run, event = ended_run(instance, "__ASSET_JOB", DagsterRunStatus.FAILURE,
                               "Run worker crashed (process exited with code -9)")
        alert_on_run_failure(build_run_status_sensor_context(
            sensor_name="alert_on_run_failure", dagster_event=event, dagster_instance=instance, dagster_run=run))
    alert = records(artifacts)[-1]
    assert alert["run_id"] == run.run_id and alert["job"] == "__ASSET_JOB" and alert["status"] == "FAILURE"
    assert "crashed" in alert["error"]
    assert alert["text"].startswith(":red_circle:") and run.run_id[:8] in alert["text"]
    assert alert["ui_link"] == f"http://localhost:3000/runs/{run.run_id}"
    assert alert["webhook_status"] == 204
    assert received[-1]["text"] == alert["text"]  # Slack-compatible: a top-level text field


def test_a_cancelled_run_alerts(artifacts):
    with instance_for_test() as instance:
        run, event = ended_run(instance, "nightly_warehouse", DagsterRunStatus.CANCELED, "cancelled from the UI")
        alert_on_run_canceled(build_run_status_sensor_context(
            sensor_name="alert_on_run_canceled", dagster_event=event, dagster_instance=instance, dagster_run=run))
    alert = records(artifacts)[-1]
    assert alert["status"] == "CANCELED" and alert["severity"] == "warning"


def test_an_unreachable_webhook_records_and_prints_its_delivery_error(artifacts, monkeypatch, capsys):
    monkeypatch.setenv("ALERT_WEBHOOK_URL", f"http://127.0.0.1:{closed_port()}/hook")
    record = send_alert({"run_id": "r2", "text": "boom", "error": "boom"}, artifacts)
    assert "Connection refused" in record["webhook_error"]
    assert "Connection refused" in records(artifacts)[-1]["webhook_error"]  # kept in alerts.jsonl
    assert "webhook" in capsys.readouterr().err  # and printed


def test_alert_is_written_and_posted(artifacts, webhook, monkeypatch):
    url, received = webhook
    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    record = send_alert({"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}, artifacts)
    assert record["webhook_status"] == 204
    assert received == [{"run_id": "r1", "step": "great_expectations_suites", "error": "boom"}]
    assert records(artifacts)[-1]["webhook_status"] == 204
