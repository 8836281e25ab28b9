# Why: a quality gate that never fails protects nothing. Every Great Expectations check in
# orchestration.quality.CHECKS must (a) pass on the clean warehouse and (b) fail - alone -
# when the rule it guards is broken in a copy of the warehouse, with a message that names
# the check and shows the expected and actual figures. A new check without a corruption
# here fails the suite (test_every_check_has_a_mutation).
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import Callable

import duckdb
import pytest

from orchestration import quality

CONTROLS = Path(__file__).resolve().parents[2] / "seeds" / "controls"
REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"

FIRST_LINE = "(select min(interaction_id) from marts.fct_contributions)"
FIRST_EVENT_WITH_COOPERANT = ("(select min(interaction_id) from raw.raw_interactions "
                              "where interaction_id like 'EV-%' and cooperant_name is not null)")
FIRST_DATED_INTERACTION = "(select min(interaction_id) from marts.fct_interactions where start_date is not null)"

# check name -> SQL statements run read-write on a copy of the clean warehouse.
# Marts are tables (mutated in place); staging/intermediate/reports are views over the
# raw seed tables, so checks that read views are broken through the raw tables. Each
# corruption breaks the rule of its check and no other check's rule.
MUTATIONS: dict[str, list[str]] = {
    # 3 pesos move from the counterpart to the cooperant column of one line: the line still
    # adds up and the total column is unchanged, but both column sums miss Table 5's totals.
    "contribution_totals_match_control": [
        """update marts.fct_contributions
           set cooperant_contribution_cop = cooperant_contribution_cop + 3,
               district_counterpart_cop = district_counterpart_cop - 3
           where interaction_id = (select min(interaction_id) from marts.fct_contributions
                                   where district_counterpart_cop >= 3)""",
    ],
    # One more interaction on one Table 2 row: Table 2 adds up to 608.
    "interactions_total_607": [
        """update marts.fct_cooperant_interaction_counts
           set reported_interactions = reported_interactions + 1
           where rowid = (select min(rowid) from marts.fct_cooperant_interaction_counts)""",
    ],
    # One line moves to another (valid) SDG: two Table 1 rows no longer reproduce.
    "sdg_totals_match_table1": [
        f"""update marts.fct_contributions
            set sdg_number = case when sdg_number = 17 then 16 else 17 end
            where interaction_id = {FIRST_LINE}""",
    ],
    # The entity dimension puts a Table 5 entity in a sector that no line prints.
    "sector_totals_reconcile": [
        f"""update marts.dim_district_entities set sector_name = 'SECTOR INEXISTENTE XYZ'
            where district_entity_key = (select district_entity_key from marts.fct_contributions
                                         where interaction_id = {FIRST_LINE})""",
    ],
    # One line moves to another (published) PDD objective: lines per objective change.
    "pdd_shares_match_section5": [
        f"""update marts.fct_contributions
            set pdd_objective_number = case when pdd_objective_number = 3 then 4 else 3 end
            where interaction_id = {FIRST_LINE}""",
    ],
    # +3 pesos of cooperant contribution on one line and -3 on another: every column sum
    # and total is unchanged, but neither line adds up any more.
    "line_contribution_plus_counterpart_equals_total": [
        f"""update marts.fct_contributions set cooperant_contribution_cop = cooperant_contribution_cop + 3
            where interaction_id = {FIRST_LINE}""",
        f"""update marts.fct_contributions set cooperant_contribution_cop = cooperant_contribution_cop - 3
            where interaction_id = (select max(interaction_id) from marts.fct_contributions
                                    where cooperant_contribution_cop >= 3 and interaction_id <> {FIRST_LINE})""",
    ],
    # A cooperant with Table 5 lines now reports 0 interactions in Table 2.
    "cooperant_lines_within_reported_interactions": [
        f"""update marts.dim_cooperants set table2_reported_interactions = 0
            where cooperant_key = (select cooperant_key from marts.fct_contributions
                                   where interaction_id = {FIRST_LINE})""",
    ],
    # The calendar loses the date of the earliest dated interaction: orphan start_date_key.
    "fact_keys_exist_in_dimensions": [
        "delete from marts.dim_dates where date_key = (select min(start_date_key) from marts.fct_interactions)",
    ],
    # An event's counterpart becomes a name that no alias resolves.
    "cooperant_names_resolve": [
        f"""update raw.raw_interactions set cooperant_name = 'FUNDACION INEXISTENTE XYZ'
            where interaction_id = {FIRST_EVENT_WITH_COOPERANT}""",
    ],
    # A membership names a network that the network master does not have.
    "membership_networks_exist": [
        """update raw.raw_network_memberships set network_name = 'RED INEXISTENTE XYZ'
           where membership_id = (select min(membership_id) from raw.raw_network_memberships)""",
    ],
    # A Table 5 line names a district entity that Table 3 does not list.
    "table5_entities_exist_in_table3": [
        """update raw.raw_interactions set district_entity_name = 'ENTIDAD INEXISTENTE XYZ'
           where interaction_id = (select min(interaction_id) from raw.raw_interactions
                                   where interaction_id like 'T5-%')""",
    ],
    # 5 pesos move between the columns of two lines so that one cooperant contribution is
    # -5, while every line still adds up and every column sum is unchanged.
    "amounts_non_negative": [
        """update marts.fct_contributions
           set cooperant_contribution_cop = cooperant_contribution_cop - 5,
               district_counterpart_cop = district_counterpart_cop + 5
           where interaction_id = (select min(interaction_id) from marts.fct_contributions
                                   where cooperant_contribution_cop = 0)""",
        """update marts.fct_contributions
           set cooperant_contribution_cop = cooperant_contribution_cop + 5,
               district_counterpart_cop = district_counterpart_cop - 5
           where interaction_id = (select max(interaction_id) from marts.fct_contributions
                                   where district_counterpart_cop >= 5 and cooperant_contribution_cop >= 0)""",
    ],
    # An 18th SDG appears in the SDG dimension.
    "sdg_numbers_in_range": [
        "insert into marts.dim_sdgs (sdg_number, sdg_name) values (18, 'ODS INEXISTENTE')",
    ],
    # A 6th PDD objective appears in the objective dimension.
    "pdd_objectives_in_range": [
        "insert into marts.dim_pdd_objectives (pdd_objective_number, pdd_objective_name) values (6, 'OBJETIVO INEXISTENTE')",
    ],
    # One dated interaction now ends the day before it starts.
    "dates_valid_and_plausible": [
        f"update marts.fct_interactions set end_date = start_date - 1 where interaction_id = {FIRST_DATED_INTERACTION}",
    ],
    # One event loses its reporting year.
    "reporting_year_present": [
        """update marts.fct_interactions set reporting_year = null
           where interaction_id = (select min(interaction_id) from marts.fct_interactions where not is_monetary)""",
    ],
    # The warning check already warns on the real data; one injected discrepancy must be
    # counted and listed too (the opposite direction is test_discrepancies_check_passes_when_none).
    "known_source_discrepancies": [
        """insert into marts.fct_source_discrepancies
               (discrepancy_id, description, published_value, published_where, other_value, other_where)
           values ('AAA-INJECTED-BY-TEST', 'injected by the test', '111', 'test (published)', '222', 'test (other)')""",
    ],
}


