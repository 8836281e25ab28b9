-- Table 2: interactions reported per cooperant, one row per printed row.
with

table2_rows as (
    select * from {{ ref('stg_globo__cooperants') }}
),

resolved_names as (
    select * from {{ ref('int_cooperant_names_resolved') }}
    where source_seed = 'raw_cooperants'
),

final as (
    select
        {{ surrogate_key(['table2_rows.reporting_year', 'table2_rows.table_row_number']) }} as cooperant_count_key,
        table2_rows.reporting_year,
        table2_rows.table_row_number,
        table2_rows.cooperant_name as cooperant_name_as_printed,
        {{ surrogate_key(['resolved_names.cooperant_id']) }} as cooperant_key,
        resolved_names.cooperant_id,
        table2_rows.reported_interactions,
        table2_rows.source_file,
        table2_rows.source_table
    from table2_rows
    left join resolved_names
        on cast(table2_rows.table_row_number as varchar) = resolved_names.source_row_id
        and table2_rows.reporting_year = resolved_names.reporting_year
)

select * from final
