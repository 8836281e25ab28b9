-- Why this test exists: Table 5 prints a SECTOR on every line, and dim_district_entities
-- carries one administrative sector per district entity (Table 3 + reference seed). BI
-- groups by either, so they must agree: the sector printed on each line equals the sector
-- of its district entity, compared accent-, case- and whitespace-insensitively (macro
-- normalize_name). A line whose entity is missing from the dimension also fails.
-- Returns the disagreeing lines.
-- Dagster: attach this multi-model test as an asset check of fct_contributions.
{{ config(meta={'dagster': {'ref': {'name': 'fct_contributions'}}}) }}

select
    contributions.interaction_id,
    contributions.source_section,
    contributions.district_entity_name_as_printed,
    contributions.sector_name_as_printed,
    entities.sector_name as entity_sector_name
from {{ ref('fct_contributions') }} as contributions
left join {{ ref('dim_district_entities') }} as entities
    on contributions.district_entity_key = entities.district_entity_key
where {{ normalize_name('contributions.sector_name_as_printed') }}
      is distinct from {{ normalize_name('entities.sector_name') }}
