-- Rule: wherever section 5 prints a figure for a PDD objective (its share of the year's
-- resources, to 2 decimals, and its number of interactions), the Table 5 lines assigned
-- to that objective reproduce it. Objectives with nothing printed are not compared.
-- The per-objective figures themselves are computed in reports.pdd_objective_shares,
-- which carries the printed ones beside them.
with

shares as (
    select * from {{ ref('pdd_objective_shares') }}
),

measures as (
    select
        reporting_year,
        pdd_objective_number,
        'share_pct' as measure,
        published_share_pct as published_value,
        share_pct as recomputed_value
    from shares
    where published_share_pct is not null

    union all

    select
        reporting_year,
        pdd_objective_number,
        'interactions' as measure,
        published_interactions as published_value,
        interactions as recomputed_value
    from shares
    where published_interactions is not null
),

compared as (
    select
        reporting_year,
        'SECTION5-OBJ' || pdd_objective_number || '.' || measure as control_key,
        'section 5 share vs recomputed' as category,
        'Section 5 prints objective ' || pdd_objective_number || ' ' || measure || ' as '
        || cast(published_value as varchar) || ', the Table 5 lines assigned to it give '
        || cast(recomputed_value as varchar) as description,
        published_value as expected,
        recomputed_value as actual,
        cast(published_value as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'Sección 5 (Objetivo ' || pdd_objective_number || ')' as expected_where,
        'warehouse: Table 5 lines by derived PDD objective (reports.pdd_objective_shares)' as actual_from,
        'error' as severity
    from measures
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
