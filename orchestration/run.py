"""`make run`: execute the same Dagster job the schedule runs, with progress and a summary.

    python -m orchestration.run

Exit code 0 when the warehouse was built, audited and published; 1 otherwise (the
published warehouse is then left exactly as it was).
"""
from __future__ import annotations

import os
import sys
import time

from .warehouse import PROJECT_DIR, WarehousePaths


def format_summary(summary: dict, paths: WarehousePaths, success: bool) -> str:
    bar = "-" * 78
    c = summary["checks"]
    steps = " | ".join(f"{k} {v.get('status', '?')} {v.get('seconds', '-')}s" for k, v in summary["steps"].items())
    status = (f"SUCCESS - published {paths.published}" if summary["published"] and success
              else f"FAILED - nothing published; {paths.published} left unchanged")
    lines = [
        bar,
        f"nightly_warehouse run {summary['run_id']}",
        f"status:     {status}",
        f"assets:     {summary['assets_materialized']} materialised",
        f"checks:     {c['run']} run (dbt {c['dbt']}, great expectations {c['great_expectations']}): "
        f"{c['passed']} passed, {c['failed']} failed, {c['warned']} warned",
        f"steps:      {steps}",
        f"wall time:  {summary['wall_seconds']}s",
    ]
    for w in summary["warned_checks"]:
        lines.append(f"warning:    {w['check']} on {w['asset']} (query reports.source_discrepancies for both figures)")
    for f in summary["failed_checks"][:10]:
        lines.append(f"FAILED:     {f['source']} check {f['check']} on {f['asset']}")
    for f in summary["step_failures"]:
        lines.append(f"step failed: {f['step']}:")
        lines += ["    " + ln for ln in f["error"].splitlines()[:40]]
    lines += [
        f"artifacts:  run summary {paths.artifacts / 'runs' / summary['run_id'] / 'summary.json'}",
        f"            data docs   {paths.artifacts / 'data_docs' / 'index.html'}",
        f"            alerts      {paths.artifacts / 'alerts.jsonl'}",
        bar,
    ]
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    os.environ["BOGOTA_PROGRESS"] = "1"
    os.environ.setdefault("BOGOTA_T0", str(time.time()))
    print("==> loading Dagster definitions", file=sys.stderr, flush=True)
    from dagster import DagsterInstance

    from .definitions import defs
    from .summary import build_run_summary, write_run_summary

    paths = WarehousePaths.from_env()
    # In-memory by default: recording ~700 events in DAGSTER_HOME's sqlite costs seconds a
    # night. BOGOTA_RECORD_RUNS=1 records the run there too (visible in `make dagster`).
    record = os.environ.get("BOGOTA_RECORD_RUNS") == "1" and os.environ.get("DAGSTER_HOME")
    instance = DagsterInstance.get() if record else DagsterInstance.ephemeral()
    job = defs.get_job_def("nightly_warehouse")
    print(f"==> running job nightly_warehouse (published warehouse: {paths.published})", file=sys.stderr, flush=True)
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        tags={"trigger": "make run"},
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
    )
    summary = build_run_summary(instance, result.run_id)
    summary["published"] = summary["published"] and result.success
    summary["wall_seconds_including_startup"] = round(time.perf_counter() - started, 2)
    write_run_summary(summary, paths.artifacts)
    print(format_summary(summary, paths, result.success), flush=True)
    return 0 if result.success else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is written and closed; skip tearing down GE/Dagster module state (~0.5 s).
    os._exit(code)
