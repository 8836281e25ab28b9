-- Why this test exists: reports.contributions is Table 5 line by line; its three amount
-- columns must add up to the TOTAL GENERAL row printed under Table 5 (the t5_* figures of
-- marts.fct_published_headline_figures, from the seeds). A missing, duplicated or
-- mis-parsed line shows up here. Returns the years/measures where the sums differ
-- (or where either side is missing).
-- Dagster: attach this multi-model test as an asset check of contributions.
{{ config(meta={'dagster': {'ref': {'name': 'contributions'}}}) }}

with

line_sums as (
    select
        reporting_year,
        sum(cooperant_contribution_cop) as cooperant_contribution_cop,
        sum(district_counterpart_cop) as district_counterpart_cop,
        sum(total_value_cop) as total_value_cop
    from {{ ref('contributions') }}
    group by reporting_year
),

footer as (
    select
        reporting_year,
        max(case when figure_id = 't5_cooperant_contribution' then published_value end) as cooperant_contribution_cop,
        max(case when figure_id = 't5_district_counterpart' then published_value end) as district_counterpart_cop,
        max(case when figure_id = 't5_total_value' then published_value end) as total_value_cop
    from {{ ref('fct_published_headline_figures') }}
    where figure_id in ('t5_cooperant_contribution', 't5_district_counterpart', 't5_total_value')
    group by reporting_year
)

select
    coalesce(line_sums.reporting_year, footer.reporting_year) as reporting_year,
    line_sums.cooperant_contribution_cop as lines_cooperant_contribution_cop,
    footer.cooperant_contribution_cop as footer_cooperant_contribution_cop,
    line_sums.district_counterpart_cop as lines_district_counterpart_cop,
    footer.district_counterpart_cop as footer_district_counterpart_cop,
    line_sums.total_value_cop as lines_total_value_cop,
    footer.total_value_cop as footer_total_value_cop
from line_sums
full outer join footer
    on line_sums.reporting_year = footer.reporting_year
where line_sums.cooperant_contribution_cop is distinct from footer.cooperant_contribution_cop
   or line_sums.district_counterpart_cop is distinct from footer.district_counterpart_cop
   or line_sums.total_value_cop is distinct from footer.total_value_cop
