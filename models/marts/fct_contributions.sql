-- Monetary contributions: one row per Table 5 line.
with

interactions as (
    select * from {{ ref('int_interactions_resolved') }}
    where is_monetary
),

final as (
    select
        {{ surrogate_key(['interaction_id']) }} as contribution_key,
        interaction_id,
        reporting_year,
        case when cooperant_id is not null
                then {{ surrogate_key(['cooperant_id']) }}
        end as cooperant_key,
        cooperant_id,
        cooperant_name as cooperant_name_as_printed,
        {{ surrogate_key(['district_entity_name_key']) }} as district_entity_key,
        district_entity_name as district_entity_name_as_printed,
        sector_name as sector_name_as_printed,
        sdg_number,
        pdd_objective_number,
        cooperant_contribution_cop,
        district_counterpart_cop,
        total_value_cop,
        sdg_basis,
        pdd_objective_basis,
        source_file,
        source_section
    from interactions
)

select * from final
