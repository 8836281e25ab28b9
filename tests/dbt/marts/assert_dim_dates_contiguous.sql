-- Why this test exists: dim_dates is a date spine; BI tools fill time axes and compute
-- period-over-period measures from it, which silently breaks if a day is missing. It must
-- hold exactly one row per day between its first and last date and cover the full
-- reporting year of every interaction. Returns a row per violated property.
-- Dagster: attach this multi-model test as an asset check of dim_dates.
{{ config(meta={'dagster': {'ref': {'name': 'dim_dates'}}}) }}

with

bounds as (
    select
        min(date_day) as first_day,
        max(date_day) as last_day,
        count(*) as day_rows
    from {{ ref('dim_dates') }}
),

years as (
    select distinct reporting_year
    from {{ ref('fct_interactions') }}
)

select
    'gap or duplicate day in the spine' as violated_property,
    cast(null as integer) as reporting_year
from bounds
where day_rows != datediff('day', first_day, last_day) + 1

union all

select
    'reporting year not fully covered',
    years.reporting_year
from years
cross join bounds
where make_date(years.reporting_year, 1, 1) < bounds.first_day
    or make_date(years.reporting_year, 12, 31) > bounds.last_day
