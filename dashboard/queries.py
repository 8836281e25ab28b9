"""The ONE query module of the dashboard and the generated report.

Every figure either of them shows is read here, set-based, from the ``reports`` contract
only (never staging, intermediate or marts). The SQL is portable between DuckDB and
PostgreSQL (the mirror): named parameters are written ``:name``.

A marked figure is one for which ``reports.source_discrepancies`` holds a row: the
audits decide what disagrees (one rule each); the queries only attach the discrepancy ids
to the figure they concern, through the id families the contract documents
(``HEADLINE-``, ``TABLE1-SDG``, ``TABLE2-DUPLICATE-``, ``TABLE4-SUBTOTAL-``, ...).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

NO_SECTOR = ""  # key of "sector not determined" (NULL sector_name) in the drill-down
MAX_ROWS = 5000  # line-level lists are cut here (the 2024 report has 62 lines)

SQL: dict[str, str] = {
    # ------------------------------------------------------------------ version, years
    "version_relation": """
        select count(*) as n from information_schema.tables
        where table_schema = 'reports' and table_name = 'warehouse_version'""",
    "version_row": "select * from reports.warehouse_version",
    "years": """
        select reporting_year from reports.sdg_summary
        union select reporting_year from reports.contributions
        union select reporting_year from reports.cooperant_interactions
        order by reporting_year""",
    # ------------------------------------------------------------------ Resumen
    "headline": """
        with t1 as (
            select sum(non_monetary_interactions) as non_monetary_interactions,
                   sum(total_interactions) as interactions
            from reports.sdg_summary where reporting_year = :year
        ), t5 as (
            select count(*) as monetary_lines,
                   sum(cooperant_contribution_cop) as cooperant_contribution_cop,
                   sum(district_counterpart_cop) as district_counterpart_cop,
                   sum(total_value_cop) as total_value_cop
            from reports.contributions where reporting_year = :year
        ), t2 as (
            select sum(interactions) as table2_interactions, count(*) as cooperants
            from reports.cooperants where reporting_year = :year
        ), t3 as (
            select sum(interactions) as table3_interactions, count(*) as district_entities
            from reports.district_entities where reporting_year = :year
        )
        select cast(t1.interactions as bigint) as interactions,
               cast(t1.non_monetary_interactions as bigint) as non_monetary_interactions,
               t5.monetary_lines, t5.cooperant_contribution_cop, t5.district_counterpart_cop,
               t5.total_value_cop,
               t5.district_counterpart_cop / nullif(t5.cooperant_contribution_cop, 0) as leverage,
               cast(t2.table2_interactions as bigint) as table2_interactions, t2.cooperants,
               cast(t3.table3_interactions as bigint) as table3_interactions, t3.district_entities
        from t1 cross join t5 cross join t2 cross join t3""",
    "headline_discrepancies": """
        select discrepancy_id, substring(discrepancy_id, 10) as figure_id, published_value,
               published_where, other_value, other_where, description
        from reports.source_discrepancies
        where discrepancy_id like 'HEADLINE-%' and reporting_year = :year
        order by discrepancy_id""",
    "top_cooperants": """
        select cooperant_key, canonical_cooperant_name, acronym, country_name, iati_org_type_name,
               cast(interactions as bigint) as interactions, monetary_lines, total_value_cop
        from reports.cooperants where reporting_year = :year
        order by interactions desc, total_value_cop desc, canonical_cooperant_name
        limit :n""",
    # ------------------------------------------------------------------ Tables 1-5
    "table1": """
        select s.table_row_number, s.sdg_number, s.sdg_name, s.sdg_label_as_printed,
               s.non_monetary_interactions, s.published_monetary_interactions,
               s.published_total_interactions, s.published_total_value_cop,
               s.monetary_interactions, s.total_interactions, s.total_value_cop,
               (select string_agg(d.discrepancy_id, ' ' order by d.discrepancy_id)
                from reports.source_discrepancies as d
                where d.discrepancy_id like 'TABLE1-SDG' || lpad(cast(s.sdg_number as varchar), 2, '0') || '.%'
                  and d.reporting_year = s.reporting_year) as discrepancy_ids
        from reports.sdg_summary as s
        where s.reporting_year = :year
        order by s.table_row_number""",
    "table2": """
        with disc as (  -- the two id families about a Table 2 organisation, keyed by its cooperant_id
            select discrepancy_id, reporting_year,
                   case when discrepancy_id like 'TABLE2-DUPLICATE-%' then substring(discrepancy_id, 18)
                        else substring(discrepancy_id, 30) end as cooperant_ref
            from reports.source_discrepancies
            where discrepancy_id like 'TABLE2-DUPLICATE-%' or discrepancy_id like 'COOPERANT-IS-DISTRICT-OFFICE-%'
        )
        select c.table_row_number, c.cooperant_name, c.interactions, c.canonical_cooperant_name,
               c.cooperant_key, string_agg(d.discrepancy_id, ' ' order by d.discrepancy_id) as discrepancy_ids
        from reports.cooperant_interactions as c
        left join disc as d on d.cooperant_ref = upper(c.cooperant_id) and d.reporting_year = c.reporting_year
        where c.reporting_year = :year
        group by c.table_row_number, c.cooperant_name, c.interactions, c.canonical_cooperant_name, c.cooperant_key
        order by c.table_row_number""",
    "table3": """
        select e.table_row_number, e.district_entity_name, e.interactions, e.sector_name,
               e.sector_source, e.district_entity_key, d.discrepancy_id as discrepancy_ids
        from reports.district_entity_interactions as e
        left join reports.source_discrepancies as d
            on d.discrepancy_id = 'ENTITY-NOT-DISTRICT-' || cast(e.table_row_number as varchar)
            and d.reporting_year = e.reporting_year
        where e.reporting_year = :year
        order by e.table_row_number""",
    # Table 4 as printed: its detail rows; a subtotal (total) is printed equal to the sum of
    # its rows (subtotals) unless source_discrepancies holds the printed figure.
    "table4": """
        with rows_ as (
            select action_type, collaboration_type, value_cop_millions, table_row_number
            from reports.action_collaboration_values where reporting_year = :year
        ), disc as (
            select discrepancy_id, published_where, published_value
            from reports.source_discrepancies
            where reporting_year = :year
              and (discrepancy_id like 'TABLE4-SUBTOTAL-%' or discrepancy_id = 'TABLE4-TOTAL')
        ), subtotals as (
            select r.action_type, max(r.table_row_number) as last_row,
                   sum(r.value_cop_millions) as rows_sum,
                   max(d.discrepancy_id) as discrepancy_id,
                   max(cast(d.published_value as decimal(18, 2))) as printed
            from rows_ as r
            left join disc as d on d.published_where = 'Tabla 4, Sub Total ' || r.action_type
            group by r.action_type
        ), total as (
            select sum(coalesce(s.printed, s.rows_sum)) as subtotals_sum, max(s.last_row) as last_row
            from subtotals as s
        )
        select 'detail' as row_kind, action_type, collaboration_type, value_cop_millions,
               cast(null as decimal(18, 2)) as recomputed_cop_millions,
               cast(null as varchar) as discrepancy_ids, table_row_number * 10 as sort_key
        from rows_
        union all
        select 'subtotal', action_type, 'Sub Total', coalesce(printed, rows_sum), rows_sum,
               discrepancy_id, last_row * 10 + 5
        from subtotals
        union all
        select 'total', 'Total general', null,
               coalesce((select cast(published_value as decimal(18, 2)) from disc
                         where discrepancy_id = 'TABLE4-TOTAL'), subtotals_sum),
               subtotals_sum,
               (select discrepancy_id from disc where discrepancy_id = 'TABLE4-TOTAL'),
               last_row * 10 + 9
        from total
        order by sort_key""",
    "table5": """
        select interaction_id, sector_name, district_entity_name, cooperant_name,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop,
               sdg_number, pdd_objective_number, cooperant_key, district_entity_key, source_section
        from reports.contributions where reporting_year = :year
        order by interaction_id
        limit :max_rows""",
    "pdd_shares": """
        select p.pdd_objective_number, p.pdd_objective_name, p.interactions, p.total_value_cop,
               p.share_pct, p.published_share_pct, p.published_interactions,
               (select string_agg(d.discrepancy_id, ' ' order by d.discrepancy_id)
                from reports.source_discrepancies as d
                where d.discrepancy_id like 'SECTION5-OBJ' || cast(p.pdd_objective_number as varchar) || '.%'
                  and d.reporting_year = p.reporting_year) as discrepancy_ids
        from reports.pdd_objective_shares as p
        where p.reporting_year = :year
        order by p.pdd_objective_number""",
    # ------------------------------------------------------------------ charts 2, 3
    "sectors": """
        select coalesce(sector_name, '') as sector_key, sector_name,
               count(*) as district_entities,
               cast(sum(interactions) as bigint) as interactions,
               sum(monetary_lines) as monetary_lines,
               sum(cooperant_contribution_cop) as cooperant_contribution_cop,
               sum(district_counterpart_cop) as district_counterpart_cop,
               sum(total_value_cop) as total_value_cop,
               string_agg(distinct sector_source, ' | ') as sector_sources
        from reports.district_entities where reporting_year = :year
        group by sector_name
        order by interactions desc, sector_name""",
    "sector_sources": """
        select coalesce(sector_source, '') as sector_source, count(*) as district_entities,
               cast(sum(interactions) as bigint) as interactions
        from reports.district_entities where reporting_year = :year
        group by sector_source order by interactions desc""",
    # ------------------------------------------------------------------ drill-down
    "entities_of_sector": """
        select district_entity_key, district_entity_name, sector_name, sector_source,
               cast(interactions as bigint) as interactions, monetary_lines,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop
        from reports.district_entities
        where reporting_year = :year and coalesce(sector_name, '') = :sector
        order by total_value_cop desc, interactions desc, district_entity_name""",
    "lines_of_sdg": """
        select interaction_id, district_entity_name, cooperant_name, cooperant_contribution_cop,
               district_counterpart_cop, total_value_cop, pdd_objective_number, cooperant_key
        from reports.contributions where reporting_year = :year and sdg_number = :sdg
        order by interaction_id limit :max_rows""",
    "lines_of_pdd": """
        select interaction_id, district_entity_name, cooperant_name, cooperant_contribution_cop,
               district_counterpart_cop, total_value_cop, sdg_number, cooperant_key
        from reports.contributions where reporting_year = :year and pdd_objective_number = :objective
        order by interaction_id limit :max_rows""",
    "lines_of_entity": """
        select interaction_id, sector_name, cooperant_name, cooperant_contribution_cop,
               district_counterpart_cop, total_value_cop, sdg_number, pdd_objective_number, cooperant_key
        from reports.contributions where reporting_year = :year and district_entity_key = :entity
        order by interaction_id limit :max_rows""",
    "cooperant_list": """
        select cooperant_key, canonical_cooperant_name, cast(interactions as bigint) as interactions
        from reports.cooperants where reporting_year = :year
        order by canonical_cooperant_name limit :max_rows""",
    "cooperant": """
        select cooperant_key, cooperant_id, canonical_cooperant_name, acronym, iati_org_type_code,
               iati_org_type_name, organisation_group, country_iso2, country_name, is_district_office,
               table2_rows, cast(interactions as bigint) as interactions, monetary_lines,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop, classification_basis
        from reports.cooperants where reporting_year = :year and cooperant_key = :cooperant""",
    "lines_of_cooperant": """
        select interaction_id, sector_name, district_entity_name, cooperant_name,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop,
               sdg_number, pdd_objective_number
        from reports.contributions where reporting_year = :year and cooperant_key = :cooperant
        order by interaction_id limit :max_rows""",
    "table2_rows_of_cooperant": """
        select table_row_number, cooperant_name, interactions
        from reports.cooperant_interactions where reporting_year = :year and cooperant_key = :cooperant
        order by table_row_number""",
    "events_of_cooperant": """
        select interaction_id, reporting_year, event_year, event_month, event_day, date_precision,
               date_as_printed, interaction_kind, interaction_title, place_city, place_country,
               network_name_as_printed
        from reports.events where cooperant_key = :cooperant
        order by event_year, event_month nulls first, event_day nulls first, interaction_id""",
    # ------------------------------------------------------------------ networks, events
    "networks": """
        with facts as (
            select network_key,
                   string_agg(distinct legal_basis, '; ') as legal_basis,
                   string_agg(distinct coalesce(role, membership_status), '; ') as roles,
                   string_agg(distinct role_holder, '; ') as role_holders,
                   min(role_start_on) as first_role_start, max(role_end_on) as last_role_end
            from reports.network_memberships group by network_key
        )
        select n.network_key, n.network_name, n.network_acronym, n.network_kind, n.member_since,
               n.member_since_basis, f.legal_basis, n.fee_paying_entity, n.current_roles,
               n.membership_status, f.roles, f.role_holders, f.first_role_start, f.last_role_end,
               n.membership_facts, n.interactions, n.events
        from reports.networks as n left join facts as f on f.network_key = n.network_key
        order by n.member_since nulls last, n.network_name""",
    "network_roles": """
        select network_key, network_name, coalesce(role, membership_status) as role, role_holder,
               role_start_on, role_end_on, joined_on, joined_on_as_printed, legal_basis, legal_basis_date
        from reports.network_memberships
        order by network_name, role_start_on nulls first, membership_id""",
    "events": """
        select interaction_id, reporting_year, reporting_year_basis, event_year, event_month, event_day,
               date_precision, date_as_printed, start_date, end_date, interaction_kind, interaction_title,
               place_city, place_country, network_name_as_printed, counterpart_name_as_printed
        from reports.events
        order by event_year, event_month nulls first, event_day nulls first, interaction_id
        limit :max_rows""",
    # ------------------------------------------------------------------ discrepancies
    "discrepancies": """
        select discrepancy_id, reporting_year, category, description, published_value, published_where,
               other_value, other_where, difference, is_documented_by_hand, audit_model, severity
        from reports.source_discrepancies
        where reporting_year = :year or reporting_year is null
        order by is_documented_by_hand, discrepancy_id""",
}

# The query set of one dashboard session (the benchmark times exactly this).
DASHBOARD_QUERY_SET: list[tuple[str, dict]] = [
    ("years", {}), ("headline", {"year": None}), ("headline_discrepancies", {"year": None}),
    ("top_cooperants", {"year": None, "n": 10}), ("table1", {"year": None}),
    ("table2", {"year": None}), ("table3", {"year": None}), ("table4", {"year": None}),
    ("table5", {"year": None, "max_rows": MAX_ROWS}), ("pdd_shares", {"year": None}),
    ("sectors", {"year": None}), ("sector_sources", {"year": None}),
    ("cooperant_list", {"year": None, "max_rows": MAX_ROWS}),
    ("networks", {}), ("network_roles", {}), ("events", {"max_rows": MAX_ROWS}),
    ("discrepancies", {"year": None}),
]

Reader = Callable[[str, dict], pd.DataFrame]


class Queries:
    """Named queries over one reader (cached in the dashboard, plain in the report)."""

    def __init__(self, reader: Reader):
        self._read = reader

    def run(self, name: str, **params) -> pd.DataFrame:
        return self._read(SQL[name], params)

    # the few that take defaults or post-process
    def years(self) -> list[int]:
        return [int(y) for y in self.run("years")["reporting_year"]]

    def headline(self, year: int) -> dict:
        return self.run("headline", year=year).iloc[0].to_dict()

    def version(self) -> dict | None:
        """The row of reports.warehouse_version, or None when the relation does not exist or
        the file was never published by the job (a bare `dbt build` leaves run_id null)."""
        if int(self.run("version_relation")["n"].iloc[0]) == 0:
            return None
        df = self.run("version_row")
        if not len(df) or pd.isna(df["run_id"].iloc[0]):
            return None
        return df.iloc[0].to_dict()

    def top_cooperants(self, year: int, n: int = 10) -> pd.DataFrame:
        return self.run("top_cooperants", year=year, n=n)

    def table5(self, year: int) -> pd.DataFrame:
        return self.run("table5", year=year, max_rows=MAX_ROWS)


def params_for(name: str, params: dict, year: int) -> dict:
    return {k: (year if k == "year" else v) for k, v in params.items()}
