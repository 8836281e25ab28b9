# Why: people take the data away as files. Every publish writes the reports views as
# Parquet, CSV and one Excel workbook, with a data dictionary from the dbt docs; the files
# must reproduce the warehouse exactly, and a new set must replace the old one in one
# switch, never leaving a reader with half of each (or nothing, when an export fails).
import duckdb
import openpyxl
import pytest

from orchestration.dbt_assets import models_of_layer
from orchestration.exports import write_exports

AMOUNTS = "sum(cooperant_contribution_cop), sum(district_counterpart_cop), sum(total_value_cop), count(*)"


@pytest.fixture
def exported(built_db, tmp_path):
    target = tmp_path / "exports"
    rows = write_exports(built_db, target, "v1")
    return built_db, target, rows


def test_every_reports_view_is_exported_and_reproduces_the_warehouse(exported):
    db, target, rows = exported
    views = set(models_of_layer("reports"))
    assert set(rows) == views
    con = duckdb.connect(str(db), read_only=True)
    try:
        expected = con.execute(f"select {AMOUNTS} from reports.contributions").fetchone()
        for view in views:
            count = con.execute(f"select count(*) from reports.{view}").fetchone()[0]
            assert rows[view] == count
            assert duckdb.sql(f"select count(*) from '{target / view}.parquet'").fetchone()[0] == count
            assert duckdb.sql(f"select count(*) from read_csv('{target / view}.csv', header = true)").fetchone()[0] == count
    finally:
        con.close()
    parquet = duckdb.sql(f"select {AMOUNTS} from '{target / 'contributions.parquet'}'").fetchone()
    csv = duckdb.sql(f"select {AMOUNTS} from read_csv('{target / 'contributions.csv'}', header = true, "
                     "types = {'cooperant_contribution_cop': 'decimal(18,2)', 'district_counterpart_cop': 'decimal(18,2)', "
                     "'total_value_cop': 'decimal(18,2)'})").fetchone()
    assert parquet == expected
    assert csv == expected


def test_csv_is_utf8_with_header_and_dot_decimals(exported):
    _, target, _ = exported
    text = (target / "contributions.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["reporting_year", "sector_name", "district_entity_name"]
    assert "SECRETARÍA" in text  # accents survive
    assert ".50," in text or ".00," in text  # '.' decimals, not Spanish ','


def test_excel_workbook_opens_with_a_sheet_per_view_and_the_dictionary(exported):
    _, target, rows = exported
    workbook = openpyxl.load_workbook(target / "reports.xlsx", read_only=True)
    assert set(workbook.sheetnames) == {name[:31] for name in rows} | {"data_dictionary"}
    sheet = workbook["contributions"]
    assert sheet.max_row == rows["contributions"] + 1  # header + rows


def test_data_dictionary_describes_every_reports_and_marts_column(exported):
    db, target, _ = exported
    dictionary = f"read_csv('{target / 'data_dictionary.csv'}', header = true)"
    undocumented = duckdb.sql(f"select schema_name, table_name, column_name from {dictionary} "
                              "where description is null").fetchall()
    assert undocumented == []
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.execute("select count(*) from duckdb_columns() where schema_name in ('reports', 'marts')").fetchone()[0]
    finally:
        con.close()
    assert duckdb.sql(f"select count(*) from {dictionary}").fetchone()[0] == columns


def test_a_new_export_replaces_the_old_in_one_switch(exported, tmp_path):
    db, target, _ = exported
    first = target.resolve()
    write_exports(db, target, "v2")
    assert target.is_symlink() and target.resolve() != first
    assert not first.exists(), "the previous version is removed after the switch"
    assert (target / "contributions.parquet").exists()


def test_a_failed_export_leaves_the_previous_one(exported, tmp_path):
    _, target, _ = exported
    before = target.resolve()
    with pytest.raises(duckdb.Error):
        write_exports(tmp_path / "missing.duckdb", target, "v3")
    assert target.resolve() == before
    assert (target / "contributions.csv").exists()
