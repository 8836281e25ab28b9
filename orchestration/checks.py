"""Great Expectations over the audit models' small outputs, as Dagster asset checks.

Every reconciliation and integrity rule is one dbt model in models/audits/ (one row per
(reporting_year, control_key) with expected and actual). This module defines no rule: it
reads each audit model whole (its size is bounded by years x controls, never by
interactions) and validates it with GE 1.x through the pandas datasource (GE's SQL
datasource fails on DuckDB). Each audit model gets one blocking check; the list of source
discrepancies gets one warning check.
"""

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    MetadataValue,
    multi_asset_check,
)

from .dbt_assets import asset_key, models_of_layer, relation
from .log import progress
from .publish import Warehouse
from .readonly import memory_limit

RECONCILES = "ge_reconciles"
NO_NEW_DISCREPANCIES = "ge_no_new_source_discrepancies"
DISCREPANCIES_MODEL = "source_discrepancies"


@dataclass(frozen=True)
class Suite:
    """One GE suite over one model's whole output."""

    check_name: str
    model: str
    relation: str
    severity: str  # "error" blocks publishing, "warn" reports only
    description: str

    def expectations(self) -> list:
        import great_expectations.expectations as gxe
        from great_expectations.expectations.row_conditions import Column

        if self.check_name == NO_NEW_DISCREPANCIES:
            # the reviewed baseline passes; a disagreement not in it is named
            return [gxe.ExpectColumnValuesToBeInSet(column="is_known", value_set=[True])]
        return [
            gxe.ExpectColumnValuesToNotBeNull(column="control_key"),
            gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=["error", "warn"]),
            # the rule's own verdict is the audit model's; GE checks its figures agree
            gxe.ExpectColumnPairValuesToBeEqual(column_A="expected", column_B="actual",
                                                row_condition=Column("severity") == "error"),
        ]


def suites() -> list[Suite]:
    """One suite per audit model, plus the warning on new rows of reports.source_discrepancies."""
    audits = [
        Suite(RECONCILES, name, relation(node), "error",
              f"Great Expectations: every error-severity control of {name} reconciles (expected = actual). "
              + (node.get("description") or "").strip())
        for name, node in sorted(models_of_layer("audits").items())
        if not (node.get("meta") or node.get("config", {}).get("meta") or {}).get("warn_only")
    ]
    discrepancies = models_of_layer("reports")[DISCREPANCIES_MODEL]
    return [*audits, Suite(NO_NEW_DISCREPANCIES, DISCREPANCIES_MODEL, relation(discrepancies), "warn",
                           "Great Expectations (warning): no disagreement between sources beyond the reviewed "
                           "baseline (seed ref_known_discrepancies); a new one is named by its discrepancy_id.")]


@dataclass
class SuiteResult:
    suite: Suite
    success: bool
    failures: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the model's rows behind the failure
    seconds: float = 0.0
    expectations: list[dict[str, Any]] = field(default_factory=list)  # every expectation, with its outcome
    rows_validated: int = 0

    @property
    def status(self) -> str:
        if self.success:
            return "passed"
        return "failed" if self.suite.severity == "error" else "warned"

    def message(self, max_rows: int = 5) -> str:
        s = self.suite
        lines = [f"[{self.status.upper()}] {s.check_name} on {s.model}"]
        for f in self.failures:
            lines.append(f"  expected {f['expectation']} {json.dumps(f['kwargs'], default=str)}; actual {f['actual']}")
        for row in self.rows[:max_rows]:
            lines.append("    " + ", ".join(f"{k}={v}" for k, v in _shown(row).items() if v is not None))
        if len(self.rows) > max_rows:
            lines.append(f"    ... and {len(self.rows) - max_rows} more")
        return "\n".join(lines)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """An audit row as people read it: its figures as the model labels them (exact
    decimals), not as the floats pandas holds."""
    if "expected_label" not in row:
        return row
    return {"reporting_year": row["reporting_year"], "control_key": row["control_key"],
            "expected": row["expected_label"], "actual": row["actual_label"],
            "where": row["expected_where"], "description": row["description"]}


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # Decimal, dates


