-- Table 4: value by action type and collaboration type, in millions of pesos (detail rows;
-- subtotals are reconciled in source_discrepancies). Published figures: no per-line source exists.
with

published as (
    select * from {{ ref('fct_published_action_collaboration_values') }}
),

final as (
    select
        reporting_year,
        action_type,
        collaboration_type,
        value_cop_millions,
        table_row_number,
        value_as_printed
    from published
    where row_kind = 'detail'
)

select * from final
