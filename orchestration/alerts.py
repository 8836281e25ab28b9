"""Alerts: one record per failed or cancelled run, whoever started it.

- Runs under the Dagster daemon (schedule, sensor, UI, any job, a crashed run): the two
  run-status sensors below.
- `make run` (in-process, no daemon): orchestration/run.py calls `alert_for_run` itself.

A record is a JSON line in artifacts/alerts.jsonl and, if ALERT_WEBHOOK_URL is set, a POST
of the same record with a Slack-compatible ``text`` line. Delivery is attempted with a
timeout; its outcome (``webhook_status`` or ``webhook_error``) is kept in the line and
printed on stderr.
"""
from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

from dagster import (
    DagsterInstance,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunStatusSensorContext,
    run_failure_sensor,
    run_status_sensor,
)

from .publish import Warehouse
from .summary import build_run_summary, summary_path

WEBHOOK_TIMEOUT_SECONDS = 5


def send_alert(record: dict, artifacts: Path) -> dict:
    url = os.environ.get("ALERT_WEBHOOK_URL")
    if url:
        req = urllib.request.Request(url, data=json.dumps(record, default=str).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=WEBHOOK_TIMEOUT_SECONDS) as resp:
                record["webhook_status"] = resp.status
        except Exception as exc:  # noqa: BLE001 - an alert must never mask the real failure
            record["webhook_error"] = f"{type(exc).__name__}: {exc}"
        outcome = record.get("webhook_status") or record.get("webhook_error")
        print(f"alert {record.get('run_id')}: webhook {url.split('?')[0]} -> {outcome}", file=sys.stderr, flush=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    with (artifacts / "alerts.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return record


def alert_for_run(instance: DagsterInstance, run_id: str, job: str, status: str, error: str | None = None) -> dict:
    """Build the alert of a run that ended badly from its event log, record and post it."""
    warehouse = Warehouse()
    summary = build_run_summary(instance, run_id)
    failed_checks = [f"{c['check']} on {c['asset']}" for c in summary["failed_checks"]]
    steps = [f["step"] for f in summary["step_failures"]]
    errors = [f["error"] for f in summary["step_failures"]] or ([error] if error else [])
    ui = os.environ.get("BOGOTA_DAGSTER_UI_URL")
    link = f"{ui.rstrip('/')}/runs/{run_id}" if ui else None
    where = "published, but a step after the publish failed" if summary["published"] else "nothing published"
    what = (f"failed checks: {', '.join(failed_checks[:5])}" if failed_checks
            else f"failed step: {', '.join(steps)}" if steps else (errors[0].splitlines()[0] if errors else status))
    text = f":red_circle: Bogotá warehouse {job} run {run_id[:8]} {status.lower()} ({where}); {what}"
    return send_alert({
        "text": text + (f" <{link}|open in Dagster>" if link else ""),
        "severity": "error" if status == "FAILURE" else "warning",
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run_id": run_id,
        "job": job,
        "status": status,
        "step": steps[0] if steps else None,
        "failed_steps": steps,
        "failed_checks": failed_checks,
        "error": "\n".join(errors)[:8000],
        "published": summary["published"],
        "published_path": str(warehouse.published),
        "run_summary": str(summary_path(warehouse.artifacts, run_id)),
        "ui_link": link,
    }, warehouse.artifacts)


@run_failure_sensor(name="alert_on_run_failure", default_status=DefaultSensorStatus.RUNNING,
                    description="Alerts (alerts.jsonl, ALERT_WEBHOOK_URL) for every failed run of any job, "
                    "crashed runs included.")
def alert_on_run_failure(context: RunFailureSensorContext) -> None:
    run = context.dagster_run
    alert_for_run(context.instance, run.run_id, run.job_name, "FAILURE", context.failure_event.message)


@run_status_sensor(run_status=DagsterRunStatus.CANCELED, name="alert_on_run_canceled",
                   default_status=DefaultSensorStatus.RUNNING,
                   description="Alerts for every cancelled run of any job.")
def alert_on_run_canceled(context: RunStatusSensorContext) -> None:
    run = context.dagster_run
    alert_for_run(context.instance, run.run_id, run.job_name, "CANCELED")