# ---------------------------------------------------------------------------
# Expected figures: derived from the control seeds (the printed report) or from the clean
# warehouse before the corruption, never copied from a run's output.
# ---------------------------------------------------------------------------

def parse_spanish_amount(text: str) -> Decimal:
    cleaned = re.sub(r"[$\s]", "", text).replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def headline(figure_id: str) -> Decimal:
    rows = [r for r in read_csv(CONTROLS / "control_headline_figures.csv") if r["figure_id"] == figure_id]
    assert len(rows) == 1, figure_id
    return parse_spanish_amount(rows[0]["value_as_printed"])


def cents(value: Decimal) -> int:
    return int(value * 100)


def table1_lines(sdg: int) -> int:
    rows = read_csv(CONTROLS / "control_table1_sdgs.csv")
    return sum(int(r["monetary_interactions"]) for r in rows if int(r["sdg_number"]) == sdg)


def section5(objective: int) -> dict[str, str]:
    return next(r for r in read_csv(CONTROLS / "control_pdd_shares.csv") if int(r["pdd_objective_number"]) == objective)


def one(con, sql: str):
    return con.execute(sql).fetchone()[0]


def _contribution_totals(con) -> list[str]:
    coop, cp = cents(headline("t5_cooperant_contribution")), cents(headline("t5_district_counterpart"))
    return [f"'item': 't5_cooperant_contribution', 'published': {coop}, 'recomputed': {coop + 300}",
            f"'item': 't5_district_counterpart', 'published': {cp}, 'recomputed': {cp - 300}"]


def _interactions_total(con) -> list[str]:
    total = int(headline("s2_total_interactions"))
    return [f"'item': 'table2_cooperants', 'published': {total}, 'recomputed': {total + 1}"]


def _sdg_totals(con) -> list[str]:
    sdg_from = one(con, f"select sdg_number from marts.fct_contributions where interaction_id = {FIRST_LINE}")
    sdg_to = 16 if sdg_from == 17 else 17
    return [f"'sdg_number': {sdg_from}, 'published_lines': {table1_lines(sdg_from)}, 'recomputed_lines': {table1_lines(sdg_from) - 1}",
            f"'sdg_number': {sdg_to}, 'published_lines': {table1_lines(sdg_to)}, 'recomputed_lines': {table1_lines(sdg_to) + 1}"]


