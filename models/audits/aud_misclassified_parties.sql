-- Rule: cooperants are outside the district administration, and district entities are
-- part of it. Table 2 lists a district office as a cooperant, and Table 3 lists a national
-- agency among the district entities; both are kept as printed and reported as source
-- discrepancies (warn). One row per (year, misclassified party): expected 0, actual 1.
with

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

cooperant_counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

entities as (
    select * from {{ ref('dim_district_entities') }}
),

entity_counts as (
    select * from {{ ref('fct_district_entity_interaction_counts') }}
),

district_offices as (
    select
        cooperant_counts.reporting_year,
        'COOPERANT-IS-DISTRICT-OFFICE-' || upper(cooperants.cooperant_id) as control_key,
        'district office listed as cooperant' as category,
        cooperants.canonical_cooperant_name
        || ' is part of the district administration but is listed as a cooperant' as description,
        cooperants.canonical_cooperant_name as expected_label,
        'district office (also a Table 3 entity)' as actual_label,
        'Tabla 2' || case
            when count(contributions.interaction_id) > 0
                then ' and Tabla 5 (' || string_agg(distinct contributions.interaction_id, ', ') || ')'
            else ''
        end as expected_where,
        'Tabla 3 / seeds/reference/ref_cooperants.csv' as actual_from
    from cooperants
    inner join cooperant_counts on cooperants.cooperant_key = cooperant_counts.cooperant_key
    left join contributions
        on cooperants.cooperant_key = contributions.cooperant_key
        and cooperant_counts.reporting_year = contributions.reporting_year
    where cooperants.is_district_office
    group by cooperant_counts.reporting_year, cooperants.cooperant_id, cooperants.canonical_cooperant_name
),

non_district_entities as (
    select
        entity_counts.reporting_year,
        'ENTITY-NOT-DISTRICT-' || entities.table_row_number as control_key,
        'non-district entity listed as district entity' as category,
        entities.district_entity_name || ' is listed among district entities: ' || coalesce(entities.notes, '')
            as description,
        entities.district_entity_name || ' (' || entity_counts.reported_interactions || ' interactions)'
            as expected_label,
        'not part of the district administration' as actual_label,
        'Tabla 3' as expected_where,
        'seeds/reference/ref_district_entities.csv' as actual_from
    from entities
    inner join entity_counts on entities.district_entity_key = entity_counts.district_entity_key
    where not entities.is_district_entity
),

compared as (
    select
        reporting_year,
        control_key,
        category,
        description,
        0 as expected,
        1 as actual,
        expected_label,
        actual_label,
        expected_where,
        actual_from,
        'warn' as severity
    from district_offices

    union all

    select
        reporting_year,
        control_key,
        category,
        description,
        0,
        1,
        expected_label,
        actual_label,
        expected_where,
        actual_from,
        'warn'
    from non_district_entities
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
