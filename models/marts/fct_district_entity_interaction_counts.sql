-- Table 3: interactions reported per district entity, one row per printed row.
with

entities as (
    select * from {{ ref('stg_reference__district_entities') }}
),

final as (
    select
        {{ surrogate_key(['reporting_year', 'table_row_number']) }} as district_entity_count_key,
        reporting_year,
        table_row_number,
        {{ surrogate_key(['district_entity_name_key']) }} as district_entity_key,
        district_entity_name as district_entity_name_as_printed,
        reported_interactions,
        source_file,
        source_table
    from entities
)

select * from final