def _sector(con) -> list[str]:
    moved = one(con, f"""select sum(total_value_cop) from marts.fct_contributions where district_entity_key =
                         (select district_entity_key from marts.fct_contributions where interaction_id = {FIRST_LINE})""")
    return [f"'sector': 'SECTOR INEXISTENTE XYZ', 'published': 0, 'recomputed': {cents(moved)}"]


def _pdd(con) -> list[str]:
    obj_from = one(con, f"select pdd_objective_number from marts.fct_contributions where interaction_id = {FIRST_LINE}")
    obj_to = 4 if obj_from == 3 else 3
    to = section5(obj_to)
    share_bp = cents(parse_spanish_amount(to["share_pct_as_printed"].replace("%", "")))
    out = [f"'pdd_objective_number': {obj_to}, 'published_share_bp': {share_bp}",
           f"'published_lines': {int(to['interactions'])}, 'recomputed_lines': {int(to['interactions']) + 1}"]
    frm = section5(obj_from)
    if frm["interactions"]:
        out.append(f"'published_lines': {int(frm['interactions'])}, 'recomputed_lines': {int(frm['interactions']) - 1}")
    return out


def _line_identity(con) -> list[str]:
    first = one(con, f"select {FIRST_LINE}")
    return ["'violating_lines': 2", "'max_value': 0", f"interaction_id={first},", "difference=3", "difference=-3"]


def _cooperant_lines(con) -> list[str]:
    cid, n = con.execute(f"""select cooperant_id, count(*) from marts.fct_contributions where cooperant_key =
                             (select cooperant_key from marts.fct_contributions where interaction_id = {FIRST_LINE})
                             group by cooperant_id""").fetchone()
    return [f"'cooperant_id': '{cid}', 'monetary_lines': {n}, 'reported_interactions': 0"]


def _fact_keys(con) -> list[str]:
    n = one(con, """select count(*) from marts.fct_interactions
                    where start_date_key = (select min(start_date_key) from marts.fct_interactions)""")
    return [f"'relationship': 'fct_interactions.start_date_key', 'orphans': {n}", "'max_value': 0"]


def _names(con) -> list[str]:
    return ["'source_seed': 'raw_interactions', 'unresolved_names': 1",
            f"source_row_id={one(con, f'select {FIRST_EVENT_WITH_COOPERANT}')}", "raw_name=FUNDACION INEXISTENTE XYZ"]


def _networks(con) -> list[str]:
    nm = one(con, "select min(membership_id) from raw.raw_network_memberships")
    return ["'source_seed': 'raw_network_memberships', 'unknown_networks': 1", f"row_id={nm}, network_name=RED INEXISTENTE XYZ"]


def _entities(con) -> list[str]:
    t5 = one(con, "select min(interaction_id) from raw.raw_interactions where interaction_id like 'T5-%'")
    return ["'unknown_entities': 1", f"interaction_id={t5}, district_entity_name=ENTIDAD INEXISTENTE XYZ"]


def _amounts(con) -> list[str]:
    return ["'amount_column': 'cooperant_contribution_cop', 'min_value': -5", "'min_value': 0", "cooperant_contribution_cop=-5"]


def _sdg_range(con) -> list[str]:
    return [f"'value_set': {list(range(1, 18))}", "'sdg_number': 18"]


def _pdd_range(con) -> list[str]:
    objectives = sorted(int(r["pdd_objective_number"]) for r in read_csv(CONTROLS / "control_pdd_shares.csv"))
    return [f"'value_set': {objectives}", "'pdd_objective_number': 6"]


def _dates(con) -> list[str]:
    return ["'date_column': 'fct_interactions.start_date'", "'inverted_ranges': 1",
            f"row_id={one(con, f'select {FIRST_DATED_INTERACTION}')},"]


def _reporting_year(con) -> list[str]:
    return ["'fact': 'fct_interactions', 'missing': 1", "'max_value': 0"]


def _discrepancies(con) -> list[str]:
    return [f"'observed_value': {one(con, 'select count(*) from reports.source_discrepancies') + 1}",
            "discrepancy_id=AAA-INJECTED-BY-TEST, published_value=111"]


