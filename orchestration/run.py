"""`make run`: execute the job the schedule runs, in this process, with progress lines,
then print the run summary the job wrote.

    python -m orchestration.run

Exit code 0 when the warehouse was built, audited and published; 1 otherwise (the
published warehouse is then left exactly as it was).
"""
from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import sys
import threading
import time


def format_summary(summary: dict, published_path, artifacts, success: bool) -> str:
    bar = "-" * 78
    c = summary["checks"]
    steps = " | ".join(f"{k} {v.get('status', '?')} {v.get('seconds', '-')}s" for k, v in summary["steps"].items())
    if summary["published"] and success:
        status = f"SUCCESS - published {published_path}"
    elif summary["published"]:
        status = f"PUBLISHED {published_path}, but a step after the publish failed (see below)"
    else:
        status = f"FAILED - nothing published; {published_path} left unchanged"
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
        f"artifacts:  run summary {artifacts / 'runs' / summary['run_id'] / 'summary.json'}",
        f"            data docs   {artifacts / 'data_docs' / 'index.html'}",
        f"            alerts      {artifacts / 'alerts.jsonl'}",
        f"            dbt log     {artifacts / 'runs' / 'make_run_dbt.log'}",
        bar,
    ]
    return "\n".join(lines)


def show_progress(started: float) -> None:
    class Elapsed(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return f"==> [{time.perf_counter() - started:5.1f}s] {record.getMessage()}"

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Elapsed())
    logger = logging.getLogger("bogota.progress")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main() -> int:
    started = time.perf_counter()
    show_progress(started)
    logging.getLogger("bogota.progress").info("loading Dagster definitions")
    from dagster import DagsterInstance

    from .definitions import defs
    from .publish import Warehouse
    from .summary import build_run_summary, summary_path

    warehouse = Warehouse()
    # In-memory by default: recording ~700 events in DAGSTER_HOME's sqlite costs seconds a
    # night. BOGOTA_RECORD_RUNS=1 records the run there too (visible in `make dagster`).
    record = os.environ.get("BOGOTA_RECORD_RUNS") == "1" and os.environ.get("DAGSTER_HOME")
    instance = DagsterInstance.get() if record else DagsterInstance.ephemeral()
    logging.getLogger("bogota.progress").info(
        f"running job nightly_warehouse (published warehouse: {warehouse.published})")
    # Great Expectations takes seconds to import and is needed only after dbt has built:
    # import it while this thread mostly waits for the dbt subprocess.
    threading.Thread(target=importlib.import_module, args=("great_expectations",), daemon=True).start()
    # dbt's own log lines (streamed by dagster-dbt to stdout) go to a file, not the terminal
    dbt_log = warehouse.artifacts / "runs" / "make_run_dbt.log"
    dbt_log.parent.mkdir(parents=True, exist_ok=True)
    with dbt_log.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        result = defs.resolve_job_def("nightly_warehouse").execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags={"trigger": "make run"},
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    path = summary_path(warehouse.artifacts, result.run_id)
    # written by the job's hooks; a run that failed before any step (e.g. it never got the
    # run lock) has no hook to write it, so it is built from the event log for display only
    summary = json.loads(path.read_text()) if path.exists() else build_run_summary(instance, result.run_id)
    print(format_summary(summary, warehouse.published, warehouse.artifacts, result.success), flush=True)
    if not result.success and not summary["step_failures"]:
        for event in result.all_events:
            if event.is_failure and event.event_specific_data is not None:
                error = getattr(event.event_specific_data, "error", None)
                if error is not None:
                    print(f"run failed: {error.message.strip()}", flush=True)
    return 0 if result.success else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is written and closed; skip tearing down GE/Dagster module state (~0.5 s).
    os._exit(code)
