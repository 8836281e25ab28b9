-- Rule: wherever section 5 prints a figure for a PDD objective (its share of the year's
-- resources, to 2 decimals, and its number of interactions), the Table 5 lines assigned
-- to that objective reproduce it. Objectives with nothing printed are not compared.
-- The per-objective aggregation itself lives in reports.pdd_objective_shares.
with

published as (
    select * from {{ ref('fct_published_pdd_shares') }}
),

shares as (
    select * from {{ ref('pdd_objective_shares') }}
),

measures as (
    select
        published.reporting_year,
        published.pdd_objective_number,
        'share_pct' as measure,
        published.published_share_pct as published_value,
        published.share_pct_as_printed as published_label,
        shares.share_pct as recomputed_value,
        published.source_section
    from published
    left join shares
        on published.reporting_year = shares.reporting_year
        and published.pdd_objective_number = shares.pdd_objective_number
    where published.published_share_pct is not null

    union all

    select
        published.reporting_year,
        published.pdd_objective_number,
        'interactions',
        published.published_interactions,
        cast(published.published_interactions as varchar),
        shares.interactions,
        published.source_section
    from published
    left join shares
        on published.reporting_year = shares.reporting_year
        and published.pdd_objective_number = shares.pdd_objective_number
    where published.published_interactions is not null
),

compared as (
    select
        reporting_year,
        'SECTION5-OBJ' || pdd_objective_number || '.' || measure as control_key,
        'section 5 share vs recomputed' as category,
        'Section 5 prints objective ' || pdd_objective_number || ' ' || measure || ' as ' || published_label
        || ', the Table 5 lines assigned to it give ' || coalesce(cast(recomputed_value as varchar), 'nothing')
            as description,
        published_value as expected,
        recomputed_value as actual,
        published_label as expected_label,
        cast(null as varchar) as actual_label,
        source_section as expected_where,
        'warehouse: Table 5 lines by derived PDD objective (reports.pdd_objective_shares)' as actual_from,
        'error' as severity
    from measures
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
