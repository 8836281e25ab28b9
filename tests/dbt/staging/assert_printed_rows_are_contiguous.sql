-- Why this test exists: a row lost in transcription (or deleted from a seed) must be
-- named, not only noticed as a count mismatch. Each year's Table 2 rows are numbered 1..N
-- and its Table 5 lines T5-nnn (2024) or T5-<year>-nnn (later years) in print order; this
-- returns each missing number, per reporting year.
with

table2 as (
    select
        reporting_year,
        table_row_number
    from {{ ref('stg_globo__cooperants') }}
),

table5 as (
    select
        reporting_year,
        regexp_replace(interaction_id, '\d+$', '') as id_prefix,
        cast(regexp_extract(interaction_id, '(\d+)$', 1) as integer) as line_number
    from {{ ref('stg_globo__interactions') }}
    where interaction_id like 'T5-%'
),

table2_expected as (
    select
        reporting_year,
        unnest(generate_series(1, max(table_row_number))) as n
    from table2
    group by reporting_year
),

table5_expected as (
    select
        reporting_year,
        min(id_prefix) as id_prefix,
        unnest(generate_series(1, max(line_number))) as n
    from table5
    group by reporting_year
),

table2_missing as (
    select
        'raw_cooperants (Tabla 2)' as seed,
        table2_expected.reporting_year,
        'row ' || table2_expected.n as missing
    from table2_expected
    anti join table2
        on table2_expected.reporting_year = table2.reporting_year
        and table2_expected.n = table2.table_row_number
),

table5_missing as (
    select
        'raw_interactions (Tabla 5)' as seed,
        table5_expected.reporting_year,
        table5_expected.id_prefix || printf('%03d', table5_expected.n) as missing
    from table5_expected
    anti join table5
        on table5_expected.reporting_year = table5.reporting_year
        and table5_expected.n = table5.line_number
),

final as (
    select * from table2_missing
    union all
    select * from table5_missing
)

select * from final