def run_suites(db_path: str | Path, selected: list[Suite] | None = None) -> list[SuiteResult]:
    """Validate the audit outputs of the warehouse file at ``db_path``; never raises on a
    failed expectation. Opens the file read-only."""
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    selected = suites() if selected is None else selected
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_pandas("warehouse_audits")
    results = []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute(f"set memory_limit = '{memory_limit()}'")
        for suite in selected:
            started = time.perf_counter()
            frame = con.execute(f"select * from {suite.relation}").df()
            name = f"{suite.check_name}.{suite.model}"
            batch = datasource.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
            ge_suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=suite.expectations()))
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=batch, suite=ge_suite)
            ).run(batch_parameters={"dataframe": frame}, result_format="COMPLETE")
            checked, failing_index = [], set()
            for r in validation.results:
                res = r.result or {}
                if not r.success:
                    failing_index.update(res.get("unexpected_index_list") or [])
                kwargs = {k: v for k, v in r.expectation_config.kwargs.items()
                          if k not in ("batch_id", "result_format")}
                actual = res.get("observed_value", f"{res.get('unexpected_count') or 0} unexpected row(s)")
                checked.append({"expectation": r.expectation_config.type, "kwargs": kwargs,
                                "success": bool(r.success), "actual": _plain(actual)})
            failures = [c for c in checked if not c["success"]]
            # the rows behind the failure: those GE found unexpected, or all (row count)
            shown = frame.loc[sorted(failing_index)] if failing_index else (frame if failures else frame.iloc[0:0])
            rows = [{k: _plain(v) for k, v in row.items()} for row in shown.head(200).to_dict(orient="records")]
            results.append(SuiteResult(suite, bool(validation.success), failures, rows,
                                       round(time.perf_counter() - started, 3), checked, len(frame)))
    finally:
        con.close()
    return results


def new_discrepancies_line(ids: list[str]) -> str:
    return f"{len(ids)} new discrepanc{'y' if len(ids) == 1 else 'ies'}: {', '.join(ids)}"


def summarize(results: list[SuiteResult]) -> dict[str, Any]:
    return {
        "checks_run": len(results),
        "passed": sum(r.status == "passed" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "warned": sum(r.status == "warned" for r in results),
        "results": [{"check": r.suite.check_name, "model": r.suite.model, "relation": r.suite.relation,
                     "description": r.suite.description, "status": r.status, "seconds": r.seconds,
                     "rows_validated": r.rows_validated, "expectations": r.expectations, "failures": r.failures,
                     "rows": r.rows} for r in results],
    }


def _specs() -> list[AssetCheckSpec]:
    nodes = models_of_layer("audits", "reports")
    return [
        AssetCheckSpec(name=s.check_name, asset=asset_key(nodes[s.model]), description=s.description,
                       blocking=s.severity == "error", metadata={"engine": "great_expectations"})
        for s in suites()
    ]


@multi_asset_check(specs=_specs(), name="great_expectations_suites", can_subset=True)
def great_expectations_suites(context: AssetCheckExecutionContext, warehouse: Warehouse):
    """Validate the audit outputs of this run's build file (not yet published): every suite,
    or those of the checks selected (a UI subset)."""
    docs = warehouse.artifacts / "data_docs"
    nodes = models_of_layer("audits", "reports")
    wanted = {(key.asset_key, key.name) for key in context.selected_asset_check_keys}
    selected = [s for s in suites() if (asset_key(nodes[s.model]), s.check_name) in wanted]
    progress(context, f"great expectations: {len(selected)} suites on {warehouse.build_file.name} "
                      f"(data docs: {docs / 'index.html'})")
    results = run_suites(warehouse.build_file, selected)
    run_dir = warehouse.artifacts / "runs" / context.run.run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "great_expectations.json").write_text(json.dumps(summarize(results), indent=2, default=str))
    for r in results:
        new = [str(row.get("discrepancy_id")) for row in r.rows] if r.suite.check_name == NO_NEW_DISCREPANCIES else []
        if new:  # the rows themselves are in the check's metadata
            progress(context, f"{new_discrepancies_line(new)} (not in seed ref_known_discrepancies)")
        elif not r.success:
            progress(context, r.message())
        yield AssetCheckResult(
            check_name=r.suite.check_name,
            asset_key=asset_key(nodes[r.suite.model]),
            passed=r.success,
            severity=AssetCheckSeverity.ERROR if r.suite.severity == "error" else AssetCheckSeverity.WARN,
            metadata={
                "engine": "great_expectations",
                "message": MetadataValue.md("```\n" + r.message(max_rows=50) + "\n```") if not r.success else "passed",
                "seconds": r.seconds,
                "data_docs": MetadataValue.path(str(docs / "index.html")),
                **({"new_discrepancies": new} if new else {}),
            },
        )
