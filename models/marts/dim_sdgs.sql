-- The 17 SDGs, with the PDD objective that serves each (section 2).
with

sdgs as (
    select * from {{ ref('stg_reference__sdgs') }}
),

objective_sdgs as (
    select * from {{ ref('stg_reference__pdd_objective_sdgs') }}
),

final as (
    select
        sdgs.sdg_number,
        sdgs.sdg_name,
        sdgs.sdg_heading_section2,
        sdgs.sdg_description,
        objective_sdgs.pdd_objective_number as serving_pdd_objective_number,
        sdgs.name_source
    from sdgs
    left join objective_sdgs
        on sdgs.sdg_number = objective_sdgs.sdg_number
)

select * from final
