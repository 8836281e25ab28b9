-- Table 3: interactions per district entity, with its administrative sector.
with

counts as (
    select * from {{ ref('fct_district_entity_interaction_counts') }}
),

entities as (
    select * from {{ ref('dim_district_entities') }}
),

final as (
    select
        counts.reporting_year,
        counts.district_entity_name_as_printed as district_entity_name,
        entities.sector_name,
        counts.reported_interactions as interactions,
        counts.table_row_number,
        entities.sector_source,
        counts.district_entity_key,
        entities.is_district_entity
    from counts
    left join entities
        on counts.district_entity_key = entities.district_entity_key
)

select * from final
