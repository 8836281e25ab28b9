-- One row per (reporting year, cooperant) present in the year or in the previous reporting
-- year: whether the cooperant is new, continuing or gone against the previous year, with
-- its interactions and value in both. A year with no earlier report has status
-- 'first reported year' (nothing to compare with).
with

cooperants as (
    select * from {{ ref('cooperants') }}
),

years as (
    select
        reporting_year,
        lag(reporting_year) over (order by reporting_year) as previous_reporting_year
    from (select distinct reporting_year from cooperants) as reported
),

current_year as (
    select
        years.reporting_year,
        cooperants.cooperant_key,
        cooperants.interactions,
        cooperants.total_value_cop
    from years
    inner join cooperants on years.reporting_year = cooperants.reporting_year
),

previous_year as (
    select
        years.reporting_year,
        cooperants.cooperant_key,
        cooperants.interactions,
        cooperants.total_value_cop
    from years
    inner join cooperants on years.previous_reporting_year = cooperants.reporting_year
),

compared as (
    select
        coalesce(current_year.reporting_year, previous_year.reporting_year) as reporting_year,
        coalesce(current_year.cooperant_key, previous_year.cooperant_key) as cooperant_key,
        current_year.cooperant_key is not null as is_present,
        previous_year.cooperant_key is not null as was_present,
        coalesce(current_year.interactions, 0) as interactions,
        coalesce(previous_year.interactions, 0) as previous_interactions,
        coalesce(current_year.total_value_cop, 0) as total_value_cop,
        coalesce(previous_year.total_value_cop, 0) as previous_total_value_cop
    from current_year
    full outer join previous_year
        on current_year.reporting_year = previous_year.reporting_year
        and current_year.cooperant_key = previous_year.cooperant_key
),

final as (
    select
        compared.reporting_year,
        compared.cooperant_key,
        dim_cooperants.cooperant_id,
        dim_cooperants.canonical_cooperant_name,
        case
            when years.previous_reporting_year is null then 'first reported year'
            when not compared.was_present then 'new'
            when not compared.is_present then 'gone'
            else 'continuing'
        end as status,
        years.previous_reporting_year,
        compared.interactions,
        compared.previous_interactions,
        cast(compared.total_value_cop as decimal(18, 2)) as total_value_cop,
        cast(compared.previous_total_value_cop as decimal(18, 2)) as previous_total_value_cop
    from compared
    inner join years on compared.reporting_year = years.reporting_year
    left join {{ ref('dim_cooperants') }} as dim_cooperants
        on compared.cooperant_key = dim_cooperants.cooperant_key
)

select * from final
