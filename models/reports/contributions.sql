-- Table 5 at line level, with the derived SDG and PDD objective of each line.
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

entities as (
    select * from {{ ref('dim_district_entities') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

final as (
    select
        contributions.reporting_year,
        contributions.sector_name_as_printed as sector_name,
        contributions.district_entity_name_as_printed as district_entity_name,
        contributions.cooperant_name_as_printed as cooperant_name,
        contributions.cooperant_contribution_cop,
        contributions.district_counterpart_cop,
        contributions.total_value_cop,
        contributions.sdg_number,
        contributions.pdd_objective_number,
        contributions.interaction_id,
        contributions.contribution_key,
        contributions.cooperant_key,
        contributions.district_entity_key,
        cooperants.canonical_cooperant_name,
        entities.sector_name as district_entity_sector_name,
        contributions.source_file,
        contributions.source_section
    from contributions
    left join entities
        on contributions.district_entity_key = entities.district_entity_key
    left join cooperants
        on contributions.cooperant_key = cooperants.cooperant_key
)

select * from final
