-- One row per reporting year (a year whose printed report is in the warehouse): its
-- totals, the previous reporting year's, the change, and the cooperants that are new or
-- gone. Line totals come from the one rollup of Table 5 lines (macro contribution_totals);
-- the cooperant movements from reports.cooperant_years.
with

headline as (
    select * from {{ ref('fct_published_headline_figures') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

table2 as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

cooperant_years as (
    select * from {{ ref('cooperant_years') }}
),

report_years as (
    select distinct reporting_year from headline
),

line_totals as (
    {{ contribution_totals('contributions', ['reporting_year']) }}
),

interactions as (
    select
        reporting_year,
        sum(reported_interactions) as interactions
    from table2
    group by reporting_year
),

movements as (
    select
        reporting_year,
        count(*) filter (where status != 'gone') as cooperants,
        count(*) filter (where status = 'new') as new_cooperants,
        count(*) filter (where status = 'gone') as gone_cooperants
    from cooperant_years
    group by reporting_year
),

per_year as (
    select
        report_years.reporting_year,
        coalesce(interactions.interactions, 0) as interactions,
        coalesce(line_totals.monetary_lines, 0) as monetary_lines,
        cast(coalesce(line_totals.cooperant_contribution_cop, 0) as decimal(18, 2)) as cooperant_contribution_cop,
        cast(coalesce(line_totals.district_counterpart_cop, 0) as decimal(18, 2)) as district_counterpart_cop,
        cast(coalesce(line_totals.total_value_cop, 0) as decimal(18, 2)) as total_value_cop,
        coalesce(movements.cooperants, 0) as cooperants,
        coalesce(movements.new_cooperants, 0) as new_cooperants,
        coalesce(movements.gone_cooperants, 0) as gone_cooperants
    from report_years
    left join line_totals on report_years.reporting_year = line_totals.reporting_year
    left join interactions on report_years.reporting_year = interactions.reporting_year
    left join movements on report_years.reporting_year = movements.reporting_year
),

with_previous as (
    select
        *,
        lag(reporting_year) over by_year as previous_reporting_year,
        lag(interactions) over by_year as previous_interactions,
        lag(monetary_lines) over by_year as previous_monetary_lines,
        lag(total_value_cop) over by_year as previous_total_value_cop,
        lag(cooperants) over by_year as previous_cooperants
    from per_year
    window by_year as (order by reporting_year)
),

final as (
    select
        reporting_year,
        interactions,
        monetary_lines,
        cooperant_contribution_cop,
        district_counterpart_cop,
        total_value_cop,
        cooperants,
        new_cooperants,
        gone_cooperants,
        previous_reporting_year,
        previous_interactions,
        previous_monetary_lines,
        previous_total_value_cop,
        previous_cooperants,
        interactions - previous_interactions as interactions_change,
        monetary_lines - previous_monetary_lines as monetary_lines_change,
        total_value_cop - previous_total_value_cop as total_value_cop_change,
        cast(
            round(100 * (total_value_cop - previous_total_value_cop) / nullif(previous_total_value_cop, 0), 2)
            as decimal(9, 2)
        ) as total_value_change_pct,
        cooperants - previous_cooperants as cooperants_change
    from with_previous
)

select * from final
