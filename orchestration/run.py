"""`make run`: execute the job the schedule runs, in this process, with progress lines,
then print the run summary the job wrote.

    python -m orchestration.run [-v] [--force]

A night whose inputs (orchestration/version.py: seed files, bulk source files, models,
macros, project files, the lock, the pipeline's own code) are those the published warehouse
was built from does no work: it says so and exits
0, as the schedule and the sensor skip it. --force (`make run ARGS=--force`) builds anyway.

-v shows dbt's own log lines live; without it they go to artifacts/runs/<run_id>/dbt.log
(beside the run's summary.json and dbt's run_results.json). Exit code 0 when the warehouse
was built, audited and published (or was already current); 1 otherwise (the published
warehouse is then left exactly as it was).
"""
from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import shutil
import sys
import threading
import time
import uuid


def format_summary(summary: dict, published_path, artifacts, success: bool, wall_seconds: float) -> str:
    from .checks import new_discrepancies_line

    bar = "-" * 78
    c = summary["checks"]
    steps = " | ".join(f"{k} {v.get('status', '?')} {v.get('seconds', '-')}s" for k, v in summary["steps"].items())
    if summary["published"] and success:
        status = f"SUCCESS - published {published_path}"
    elif summary["published"]:
        status = f"PUBLISHED {published_path}, but a step after the publish failed (see below)"
    else:
        status = f"FAILED - nothing published; {published_path} left unchanged"
    run_dir = artifacts / "runs" / summary["run_id"]
    lines = [
        bar,
        f"nightly_warehouse run {summary['run_id']}",
        f"status:     {status}",
        f"assets:     {summary['assets_materialized']} materialised",
        f"checks:     {c['run']} run (dbt {c['dbt']}, great expectations {c['great_expectations']}): "
        f"{c['passed']} passed, {c['failed']} failed, {c['warned']} warned",
        "discrepancies: " + (new_discrepancies_line(new) + " (see reports.source_discrepancies)"
                             if (new := summary["new_discrepancies"]) else "no new ones (the known ones pass)"),
        f"steps:      {steps}",
        f"wall time:  {wall_seconds:.1f}s (from `make run` start; the job's own steps {summary['wall_seconds']}s)",
    ]
    for w in summary["warned_checks"]:
        if not w["check"].startswith("ge_no_new_source_discrepancies"):
            lines.append(f"warning:    {w['check']} on {w['asset']}")
    for f in summary["failed_checks"][:10]:
        lines.append(f"FAILED:     {f['source']} check {f['check']} on {f['asset']}")
    for f in summary["step_failures"]:
        lines.append(f"step failed: {f['step']}:")
        lines += ["    " + ln for ln in f["error"].splitlines()[:40]]
    lines += [
        f"artifacts:  {run_dir}/ (summary.json, dbt.log, run_results.json, great_expectations.json)",
        f"            data docs {artifacts / 'data_docs' / 'index.html'}",
        f"            alerts    {artifacts / 'alerts.jsonl'}",
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


def execute_nightly(instance, tags: dict[str, str] | None = None, run_id: str | None = None):
    """Run the nightly job in this process (no daemon) and alert when it fails, as the
    run-status sensors do for runs under the daemon. Returns the ExecuteInProcessResult."""
    from .alerts import alert_for_run
    from .definitions import defs

    result = defs.resolve_job_def("nightly_warehouse").execute_in_process(
        instance=instance, raise_on_error=False, run_id=run_id, tags=tags or {},
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    if not result.success:
        failure = result.get_run_failure_event()
        alert_for_run(instance, result.run_id, "nightly_warehouse", "FAILURE",
                      failure.message if failure is not None else None)
    return result


def nothing_to_build(published_path, unchanged: str, wall_seconds: float) -> str:
    bar = "-" * 78
    return "\n".join([
        bar,
        "nightly_warehouse: nothing to build",
        f"status:     SUCCESS - {published_path} is current; left as is",
        f"why:        {unchanged}",
        "rebuild:    make run ARGS=--force (builds, audits and publishes anyway)",
        f"wall time:  {wall_seconds:.1f}s (from `make run` start)",
        bar,
    ])


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    verbose = "-v" in argv or "--verbose" in argv
    show_progress(started)
    progress = logging.getLogger("bogota.progress")
    if "--force" not in argv:
        from .sensors import compare_inputs

        _, _, unchanged = compare_inputs()
        if unchanged:  # the rule of the schedule and the sensor: a night with no change does no work
            progress.info(f"nothing to build: {unchanged}")
            from .publish import Warehouse

            print(nothing_to_build(Warehouse().published, unchanged, time.perf_counter() - started), flush=True)
            return 0
    progress.info("loading Dagster definitions")
    from dagster import DagsterInstance

    from .publish import Warehouse
    from .summary import build_run_summary, summary_path

    warehouse = Warehouse()
    # In-memory by default: recording ~700 events in DAGSTER_HOME's sqlite costs seconds a
    # night. BOGOTA_RECORD_RUNS=1 records the run there too (visible in `make dagster`).
    record = os.environ.get("BOGOTA_RECORD_RUNS") == "1" and os.environ.get("DAGSTER_HOME")
    instance = DagsterInstance.get() if record else DagsterInstance.ephemeral()
    run_id = str(uuid.uuid4())
    run_dir = warehouse.artifacts / "runs" / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    progress.info(f"running job nightly_warehouse {run_id} (published warehouse: {warehouse.published})")
    # Great Expectations takes seconds to import and is needed only after dbt has built:
    # import it while this thread mostly waits for the dbt subprocess.
    threading.Thread(target=importlib.import_module, args=("great_expectations",), daemon=True).start()
    # dbt's own log lines (streamed by dagster-dbt to stdout) go to the run's folder, or live with -v
    with (run_dir / "dbt.log").open("w", encoding="utf-8") as log, \
            (contextlib.nullcontext() if verbose else contextlib.redirect_stdout(log)):
        result = execute_nightly(instance, tags={"trigger": "make run"}, run_id=run_id)
    with contextlib.suppress(FileNotFoundError):
        shutil.copyfile(warehouse.dbt_target / "run_results.json", run_dir / "run_results.json")
    path = summary_path(warehouse.artifacts, run_id)
    # written by the job's hooks; a run that failed before any step has no hook to write it
    summary = json.loads(path.read_text()) if path.exists() else build_run_summary(instance, run_id)
    print(format_summary(summary, warehouse.published, warehouse.artifacts, result.success,
                         time.perf_counter() - started), flush=True)
    if not result.success and not summary["step_failures"]:
        failure = result.get_run_failure_event()
        if failure is not None:
            print(f"run failed: {failure.message.strip()}", flush=True)
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
