-- `make bench`: the warehouse's core transformations written by hand as plain DuckDB SQL,
-- over the same SYNTHETIC Parquet inputs ({data} is replaced by scripts/bench.py). Same
-- parsing (Spanish amounts, name matching keys), same resolution (aliases, entities, line
-- attributes, report vigencia), the two fact tables, the cooperant dimension, the per-year
-- rollups and the headline reconciliation; no tests, no views for BI, no snapshots.
create or replace table stg_interactions as
select
    trim(interaction_id) as interaction_id,
    cast(reporting_year as integer) as reporting_year,
    lower(trim(interaction_kind)) as interaction_kind,
    nullif(trim(interaction_title), '') as interaction_title,
    cast(nullif(trim(start_date), '') as date) as start_date,
    cast(nullif(trim(end_date), '') as date) as end_date,
    nullif(trim(date_as_printed), '') as date_as_printed,
    coalesce(nullif(lower(trim(date_precision)), ''), 'not_printed') as date_precision,
    nullif(trim(place_city), '') as place_city,
    nullif(trim(place_country), '') as place_country,
    nullif(trim(sector_name), '') as sector_name,
    nullif(trim(district_entity_name), '') as district_entity_name,
    nullif(trim(regexp_replace(upper(strip_accents(district_entity_name)), '\s+', ' ', 'g')), '') as entity_key,
    nullif(trim(cooperant_name), '') as cooperant_name,
    nullif(trim(regexp_replace(upper(strip_accents(cooperant_name)), '\s+', ' ', 'g')), '') as cooperant_key_name,
    cast(replace(replace(regexp_replace(trim(cooperant_contribution), '[$\s]', '', 'g'), '.', ''), ',', '.')
        as decimal(18, 2)) as cooperant_contribution_cop,
    cast(replace(replace(regexp_replace(trim(district_counterpart), '[$\s]', '', 'g'), '.', ''), ',', '.')
        as decimal(18, 2)) as district_counterpart_cop,
    cast(replace(replace(regexp_replace(trim(total_value), '[$\s]', '', 'g'), '.', ''), ',', '.')
        as decimal(18, 2)) as total_value_cop,
    trim(source_file) as source_file,
    trim(source_section) as source_section,
    nullif(trim(notes), '') as notes
from read_parquet('{data}/synthetic_raw_interactions.parquet');

create or replace table aliases as
select
    trim(regexp_replace(upper(strip_accents(alias_name)), '\s+', ' ', 'g')) as name_key,
    trim(cooperant_id) as cooperant_id
from read_parquet('{data}/synthetic_ref_cooperant_aliases.parquet');

create or replace table entities as
select
    trim(regexp_replace(upper(strip_accents(district_entity_name)), '\s+', ' ', 'g')) as entity_key,
    district_entity_name,
    nullif(trim(sector_name), '') as sector_name
from read_parquet('{data}/synthetic_ref_district_entities.parquet')
qualify row_number() over (partition by entity_key order by cast(reporting_year as integer) desc) = 1;

create or replace table table2 as
select
    cast(t.reporting_year as integer) as reporting_year,
    cast(t.table_row_number as integer) as table_row_number,
    t.cooperant_name,
    a.cooperant_id,
    cast(t.reported_interactions as integer) as reported_interactions
from read_parquet('{data}/synthetic_raw_cooperants.parquet') as t
left join aliases as a on trim(regexp_replace(upper(strip_accents(t.cooperant_name)), '\s+', ' ', 'g')) = a.name_key;

create or replace table fct_interactions as
select
    md5(to_json([i.interaction_id])) as interaction_key,
    i.* exclude (reporting_year, entity_key, cooperant_key_name),
    coalesce(cast(d.report_vigencia as integer), i.reporting_year) as reporting_year,
    i.reporting_year as event_year,
    a.cooperant_id,
    case when a.cooperant_id is not null then md5(to_json([a.cooperant_id])) end as cooperant_key,
    md5(to_json([i.entity_key])) as district_entity_key,
    e.sector_name as entity_sector_name,
    cast(l.sdg_number as integer) as sdg_number,
    cast(l.pdd_objective_number as integer) as pdd_objective_number
from stg_interactions as i
left join aliases as a on i.cooperant_key_name = a.name_key
left join entities as e on i.entity_key = e.entity_key
left join read_parquet('{data}/synthetic_ref_contribution_line_attributes.parquet') as l
    on i.interaction_id = l.interaction_id
left join read_parquet('{data}/synthetic_ref_source_documents.parquet') as d on i.source_file = d.source_file;

create or replace table fct_contributions as
select * from fct_interactions where total_value_cop is not null;

create or replace table dim_cooperants as
select
    md5(to_json([c.cooperant_id])) as cooperant_key,
    c.*,
    coalesce(t.rows_printed, 0) as table2_row_count
from read_parquet('{data}/synthetic_ref_cooperants.parquet') as c
left join (select cooperant_id, count(*) as rows_printed from table2 group by 1) as t using (cooperant_id);

create or replace table year_totals as
select
    reporting_year,
    count(*) as monetary_lines,
    sum(cooperant_contribution_cop) as cooperant_contribution_cop,
    sum(district_counterpart_cop) as district_counterpart_cop,
    sum(total_value_cop) as total_value_cop
from fct_contributions group by 1;

create or replace table cooperant_rollup as
select
    coalesce(t.reporting_year, c.reporting_year) as reporting_year,
    coalesce(t.cooperant_id, c.cooperant_id) as cooperant_id,
    coalesce(t.interactions, 0) as interactions,
    coalesce(c.lines, 0) as monetary_lines,
    coalesce(c.total, 0) as total_value_cop
from (select reporting_year, cooperant_id, sum(reported_interactions) as interactions from table2 group by 1, 2) as t
full outer join (
    select reporting_year, cooperant_id, count(*) as lines, sum(total_value_cop) as total
    from fct_contributions group by 1, 2
) as c on t.reporting_year = c.reporting_year and t.cooperant_id = c.cooperant_id;

create or replace table sdg_summary as
select reporting_year, sdg_number, count(*) as monetary_interactions, sum(total_value_cop) as total_value_cop
from fct_contributions group by 1, 2;

create or replace table hand_audit as
select
    h.reporting_year,
    h.figure_id,
    cast(replace(replace(regexp_replace(trim(h.value_as_printed), '[$\s]', '', 'g'), '.', ''), ',', '.')
        as decimal(38, 2)) as expected,
    cast(case h.figure_id
        when 't5_cooperant_contribution' then y.cooperant_contribution_cop
        when 't5_district_counterpart' then y.district_counterpart_cop
        when 't5_total_value' then y.total_value_cop
        when 't5_monetary_lines' then y.monetary_lines
        when 't2_total_interactions' then (select sum(interactions) from cooperant_rollup as r
                                           where r.reporting_year = y.reporting_year)
    end as decimal(38, 2)) as actual
from (
    select cast(reporting_year as integer) as reporting_year, figure_id, value_as_printed
    from read_parquet('{data}/synthetic_control_headline_figures.parquet')
    where figure_id in ('t5_cooperant_contribution', 't5_district_counterpart', 't5_total_value',
                        't5_monetary_lines', 't2_total_interactions')
) as h
inner join year_totals as y on h.reporting_year = y.reporting_year;
