-- Rule: Table 2 lists each organisation once. Rows that resolve to the same cooperant
-- (e.g. METRÓPOLIS and ASOCIACIÓN MUNDIAL DE GRANDES METRÓPOLIS) are merged in
-- dim_cooperants; each merge is a source discrepancy (warn), listed with the printed rows.
-- One row per (year, cooperant listed more than once): expected 1 row, actual rows.
with

cooperant_counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

grouped as (
    select
        cooperant_counts.reporting_year,
        cooperants.cooperant_id,
        cooperants.canonical_cooperant_name,
        count(*) as printed_rows,
        sum(cooperant_counts.reported_interactions) as interactions,
        string_agg(
            cooperant_counts.cooperant_name_as_printed || ' (fila ' || cooperant_counts.table_row_number || ': '
            || cooperant_counts.reported_interactions || ')', '; '
            order by cooperant_counts.table_row_number
        ) as printed
    from cooperant_counts
    inner join cooperants on cooperant_counts.cooperant_key = cooperants.cooperant_key
    group by cooperant_counts.reporting_year, cooperants.cooperant_id, cooperants.canonical_cooperant_name
    having count(*) > 1
),

compared as (
    select
        reporting_year,
        'TABLE2-DUPLICATE-' || upper(cooperant_id) as control_key,
        'cooperant listed twice' as category,
        'Table 2 lists ' || canonical_cooperant_name || ' in ' || printed_rows || ' rows' as description,
        1 as expected,
        printed_rows as actual,
        printed as expected_label,
        canonical_cooperant_name || ': ' || interactions || ' interactions' as actual_label,
        'Tabla 2' as expected_where,
        'warehouse: dim_cooperants (seeds/reference/ref_cooperant_aliases.csv)' as actual_from,
        'warn' as severity
    from grouped
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
