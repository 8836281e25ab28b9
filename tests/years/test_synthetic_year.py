# Why: the warehouse must live through many reporting years with no model change (issue
# 10). A SYNTHETIC year 2025 (tests/fixtures/synthetic_year_2025/, labelled synthetic in
# its file names and rows) is added by the README procedure - its raw rows and published
# controls appended to the seeds - and run through the real job into temporary paths
# (never the published warehouse). It must reconcile to its own controls, and no 2024 row
# of any reports view may change.
import shutil

import duckdb

from orchestration.readonly import connect_published
from tests.conftest import SEEDS_DIR
from tests.years.synthetic_year import add_synthetic_year


def _seeds_with_synthetic_year(tmp_path, name="seeds_2025"):
    seeds = tmp_path / name
    shutil.copytree(SEEDS_DIR, seeds)
    add_synthetic_year(seeds)
    return seeds


def _year_views(con):
    return [r[0] for r in con.execute(
        "select distinct table_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'reports' and column_name = 'reporting_year' order by 1").fetchall()]


def test_synthetic_year_reconciles_and_leaves_2024_unchanged(run_job, built_db, tmp_path):
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    run = run_job(seeds_dir=_seeds_with_synthetic_year(tmp_path), published=published)
    assert run.success, run.error_text()

    con = connect_published(published)
    try:
        # reconciles: the year's controls are there, and every error-severity control holds
        audits = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'audits' union select view_name from duckdb_views() "
            "where database_name = current_database() and schema_name = 'audits'").fetchall()]
        checked = 0
        for audit in audits:
            rows = con.execute(f"select control_key, is_reconciled, severity from audits.{audit} "
                               "where reporting_year = 2025").fetchall()
            assert all(ok for _, ok, severity in rows if severity == "error"), (audit, rows)
            checked += len(rows)
        headline = dict(con.execute("select control_key, is_reconciled from audits.aud_headline_figures "
                                    "where reporting_year = 2025").fetchall())
        assert len(headline) == 10 and all(headline.values())
        assert checked > 30
        yoy = con.execute("select interactions, monetary_lines, cast(total_value_cop as varchar), new_cooperants, "
                          "previous_reporting_year from reports.year_over_year where reporting_year = 2025").fetchone()
        assert yoy == (22, 5, "2015500000.50", 1, 2024)
        new = con.execute("select cooperant_id from reports.cooperant_years "
                          "where reporting_year = 2025 and status = 'new'").fetchall()
        assert new == [("synthetic_cooperant_2025",)]
        # labelled synthetic, row by row
        sources = con.execute("select distinct source_file from reports.contributions "
                              "where reporting_year = 2025").fetchall()
        assert sources == [("synthetic_2025_report.txt",)]

        # 2024 does not move by a cent: every 2024 row of every per-year reports view is
        # identical to the warehouse built from the real seeds alone
        con.execute(f"attach '{built_db}' as base (read_only)")
        # (reports.history is left out: its valid_from / valid_to are the times of each build)
        views = [v for v in _year_views(con) if v != "history"]
        assert {"sdg_summary", "contributions", "cooperants", "year_over_year"} <= set(views)
        for view in views:
            for a, b in (("published", "base"), ("base", "published")):
                diff = con.execute(f"select * from {a}.reports.{view} where reporting_year = 2024 except all "
                                   f"select * from {b}.reports.{view} where reporting_year = 2024").fetchall()
                assert diff == [], (view, a, diff[:3])
    finally:
        con.close()


def test_synthetic_year_that_misses_its_own_control_fails(tmp_path):
    # the same year with its Table 5 footer one cent off: the year's own control catches it
    from tests.conftest import dbt_build

    seeds = _seeds_with_synthetic_year(tmp_path)
    controls = seeds / "controls" / "control_headline_figures.csv"
    text = controls.read_text(encoding="utf-8")
    assert '"$ 2.015.500.000,50"' in text
    controls.write_text(text.replace('t5_total_value,2025,total_value,COP,"$ 2.015.500.000,50"',
                                     't5_total_value,2025,total_value,COP,"$ 2.015.500.000,51"'), encoding="utf-8")
    db = tmp_path / "broken.duckdb"
    proc = dbt_build(db, seeds)
    assert proc.returncode != 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        failing = con.execute("select reporting_year, control_key from audits.aud_headline_figures "
                              "where severity = 'error' and not is_reconciled").fetchall()
    finally:
        con.close()
    assert failing == [(2025, "HEADLINE-t5_total_value")]
