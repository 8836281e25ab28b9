-- Table 1 figures as printed (the control the warehouse must reproduce).
with

published as (
    select * from {{ ref('stg_controls__table1_sdgs') }}
),

final as (
    select
        {{ surrogate_key(['reporting_year', 'sdg_number']) }} as published_sdg_figure_key,
        reporting_year,
        sdg_number,
        sdg_label_as_printed,
        non_monetary_interactions,
        monetary_interactions,
        total_interactions,
        total_value_cop,
        table_row_number,
        source_file,
        source_table
    from published
)

select * from final
