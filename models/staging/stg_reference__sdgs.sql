-- The 17 Sustainable Development Goals as named in the report.
with

source as (
    select * from {{ raw_input('ref_sdgs') }}
),

final as (
    select
        {{ parse_integer('sdg_number', "'ref_sdgs row ' || coalesce(sdg_name, '?')") }} as sdg_number,
        trim(sdg_name) as sdg_name,
        trim(sdg_heading_section2) as sdg_heading_section2,
        trim(sdg_description) as sdg_description,
        trim(name_source) as name_source
    from source
)

select * from final
