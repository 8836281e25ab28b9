"""Failure alerts: a JSON line in artifacts/alerts.jsonl and, if ALERT_WEBHOOK_URL is set,
a POST of the same record (its delivery status is recorded in the line)."""
from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path

from dagster import HookContext, failure_hook

from .publish import Warehouse
from .summary import build_run_summary


def send_alert(record: dict, artifacts: Path) -> dict:
    url = os.environ.get("ALERT_WEBHOOK_URL")
    if url:
        req = urllib.request.Request(url, data=json.dumps(record, default=str).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                record["webhook_status"] = resp.status
        except Exception as exc:  # noqa: BLE001 - an alert must never mask the real failure
            record["webhook_error"] = str(exc)
    artifacts.mkdir(parents=True, exist_ok=True)
    with (artifacts / "alerts.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return record


@failure_hook(name="alert_on_failure")
def alert_on_failure(context: HookContext) -> None:
    warehouse = Warehouse()
    error = context.op_exception
    send_alert({
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run_id": context.run_id,
        "job": context.job_name,
        "step": context.step_key,
        "error": (getattr(error, "description", None) or str(error) or repr(error))[:8000],
        # a step after the publish (exports, PostgreSQL mirror) may fail: the warehouse is then published
        "published": build_run_summary(context.instance, context.run_id)["published"],
        "published_path": str(warehouse.published),
    }, warehouse.artifacts)
