-- The five strategic objectives of the Plan Distrital de Desarrollo 2024-2027.
with

source as (
    select * from {{ raw_input('ref_pdd_objectives') }}
),

final as (
    select
        {{ parse_integer('pdd_objective_number', "'ref_pdd_objectives row ' || coalesce(pdd_objective_name, '?')") }}
            as pdd_objective_number,
        trim(pdd_objective_name) as pdd_objective_name,
        trim(pdd_objective_name_section5) as pdd_objective_name_section5,
        trim(sdg_numbers_as_printed) as sdg_numbers_as_printed,
        trim(source_file) as source_file,
        trim(source_section) as source_section
    from source
)

select * from final
