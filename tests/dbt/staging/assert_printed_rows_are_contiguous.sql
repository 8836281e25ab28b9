-- Why this test exists: a row lost in transcription (or deleted from a seed) must be
-- named, not only noticed as a count mismatch. Table 2 rows are numbered 1..N and Table 5
-- lines T5-001..T5-nnn in print order; this returns each missing number.
with

table2 as (
    select table_row_number from {{ ref('stg_globo__cooperants') }}
),

table5 as (
    select cast(substr(interaction_id, 4) as integer) as line_number
    from {{ ref('stg_globo__interactions') }}
    where interaction_id like 'T5-%'
),

table2_missing as (
    select
        'raw_cooperants (Tabla 2)' as seed,
        'row ' || expected.n as missing
    from (select unnest(generate_series(1, (select max(table_row_number) from table2))) as n) as expected
    anti join table2 on expected.n = table2.table_row_number
),

table5_missing as (
    select
        'raw_interactions (Tabla 5)' as seed,
        'T5-' || lpad(cast(expected.n as varchar), 3, '0') as missing
    from (select unnest(generate_series(1, (select max(line_number) from table5))) as n) as expected
    anti join table5 on expected.n = table5.line_number
),

final as (
    select * from table2_missing
    union all
    select * from table5_missing
)

select * from final
