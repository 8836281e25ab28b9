"""SYNTHETIC benchmark inputs for `make bench` (scripts/bench.py), generated in DuckDB SQL.

One Parquet file per raw input, ``synthetic_<seed>.parquet``, all columns text like the
seeds, in a scratch folder; the dbt project reads them instead of the seeds only when
BOGOTA_BENCH_DIR points at that folder (macro raw_input, source `bench`). Never published.

Shapes: ten reporting years (2015-2024), thousands of cooperants with a skewed share of the
interactions, 100 district entities in 15 sectors, 40 % monetary Table 5 lines with skewed
amounts (10^4 to 10^10 pesos), the rest dated events. Every printed control (Tables 1, 2,
3, the headline footers, section 5 shares) is computed here from the generated base rows,
so every audit reconciles. A later "night" (``night=1``) adds 1 % new events and changes
the title of 0.1 % of the events; the printed controls of those closed years stay as they
were (events are not counted by any printed control).
"""
from __future__ import annotations

from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
YEARS = 10
FIRST_YEAR = 2015
MONETARY_PCT = 40


def _u(key: int) -> str:
    """A uniform number in [0, 1) from the row id, deterministic (no random seed state)."""
    return f"((hash(i, {key}) % 1000000) / 1000000.0)"


def _es(amount: str) -> str:
    """Spanish print format of a non-negative DECIMAL, exact to the cent (no double: a year's
    total at 10 M rows has 17 digits): $ 1.234.567,50"""
    x = f"cast({amount} as decimal(38, 2))"
    return (f"('$ ' || replace(format('{{:,}}', cast(floor({x}) as bigint)), ',', '.') || ',' "
            f"|| right(cast({x} as varchar), 2))")


