-- The five PDD 2024-2027 strategic objectives and the SDGs each serves.
with

objectives as (
    select * from {{ ref('stg_reference__pdd_objectives') }}
),

objective_sdgs as (
    select * from {{ ref('stg_reference__pdd_objective_sdgs') }}
),

sdg_lists as (
    select
        pdd_objective_number,
        string_agg(cast(sdg_number as varchar), ', ' order by sdg_number) as sdg_numbers,
        count(*) as sdg_count
    from objective_sdgs
    group by pdd_objective_number
),

final as (
    select
        objectives.pdd_objective_number,
        objectives.pdd_objective_name,
        objectives.pdd_objective_name_section5,
        sdg_lists.sdg_numbers,
        coalesce(sdg_lists.sdg_count, 0) as sdg_count,
        objectives.source_section
    from objectives
    left join sdg_lists
        on objectives.pdd_objective_number = sdg_lists.pdd_objective_number
)

select * from final