EXPECTED_IN_MESSAGE: dict[str, Callable[[duckdb.DuckDBPyConnection], list[str]]] = {
    "contribution_totals_match_control": _contribution_totals,
    "interactions_total_607": _interactions_total,
    "sdg_totals_match_table1": _sdg_totals,
    "sector_totals_reconcile": _sector,
    "pdd_shares_match_section5": _pdd,
    "line_contribution_plus_counterpart_equals_total": _line_identity,
    "cooperant_lines_within_reported_interactions": _cooperant_lines,
    "fact_keys_exist_in_dimensions": _fact_keys,
    "cooperant_names_resolve": _names,
    "membership_networks_exist": _networks,
    "table5_entities_exist_in_table3": _entities,
    "amounts_non_negative": _amounts,
    "sdg_numbers_in_range": _sdg_range,
    "pdd_objectives_in_range": _pdd_range,
    "dates_valid_and_plausible": _dates,
    "reporting_year_present": _reporting_year,
    "known_source_discrepancies": _discrepancies,
}


def corrupt(db: Path, statements: list[str]) -> None:
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            changed = con.execute(sql).fetchone()[0]
            assert changed >= 1, f"mutation changed no row (its target query found nothing): {sql}"
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean_results(built_db):
    return {r.name: r for r in quality.run_checks(built_db)}


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------

def test_every_check_has_a_mutation():
    names = {c.name for c in quality.CHECKS}
    assert set(MUTATIONS) == names, (
        f"checks without a corruption: {sorted(names - set(MUTATIONS))}; "
        f"corruptions of unknown checks: {sorted(set(MUTATIONS) - names)}")
    assert set(EXPECTED_IN_MESSAGE) == names


def test_clean_warehouse_passes_every_blocking_check(clean_results):
    assert set(clean_results) == {c.name for c in quality.CHECKS}
    blocking = [c.name for c in quality.CHECKS if c.severity == "error"]
    assert blocking, "no blocking checks at all"
    failed = {n: clean_results[n].message() for n in blocking if not clean_results[n].success}
    assert not failed, "\n".join(failed.values())
    assert all(clean_results[n].status == "passed" for n in blocking)


def test_known_discrepancies_warn_on_the_real_data(clean_results, built_db):
    r = clean_results["known_source_discrepancies"]
    assert quality.CHECKS_BY_NAME["known_source_discrepancies"].severity == "warn"
    assert r.success is False
    assert r.status == "warned"
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        count = one(con, "select count(*) from reports.source_discrepancies")
        first_ids = [row[0] for row in con.execute(
            "select discrepancy_id from reports.source_discrepancies order by discrepancy_id limit 5").fetchall()]
    finally:
        con.close()
    # every discrepancy documented by hand in the reference seed is among them
    documented = read_csv(REFERENCE / "ref_documented_discrepancies.csv")
    assert documented and count >= len(documented)
    message = r.message()
    assert message.startswith("[WARNED] discrepancies.known_source_discrepancies")
    assert f"'observed_value': {count}" in message
    for discrepancy_id in first_ids:
        assert f"discrepancy_id={discrepancy_id}," in message


@pytest.mark.parametrize("check_name", [c.name for c in quality.CHECKS])
def test_check_fails_on_its_corruption(check_name, built_db, db_copy):
    assert check_name in MUTATIONS, f"no corruption for check {check_name}: add one to MUTATIONS"
    check = quality.CHECKS_BY_NAME[check_name]
    clean = duckdb.connect(str(built_db), read_only=True)
    try:
        expected_fragments = EXPECTED_IN_MESSAGE[check_name](clean)
    finally:
        clean.close()
    corrupt(db_copy, MUTATIONS[check_name])

    [result] = quality.run_checks(db_copy, checks=[check])
    assert result.name == check_name
    assert result.success is False
    assert result.status == ("failed" if check.severity == "error" else "warned")
    message = result.message()
    assert f"{check.suite}.{check_name}" in message
    assert "expected expect_" in message and "actual:" in message, message
    for fragment in expected_fragments:
        assert fragment in message, f"{fragment!r} not in message:\n{message}"

    # exactly this rule is broken: every other blocking check still passes
    others = quality.run_checks(db_copy, checks=[c for c in quality.CHECKS if c.name != check_name])
    collateral = [r.message() for r in others if r.status == "failed"]
    assert not collateral, f"corruption for {check_name} also broke:\n" + "\n".join(collateral)


def test_discrepancies_check_passes_when_none(db_copy):
    corrupt(db_copy, ["delete from marts.fct_source_discrepancies"])
    con = duckdb.connect(str(db_copy), read_only=True)
    try:
        assert one(con, "select count(*) from reports.source_discrepancies") == 0
    finally:
        con.close()
    [result] = quality.run_checks(db_copy, checks=[quality.CHECKS_BY_NAME["known_source_discrepancies"]])
    assert result.success is True
    assert result.status == "passed"
    assert result.failures == [] and result.offending_rows == []