def generate(folder: Path, interactions: int, night: int = 0) -> dict[str, int]:
    """Write the synthetic inputs for ``interactions`` base rows into ``folder``; ``night`` > 0
    adds the changes of that many nights. Returns rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    n = interactions
    cooperants = min(5000, max(2000, n // 2000))
    con = duckdb.connect()
    try:
        con.execute(f"""
        create table base as
        select
            i,
            {FIRST_YEAR} + i % {YEARS} as yr,
            hash(i, 1) % 100 < {MONETARY_PCT} as is_monetary,
            cast(floor({cooperants} * pow({_u(2)}, 2)) as integer) as coop,
            cast(floor(100 * pow({_u(3)}, 1.5)) as integer) as entity,
            cast(1 + hash(i, 4) % 17 as integer) as sdg,
            cast(1 + hash(i, 5) % 5 as integer) as pdd,
            case when {_u(7)} < 0.7 then cast(round(pow(10, 4 + 6 * pow({_u(6)}, 2)), 2) as decimal(18, 2))
                 else 0.00 end as contribution,
            case when {_u(9)} < 0.6 then cast(round(pow(10, 4 + 5 * pow({_u(8)}, 2)), 2) as decimal(18, 2))
                 else 0.00 end as counterpart,
            cast(hash(i, 10) % 365 as integer) as day_of_year
        from range({n}) as r(i)
        """)
        con.execute("""
        create table base_ids as
        select
            *,
            contribution + counterpart as total,
            case when is_monetary
                then 'T5-' || yr || '-' || lpad(cast(row_number() over (partition by yr, is_monetary order by i)
                                                   as varchar), 7, '0')
                else 'EV-' || yr || '-' || lpad(cast(row_number() over (partition by yr, is_monetary order by i)
                                                   as varchar), 7, '0')
            end as interaction_id
        from base
        """)
        # the rows of the warehouse's sources tonight: the base, plus each night's changes
        new_events = n // 100 * night
        con.execute(f"""
        create table rows_tonight as
        select * replace (
            case when not is_monetary and hash(i, 11) % 1000 < {night} then 'revised ' || {night} else '' end
                as title_suffix)
        from (select *, '' as title_suffix from base_ids)
        union all
        select
            {n} + j as i, {FIRST_YEAR + YEARS - 1} as yr, false as is_monetary,
            cast(floor({cooperants} * pow(((hash(j, 2) % 1000000) / 1000000.0), 2)) as integer) as coop,
            cast(floor(100 * pow(((hash(j, 3) % 1000000) / 1000000.0), 1.5)) as integer) as entity,
            1 as sdg, 1 as pdd, 0.00 as contribution, 0.00 as counterpart, cast(hash(j, 10) % 365 as integer),
            0.00 as total, 'EV-{FIRST_YEAR + YEARS - 1}-N' || lpad(cast(j as varchar), 8, '0') as interaction_id,
            'new' as title_suffix
        from range({new_events}) as r(j)
        """)
        names = {"coop": "'SYNTHETIC COOPERANT ' || lpad(cast(coop as varchar), 5, '0')",
                 "entity": "'SYNTHETIC DISTRICT ENTITY ' || lpad(cast(entity as varchar), 3, '0')",
                 "sector": "'SYNTHETIC SECTOR ' || lpad(cast(entity % 15 as varchar), 2, '0')",
                 "source": "'synthetic_report_' || yr || '.txt'"}
        files = {
            "raw_interactions": f"""
                select interaction_id, cast(yr as varchar) as reporting_year,
                    case when is_monetary then 'monetary_contribution' else 'meeting' end as interaction_kind,
                    case when is_monetary then null
                         else 'SYNTHETIC event ' || i
                              || (case when title_suffix = '' then '' else ' ' || title_suffix end)
                    end as interaction_title,
                    case when is_monetary then null else cast(make_date(yr, 1, 1) + day_of_year as varchar) end
                        as start_date,
                    case when is_monetary then null else cast(make_date(yr, 1, 1) + day_of_year as varchar) end
                        as end_date,
                    case when is_monetary then 'vigencia ' || yr
                         else cast(make_date(yr, 1, 1) + day_of_year as varchar) end as date_as_printed,
                    case when is_monetary then 'year' else 'day' end as date_precision,
                    case when is_monetary then null else 'SYNTHETIC CITY ' || (hash(i, 12) % 300) end as place_city,
                    case when is_monetary then null else 'SYNTHETIC COUNTRY ' || (hash(i, 13) % 60) end
                        as place_country,
                    case when is_monetary then {names['sector']} end as sector_name,
                    {names['entity']} as district_entity_name,
                    {names['coop']} as cooperant_name,
                    cast(null as varchar) as counterparts_as_printed, cast(null as varchar) as network_name,
                    cast(null as varchar) as district_participant,
                    case when is_monetary then {_es('contribution')} end as cooperant_contribution,
                    case when is_monetary then {_es('counterpart')} end as district_counterpart,
                    case when is_monetary then {_es('total')} end as total_value,
                    {names['source']} as source_file,
                    case when is_monetary then 'SYNTHETIC Tabla 5' else 'SYNTHETIC events' end as source_section,
                    'SYNTHETIC benchmark row, never published' as notes
                from rows_tonight""",
            "ref_contribution_line_attributes": """
                select interaction_id, cast(sdg as varchar) as sdg_number, cast(pdd as varchar) as pdd_objective_number,
                    'SYNTHETIC' as sdg_basis, 'SYNTHETIC' as pdd_objective_basis
                from base_ids where is_monetary""",
            "ref_cooperants": f"""
                select 'syn_coop_' || lpad(cast(coop as varchar), 5, '0') as cooperant_id,
                    {names['coop']} as canonical_cooperant_name, cast(null as varchar) as acronym,
                    cast([10, 11, 21, 40, 60, 70, 80][1 + coop % 7] as varchar) as iati_org_type_code,
                    'SYNTHETIC' as iati_org_type_name, cast(null as varchar) as country_iso2,
                    cast(null as varchar) as country_name,
                    'false' as is_district_office, 'SYNTHETIC' as classification_basis,
                    'SYNTHETIC benchmark cooperant' as notes
                from range({cooperants}) as r(coop)""",
            "ref_cooperant_aliases": f"""
                select {names['coop']} as alias_name,
                    'syn_coop_' || lpad(cast(coop as varchar), 5, '0') as cooperant_id,
                    'SYNTHETIC' as alias_source, cast(null as varchar) as notes
                from range({cooperants}) as r(coop)""",
            "raw_cooperants": f"""
                select cast(row_number() over (partition by yr order by coop) as varchar) as table_row_number,
                    {names['coop']} as cooperant_name, cast(count(*) as varchar) as reported_interactions,
                    cast(yr as varchar) as reporting_year, {names['source']} as source_file,
                    'SYNTHETIC Tabla 2' as source_table
                from base_ids group by yr, coop""",
            "ref_district_entities": f"""
                select cast(row_number() over (partition by yr order by entity) as varchar) as table_row_number,
                    {names['entity']} as district_entity_name, cast(count(*) as varchar) as reported_interactions,
                    {names['sector']} as sector_name, 'SYNTHETIC' as sector_source, 'true' as is_district_entity,
                    cast(yr as varchar) as reporting_year, {names['source']} as source_file,
                    'SYNTHETIC Tabla 3' as source_table, cast(null as varchar) as notes
                from base_ids group by yr, entity""",
            "ref_source_documents": f"""
                select 'synthetic_report_' || yr || '.txt' as source_file, 'SYNTHETIC report ' || yr as title,
                    'es' as language, 'SYNTHETIC' as publisher, cast(null as varchar) as published_on,
                    cast(yr as varchar) as report_vigencia, 'SYNTHETIC benchmark document' as notes
                from range({FIRST_YEAR}, {FIRST_YEAR + YEARS}) as r(yr)""",
            "control_table1_sdgs": f"""
                select cast(row_number() over (partition by yr order by sdg) as varchar) as table_row_number,
                    sdg || '. SYNTHETIC' as sdg_label_as_printed, cast(sdg as varchar) as sdg_number,
                    cast(count(*) filter (where not is_monetary) as varchar) as non_monetary_interactions,
                    cast(count(*) filter (where is_monetary) as varchar) as monetary_interactions,
                    cast(count(*) as varchar) as total_interactions,
                    {_es('coalesce(sum(total) filter (where is_monetary), 0)')} as total_value,
                    cast(yr as varchar) as reporting_year, {names['source']} as source_file,
                    'SYNTHETIC Tabla 1' as source_table
                from base_ids group by yr, sdg""",
            "control_headline_figures": f"""
                with t as (
                    select yr, count(*) as interactions, count(*) filter (where is_monetary) as lines,
                        count(*) filter (where not is_monetary) as events,
                        sum(contribution) filter (where is_monetary) as contribution,
                        sum(counterpart) filter (where is_monetary) as counterpart,
                        sum(total) filter (where is_monetary) as total
                    from base_ids group by yr
                )
                select figure_id, cast(yr as varchar) as reporting_year, measure, unit, value_as_printed,
                    {names['source']} as source_file, 'SYNTHETIC footer' as source_section,
                    'SYNTHETIC benchmark control' as description
                from t, lateral (values
                    ('t1_total_non_monetary', 'non_monetary_interactions', 'interactions', cast(events as varchar)),
                    ('t1_total_monetary', 'monetary_interactions', 'interactions', cast(lines as varchar)),
                    ('t1_total_interactions', 'total_interactions', 'interactions', cast(interactions as varchar)),
                    ('t1_total_value', 'total_value', 'COP', {_es('total')}),
                    ('t2_total_interactions', 'total_interactions', 'interactions', cast(interactions as varchar)),
                    ('t3_total_interactions', 'total_interactions', 'interactions', cast(interactions as varchar)),
                    ('t5_cooperant_contribution', 'cooperant_contribution', 'COP', {_es('contribution')}),
                    ('t5_district_counterpart', 'district_counterpart', 'COP', {_es('counterpart')}),
                    ('t5_total_value', 'total_value', 'COP', {_es('total')}),
                    ('t5_monetary_lines', 'monetary_interactions', 'interactions', cast(lines as varchar))
                ) as f(figure_id, measure, unit, value_as_printed)""",
            "control_pdd_shares": f"""
                with p as (
                    select yr, pdd, count(*) as lines, cast(sum(total) as decimal(38, 2)) as total
                    from base_ids where is_monetary group by yr, pdd
                )
                select cast(pdd as varchar) as pdd_objective_number,
                    replace(cast(cast(round(100 * total / sum(total) over (partition by yr), 2) as decimal(5, 2))
                        as varchar), '.', ',') || '%' as share_pct_as_printed,
                    cast(lines as varchar) as interactions, cast(yr as varchar) as reporting_year,
                    {names['source']} as source_file, 'SYNTHETIC Sección 5' as source_section,
                    cast(null as varchar) as notes
                from p""",
        }
        rows = {}
        for name, sql in files.items():
            con.execute(f"copy ({sql}) to '{folder / f'synthetic_{name}.parquet'}' (format parquet)")
            rows[name] = con.execute(f"select count(*) from '{folder / f'synthetic_{name}.parquet'}'").fetchone()[0]
        # every other input: the real seed, as text, unchanged (SDGs, PDD objectives, networks, ...)
        for seed in sorted((PROJECT_DIR / "seeds").rglob("*.csv")):
            if seed.stem in files:
                continue
            if seed.stem == "control_table4_action_collaboration":  # no Table 4 in the synthetic years
                sql = f"select * from read_csv('{seed}', all_varchar = true, header = true) limit 0"
            else:
                sql = f"select * from read_csv('{seed}', all_varchar = true, header = true)"
            con.execute(f"copy ({sql}) to '{folder / f'synthetic_{seed.stem}.parquet'}' (format parquet)")
            rows[seed.stem] = con.execute(f"select count(*) from ({sql})").fetchone()[0]
        return rows
    finally:
        con.close()


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
