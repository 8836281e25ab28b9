-- Table 4 as published (millions of pesos): detail, subtotal and total rows.
with

source as (
    select * from {{ raw_input('control_table4_action_collaboration') }}
),

final as (
    select
        {{ parse_integer(
            'table_row_number',
            "'control_table4_action_collaboration row ' || coalesce(table_row_number, '?')"
        ) }}
            as table_row_number,
        lower(trim(row_kind)) as row_kind,
        nullif(trim(action_type), '') as action_type,
        nullif(trim(collaboration_type), '') as collaboration_type,
        {{ parse_spanish_amount(
            'value_as_printed',
            "'control_table4_action_collaboration row ' || coalesce(table_row_number, '?')"
        ) }}
            as value_cop_millions,
        trim(value_as_printed) as value_as_printed,
        {{ parse_integer(
            'reporting_year',
            "'control_table4_action_collaboration row ' || coalesce(table_row_number, '?') || ' (reporting_year)'"
        ) }}
            as reporting_year,
        trim(source_file) as source_file,
        trim(source_table) as source_table
    from source
)

select * from final
