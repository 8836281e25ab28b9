-- One row per district entity of Table 3, with its administrative sector.
with

entities as (
    select * from {{ ref('stg_reference__district_entities') }}
),

final as (
    select
        {{ surrogate_key(['district_entity_name_key']) }} as district_entity_key,
        district_entity_name,
        sector_name,
        sector_source,
        is_district_entity,
        table_row_number,
        notes
    from entities
)

select * from final
