-- Rule: each Table 4 subtotal equals the sum of its detail rows, and the Table 4 total
-- equals the sum of its subtotals. Table 4 is kept only as printed, so a mismatch is a
-- printing inconsistency of the source (warn), listed with both figures.
with

table4 as (
    select * from {{ ref('fct_published_action_collaboration_values') }}
),

detail_sums as (
    select
        reporting_year,
        action_type,
        sum(value_cop_millions) as detail_sum
    from table4
    where row_kind = 'detail'
    group by reporting_year, action_type
),

subtotal_sums as (
    select
        reporting_year,
        sum(value_cop_millions) as subtotal_sum
    from table4
    where row_kind = 'subtotal'
    group by reporting_year
),

subtotals as (
    select
        table4.reporting_year,
        'TABLE4-SUBTOTAL-' || upper(replace(strip_accents(table4.action_type), ' ', '_')) as control_key,
        'Table 4 subtotal vs its rows' as category,
        'Table 4 prints the ' || table4.action_type || ' subtotal as ' || table4.value_as_printed
        || ' million; its rows add up to ' || cast(detail_sums.detail_sum as integer) || ' million' as description,
        table4.value_cop_millions as expected,
        detail_sums.detail_sum as actual,
        'Tabla 4, Sub Total ' || table4.action_type as expected_where,
        'Tabla 4, sum of the ' || table4.action_type || ' rows' as actual_from
    from table4
    left join detail_sums
        on table4.reporting_year = detail_sums.reporting_year
        and table4.action_type = detail_sums.action_type
    where table4.row_kind = 'subtotal'
),

totals as (
    select
        table4.reporting_year,
        'TABLE4-TOTAL' as control_key,
        'Table 4 total vs its subtotals' as category,
        'Table 4 prints the total as ' || table4.value_as_printed || ' million; its subtotals add up to '
        || cast(subtotal_sums.subtotal_sum as integer) || ' million' as description,
        table4.value_cop_millions as expected,
        subtotal_sums.subtotal_sum as actual,
        'Tabla 4, Total general' as expected_where,
        'Tabla 4, sum of Sub Total rows' as actual_from
    from table4
    left join subtotal_sums on table4.reporting_year = subtotal_sums.reporting_year
    where table4.row_kind = 'total'
),

compared as (
    select
        *,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'warn' as severity
    from subtotals

    union all

    select
        *,
        cast(null as varchar),
        cast(null as varchar),
        'warn'
    from totals
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
