"""The run summary: built from the Dagster event log of a run, written here only.

The job's hooks write it after every step, so `artifacts/runs/<run_id>/summary.json` and
`artifacts/runs/latest_attempt.json` describe every run that executed a step, whoever
started it (`make run`, the schedule, the sensor, the UI, a test);
`artifacts/runs/latest_summary.json` is the last run that published.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from dagster import DagsterEventType, DagsterInstance, HookContext, failure_hook, success_hook

from .data_docs import render_data_docs
from .publish import PUBLISHED_ASSET_KEY, Warehouse


def _error_text(err) -> str:
    """The user-facing part of a step error: the innermost cause's message."""
    parts = []
    while err is not None:
        parts.append((err.message or "").strip())
        err = err.cause
    return parts[-1] if parts else ""


STEP_ENDS = (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE, DagsterEventType.STEP_SKIPPED)


def build_run_summary(instance: DagsterInstance, run_id: str) -> dict[str, Any]:
    records = instance.all_logs(run_id)
    steps: dict[str, dict[str, Any]] = {}
    materialized: list[str] = []
    checks: list[dict[str, Any]] = []
    new_discrepancies: list[str] = []
    failures: list[dict[str, Any]] = []
    first_ts = last_ts = None
    for rec in records:
        first_ts = rec.timestamp if first_ts is None else first_ts
        last_ts = rec.timestamp
        ev = rec.dagster_event
        if ev is None:
            continue
        step = ev.step_key
        if ev.event_type == DagsterEventType.STEP_START:
            steps.setdefault(step, {})["started"] = rec.timestamp
        elif ev.event_type in STEP_ENDS:
            s = steps.setdefault(step, {})
            s["status"] = ev.event_type.value.replace("STEP_", "").lower()
            if "started" in s:
                s["seconds"] = round(rec.timestamp - s["started"], 2)
            if ev.event_type == DagsterEventType.STEP_FAILURE:
                err = ev.step_failure_data.error
                failures.append({"step": step, "error": _error_text(err)})
        elif ev.event_type == DagsterEventType.ASSET_MATERIALIZATION:
            materialized.append(ev.asset_key.to_user_string())
        elif ev.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            data = ev.event_specific_data
            severity = data.severity.value if data.severity else "ERROR"
            status = "passed" if data.passed else ("failed" if severity == "ERROR" else "warned")
            meta = {k: getattr(v, "value", v) for k, v in (data.metadata or {}).items()}
            new_discrepancies += meta.get("new_discrepancies") or []
            checks.append({
                "check": data.check_name,
                "asset": data.asset_key.to_user_string(),
                "status": status,
                "source": "great_expectations" if meta.get("engine") == "great_expectations" else "dbt",
                "message": meta.get("message"),
            })
    for s in steps.values():
        s.pop("started", None)
    published = PUBLISHED_ASSET_KEY.to_user_string() in materialized
    return {
        "run_id": run_id,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "wall_seconds": round((last_ts or 0) - (first_ts or 0), 2),
        "published": published,
        "assets_materialized": len(materialized),
        "checks": {
            "run": len(checks),
            "passed": sum(c["status"] == "passed" for c in checks),
            "failed": sum(c["status"] == "failed" for c in checks),
            "warned": sum(c["status"] == "warned" for c in checks),
            "great_expectations": sum(c["source"] == "great_expectations" for c in checks),
            "dbt": sum(c["source"] == "dbt" for c in checks),
        },
        "steps": steps,
        "failed_checks": [c for c in checks if c["status"] == "failed"],
        "warned_checks": [c for c in checks if c["status"] == "warned"],
        "step_failures": failures,
        "new_discrepancies": new_discrepancies,
    }


def summary_path(artifacts: Path, run_id: str) -> Path:
    return artifacts / "runs" / run_id / "summary.json"


def write_run_summary(summary: dict[str, Any], artifacts: Path) -> Path:
    """runs/<run_id>/summary.json; runs/latest_attempt.json for every run; and
    runs/latest_summary.json only for a run that published (the version readers see)."""
    run_dir = summary_path(artifacts, summary["run_id"]).parent
    run_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(summary, indent=2, default=str)
    out = run_dir / "summary.json"
    out.write_text(text)
    (artifacts / "runs" / "latest_attempt.json").write_text(text)
    if summary["published"]:
        (artifacts / "runs" / "latest_summary.json").write_text(text)
    render_data_docs(artifacts)
    return out


def _record(context: HookContext) -> None:
    write_run_summary(build_run_summary(context.instance, context.run_id), Warehouse().artifacts)


@success_hook(name="record_run_summary_on_success")
def record_run_summary_on_success(context: HookContext) -> None:
    _record(context)


@failure_hook(name="record_run_summary_on_failure")
def record_run_summary_on_failure(context: HookContext) -> None:
    _record(context)
