-- Rule: no silent loss. Every interaction (Table 5 line or dated event), network
-- membership, cooperant, Table 2 row and headline control figure of the published
-- warehouse is still in this build, unless its removal is declared in
-- seeds/declared/declared_retractions.csv; and no published figure of a closed year (a
-- reporting year whose printed controls are published) changes unless the change is
-- declared, with the same old and new value, in seeds/declared/declared_corrections.csv.
-- One row per (year, record kind) and rule: expected 0 undeclared removals or changes; the
-- description names every offending id (up to 100).
-- Compares with the catalog published_prev (macros/published_prev.sql): a TABLE, so the
-- published file never holds a view over a catalog its readers lack. Without a published
-- warehouse (first run, bare dbt build) it has no rows.
{{ config(materialized='table') }}
{%- set records = published_records() %}
{%- set prev = published_prev_relations() %}
{%- set ns = namespace(kept=[], changed=[]) %}
{%- for r in records %}
    {%- set rel = ref(r.model) %}
    {%- if (rel.schema ~ '.' ~ rel.identifier) in prev %}
        {%- set entry = {'r': r, 'build': rel, 'published': 'published_prev.' ~ rel.schema ~ '.' ~ rel.identifier} %}
        {%- if not r.kept_by %}{% do ns.kept.append(entry) %}{% endif %}
        {%- for m in r.measures or [] %}
            {%- do ns.changed.append({'e': entry, 'measure': m}) %}
        {%- endfor %}
    {%- endif %}
{%- endfor %}
{%- set headline = ref('fct_published_headline_figures') %}
{%- set has_closed_years = (headline.schema ~ '.' ~ headline.identifier) in prev %}
with

retractions as (
    select * from {{ ref('stg_declared__retractions') }}
),

corrections as (
    select * from {{ ref('stg_declared__corrections') }}
),

published_records as (
    {%- for e in ns.kept %}
        select
            '{{ e.r.kind }}' as record_kind,
            cast({{ e.r.year }} as integer) as reporting_year,
            cast({{ e.r.id }} as varchar) as record_id,
            cast({{ e.r.label }} as varchar) as record_label
        from {{ e.published }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if not ns.kept %}
        select
            cast(null as varchar) as record_kind,
            cast(null as integer) as reporting_year,
            cast(null as varchar) as record_id,
            cast(null as varchar) as record_label
        where false
    {%- endif %}
),

built_records as (
    {%- for e in ns.kept %}
        select
            '{{ e.r.kind }}' as record_kind,
            cast({{ e.r.id }} as varchar) as record_id
        from {{ e.build }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if not ns.kept %}
        select
            cast(null as varchar) as record_kind,
            cast(null as varchar) as record_id
        where false
    {%- endif %}
),

closed_years as (
    {%- if has_closed_years %}
        select distinct reporting_year
        from published_prev.{{ headline.schema }}.{{ headline.identifier }}
    {%- else %}
        select cast(null as integer) as reporting_year
        where false
    {%- endif %}
),

published_figures as (
    {%- for c in ns.changed %}
        select
            '{{ c.e.r.kind }}' as record_kind,
            '{{ c.measure }}' as measure,
            published.reporting_year,
            published.record_id,
            published.figure as published_value,
            built.figure as built_value
        from (
            select
                cast({{ c.e.r.year }} as integer) as reporting_year,
                cast({{ c.e.r.id }} as varchar) as record_id,
                cast({{ c.measure }} as decimal(38, 2)) as figure
            from {{ c.e.published }}
        ) as published
        inner join (
            select
                cast({{ c.e.r.id }} as varchar) as record_id,
                cast({{ c.measure }} as decimal(38, 2)) as figure
            from {{ c.e.build }}
        ) as built
            on published.record_id = built.record_id
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if not ns.changed %}
        select
            cast(null as varchar) as record_kind,
            cast(null as varchar) as measure,
            cast(null as integer) as reporting_year,
            cast(null as varchar) as record_id,
            cast(null as decimal(38, 2)) as published_value,
            cast(null as decimal(38, 2)) as built_value
        where false
    {%- endif %}
),

removed as (
    select published_records.*
    from published_records
    anti join built_records
        on published_records.record_kind = built_records.record_kind
        and published_records.record_id = built_records.record_id
    anti join retractions
        on published_records.record_kind = retractions.record_kind
        and published_records.record_id = retractions.record_id
),

changed as (
    select published_figures.*
    from published_figures
    semi join closed_years on published_figures.reporting_year = closed_years.reporting_year
    anti join corrections
        on published_figures.record_kind = corrections.record_kind
        and published_figures.record_id = corrections.record_id
        and published_figures.measure = corrections.measure
        and published_figures.published_value = corrections.old_value
        and published_figures.built_value = corrections.new_value
    where published_figures.published_value is distinct from published_figures.built_value
),

offending as (
    select
        reporting_year,
        'KEPT-' || record_kind as control_key,
        record_kind || ' records published and missing from this build, not declared in '
        || 'seeds/declared/declared_retractions.csv' as rule_statement,
        record_id || ' (' || coalesce(record_label, '') || ')' as example,
        record_id
    from removed

    union all

    select
        reporting_year,
        'UNCHANGED-' || record_kind || '.' || measure as control_key,
        record_kind || ' ' || measure || ' of a closed year changed without a matching declared correction in '
        || 'seeds/declared/declared_corrections.csv' as rule_statement,
        record_id || ': ' || coalesce(cast(published_value as varchar), 'NULL') || ' -> '
        || coalesce(cast(built_value as varchar), 'NULL') as example,
        record_id
    from changed
),

checked as (
    select distinct
        reporting_year,
        'KEPT-' || record_kind as control_key,
        record_kind || ' records published and missing from this build, not declared in '
        || 'seeds/declared/declared_retractions.csv' as rule_statement
    from published_records

    union

    select distinct
        published_figures.reporting_year,
        'UNCHANGED-' || published_figures.record_kind || '.' || published_figures.measure,
        published_figures.record_kind || ' ' || published_figures.measure
        || ' of a closed year changed without a matching declared correction in '
        || 'seeds/declared/declared_corrections.csv'
    from published_figures
    semi join closed_years on published_figures.reporting_year = closed_years.reporting_year

    union

    select distinct
        reporting_year,
        control_key,
        rule_statement
    from offending
),

per_rule as (
    select
        checked.reporting_year,
        checked.control_key,
        'published records kept' as category,
        case
            when count(offending.record_id) = 0 then checked.rule_statement || ': none'
            else checked.rule_statement || ': ' || count(offending.record_id) || ': '
                || array_to_string(list(offending.example order by offending.record_id)[1:100], '; ')
                || case when count(offending.record_id) > 100 then '; ...' else '' end
        end as description,
        0 as expected,
        count(offending.record_id) as actual,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'the published warehouse, and seeds/declared/' as expected_where,
        'warehouse: this build against the published warehouse' as actual_from,
        'error' as severity
    from checked
    left join offending
        on checked.control_key = offending.control_key
        and checked.reporting_year is not distinct from offending.reporting_year
    group by checked.reporting_year, checked.control_key, checked.rule_statement
),

final as (
    {{ audit_columns('per_rule') }}
)

select * from final
