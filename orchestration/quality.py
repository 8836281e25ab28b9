"""Great Expectations suites that guard the warehouse before it is published.

Why not GE's SQL datasource: on DuckDB (through duckdb-engine) GE 1.24 raises
``MetricResolutionError: list index out of range`` on every expectation.  And why not
load the tables into pandas: at tens of millions of interactions that does not fit in
bounded memory.  So each check is two parts:

1. a set-based DuckDB query that reduces the (possibly huge) tables to a *compact
   frame* whose size is bounded by dimensions, never by interactions: one row per SDG,
   per sector, per relationship, per amount column... (reconciliations, orphan counts,
   violation counts, minima/maxima);
2. GE 1.x expectations validated on that frame through GE's pandas datasource.

The check fails exactly when the underlying rule is broken (e.g. ``violating_lines``
must be 0 per year; ``min_value`` of each amount must be >= 0). A ``sample_sql`` query
fetches a few offending rows for the failure message.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

SUITES = ("totals", "referential_integrity", "domains", "discrepancies")
PLAUSIBLE_FIRST_YEAR = 1980


def _plausible_last_year() -> int:
    return dt.date.today().year + 1


@dataclass(frozen=True)
class Check:
    name: str
    suite: str
    asset: str  # dbt model the check guards (its Dagster asset)
    description: str
    sql: str  # compact frame, bounded by dimension sizes
    expectations: Callable[[], list]  # built lazily: GE imports are slow
    id_column: str | None = None  # column identifying a frame row in messages
    sample_sql: str | None = None  # offending detail rows for the message
    severity: str = "error"  # "error" blocks publish, "warn" is reported only


@dataclass
class CheckResult:
    name: str
    suite: str
    asset: str
    severity: str
    success: bool
    description: str
    failures: list[dict[str, Any]] = field(default_factory=list)
    offending_rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        if self.success:
            return "passed"
        return "failed" if self.severity == "error" else "warned"

    def message(self, max_rows: int = 5) -> str:
        lines = [f"[{self.status.upper()}] {self.suite}.{self.name} on {self.asset}: {self.description}"]
        for f in self.failures:
            lines.append(f"  expected {f['expectation']}: {f['expected']}")
            lines.append(f"  actual: {f['actual']}")
        if self.offending_rows:
            lines.append("  offending rows:")
            lines += [f"    {_fmt_row(r)}" for r in self.offending_rows[:max_rows]]
        return "\n".join(lines)


def _fmt_row(row: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in row.items())


# ---------------------------------------------------------------------------
# The suites
# ---------------------------------------------------------------------------

def _gxe():
    import great_expectations.expectations as gxe

    return gxe


def _all_zero(column):
    return lambda: [_gxe().ExpectColumnValuesToBeBetween(column=column, min_value=0, max_value=0)]


def _code_in_range(name: str, column: str, dimension: str, label: str, low: int, high: int, what: str) -> Check:
    """Domain check for a small code (SDG, PDD objective) on the lines and in its dimension."""
    outside = f"{column} is null or {column} not between {low} and {high}"
    return Check(
        name=name,
        suite="domains",
        asset="fct_contributions",
        description=f"{what} are {low}-{high} and present on every line.",
        sql=f"select distinct {column} from marts.fct_contributions union select distinct {column} from marts.{dimension}",
        expectations=lambda: [
            _gxe().ExpectColumnValuesToNotBeNull(column=column),
            _gxe().ExpectColumnValuesToBeInSet(column=column, value_set=list(range(low, high + 1))),
        ],
        id_column=column,
        sample_sql=f"""
            select 'fct_contributions' as source, interaction_id as row_id, {column} from marts.fct_contributions
            where {outside}
            union all
            select '{dimension}', {label}, {column} from marts.{dimension} where {outside}
            limit 5
        """,
    )


CHECKS: list[Check] = [
    # ---------------------------------------------------------------- totals
    Check(
        name="contribution_totals_match_control",
        suite="totals",
        asset="fct_contributions",
        description="Sums of the Table 5 lines equal Table 5's printed totals to the cent (cooperant, counterpart, total) and the line count equals 62.",
        sql="""
            with recomputed as (
                select 't5_cooperant_contribution' as item, sum(cooperant_contribution_cop) * 100 as v from marts.fct_contributions
                union all select 't5_district_counterpart', sum(district_counterpart_cop) * 100 from marts.fct_contributions
                union all select 't5_total_value', sum(total_value_cop) * 100 from marts.fct_contributions
                union all select 't5_monetary_lines', count(*) * 100 from marts.fct_contributions
            ),
            expected as (
                select * from (values ('t5_cooperant_contribution'), ('t5_district_counterpart'),
                                      ('t5_total_value'), ('t5_monetary_lines')) as t(item)
            )
            select expected.item,
                   cast(round(published.published_value * 100) as bigint) as published,
                   cast(round(coalesce(recomputed.v, 0)) as bigint) as recomputed
            from expected
            left join marts.fct_published_headline_figures as published on published.figure_id = expected.item
            left join recomputed on recomputed.item = expected.item
        """,
        expectations=lambda: [
            _gxe().ExpectColumnValuesToNotBeNull(column="published"),
            _gxe().ExpectColumnPairValuesToBeEqual(column_A="published", column_B="recomputed"),
        ],
        id_column="item",
    ),
    Check(
        name="interactions_total_607",
        suite="totals",
        asset="fct_cooperant_interaction_counts",
        description="Interactions add up to the published total (607) across Table 1, Table 2 and Table 3.",
        sql="""
            with published as (
                select cast(published_value as bigint) as published
                from marts.fct_published_headline_figures where figure_id = 's2_total_interactions'
            ),
            recomputed as (
                select 'table1_non_monetary_plus_monetary_lines' as item,
                       (select sum(non_monetary_interactions) from marts.fct_published_sdg_figures)
                       + (select count(*) from marts.fct_contributions) as recomputed
                union all
                select 'table2_cooperants', (select sum(reported_interactions) from marts.fct_cooperant_interaction_counts)
                union all
                select 'table3_district_entities', (select sum(reported_interactions) from marts.fct_district_entity_interaction_counts)
            )
            select item, published.published, cast(coalesce(recomputed, 0) as bigint) as recomputed
            from recomputed left join published on true
        """,
        expectations=lambda: [
            _gxe().ExpectColumnValuesToNotBeNull(column="published"),
            _gxe().ExpectColumnPairValuesToBeEqual(column_A="published", column_B="recomputed"),
        ],
        id_column="item",
    ),
    Check(
        name="sdg_totals_match_table1",
        suite="totals",
        asset="fct_contributions",
        description="Per SDG, the monetary lines and their total reproduce Table 1 (count and amount to the cent).",
        sql="""
            with recomputed as (
                select sdg_number, count(*) as lines, sum(total_value_cop) as value_cop
                from marts.fct_contributions group by sdg_number
            )
            select coalesce(p.sdg_number, r.sdg_number) as sdg_number,
                   coalesce(p.monetary_interactions, 0) as published_lines,
                   coalesce(r.lines, 0) as recomputed_lines,
                   cast(round(coalesce(p.total_value_cop, 0) * 100) as bigint) as published_cents,
                   cast(round(coalesce(r.value_cop, 0) * 100) as bigint) as recomputed_cents
            from marts.fct_published_sdg_figures as p
            full outer join recomputed as r on p.sdg_number = r.sdg_number
        """,
        expectations=lambda: [
            _gxe().ExpectColumnPairValuesToBeEqual(column_A="published_lines", column_B="recomputed_lines"),
            _gxe().ExpectColumnPairValuesToBeEqual(column_A="published_cents", column_B="recomputed_cents"),
        ],
        id_column="sdg_number",
    ),
    Check(
        name="sector_totals_reconcile",
        suite="totals",
        asset="fct_contributions",
        description="Per sector, totals by the sector printed on each Table 5 line equal totals by the district entity's sector in dim_district_entities.",
        sql="""
            with by_printed as (
                select upper(strip_accents(sector_name_as_printed)) as sector, sum(total_value_cop) as v
                from marts.fct_contributions group by 1
            ),
            by_dimension as (
                select upper(strip_accents(d.sector_name)) as sector, sum(f.total_value_cop) as v
                from marts.fct_contributions as f
                left join marts.dim_district_entities as d on f.district_entity_key = d.district_entity_key
                group by 1
            )
            select coalesce(p.sector, d.sector, 'unknown') as sector,
                   cast(round(coalesce(p.v, 0) * 100) as bigint) as published,
                   cast(round(coalesce(d.v, 0) * 100) as bigint) as recomputed
            from by_printed as p full outer join by_dimension as d on p.sector = d.sector
        """,
        expectations=lambda: [_gxe().ExpectColumnPairValuesToBeEqual(column_A="published", column_B="recomputed")],
        id_column="sector",
    ),
    Check(
        name="pdd_shares_match_section5",
        suite="totals",
        asset="fct_contributions",
        description="Per PDD objective, the recomputed share (2 decimals) and number of lines reproduce section 5.",
        sql="""
            with by_objective as (
                select pdd_objective_number, count(*) as lines, sum(total_value_cop) as v
                from marts.fct_contributions group by 1
            ),
            shares as (
                select pdd_objective_number, lines,
                       round(100 * v / sum(v) over (), 2) as share_pct
                from by_objective
            )
            select coalesce(p.pdd_objective_number, s.pdd_objective_number) as pdd_objective_number,
                   cast(round(p.published_share_pct * 100) as bigint) as published_share_bp,
                   cast(round(coalesce(s.share_pct, 0) * 100) as bigint) as recomputed_share_bp,
                   p.published_interactions as published_lines,
                   coalesce(s.lines, 0) as recomputed_lines
            from marts.fct_published_pdd_shares as p
            full outer join shares as s on p.pdd_objective_number = s.pdd_objective_number
        """,
        expectations=lambda: [
            _gxe().ExpectColumnPairValuesToBeEqual(
                column_A="published_share_bp", column_B="recomputed_share_bp", ignore_row_if="either_value_is_missing"),
            _gxe().ExpectColumnPairValuesToBeEqual(
                column_A="published_lines", column_B="recomputed_lines", ignore_row_if="either_value_is_missing"),
        ],
        id_column="pdd_objective_number",
    ),
    Check(
        name="line_contribution_plus_counterpart_equals_total",
        suite="totals",
        asset="fct_contributions",
        description="On every line, cooperant contribution + district counterpart = total value.",
        sql="""
            select reporting_year,
                   count(*) filter (where cooperant_contribution_cop + district_counterpart_cop <> total_value_cop) as violating_lines
            from marts.fct_contributions group by reporting_year
        """,
        expectations=_all_zero("violating_lines"),
        id_column="reporting_year",
        sample_sql="""
            select interaction_id, cooperant_contribution_cop, district_counterpart_cop, total_value_cop,
                   cooperant_contribution_cop + district_counterpart_cop - total_value_cop as difference
            from marts.fct_contributions
            where cooperant_contribution_cop + district_counterpart_cop <> total_value_cop
            order by interaction_id limit 5
        """,
    ),
    Check(
        name="cooperant_lines_within_reported_interactions",
        suite="totals",
        asset="fct_contributions",
        description="No cooperant has more monetary lines (Table 5) than its published interaction count (Table 2).",
        sql="""
            select f.cooperant_id, count(*) as monetary_lines,
                   coalesce(max(d.table2_reported_interactions), 0) as reported_interactions
            from marts.fct_contributions as f
            left join marts.dim_cooperants as d on f.cooperant_key = d.cooperant_key
            group by f.cooperant_id
        """,
        expectations=lambda: [
            _gxe().ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="reported_interactions", column_B="monetary_lines", or_equal=True),
        ],
        id_column="cooperant_id",
    ),
    # -------------------------------------------------- referential integrity
    Check(
        name="fact_keys_exist_in_dimensions",
        suite="referential_integrity",
        asset="fct_contributions",
        description="Every fact's foreign keys exist in their dimensions.",
        sql="""
            select 'fct_contributions.cooperant_key' as relationship, count(*) as orphans
              from marts.fct_contributions f anti join marts.dim_cooperants d using (cooperant_key)
            union all select 'fct_contributions.district_entity_key', count(*)
              from marts.fct_contributions f anti join marts.dim_district_entities d using (district_entity_key)
            union all select 'fct_contributions.sdg_number', count(*)
              from marts.fct_contributions f anti join marts.dim_sdgs d using (sdg_number)
            union all select 'fct_contributions.pdd_objective_number', count(*)
              from marts.fct_contributions f anti join marts.dim_pdd_objectives d using (pdd_objective_number)
            union all select 'fct_interactions.cooperant_key', count(*)
              from (select * from marts.fct_interactions where cooperant_id is not null) f anti join marts.dim_cooperants d using (cooperant_key)
            union all select 'fct_interactions.district_entity_key', count(*)
              from (select * from marts.fct_interactions where district_entity_key is not null) f anti join marts.dim_district_entities d using (district_entity_key)
            union all select 'fct_interactions.network_key', count(*)
              from (select * from marts.fct_interactions where network_key is not null) f anti join marts.dim_networks d using (network_key)
            union all select 'fct_interactions.start_date_key', count(*)
              from (select * from marts.fct_interactions where start_date_key is not null) f anti join marts.dim_dates d on f.start_date_key = d.date_key
            union all select 'fct_network_memberships.network_key', count(*)
              from marts.fct_network_memberships f anti join marts.dim_networks d using (network_key)
            union all select 'fct_network_memberships.joined_date_key', count(*)
              from (select * from marts.fct_network_memberships where joined_date_key is not null) f anti join marts.dim_dates d on f.joined_date_key = d.date_key
            union all select 'fct_cooperant_interaction_counts.cooperant_key', count(*)
              from marts.fct_cooperant_interaction_counts f anti join marts.dim_cooperants d using (cooperant_key)
            union all select 'fct_district_entity_interaction_counts.district_entity_key', count(*)
              from marts.fct_district_entity_interaction_counts f anti join marts.dim_district_entities d using (district_entity_key)
        """,
        expectations=_all_zero("orphans"),
        id_column="relationship",
    ),
    Check(
        name="cooperant_names_resolve",
        suite="referential_integrity",
        asset="dim_cooperants",
        description="Every raw cooperant name (Table 2, Table 5, events) resolves through the alias seed to a cooperant of the master.",
        sql="""
            with seeds as (select * from (values ('raw_cooperants'), ('raw_interactions')) as t(source_seed))
            select seeds.source_seed,
                   count(n.name_occurrence_key) filter (
                       where n.cooperant_id is null
                          or n.cooperant_id not in (select cooperant_id from marts.dim_cooperants)) as unresolved_names
            from seeds left join intermediate.int_cooperant_names_resolved as n using (source_seed)
            group by seeds.source_seed
        """,
        expectations=_all_zero("unresolved_names"),
        id_column="source_seed",
        sample_sql="""
            select source_seed, source_row_id, raw_name, cooperant_id
            from intermediate.int_cooperant_names_resolved
            where cooperant_id is null or cooperant_id not in (select cooperant_id from marts.dim_cooperants)
            limit 5
        """,
    ),
    Check(
        name="membership_networks_exist",
        suite="referential_integrity",
        asset="fct_network_memberships",
        description="Every network membership (and every event's network) names a network of the network master.",
        sql="""
            select 'raw_network_memberships' as source_seed, count(*) filter (
                       where network_name_key not in (select network_name_key from staging.stg_reference__networks)) as unknown_networks
            from staging.stg_globo__network_memberships
            union all
            select 'raw_interactions', count(*) filter (
                       where network_name_key is not null
                         and network_name_key not in (select network_name_key from staging.stg_reference__networks))
            from staging.stg_globo__interactions
        """,
        expectations=_all_zero("unknown_networks"),
        id_column="source_seed",
        sample_sql="""
            select membership_id as row_id, network_name from staging.stg_globo__network_memberships
            where network_name_key not in (select network_name_key from staging.stg_reference__networks)
            union all
            select interaction_id, network_name from staging.stg_globo__interactions
            where network_name_key is not null
              and network_name_key not in (select network_name_key from staging.stg_reference__networks)
            limit 5
        """,
    ),
    Check(
        name="table5_entities_exist_in_table3",
        suite="referential_integrity",
        asset="fct_contributions",
        description="Every district entity named on a Table 5 line exists in Table 3.",
        sql="""
            select reporting_year, count(*) filter (
                       where district_entity_name_key not in (select district_entity_name_key from staging.stg_reference__district_entities)
                   ) as unknown_entities
            from staging.stg_globo__interactions where is_monetary group by reporting_year
        """,
        expectations=_all_zero("unknown_entities"),
        id_column="reporting_year",
        sample_sql="""
            select interaction_id, district_entity_name from staging.stg_globo__interactions
            where is_monetary and district_entity_name_key not in
                  (select district_entity_name_key from staging.stg_reference__district_entities)
            limit 5
        """,
    ),
    # ------------------------------------------------------------- domains
    Check(
        name="amounts_non_negative",
        suite="domains",
        asset="fct_contributions",
        description="Amounts are non-negative (minimum of each amount column >= 0).",
        sql="""
            select 'cooperant_contribution_cop' as amount_column, min(cooperant_contribution_cop) as min_value from marts.fct_contributions
            union all select 'district_counterpart_cop', min(district_counterpart_cop) from marts.fct_contributions
            union all select 'total_value_cop', min(total_value_cop) from marts.fct_contributions
        """,
        expectations=lambda: [_gxe().ExpectColumnValuesToBeBetween(column="min_value", min_value=0)],
        id_column="amount_column",
        sample_sql="""
            select interaction_id, cooperant_contribution_cop, district_counterpart_cop, total_value_cop
            from marts.fct_contributions
            where least(cooperant_contribution_cop, district_counterpart_cop, total_value_cop) < 0 limit 5
        """,
    ),
    _code_in_range("sdg_numbers_in_range", "sdg_number", "dim_sdgs", "sdg_name", 1, 17, "SDG numbers"),
    _code_in_range("pdd_objectives_in_range", "pdd_objective_number", "dim_pdd_objectives", "pdd_objective_name", 1, 5,
                   "PDD objectives"),
    Check(
        name="dates_valid_and_plausible",
        suite="domains",
        asset="fct_interactions",
        description=f"Dates fall in a plausible range ({PLAUSIBLE_FIRST_YEAR} to next year) and no range ends before it starts.",
        sql="""
            select 'fct_interactions.start_date' as date_column, year(min(start_date)) as min_year, year(max(start_date)) as max_year,
                   count(*) filter (where end_date < start_date) as inverted_ranges
            from marts.fct_interactions
            union all select 'fct_interactions.end_date', year(min(end_date)), year(max(end_date)), 0 from marts.fct_interactions
            union all select 'fct_network_memberships.joined_on', year(min(joined_on)), year(max(joined_on)), 0 from marts.fct_network_memberships
            union all select 'fct_network_memberships.role_start_on', year(min(role_start_on)), year(max(role_start_on)),
                   count(*) filter (where role_end_on < role_start_on) from marts.fct_network_memberships
            union all select 'fct_network_memberships.role_end_on', year(min(role_end_on)), year(max(role_end_on)), 0 from marts.fct_network_memberships
            union all select 'fct_network_memberships.legal_basis_date', year(min(legal_basis_date)), year(max(legal_basis_date)), 0 from marts.fct_network_memberships
        """,
        expectations=lambda: [
            _gxe().ExpectColumnValuesToBeBetween(column="min_year", min_value=PLAUSIBLE_FIRST_YEAR, max_value=_plausible_last_year()),
            _gxe().ExpectColumnValuesToBeBetween(column="max_year", min_value=PLAUSIBLE_FIRST_YEAR, max_value=_plausible_last_year()),
            _gxe().ExpectColumnValuesToBeBetween(column="inverted_ranges", min_value=0, max_value=0),
        ],
        id_column="date_column",
        sample_sql=f"""
            select interaction_id as row_id, start_date, end_date from marts.fct_interactions
            where end_date < start_date
               or year(start_date) not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
               or year(end_date) not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
            union all
            select membership_id, joined_on, role_end_on from marts.fct_network_memberships
            where year(joined_on) not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
               or role_end_on < role_start_on
            limit 5
        """,
    ),
    Check(
        name="reporting_year_present",
        suite="domains",
        asset="fct_interactions",
        description=f"Every fact row has a reporting year, in a plausible range ({PLAUSIBLE_FIRST_YEAR} to next year).",
        sql="""
            select 'fct_interactions' as fact, count(*) filter (where reporting_year is null) as missing, min(reporting_year) as min_year, max(reporting_year) as max_year from marts.fct_interactions
            union all select 'fct_contributions', count(*) filter (where reporting_year is null), min(reporting_year), max(reporting_year) from marts.fct_contributions
            union all select 'fct_cooperant_interaction_counts', count(*) filter (where reporting_year is null), min(reporting_year), max(reporting_year) from marts.fct_cooperant_interaction_counts
            union all select 'fct_district_entity_interaction_counts', count(*) filter (where reporting_year is null), min(reporting_year), max(reporting_year) from marts.fct_district_entity_interaction_counts
        """,
        expectations=lambda: [
            _gxe().ExpectColumnValuesToBeBetween(column="missing", min_value=0, max_value=0),
            _gxe().ExpectColumnValuesToBeBetween(column="min_year", min_value=PLAUSIBLE_FIRST_YEAR, max_value=_plausible_last_year()),
            _gxe().ExpectColumnValuesToBeBetween(column="max_year", min_value=PLAUSIBLE_FIRST_YEAR, max_value=_plausible_last_year()),
        ],
        id_column="fact",
        sample_sql=f"""
            select 'fct_interactions' as fact, interaction_id as row_id, reporting_year from marts.fct_interactions
            where reporting_year is null or reporting_year not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
            union all
            select 'fct_contributions', interaction_id, reporting_year from marts.fct_contributions
            where reporting_year is null or reporting_year not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
            union all
            select 'fct_cooperant_interaction_counts', cast(table_row_number as varchar), reporting_year
            from marts.fct_cooperant_interaction_counts
            where reporting_year is null or reporting_year not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
            union all
            select 'fct_district_entity_interaction_counts', cast(table_row_number as varchar), reporting_year
            from marts.fct_district_entity_interaction_counts
            where reporting_year is null or reporting_year not between {PLAUSIBLE_FIRST_YEAR} and {_plausible_last_year()}
            limit 5
        """,
    ),
    # -------------------------------------------------------- discrepancies
    Check(
        name="known_source_discrepancies",
        suite="discrepancies",
        asset="source_discrepancies",
        description="Known disagreements between published figures (reports.source_discrepancies), reported as warnings with both figures.",
        sql="select discrepancy_id, description, published_value, published_where, other_value, other_where from reports.source_discrepancies",
        expectations=lambda: [_gxe().ExpectTableRowCountToEqual(value=0)],
        id_column="discrepancy_id",
        sample_sql="""
            select discrepancy_id, published_value, published_where, other_value, other_where
            from reports.source_discrepancies order by discrepancy_id
        """,
        severity="warn",
    ),
]

CHECKS_BY_NAME = {c.name: c for c in CHECKS}
assert len(CHECKS_BY_NAME) == len(CHECKS), "check names must be unique"


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def _quiet_ge() -> None:
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _records(df, limit: int | None = None) -> list[dict[str, Any]]:
    rows = df.head(limit) if limit else df
    return [{k: _jsonable(v) for k, v in r.items()} for r in rows.to_dict(orient="records")]


def _describe_failure(exp_result, frame, id_column) -> dict[str, Any]:
    cfg = exp_result.expectation_config
    kwargs = {k: _jsonable(v) if not isinstance(v, list) else v
              for k, v in cfg.kwargs.items() if k not in ("batch_id", "result_format")}
    res = exp_result.result or {}
    actual: Any
    idx = res.get("unexpected_index_list")
    if idx and id_column and id_column in frame.columns:
        ids = [i.get(id_column) if isinstance(i, dict) else i for i in idx][:5]
        actual = _records(frame[frame[id_column].isin(ids)], 5)
    elif "observed_value" in res:
        actual = {"observed_value": _jsonable(res["observed_value"])}
    else:
        actual = {"unexpected": [_jsonable(v) for v in (res.get("partial_unexpected_list") or [])][:5]}
    return {"expectation": cfg.type, "expected": kwargs, "actual": actual}


def run_checks(db_path: str | Path, checks: list[Check] | None = None,
               data_docs_dir: str | Path | None = None) -> list[CheckResult]:
    """Validate the (staged) warehouse at ``db_path``; never raises on a failed check."""
    import duckdb

    _quiet_ge()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    checks = CHECKS if checks is None else checks
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        site_config = {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(data_docs_dir)},
        }
        if "bogota_data_docs" in (context.get_site_names() or []):
            context.update_data_docs_site(site_name="bogota_data_docs", site_config=site_config)
        else:
            context.add_data_docs_site(site_name="bogota_data_docs", site_config=site_config)
    datasource = context.data_sources.add_pandas("warehouse_frames")
    results: list[CheckResult] = []
    # Read-only: an audit never writes, and never takes the writer lock.
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        for check in checks:
            started = time.perf_counter()
            frame = con.execute(check.sql).df()
            asset = datasource.add_dataframe_asset(check.name)
            batch_def = asset.add_batch_definition_whole_dataframe(check.name)
            suite = context.suites.add(gx.ExpectationSuite(name=f"{check.suite}.{check.name}",
                                                           expectations=check.expectations()))
            vd = context.validation_definitions.add(gx.ValidationDefinition(name=check.name, data=batch_def, suite=suite))
            result_format: dict[str, Any] = {"result_format": "COMPLETE"}
            if check.id_column:
                result_format["unexpected_index_column_names"] = [check.id_column]
            validation = vd.run(batch_parameters={"dataframe": frame}, result_format=result_format)
            failures = [_describe_failure(r, frame, check.id_column) for r in validation.results if not r.success]
            offending = []
            if failures and check.sample_sql:
                # all known discrepancies are listed (both figures each); errors show a sample
                cur = con.execute(check.sample_sql)
                cols = [d[0] for d in cur.description]
                limit = 200 if check.severity == "warn" else 5
                offending = [{c: _jsonable(v) for c, v in zip(cols, row)} for row in cur.fetchmany(limit)]
            results.append(CheckResult(
                name=check.name, suite=check.suite, asset=check.asset, severity=check.severity,
                success=bool(validation.success), description=check.description, failures=failures,
                offending_rows=offending, seconds=round(time.perf_counter() - started, 3)))
    finally:
        con.close()
    if data_docs_dir is not None:
        context.build_data_docs(site_names=["bogota_data_docs"])
    return results


def summarize(results: list[CheckResult]) -> dict[str, Any]:
    return {
        "checks_run": len(results),
        "passed": sum(r.status == "passed" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "warned": sum(r.status == "warned" for r in results),
        "results": [
            {"name": r.name, "suite": r.suite, "asset": r.asset, "status": r.status, "seconds": r.seconds,
             "failures": r.failures, "offending_rows": r.offending_rows}
            for r in results
        ],
    }


def main() -> int:  # pragma: no cover - convenience CLI: python -m orchestration.quality <db>
    import sys

    results = run_checks(sys.argv[1])
    for r in results:
        print(r.message())
    print(json.dumps({k: v for k, v in summarize(results).items() if k != "results"}))
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
