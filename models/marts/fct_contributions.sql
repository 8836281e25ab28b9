-- Monetary contributions: one row per Table 5 line.
-- Incremental like fct_interactions (merge on interaction_id, only rows whose resolved
-- content changed; lines no longer in the sources deleted by the post-hook).
-- depends_on: {{ ref('stg_globo__interactions') }}
{{ config(
    materialized='incremental',
    unique_key='interaction_id',
    post_hook="delete from {{ this }} where interaction_id not in
        (select interaction_id from {{ ref('stg_globo__interactions') }} where is_monetary)"
) }}
with

interactions as (
    select * from {{ ref('int_interactions_resolved') }}
    where is_monetary
),

changed as (
    {{ changed_rows('interactions', 'interaction_id') }}
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
        source_section,
        row_hash
    from changed
)

select * from final
