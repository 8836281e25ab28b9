# Why: a quality gate that never fails protects nothing. Each Great Expectations suite
# (orchestration/checks.py) validates one audit model (models/audits/, one rule each).
# Every suite must (a) pass on the clean warehouse and (b) fail when its rule is broken in
# a copy of the warehouse, with a message naming the control and showing the expected and
# actual figures, while the suites of unrelated rules still pass. A suite without a
# corruption here fails test_every_suite_has_a_corruption.
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pytest

from orchestration import checks
from tests.quality import stored_models

FIRST_LINE = "(select min(interaction_id) from marts.fct_contributions)"


@dataclass(frozen=True)
class Corruption:
    label: str
    statements: list[str]


def headline(con, figure_id: str) -> Decimal:
    """A published figure, as the warehouse itself parsed it from the control seed."""
    return con.execute("select published_value from marts.fct_published_headline_figures where figure_id = ?",
                       [figure_id]).fetchone()[0]


def one(con, sql: str):
    return con.execute(sql).fetchone()[0]


# audit model -> corruptions of a copy of the clean warehouse (marts are tables, changed in
# place; the stored audits and report roll-ups are then recomputed, the views follow)
CORRUPTIONS: dict[str, list[Corruption]] = {
    "aud_headline_figures": [
        # 3 pesos move from the counterpart to the cooperant column of one line: the line
        # still adds up and its total is unchanged, but both column sums miss Table 5's footer
        Corruption("table5_footer", [
            """update marts.fct_contributions
               set cooperant_contribution_cop = cooperant_contribution_cop + 3,
                   district_counterpart_cop = district_counterpart_cop - 3
               where interaction_id = (select min(interaction_id) from marts.fct_contributions
                                       where district_counterpart_cop >= 3)"""]),
        # one more interaction on one Table 2 row: Table 2 adds up to 608, not the printed 607
        Corruption("interactions_total", [
            """update marts.fct_cooperant_interaction_counts
               set reported_interactions = reported_interactions + 1
               where rowid = (select min(rowid) from marts.fct_cooperant_interaction_counts)"""]),
    ],
    # one line moves to another valid SDG: two Table 1 rows no longer reproduce
    "aud_sdg_figures": [Corruption("line_changes_sdg", [
        f"""update marts.fct_contributions set sdg_number = case when sdg_number = 17 then 16 else 17 end
            where interaction_id = {FIRST_LINE}"""])],
    # one line moves to another PDD objective printed in section 5
    "aud_pdd_shares": [Corruption("line_changes_objective", [
        f"""update marts.fct_contributions
            set pdd_objective_number = case when pdd_objective_number = 3 then 4 else 3 end
            where interaction_id = {FIRST_LINE}"""])],
    # +3 pesos of contribution on one line, -3 on another: every sum is unchanged, but
    # neither line adds up any more
    "aud_line_arithmetic": [Corruption("two_lines_off_by_3", [
        f"""update marts.fct_contributions set cooperant_contribution_cop = cooperant_contribution_cop + 3
            where interaction_id = {FIRST_LINE}""",
        f"""update marts.fct_contributions set cooperant_contribution_cop = cooperant_contribution_cop - 3
            where interaction_id = (select max(interaction_id) from marts.fct_contributions
                                    where cooperant_contribution_cop >= 3 and interaction_id <> {FIRST_LINE})"""])],
    # a cooperant with Table 5 lines now reports 0 interactions in Table 2 (of the same year:
    # the rule is per year); another row absorbs them, so Table 2's total stays
    "aud_cooperant_line_counts": [Corruption("table2_count_zero", [
        f"""update marts.fct_cooperant_interaction_counts
            set reported_interactions = reported_interactions + (
                select sum(reported_interactions) from marts.fct_cooperant_interaction_counts
                where cooperant_key = (select cooperant_key from marts.fct_contributions
                                       where interaction_id = {FIRST_LINE}))
            where table_row_number = (
                select min(table_row_number) from marts.fct_cooperant_interaction_counts
                where cooperant_key <> (select cooperant_key from marts.fct_contributions
                                        where interaction_id = {FIRST_LINE}))""",
        f"""update marts.fct_cooperant_interaction_counts set reported_interactions = 0
            where cooperant_key = (select cooperant_key from marts.fct_contributions where interaction_id = {FIRST_LINE})"""])],
    # the cooperant dimension holds one organisation twice: reports.cooperants fans out
    "aud_report_rollups": [Corruption("dimension_row_twice", [
        f"""insert into marts.dim_cooperants select * from marts.dim_cooperants
            where cooperant_key = (select cooperant_key from marts.fct_contributions where interaction_id = {FIRST_LINE})"""])],
    # the entity dimension puts a Table 5 entity in a sector that no line prints
    "aud_sector_consistency": [Corruption("entity_sector_changed", [
        f"""update marts.dim_district_entities set sector_name = 'SECTOR INEXISTENTE XYZ'
            where district_entity_key = (select district_entity_key from marts.fct_contributions
                                         where interaction_id = {FIRST_LINE})"""])],
    "aud_referential_integrity": [
        # the calendar loses the date of the earliest dated interaction: orphan start_date_key
        Corruption("orphan_date_key", [
            "delete from marts.dim_dates where date_key = (select min(start_date_key) from marts.fct_interactions)"]),
        # an event's counterpart becomes a name that no alias resolves
        Corruption("unresolved_cooperant_name", [
            """update raw.raw_interactions set cooperant_name = 'FUNDACION INEXISTENTE XYZ'
               where interaction_id = (select min(interaction_id) from raw.raw_interactions
                                       where interaction_id like 'EV-%' and cooperant_name is not null)"""]),
    ],
    "aud_domains": [
        # 5 pesos move between the columns of two lines: one contribution becomes -5 while
        # every line still adds up and every column sum is unchanged
        Corruption("negative_amount", [
            """update marts.fct_contributions
               set cooperant_contribution_cop = cooperant_contribution_cop - 5,
                   district_counterpart_cop = district_counterpart_cop + 5
               where interaction_id = (select min(interaction_id) from marts.fct_contributions
                                       where cooperant_contribution_cop = 0)""",
            """update marts.fct_contributions
               set cooperant_contribution_cop = cooperant_contribution_cop + 5,
                   district_counterpart_cop = district_counterpart_cop - 5
               where interaction_id = (select max(interaction_id) from marts.fct_contributions
                                       where district_counterpart_cop >= 5 and cooperant_contribution_cop > 0)"""]),
        # one dated interaction now ends the day before it starts
        Corruption("inverted_dates", [
            """update marts.fct_interactions set end_date = start_date - 1
               where interaction_id = (select min(interaction_id) from marts.fct_interactions where start_date is not null)"""]),
    ],
    # no silent loss compares the build with the published file, which a copy does not have:
    # the audit is a TABLE (never a view over the published catalog), so its row is what
    # the run would have found, an interaction lost without a declared retraction. The rule
    # itself is exercised through the real job in tests/years/test_no_silent_loss.py.
    "aud_published_records_kept": [Corruption("interaction_lost", [
        """insert into audits.aud_published_records_kept values (2024, 'KEPT-interaction', 'published records kept',
            'interaction records published and missing from this build, not declared: 1: EV-074 (test)',
            0, 1, -1, '0.00', '1.00', 'the published warehouse, and seeds/declared/',
            'warehouse: this build against the published warehouse', 'error', false)"""])],
}


