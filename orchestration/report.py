"""`publish/annual_report`: the annual report (HTML + PDF) regenerated after each publish.

It reads the just-published warehouse through the dashboard's query module
(dashboard/report.py) and writes ``<artifacts>/report/<year>/``. Without Chromium
(/usr/bin/chromium) it writes the HTML only and says so in the metadata.
"""
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from .log import progress
from .publish import OWNERS, PUBLISHED_ASSET_KEY, Warehouse

REPORT_ASSET_KEY = AssetKey(["publish", "annual_report"])


@asset(key=REPORT_ASSET_KEY, group_name="publish", owners=OWNERS, deps=[PUBLISHED_ASSET_KEY],
       description="The annual report of the latest vigencia, generated from the published warehouse: one "
       "self-contained HTML file (inline SVG charts) and a PDF printed by headless Chromium.")
def annual_report(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    from dashboard import db
    from dashboard.report import CHROMIUM, build_report

    pdf = Path(CHROMIUM).exists()
    progress(context, "generating the annual report" + ("" if pdf else f" (HTML only: {CHROMIUM} absent)"))
    result = build_report(db.DuckDBSource(warehouse.published), warehouse.artifacts / "report", pdf=pdf)
    meta = {"year": result["year"], "html": MetadataValue.path(str(result["html"]))}
    meta["pdf"] = MetadataValue.path(str(result["pdf"])) if result["pdf"] else f"skipped: {CHROMIUM} absent"
    return MaterializeResult(metadata=meta)
