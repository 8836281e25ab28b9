-- Headline control figures printed in the narrative and in table footers.
with

source as (
    select * from {{ raw_input('control_headline_figures') }}
),

final as (
    select
        trim(figure_id) as figure_id,
        {{ parse_integer('reporting_year', "'control_headline_figures row ' || figure_id || ' (reporting_year)'") }}
            as reporting_year,
        trim(measure) as measure,
        trim(unit) as unit,
        {{ parse_spanish_amount('value_as_printed', "'control_headline_figures row ' || figure_id") }}
            as published_value,
        trim(value_as_printed) as value_as_printed,
        trim(source_file) as source_file,
        trim(source_section) as source_section,
        trim(description) as description
    from source
)

select * from final
