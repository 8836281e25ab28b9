"""Open exports of the published warehouse, for people who take the data away.

After every successful publish, `exports/` beside the published warehouse (default
`warehouse/exports/`, or BOGOTA_EXPORTS_DIR) holds:
- every `reports` view as Parquet and as CSV (UTF-8, header, ISO dates, `.` decimals);
- `reports.xlsx`: one sheet per view, plus a `data_dictionary` sheet;
- `data_dictionary.csv`: every column of the `reports` and `marts` schemas with its type
  and its dbt description (persisted in the warehouse by dbt's persist_docs).

The folder is switched atomically, like the warehouse: each version is written to its
own directory under `.exports/`, then the `exports` symlink is replaced in one rename, so
a reader sees the previous complete set or the new one, never half of it.
"""
import os
import shutil
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from .dbt_assets import models_of_layer, relation
from .log import progress
from .publish import OWNERS, PUBLISHED_ASSET_KEY, Warehouse, resolve
from .readonly import connect_published

EXPORTS_ASSET_KEY = AssetKey(["publish", "exports"])
DICTIONARY_LAYERS = ("reports", "marts")
# Excel's sheet limit; a view longer than this is left out of the workbook (Parquet/CSV keep it)
EXCEL_MAX_ROWS = 1_048_575


def exports_dir(warehouse: Warehouse) -> Path:
    configured = os.environ.get("BOGOTA_EXPORTS_DIR")
    return resolve(configured) if configured else warehouse.published.parent / "exports"


def write_exports(published: Path, target: Path, version: str) -> dict[str, int]:
    """Write a complete export set of the warehouse file ``published`` and switch ``target``
    to it. Returns rows per exported view."""
    import pandas as pd

    versions = target.parent / f".{target.name}"
    staging = versions / version
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    views = {name: relation(node) for name, node in sorted(models_of_layer("reports").items())}
    schemas = sorted({node["schema"] for node in models_of_layer(*DICTIONARY_LAYERS).values()})
    con = connect_published(published)
    try:
        rows = {}
        for name, rel in views.items():
            con.execute(f"copy (select * from {rel}) to '{staging / name}.parquet' (format parquet)")
            con.execute(f"copy (select * from {rel}) to '{staging / name}.csv' (format csv, header)")
            rows[name] = con.execute(f"select count(*) from {rel}").fetchone()[0]
        dictionary = con.execute(
            "select schema_name, table_name, column_index, column_name, data_type, comment as description "
            "from duckdb_columns() where database_name = 'published' and list_contains(?, schema_name) "
            "order by schema_name, table_name, column_index", [schemas]).df()
        dictionary.to_csv(staging / "data_dictionary.csv", index=False)
        with pd.ExcelWriter(staging / "reports.xlsx", engine="openpyxl") as workbook:
            for name, rel in views.items():
                if rows[name] <= EXCEL_MAX_ROWS:
                    con.execute(f"select * from {rel}").df().to_excel(workbook, sheet_name=name[:31], index=False)
            dictionary.to_excel(workbook, sheet_name="data_dictionary", index=False)
    finally:
        con.close()
    # the switch: a new symlink renamed over the old one (one atomic rename)
    link = target.parent / f".{target.name}.link"
    link.unlink(missing_ok=True)
    link.symlink_to(staging.relative_to(target.parent), target_is_directory=True)
    if target.exists() and not target.is_symlink():  # a plain folder from elsewhere: keep it aside
        target.rename(versions / "previous-plain-folder")
    os.replace(link, target)
    for old in versions.iterdir():
        if old != staging:
            shutil.rmtree(old, ignore_errors=True)
    return rows


@asset(
    key=EXPORTS_ASSET_KEY,
    group_name="publish",
    owners=OWNERS,
    deps=[PUBLISHED_ASSET_KEY],
    description="Parquet, CSV and Excel exports of every reports view, and the data dictionary, "
    "of the version just published (BOGOTA_EXPORTS_DIR, default warehouse/exports/), switched atomically.",
)
def exports(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    if os.environ.get("BOGOTA_BENCH_DIR"):
        # `make bench`: synthetic data is never exported (nor published anywhere readers look)
        progress(context, "exports: skipped (make bench, synthetic data)")
        return MaterializeResult(metadata={"status": "skipped: synthetic benchmark data"})
    target = exports_dir(warehouse)
    progress(context, f"exports: reports views as Parquet, CSV and Excel -> {target}")
    rows = write_exports(warehouse.published, target, context.run_id)
    return MaterializeResult(metadata={
        "path": MetadataValue.path(str(target)),
        "views": len(rows),
        "rows": sum(rows.values()),
    })
