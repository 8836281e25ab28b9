-- Table 2: one row per printed cooperant row, with its reported interaction count.
with

source as (
    select * from {{ raw_input('raw_cooperants') }}
),

final as (
    select
        {{ parse_integer(
            'table_row_number',
            "'raw_cooperants row ' || coalesce(table_row_number, '?') || ' (table_row_number)'"
        ) }}
            as table_row_number,
        trim(cooperant_name) as cooperant_name,
        {{ normalize_name('cooperant_name') }} as cooperant_name_key,
        {{ parse_integer(
            'reported_interactions',
            "'raw_cooperants row ' || coalesce(table_row_number, '?') || ' (reported_interactions)'"
        ) }}
            as reported_interactions,
        {{ parse_integer(
            'reporting_year',
            "'raw_cooperants row ' || coalesce(table_row_number, '?') || ' (reporting_year)'"
        ) }}
            as reporting_year,
        trim(source_file) as source_file,
        trim(source_table) as source_table
    from source
)

select * from final
