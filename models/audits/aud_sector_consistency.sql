-- Rule: the sector printed on each Table 5 line is the sector of its district entity in
-- dim_district_entities (compared accent-, case- and whitespace-insensitively), so totals
-- by either sector agree. A line whose entity is missing from the dimension also counts.
-- One row per year: expected 0 disagreeing lines; the description names up to 5.
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

entities as (
    select * from {{ ref('dim_district_entities') }}
),

lines as (
    select
        contributions.reporting_year,
        contributions.interaction_id,
        contributions.sector_name_as_printed,
        entities.sector_name as entity_sector_name,
        (
            {{ normalize_name('contributions.sector_name_as_printed') }}
            is distinct from {{ normalize_name('entities.sector_name') }}
        ) as disagrees
    from contributions
    left join entities on contributions.district_entity_key = entities.district_entity_key
),

per_year as (
    select
        reporting_year,
        'SECTOR-OF-LINE-VS-ENTITY' as control_key,
        'the sector printed on each Table 5 line is the sector of its district entity' as rule_statement,
        count(*) filter (where disagrees) as violating_rows,
        list(
            interaction_id || ': printed ' || coalesce(sector_name_as_printed, 'NULL') || ', entity sector '
            || coalesce(entity_sector_name, 'NULL') order by interaction_id
        ) filter (where disagrees
        ) as examples
    from lines
    group by reporting_year
),

final as (
    {{ audit_of_violations(
        'per_year', 'sector consistency',
        'Tabla 5 (SECTOR column)',
        "warehouse: dim_district_entities.sector_name of the line''s entity"
    ) }}
)

select * from final
