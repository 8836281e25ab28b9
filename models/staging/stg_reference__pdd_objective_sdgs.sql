-- Which SDGs each PDD objective serves (section 2).
with

source as (
    select * from {{ raw_input('ref_pdd_objective_sdgs') }}
),

final as (
    select
        {{ parse_integer(
            'pdd_objective_number',
            "'ref_pdd_objective_sdgs row (pdd_objective_number ' || coalesce(pdd_objective_number, '?') || ')'"
        ) }}
            as pdd_objective_number,
        {{ parse_integer(
            'sdg_number',
            "'ref_pdd_objective_sdgs row (sdg_number ' || coalesce(sdg_number, '?') || ')'"
        ) }}
            as sdg_number,
        trim(source_file) as source_file,
        trim(source_section) as source_section
    from source
)

select * from final
