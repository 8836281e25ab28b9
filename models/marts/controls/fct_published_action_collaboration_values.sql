-- Table 4 as printed (millions of pesos). The sources give no action or collaboration
-- type per Table 5 line, so these values cannot be recomputed: they are published controls.
with

published as (
    select * from {{ ref('stg_controls__table4_action_collaboration') }}
),

final as (
    select
        {{ surrogate_key(['reporting_year', 'table_row_number']) }} as published_action_value_key,
        reporting_year,
        table_row_number,
        row_kind,
        action_type,
        collaboration_type,
        value_cop_millions,
        value_as_printed,
        source_file,
        source_table
    from published
)

select * from final
