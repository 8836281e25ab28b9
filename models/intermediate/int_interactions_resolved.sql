-- Interactions with their cooperant, district entity, network and (for Table 5
-- lines) the derived SDG and PDD objective attached.
-- A view: its two readers (fct_interactions, fct_contributions) store the result, and its
-- joins are with small reference tables, so storing it too would write every row twice.
with

interactions as (
    select * from {{ ref('stg_globo__interactions') }}
),

-- the cooperant resolution of int_cooperant_names_resolved (the same rule: the
-- normalised name matched against the alias seed), joined on the name, not per row
aliases as (
    select * from {{ ref('stg_reference__cooperant_aliases') }}
),

-- one row per entity (Table 3 is printed every year): the latest listing's attributes
entities as (
    select * from {{ ref('stg_reference__district_entities') }}
    qualify row_number() over (partition by district_entity_name_key order by reporting_year desc) = 1
),

line_attributes as (
    select * from {{ ref('stg_reference__contribution_line_attributes') }}
),

source_documents as (
    select * from {{ ref('stg_reference__source_documents') }}
),

final as (
    select
        -- staging's change-detection hash stays in staging
        interactions.* exclude (reporting_year, row_hash),  -- noqa: RF02
        -- the vigencia of the report that lists the row; a row known only from a news piece
        -- is in no report yet, and keeps the year it happened (the vigencia that would list it)
        coalesce(source_documents.report_vigencia, interactions.reporting_year) as reporting_year,
        case
            when source_documents.report_vigencia is not null then 'vigencia of the report that lists it'
            else 'year of the event: a news piece, in no report'
        end as reporting_year_basis,
        -- the year recorded on the row: for an event, the year it happened
        interactions.reporting_year as event_year,
        aliases.cooperant_id,
        entities.district_entity_name as district_entity_name_table3,
        entities.sector_name as district_entity_sector_name,
        line_attributes.sdg_number,
        line_attributes.pdd_objective_number,
        line_attributes.sdg_basis,
        line_attributes.pdd_objective_basis
    from interactions
    left join aliases
        on interactions.cooperant_name_key = aliases.alias_name_key
    left join entities
        on interactions.district_entity_name_key = entities.district_entity_name_key
    left join line_attributes
        on interactions.interaction_id = line_attributes.interaction_id
    left join source_documents
        on interactions.source_file = source_documents.source_file
)

select * from final
