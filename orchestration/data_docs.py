"""Data Docs: the validation history as static HTML that opens offline.

Rendered from what every run keeps under artifacts/runs/<run_id>/ (summary.json, and
great_expectations.json when the suites ran): an index of runs, newest first, and one page
per run with each suite, every expectation and its outcome, and the rows behind a failure.
A run that failed before the suites (in dbt, say) is listed with its failure, so the
newest entry is never an older run's passing validation. No script, no stylesheet and no
font is fetched: the pages carry their own CSS.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.passed{color:#176d2c}.failed{color:#b00020;font-weight:bold}.warned{color:#a45a00;font-weight:bold}
code,pre{font:12px ui-monospace,monospace;white-space:pre-wrap}"""
KEEP_RUNS = 200


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def _cell(value: Any) -> str:
    return html.escape(json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (dict, list))
                       else "" if value is None else str(value))


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    cols = list(rows[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in cols) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _status(summary: dict[str, Any]) -> str:
    if summary["step_failures"] or summary["checks"]["failed"]:
        return "failed"
    return "warned" if summary["checks"]["warned"] else "passed"


def _run_page(summary: dict[str, Any], validation: dict[str, Any] | None) -> str:
    parts = [f"<p><a href='../index.html'>All runs</a> · run <code>{summary['run_id']}</code> · "
             f"finished {summary['finished_at']} · published: {summary['published']}</p>"]
    for failure in summary["step_failures"]:
        parts.append(f"<h2 class='failed'>Step {html.escape(failure['step'])} failed</h2>"
                     f"<pre>{html.escape(failure['error'])}</pre>")
    if validation is None:
        parts.append("<p class='failed'>The Great Expectations suites did not run in this run.</p>")
    else:
        for r in validation["results"]:
            parts.append(f"<h2 class='{r['status']}'>{r['status'].upper()}: {html.escape(r['check'])} on "
                         f"{html.escape(r['model'])}</h2><p>{html.escape(r.get('description') or '')}<br>"
                         f"{r.get('rows_validated', '?')} rows of <code>{html.escape(r.get('relation') or '')}</code> "
                         f"validated in {r['seconds']} s</p>")
            parts.append(_table([{"expectation": e["expectation"], "arguments": e["kwargs"],
                                  "result": "passed" if e["success"] else "FAILED", "observed": e["actual"]}
                                 for e in r.get("expectations", [])]))
            if r["rows"]:
                parts.append("<p>Rows behind the failure:</p>" + _table(r["rows"][:50]))
    dbt_checks = summary["failed_checks"] + summary["warned_checks"]
    if dbt_checks:
        parts.append("<h2>Failed and warned checks (dbt and GE)</h2>" + _table(dbt_checks))
    return _page(f"Data Docs: run {summary['run_id'][:8]}", "".join(parts))


def render_data_docs(artifacts: Path) -> Path:
    """(Re)write artifacts/data_docs/: index.html and one page per kept run."""
    docs = artifacts / "data_docs"
    for stale in ("static", "expectations", "validations"):  # GE's own site (CDN-bound), from older versions
        shutil.rmtree(docs / stale, ignore_errors=True)
    (docs / "runs").mkdir(parents=True, exist_ok=True)
    summaries = []
    for path in (artifacts / "runs").glob("*/summary.json"):
        try:
            summaries.append(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue
    summaries.sort(key=lambda s: s["finished_at"], reverse=True)
    rows = []
    for summary in summaries[:KEEP_RUNS]:
        run_dir = artifacts / "runs" / summary["run_id"]
        ge = run_dir / "great_expectations.json"
        validation = json.loads(ge.read_text()) if ge.exists() else None
        (docs / "runs" / f"{summary['run_id']}.html").write_text(_run_page(summary, validation), encoding="utf-8")
        c, status = summary["checks"], _status(summary)
        rows.append(f"<tr><td>{html.escape(summary['finished_at'])}</td><td><a href='runs/{summary['run_id']}.html'>"
                    f"{summary['run_id'][:8]}</a></td><td class='{status}'>{status}</td><td>{summary['published']}</td>"
                    f"<td>{c['passed']} passed, {c['failed']} failed, {c['warned']} warned</td>"
                    f"<td>{'yes' if validation else 'did not run'}</td>"
                    f"<td>{_cell(', '.join(summary.get('new_discrepancies') or []))}</td></tr>")
    index = ("<p>Validation history, newest first: every run of the warehouse job (Great Expectations suites "
             "on the audit models, dbt checks as asset checks).</p><table><tr><th>finished</th><th>run</th>"
             "<th>status</th><th>published</th><th>checks</th><th>GE suites</th><th>new discrepancies</th></tr>"
             + "".join(rows) + "</table>")
    out = docs / "index.html"
    out.write_text(_page("Bogotá cooperation warehouse: Data Docs", index), encoding="utf-8")
    return out
