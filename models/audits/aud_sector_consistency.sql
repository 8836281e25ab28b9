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
        count(*) filter (where disagrees) as disagreeing_lines,
        list(
            interaction_id || ': printed ' || coalesce(sector_name_as_printed, 'NULL') || ', entity sector '
            || coalesce(entity_sector_name, 'NULL') order by interaction_id
        ) filter (where disagrees
        ) as examples
    from lines
    group by reporting_year
),

compared as (
    select
        reporting_year,
        'SECTOR-OF-LINE-VS-ENTITY' as control_key,
        'sector consistency' as category,
        case
            when disagreeing_lines = 0 then 'every line prints the sector of its district entity'
            else disagreeing_lines || ' line(s) whose printed sector differs from the entity sector: '
                || array_to_string(examples[1:5], '; ')
        end as description,
        0 as expected,
        disagreeing_lines as actual,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'Tabla 5 (SECTOR column)' as expected_where,
        'warehouse: dim_district_entities.sector_name of the line''s entity' as actual_from,
        'error' as severity
    from per_year
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
