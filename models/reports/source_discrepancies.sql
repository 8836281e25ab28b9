-- Every disagreement between published figures, or between a figure and what the
-- warehouse recomputes, with both figures and where each is printed.
with

discrepancies as (
    select * from {{ ref('fct_source_discrepancies') }}
),

final as (
    select
        discrepancy_id,
        reporting_year,
        category,
        description,
        published_value,
        published_where,
        other_value,
        other_where,
        difference,
        is_documented_by_hand
    from discrepancies
)

select * from final
