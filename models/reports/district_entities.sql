-- One row per (reporting year, district entity): its sector, what Table 3 reports for it and
-- what its Table 5 lines add up to, each side aggregated to the entity before they meet.
with

entities as (
    select * from {{ ref('dim_district_entities') }}
),

table3 as (
    select * from {{ ref('fct_district_entity_interaction_counts') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

table3_by_entity as (
    select
        reporting_year,
        district_entity_key,
        sum(reported_interactions) as interactions
    from table3
    group by reporting_year, district_entity_key
),

lines_by_entity as (
    {{ contribution_totals('contributions', ['reporting_year', 'district_entity_key']) }}
),

per_year as (
    select
        coalesce(table3_by_entity.reporting_year, lines_by_entity.reporting_year) as reporting_year,
        coalesce(table3_by_entity.district_entity_key, lines_by_entity.district_entity_key) as district_entity_key,
        coalesce(table3_by_entity.interactions, 0) as interactions,
        coalesce(lines_by_entity.monetary_lines, 0) as monetary_lines,
        coalesce(lines_by_entity.cooperant_contribution_cop, 0) as cooperant_contribution_cop,
        coalesce(lines_by_entity.district_counterpart_cop, 0) as district_counterpart_cop,
        coalesce(lines_by_entity.total_value_cop, 0) as total_value_cop
    from table3_by_entity
    full outer join lines_by_entity
        on
        table3_by_entity.reporting_year = lines_by_entity.reporting_year
        and table3_by_entity.district_entity_key = lines_by_entity.district_entity_key
),

final as (
    select
        per_year.reporting_year,
        per_year.district_entity_key,
        entities.district_entity_name,
        entities.sector_name,
        entities.sector_source,
        entities.is_district_entity,
        per_year.interactions,
        per_year.monetary_lines,
        cast(per_year.cooperant_contribution_cop as decimal(18, 2)) as cooperant_contribution_cop,
        cast(per_year.district_counterpart_cop as decimal(18, 2)) as district_counterpart_cop,
        cast(per_year.total_value_cop as decimal(18, 2)) as total_value_cop
    from per_year
    left join entities on per_year.district_entity_key = entities.district_entity_key
)

select * from final
