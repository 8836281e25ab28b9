-- Interactions with their cooperant, district entity, network and (for Table 5
-- lines) the derived SDG and PDD objective attached.
with

interactions as (
    select * from {{ ref('stg_globo__interactions') }}
),

resolved_names as (
    select * from {{ ref('int_cooperant_names_resolved') }}
    where source_seed = 'raw_interactions'
),

entities as (
    select * from {{ ref('stg_reference__district_entities') }}
),

line_attributes as (
    select * from {{ ref('stg_reference__contribution_line_attributes') }}
),

final as (
    select
        interactions.*,
        resolved_names.cooperant_id,
        entities.district_entity_name as district_entity_name_table3,
        entities.sector_name as district_entity_sector_name,
        line_attributes.sdg_number,
        line_attributes.pdd_objective_number,
        line_attributes.sdg_basis,
        line_attributes.pdd_objective_basis
    from interactions
    left join resolved_names
        on interactions.interaction_id = resolved_names.source_row_id
    left join entities
        on interactions.district_entity_name_key = entities.district_entity_name_key
    left join line_attributes
        on interactions.interaction_id = line_attributes.interaction_id
)

select * from final
