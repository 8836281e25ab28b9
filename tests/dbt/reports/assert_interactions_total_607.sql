-- Why this test exists: the report's headline is the total number of interactions
-- (section 2: "para el 2024 se realizaron 607 interacciones"). Three BI views must each add
-- up to it: Table 2 by cooperant (reports.cooperant_interactions), Table 3 by district
-- entity (reports.district_entity_interactions) and Table 1 by SDG
-- (reports.sdg_summary.total_interactions, whose monetary part is recomputed from the
-- lines). The expected figure is read from the control s2_total_interactions, never
-- hard-coded (the file name only recalls the 2024 value). Returns every (year, view) whose
-- total differs from the headline, including a view missing a year or a year with no headline.
-- Dagster: attach this multi-model test as an asset check of sdg_summary.
{{ config(meta={'dagster': {'ref': {'name': 'sdg_summary'}}}) }}

with

headline as (
    select reporting_year, published_value
    from {{ ref('fct_published_headline_figures') }}
    where figure_id = 's2_total_interactions'
),

views_to_check (recomputed_from) as (
    values
        ('reports.cooperant_interactions (Tabla 2)'),
        ('reports.district_entity_interactions (Tabla 3)'),
        ('reports.sdg_summary (Tabla 1)')
),

expected as (
    select headline.reporting_year, views_to_check.recomputed_from, headline.published_value
    from headline
    cross join views_to_check
),

recomputed as (
    select 'reports.cooperant_interactions (Tabla 2)' as recomputed_from, reporting_year, sum(interactions) as total_interactions
    from {{ ref('cooperant_interactions') }}
    group by reporting_year

    union all

    select 'reports.district_entity_interactions (Tabla 3)', reporting_year, sum(interactions)
    from {{ ref('district_entity_interactions') }}
    group by reporting_year

    union all

    select 'reports.sdg_summary (Tabla 1)', reporting_year, sum(total_interactions)
    from {{ ref('sdg_summary') }}
    group by reporting_year
)

select
    coalesce(expected.reporting_year, recomputed.reporting_year) as reporting_year,
    coalesce(expected.recomputed_from, recomputed.recomputed_from) as recomputed_from,
    expected.published_value as headline_total_interactions,
    recomputed.total_interactions
from expected
full outer join recomputed
    on expected.reporting_year = recomputed.reporting_year
    and expected.recomputed_from = recomputed.recomputed_from
where recomputed.total_interactions is distinct from expected.published_value
