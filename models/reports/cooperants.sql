-- One row per (reporting year, canonical cooperant): who it is, what Table 2 reports for it
-- (duplicate printed rows merged) and what its Table 5 lines add up to. Both sides are
-- aggregated to the cooperant before they meet, so nothing fans out.
with

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

table2 as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

table2_by_cooperant as (
    select
        reporting_year,
        cooperant_key,
        count(*) as table2_rows,
        sum(reported_interactions) as interactions
    from table2
    group by reporting_year, cooperant_key
),

lines_by_cooperant as (
    {{ contribution_totals('contributions', ['reporting_year', 'cooperant_key']) }}
),

per_year as (
    select
        coalesce(table2_by_cooperant.reporting_year, lines_by_cooperant.reporting_year) as reporting_year,
        coalesce(table2_by_cooperant.cooperant_key, lines_by_cooperant.cooperant_key) as cooperant_key,
        coalesce(table2_by_cooperant.table2_rows, 0) as table2_rows,
        coalesce(table2_by_cooperant.interactions, 0) as interactions,
        coalesce(lines_by_cooperant.monetary_lines, 0) as monetary_lines,
        coalesce(lines_by_cooperant.cooperant_contribution_cop, 0) as cooperant_contribution_cop,
        coalesce(lines_by_cooperant.district_counterpart_cop, 0) as district_counterpart_cop,
        coalesce(lines_by_cooperant.total_value_cop, 0) as total_value_cop
    from table2_by_cooperant
    full outer join lines_by_cooperant
        on
        table2_by_cooperant.reporting_year = lines_by_cooperant.reporting_year
        and table2_by_cooperant.cooperant_key = lines_by_cooperant.cooperant_key
),

final as (
    select
        per_year.reporting_year,
        per_year.cooperant_key,
        cooperants.cooperant_id,
        cooperants.canonical_cooperant_name,
        cooperants.acronym,
        cooperants.iati_org_type_code,
        cooperants.iati_org_type_name,
        cooperants.organisation_group,
        cooperants.country_iso2,
        cooperants.country_name,
        cooperants.is_district_office,
        per_year.table2_rows,
        per_year.interactions,
        per_year.monetary_lines,
        cast(per_year.cooperant_contribution_cop as decimal(18, 2)) as cooperant_contribution_cop,
        cast(per_year.district_counterpart_cop as decimal(18, 2)) as district_counterpart_cop,
        cast(per_year.total_value_cop as decimal(18, 2)) as total_value_cop,
        cooperants.classification_basis
    from per_year
    left join cooperants on per_year.cooperant_key = cooperants.cooperant_key
)

select * from final
