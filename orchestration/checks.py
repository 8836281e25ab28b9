"""The Great Expectations suites as Dagster asset checks on the models they guard.

Error-severity checks (totals, referential integrity, domains) are blocking: a failure
fails the step and nothing downstream - in particular the publish - runs. The
discrepancies suite warns only.
"""

import json

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    MetadataValue,
    multi_asset_check,
)

from . import quality
from .assets import say
from .project import model_asset_keys
from .warehouse import WarehousePaths


def _specs() -> list[AssetCheckSpec]:
    keys = model_asset_keys()
    return [
        AssetCheckSpec(
            name=check.name,
            asset=keys[check.asset],
            description=f"[{check.suite}] {check.description}",
            blocking=check.severity == "error",
            metadata={"suite": check.suite, "engine": "great_expectations"},
        )
        for check in quality.CHECKS
    ]


@multi_asset_check(specs=_specs(), name="great_expectations_suites", can_subset=False)
def great_expectations_suites(context: AssetCheckExecutionContext):
    """Validate the staged (not yet published) warehouse of this run."""
    paths = WarehousePaths.from_env()
    staging = paths.staging_file
    docs = paths.artifacts / "data_docs"
    say(context, f"great expectations: {len(quality.CHECKS)} checks on {staging.name} (data docs: {docs / 'index.html'})")
    results = quality.run_checks(staging, data_docs_dir=docs)
    run_dir = paths.artifacts / "runs" / context.op_execution_context.run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "great_expectations.json").write_text(json.dumps(quality.summarize(results), indent=2, default=str))
    keys = model_asset_keys()
    for r in results:
        if r.status != "passed":
            say(context, r.message(max_rows=50 if r.severity == "warn" else 5))
        yield AssetCheckResult(
            check_name=r.name,
            asset_key=keys[r.asset],
            passed=r.success,
            severity=AssetCheckSeverity.ERROR if r.severity == "error" else AssetCheckSeverity.WARN,
            description=r.description,
            metadata={
                "engine": "great_expectations",
                "suite": r.suite,
                "message": MetadataValue.md("```\n" + r.message(max_rows=50) + "\n```") if not r.success else "passed",
                "seconds": r.seconds,
                "data_docs": MetadataValue.path(str(docs / "index.html")),
            },
        )
