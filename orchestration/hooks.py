"""Failure hook: an alert record (JSON line) and, if ALERT_WEBHOOK_URL is set, a POST."""
from __future__ import annotations

import json
import os
import time
import urllib.request

from dagster import HookContext, failure_hook

from .summary import build_run_summary, write_run_summary
from .warehouse import WarehousePaths, release_run_lock


def send_alert(record: dict, paths: WarehousePaths | None = None) -> dict:
    paths = paths or WarehousePaths.from_env()
    paths.artifacts.mkdir(parents=True, exist_ok=True)
    with (paths.artifacts / "alerts.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    url = os.environ.get("ALERT_WEBHOOK_URL")
    if url:
        req = urllib.request.Request(url, data=json.dumps(record, default=str).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                record["webhook_status"] = resp.status
        except Exception as exc:  # noqa: BLE001 - an alert must never mask the real failure
            record["webhook_error"] = str(exc)
    return record


@failure_hook(name="alert_on_failure")
def alert_on_failure(context: HookContext) -> None:
    paths = WarehousePaths.from_env()
    error = context.op_exception
    record = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run_id": context.run_id,
        "job": context.job_name,
        "step": context.step_key,
        "error": (getattr(error, "description", None) or str(error) or repr(error))[:8000],
        "published": False,
        "published_path": str(paths.published),
    }
    send_alert(record, paths)
    summary = build_run_summary(context.instance, context.run_id)
    summary["published"] = False
    write_run_summary(summary, paths.artifacts)
    release_run_lock(context.run_id)
