-- Table 1: interactions and contributions per SDG. Monetary counts and amounts are
-- recomputed from the Table 5 lines; non-monetary counts exist only as published.
with

published as (
    select * from {{ ref('fct_published_sdg_figures') }}
),

sdgs as (
    select * from {{ ref('dim_sdgs') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

monetary as (
    select
        reporting_year,
        sdg_number,
        count(*) as monetary_interactions,
        sum(total_value_cop) as total_value_cop
    from contributions
    group by reporting_year, sdg_number
),

final as (
    select
        published.reporting_year,
        published.sdg_number,
        sdgs.sdg_name,
        published.non_monetary_interactions,
        coalesce(monetary.monetary_interactions, 0) as monetary_interactions,
        published.non_monetary_interactions + coalesce(monetary.monetary_interactions, 0) as total_interactions,
        cast(coalesce(monetary.total_value_cop, 0) as decimal(18, 2)) as total_value_cop,
        published.sdg_label_as_printed,
        published.table_row_number,
        published.monetary_interactions as published_monetary_interactions,
        published.total_interactions as published_total_interactions,
        published.total_value_cop as published_total_value_cop
    from published
    left join sdgs
        on published.sdg_number = sdgs.sdg_number
    left join monetary
        on published.reporting_year = monetary.reporting_year
        and published.sdg_number = monetary.sdg_number
)

select * from final
