-- One row per district entity of any year's Table 3, with its administrative sector as the
-- latest Table 3 that lists it gives it (earlier years' attributes: reports.history).
with

entities as (
    select * from {{ ref('stg_reference__district_entities') }}
    qualify row_number() over (partition by district_entity_name_key order by reporting_year desc) = 1
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