def expected_fragments(audit: str, label: str, con) -> list[str]:
    """What the failure message must show, derived from the clean warehouse before the damage."""
    first = one(con, f"select {FIRST_LINE}")
    if label == "table5_footer":
        coop, cp = headline(con, "t5_cooperant_contribution"), headline(con, "t5_district_counterpart")
        return ["control_key=HEADLINE-t5_cooperant_contribution", f"expected={coop}", f"actual={coop + 3}",
                "control_key=HEADLINE-t5_district_counterpart", f"expected={cp}", f"actual={cp - 3}"]
    if label == "interactions_total":
        total = headline(con, "t2_total_interactions")
        return ["control_key=HEADLINE-t2_total_interactions", f"expected={total}", f"actual={total + 1}"]
    if label == "line_changes_sdg":
        sdg = one(con, f"select sdg_number from marts.fct_contributions where interaction_id = {FIRST_LINE}")
        other = 16 if sdg == 17 else 17
        return [f"control_key=TABLE1-SDG{sdg:02d}.monetary_interactions", f"control_key=TABLE1-SDG{other:02d}.monetary_interactions"]
    if label == "line_changes_objective":
        obj = one(con, f"select pdd_objective_number from marts.fct_contributions where interaction_id = {FIRST_LINE}")
        other = 4 if obj == 3 else 3
        printed = one(con, f"select published_interactions from marts.fct_published_pdd_shares where pdd_objective_number = {other}")
        return [f"control_key=SECTION5-OBJ{other}.interactions", f"expected={printed}.00", f"actual={printed + 1}.00"]
    if label == "two_lines_off_by_3":
        return ["control_key=LINE-ARITHMETIC", "actual=2.00", f"{first} (contribution + counterpart - total = 3.00)"]
    if label == "table2_count_zero":
        cid, n = con.execute(f"""select cooperant_id, count(*) from marts.fct_contributions where cooperant_key =
                                (select cooperant_key from marts.fct_contributions where interaction_id = {FIRST_LINE})
                                group by cooperant_id""").fetchone()
        return [f"control_key=COOPERANT-LINES-{cid}", f"actual={n}.00", f"has {n} monetary_lines", "reports 0"]
    if label == "dimension_row_twice":
        total = headline(con, "t5_total_value")
        return ["control_key=reports.cooperants.total_value_cop", f"expected={total}",
                "control_key=reports.cooperants.monetary_lines"]
    if label == "entity_sector_changed":
        return ["control_key=SECTOR-OF-LINE-VS-ENTITY", f"{first}: printed", "entity sector SECTOR INEXISTENTE XYZ"]
    if label == "orphan_date_key":
        n = one(con, """select count(*) from marts.fct_interactions
                        where start_date_key = (select min(start_date_key) from marts.fct_interactions)""")
        return ["control_key=fct_interactions.start_date_key", f"actual={n}.00"]
    if label == "unresolved_cooperant_name":
        event = one(con, """select min(interaction_id) from raw.raw_interactions
                            where interaction_id like 'EV-%' and cooperant_name is not null""")
        return ["control_key=raw_interactions.cooperant_name", f"{event}: FUNDACION INEXISTENTE XYZ"]
    if label == "negative_amount":
        return ["control_key=fct_contributions.cooperant_contribution_cop >= 0", "actual=1.00", ": -5.00"]
    if label == "inverted_dates":
        return ["control_key=fct_interactions.end_date >= start_date", "actual=1.00"]
    if label == "interaction_lost":
        return ["control_key=KEPT-interaction", "actual=1.00", "EV-074"]
    raise AssertionError(f"no expected fragments for {audit}/{label}")


