-- Rule: no cooperant has more monetary lines (Table 5) than the interactions Table 2
-- reports for it (duplicate Table 2 rows merged). One row per (year, cooperant with
-- lines): expected 0 lines in excess.
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

table2_counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

-- what Table 2 of the same year reports for the cooperant (duplicate rows merged)
table2_by_year as (
    select
        reporting_year,
        cooperant_key,
        sum(reported_interactions) as reported_interactions
    from table2_counts
    group by reporting_year, cooperant_key
),

lines as (
    select
        reporting_year,
        cooperant_key,
        cooperant_id,
        count(*) as monetary_lines
    from contributions
    group by reporting_year, cooperant_key, cooperant_id
),

compared as (
    select
        lines.reporting_year,
        'COOPERANT-LINES-' || lines.cooperant_id as control_key,
        'cooperant lines vs Table 2' as category,
        coalesce(cooperants.canonical_cooperant_name, lines.cooperant_id) || ' (' || lines.cooperant_id || ') has '
        || lines.monetary_lines || ' monetary_lines in Table 5; Table 2 reports '
        || coalesce(table2_by_year.reported_interactions, 0) || ' reported_interactions' as description,
        0 as expected,
        greatest(lines.monetary_lines - coalesce(table2_by_year.reported_interactions, 0), 0) as actual,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        'Tabla 2 (interactions per cooperant)' as expected_where,
        'warehouse: Table 5 lines of the cooperant beyond its Table 2 count' as actual_from,
        'error' as severity
    from lines
    left join cooperants on lines.cooperant_key = cooperants.cooperant_key
    left join table2_by_year
        on lines.reporting_year = table2_by_year.reporting_year
        and lines.cooperant_key = table2_by_year.cooperant_key
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
