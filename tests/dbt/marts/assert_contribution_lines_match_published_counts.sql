-- Why this test exists: the number of monetary interactions is printed twice (Table 1
-- footer t1_total_monetary and the Table 5 line count t5_monetary_lines). The fact table
-- must hold exactly that many lines per year, so a dropped or duplicated Table 5 line
-- fails the build even if the row_count_equals test were edited. Expected counts come
-- from marts.fct_published_headline_figures (seeds), not from this file.
-- Returns each published count the fact table does not match.
-- Dagster: attach this multi-model test as an asset check of fct_contributions.
{{ config(meta={'dagster': {'ref': {'name': 'fct_contributions'}}}) }}

with

published as (
    select reporting_year, figure_id, published_value
    from {{ ref('fct_published_headline_figures') }}
    where figure_id in ('t1_total_monetary', 't5_monetary_lines')
),

lines as (
    select reporting_year, count(*) as line_count
    from {{ ref('fct_contributions') }}
    group by reporting_year
)

select
    coalesce(published.reporting_year, lines.reporting_year) as reporting_year,
    published.figure_id,
    published.published_value,
    lines.line_count
from published
full outer join lines
    on published.reporting_year = lines.reporting_year
where lines.line_count is distinct from published.published_value
