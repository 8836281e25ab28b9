-- Table 1 as published: per SDG, non-monetary and monetary counts and the total value.
with

source as (
    select * from {{ raw_input('control_table1_sdgs') }}
),

final as (
    select
        {{ parse_integer('table_row_number', "'control_table1_sdgs row ' || coalesce(table_row_number, '?')") }}
            as table_row_number,
        trim(sdg_label_as_printed) as sdg_label_as_printed,
        {{ parse_integer(
            'sdg_number',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (sdg_number)'"
        ) }}
            as sdg_number,
        {{ parse_integer(
            'non_monetary_interactions',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (non_monetary_interactions)'"
        ) }}
            as non_monetary_interactions,
        {{ parse_integer(
            'monetary_interactions',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (monetary_interactions)'"
        ) }}
            as monetary_interactions,
        {{ parse_integer(
            'total_interactions',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (total_interactions)'"
        ) }}
            as total_interactions,
        {{ parse_spanish_amount(
            'total_value',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (total_value)'"
        ) }}
            as total_value_cop,
        {{ parse_integer(
            'reporting_year',
            "'control_table1_sdgs row ' || coalesce(table_row_number, '?') || ' (reporting_year)'"
        ) }}
            as reporting_year,
        trim(source_file) as source_file,
        trim(source_table) as source_table
    from source
)

select * from final
