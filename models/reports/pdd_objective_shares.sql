-- Section 5: interactions, value and share of the year's total per PDD objective,
-- recomputed from the Table 5 lines (published figures alongside).
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

objectives as (
    select * from {{ ref('dim_pdd_objectives') }}
),

published as (
    select * from {{ ref('fct_published_pdd_shares') }}
),

by_objective as (
    select
        reporting_year,
        pdd_objective_number,
        count(*) as interactions,
        sum(total_value_cop) as total_value_cop
    from contributions
    group by reporting_year, pdd_objective_number
),

-- every objective with lines, and every objective section 5 prints (0 lines if it has none)
combined as (
    select
        coalesce(by_objective.reporting_year, published.reporting_year) as reporting_year,
        coalesce(by_objective.pdd_objective_number, published.pdd_objective_number) as pdd_objective_number,
        coalesce(by_objective.interactions, 0) as interactions,
        coalesce(by_objective.total_value_cop, 0) as total_value_cop,
        published.published_share_pct,
        published.published_interactions
    from by_objective
    full outer join published
        on
        by_objective.reporting_year = published.reporting_year
        and by_objective.pdd_objective_number = published.pdd_objective_number
),

final as (
    select
        combined.reporting_year,
        combined.pdd_objective_number,
        objectives.pdd_objective_name,
        combined.interactions,
        cast(combined.total_value_cop as decimal(18, 2)) as total_value_cop,
        cast(round(
            100 * combined.total_value_cop
            / sum(combined.total_value_cop) over (partition by combined.reporting_year), 2
        ) as decimal(5, 2)) as share_pct,
        combined.published_share_pct,
        combined.published_interactions
    from combined
    left join objectives
        on combined.pdd_objective_number = objectives.pdd_objective_number
)

select * from final
