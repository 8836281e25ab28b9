-- Rule: every Table 1 row (one per SDG) is reproduced by the Table 5 lines assigned to
-- that SDG: number of monetary lines, their total value to the cent, and the row's total
-- interactions (its non-monetary count + the recomputed monetary count).
-- The per-SDG aggregation itself lives in reports.sdg_summary; this model only compares.
with

summary as (
    select * from {{ ref('sdg_summary') }}
),

measures as (
    select
        reporting_year,
        sdg_number,
        sdg_label_as_printed,
        'monetary_interactions' as measure,
        published_monetary_interactions as published_value,
        monetary_interactions as recomputed_value
    from summary

    union all

    select
        reporting_year,
        sdg_number,
        sdg_label_as_printed,
        'total_value_cop',
        published_total_value_cop,
        total_value_cop
    from summary

    union all

    select
        reporting_year,
        sdg_number,
        sdg_label_as_printed,
        'total_interactions',
        published_total_interactions,
        total_interactions
    from summary
),

compared as (
    select
        reporting_year,
        'TABLE1-SDG' || lpad(cast(sdg_number as varchar), 2, '0') || '.' || measure as control_key,
        'Table 1 row vs recomputed' as category,
        'Table 1 row ' || sdg_label_as_printed || ': ' || measure || ' printed as '
        || cast(published_value as varchar) || ', the Table 5 lines assigned to SDG ' || sdg_number
        || ' give ' || cast(recomputed_value as varchar) as description,
        published_value as expected,
        recomputed_value as actual,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'Tabla 1' as expected_where,
        'warehouse: Table 5 lines by derived SDG (reports.sdg_summary)' as actual_from,
        'error' as severity
    from measures
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
