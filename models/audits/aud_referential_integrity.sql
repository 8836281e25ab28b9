-- Rule: every reference resolves. Each fact's foreign keys exist in their dimension (a
-- network name missing from the network master gives a key that dim_networks lacks), and
-- every raw cooperant name (Table 2, Table 5, the events) and Table 5 district entity
-- resolves to its master list.
-- One row per (year, relationship): expected 0 orphans; the description names up to 5.
-- Rows of facts without a reporting year (memberships) have a NULL year.
{%- set relationships = [
    {'fact': 'fct_contributions', 'id': 'interaction_id', 'key': 'cooperant_key', 'dim': 'dim_cooperants', 'dim_key': 'cooperant_key', 'year': 'reporting_year'},
    {'fact': 'fct_contributions', 'id': 'interaction_id', 'key': 'district_entity_key', 'dim': 'dim_district_entities', 'dim_key': 'district_entity_key', 'year': 'reporting_year'},
    {'fact': 'fct_contributions', 'id': 'interaction_id', 'key': 'sdg_number', 'dim': 'dim_sdgs', 'dim_key': 'sdg_number', 'year': 'reporting_year'},
    {'fact': 'fct_contributions', 'id': 'interaction_id', 'key': 'pdd_objective_number', 'dim': 'dim_pdd_objectives', 'dim_key': 'pdd_objective_number', 'year': 'reporting_year'},
    {'fact': 'fct_interactions', 'id': 'interaction_id', 'key': 'cooperant_key', 'dim': 'dim_cooperants', 'dim_key': 'cooperant_key', 'year': 'reporting_year'},
    {'fact': 'fct_interactions', 'id': 'interaction_id', 'key': 'district_entity_key', 'dim': 'dim_district_entities', 'dim_key': 'district_entity_key', 'year': 'reporting_year'},
    {'fact': 'fct_interactions', 'id': 'interaction_id', 'key': 'network_key', 'dim': 'dim_networks', 'dim_key': 'network_key', 'year': 'reporting_year', 'shown': 'network_name_as_printed'},
    {'fact': 'fct_interactions', 'id': 'interaction_id', 'key': 'start_date_key', 'dim': 'dim_dates', 'dim_key': 'date_key', 'year': 'reporting_year'},
    {'fact': 'fct_network_memberships', 'id': 'membership_id', 'key': 'network_key', 'dim': 'dim_networks', 'dim_key': 'network_key', 'year': 'null', 'shown': 'network_name_as_printed'},
    {'fact': 'fct_network_memberships', 'id': 'membership_id', 'key': 'joined_date_key', 'dim': 'dim_dates', 'dim_key': 'date_key', 'year': 'null'},
    {'fact': 'fct_cooperant_interaction_counts', 'id': 'table_row_number', 'key': 'cooperant_key', 'dim': 'dim_cooperants', 'dim_key': 'cooperant_key', 'year': 'reporting_year'},
    {'fact': 'fct_district_entity_interaction_counts', 'id': 'table_row_number', 'key': 'district_entity_key', 'dim': 'dim_district_entities', 'dim_key': 'district_entity_key', 'year': 'reporting_year'},
] %}
with

-- the two resolution views are read twice below (orphans and checked): DuckDB then stores
-- the CTE, so it keeps only the columns this audit reads (all of them: 7 s at 10 M rows)
cooperant_names as (
    select
        reporting_year,
        source_seed,
        source_row_id,
        raw_name,
        cooperant_id
    from {{ ref('int_cooperant_names_resolved') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

interactions as (
    select
        reporting_year,
        interaction_id,
        district_entity_name,
        district_entity_name_key,
        district_entity_name_table3
    from {{ ref('int_interactions_resolved') }}
),

-- a fact row whose (non-null) key is missing from its dimension
orphans as (
    {%- for r in relationships %}
        select
            {{ r.year }} as reporting_year,
            '{{ r.fact }}.{{ r.key }}' as relationship,
            cast(fact.{{ r.id }} as varchar) || ' (' || cast(fact.{{ r.shown or r.key }} as varchar) || ')'
                as offending_row
        from {{ ref(r.fact) }} as fact
        anti join {{ ref(r.dim) }} as dim on fact.{{ r.key }} = dim.{{ r.dim_key }}
        where fact.{{ r.key }} is not null
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

    union all

    -- a fact row that should have a key and has none: every Table 5 line names a cooperant,
    -- an entity, an SDG and a PDD objective
    {%- for key in ['cooperant_key', 'district_entity_key', 'sdg_number', 'pdd_objective_number'] %}
        select
            reporting_year,
            'fct_contributions.{{ key }}' as relationship,
            interaction_id || ' (no {{ key }})' as offending_row
        from {{ ref('fct_contributions') }}
        where {{ key }} is null

        union all
    {%- endfor %}

    select
        cooperant_names.reporting_year,
        cooperant_names.source_seed || '.cooperant_name',
        cooperant_names.source_row_id || ': ' || cooperant_names.raw_name
    from cooperant_names
    left join cooperants on cooperant_names.cooperant_id = cooperants.cooperant_id
    where cooperants.cooperant_id is null

    union all

    select
        reporting_year,
        'raw_interactions.district_entity_name',
        interaction_id || ': ' || district_entity_name
    from interactions
    where district_entity_name_key is not null
        and district_entity_name_table3 is null
),

-- every relationship is reported, with 0 orphans when it holds
checked as (
    {%- for r in relationships %}
        select distinct
            {{ r.year }} as reporting_year,
            '{{ r.fact }}.{{ r.key }}' as relationship
        from {{ ref(r.fact) }}
        union
    {%- endfor %}
    select distinct
        reporting_year,
        source_seed || '.cooperant_name'
    from cooperant_names
    union
    select distinct
        reporting_year,
        'raw_interactions.district_entity_name'
    from interactions
    union
    select
        reporting_year,
        relationship
    from orphans
),

per_relationship as (
    select
        checked.reporting_year,
        checked.relationship as control_key,
        checked.relationship as rule_statement,
        count(orphans.offending_row) as violating_rows,
        list(orphans.offending_row order by orphans.offending_row) filter (where orphans.offending_row is not null)
            as examples
    from checked
    left join orphans
        on checked.relationship = orphans.relationship
        and checked.reporting_year is not distinct from orphans.reporting_year
    group by checked.reporting_year, checked.relationship
),

final as (
    {{ audit_of_violations(
        'per_relationship', 'referential integrity',
        'master lists and dimensions (seeds/reference)',
        'warehouse: rows whose reference does not resolve'
    ) }}
)

select * from final