def corrupt(db, statements: list[str]) -> None:
    """Apply the damage to the copy, then recompute its stored audits and roll-ups as the
    next build would (they are tables: tests/quality/stored_models.py)."""
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            changed = con.execute(sql).fetchone()[0]
            assert changed >= 1, f"corruption changed no row (its target query found nothing): {sql}"
        stored_models.recompute(con)
    finally:
        con.close()


SUITES = {s.model: s for s in checks.suites()}
CASES = [(audit, c) for audit, corruptions in CORRUPTIONS.items() for c in corruptions]


@pytest.fixture(scope="module")
def clean_results(built_db):
    return {r.suite.model: r for r in checks.run_suites(built_db)}


def test_every_suite_has_a_corruption():
    blocking = {s.model for s in SUITES.values() if s.severity == "error"}
    assert blocking, "no blocking suites at all"
    assert set(CORRUPTIONS) == blocking, (
        f"suites without a corruption: {sorted(blocking - set(CORRUPTIONS))}; "
        f"corruptions of unknown suites: {sorted(set(CORRUPTIONS) - blocking)}")


def test_warn_only_audits_have_no_blocking_suite():
    # their rows can never block, so a blocking suite on them could never fail
    assert {"aud_table4_subtotals", "aud_duplicate_cooperant_rows", "aud_misclassified_parties"}.isdisjoint(SUITES)


def test_clean_warehouse_passes_every_blocking_suite(clean_results):
    assert set(clean_results) == set(SUITES)
    failed = [r.message() for r in clean_results.values() if r.suite.severity == "error" and not r.success]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize(("audit", "corruption"), CASES, ids=[f"{a}-{c.label}" for a, c in CASES])
def test_suite_fails_on_its_corruption(audit, corruption, built_db, db_copy):
    clean = duckdb.connect(str(built_db), read_only=True)
    try:
        fragments = expected_fragments(audit, corruption.label, clean)
    finally:
        clean.close()
    corrupt(db_copy, corruption.statements)

    results = {r.suite.model: r for r in checks.run_suites(db_copy)}
    result = results[audit]
    assert result.success is False and result.status == "failed"
    message = result.message()
    assert message.startswith(f"[FAILED] {checks.RECONCILES} on {audit}")
    assert "expected expect_column_pair_values_to_be_equal" in message, message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in message:\n{message}"
    # exactly this rule is broken: the suites of every other rule still pass
    collateral = {m for m, r in results.items() if r.status == "failed"} - {audit}
    assert not collateral, "\n".join(results[m].message() for m in collateral)


def test_discrepancy_check_passes_on_the_reviewed_baseline(clean_results, built_db):
    result = clean_results[checks.DISCREPANCIES_MODEL]
    assert result.suite.severity == "warn" and result.status == "passed"
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        known, total = con.execute("select count(*) filter (where is_known), count(*) "
                                   "from reports.source_discrepancies").fetchone()
    finally:
        con.close()
    assert known == total > 0  # every disagreement of the sources is reviewed, and still listed


def test_discrepancy_warning_names_a_new_disagreement(db_copy):
    # section 3 now prints one interaction more than Table 2 holds: one NEW discrepancy,
    # named alone (the reviewed ones stay quiet)
    corrupt(db_copy, ["""update marts.fct_published_headline_figures set published_value = published_value + 1
                         where figure_id = 's3_total_interactions'"""])
    [result] = checks.run_suites(db_copy, [checks.suites()[-1]])
    assert result.status == "warned"
    assert [row["discrepancy_id"] for row in result.rows] == ["HEADLINE-s3_total_interactions"]
    assert "discrepancy_id=HEADLINE-s3_total_interactions," in result.message()


def test_discrepancy_warning_passes_when_there_is_none(db_copy):
    con = duckdb.connect(str(db_copy))
    try:
        con.execute("create table reports.no_discrepancies as select * from reports.source_discrepancies limit 0")
        con.execute("drop view reports.source_discrepancies")
        con.execute("alter table reports.no_discrepancies rename to source_discrepancies")
    finally:
        con.close()
    [result] = checks.run_suites(db_copy, [checks.suites()[-1]])
    assert result.success is True and result.status == "passed"
    assert result.failures == [] and result.rows == []
