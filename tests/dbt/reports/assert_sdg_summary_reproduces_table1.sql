-- Why this test exists: reports.sdg_summary recomputes the monetary columns of Table 1
-- (count and value of the Table 5 lines per derived SDG). The SDG of each line is not
-- printed, it is derived so the lines reproduce Table 1; this test proves they do, row by
-- row, against the published control (marts.fct_published_sdg_figures, from the seeds).
-- Returns every SDG row where the view and Table 1 disagree, or that is missing on a side.
-- Dagster: attach this multi-model test as an asset check of sdg_summary.
{{ config(meta={'dagster': {'ref': {'name': 'sdg_summary'}}}) }}

with

published as (
    select * from {{ ref('fct_published_sdg_figures') }}
),

summary as (
    select * from {{ ref('sdg_summary') }}
)

select
    coalesce(published.reporting_year, summary.reporting_year) as reporting_year,
    coalesce(published.sdg_number, summary.sdg_number) as sdg_number,
    published.monetary_interactions as published_monetary_interactions,
    summary.monetary_interactions as recomputed_monetary_interactions,
    published.total_interactions as published_total_interactions,
    summary.total_interactions as recomputed_total_interactions,
    published.total_value_cop as published_total_value_cop,
    summary.total_value_cop as recomputed_total_value_cop
from published
full outer join summary
    on published.reporting_year = summary.reporting_year
    and published.sdg_number = summary.sdg_number
where published.monetary_interactions is distinct from summary.monetary_interactions
   or published.total_interactions is distinct from summary.total_interactions
   or published.total_value_cop is distinct from summary.total_value_cop
