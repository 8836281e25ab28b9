-- Headline totals printed in sections 2-5 and in table footers.
with

published as (
    select * from {{ ref('stg_controls__headline_figures') }}
),

final as (
    select
        figure_id,
        reporting_year,
        measure,
        unit,
        published_value,
        value_as_printed,
        source_file,
        source_section,
        description
    from published
)

select * from final
