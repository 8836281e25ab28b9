-- Published records withdrawn on purpose (seeds/declared/declared_retractions.csv).
with

source as (
    select * from {{ raw_input('declared_retractions') }}
),

final as (
    select
        lower(trim(record_kind)) as record_kind,
        trim(record_id) as record_id,
        trim(reason) as reason,
        {{ parse_iso_date(
            'declared_on', "'declared_retractions ' || coalesce(record_id, '?') || ' (declared_on)'"
        ) }}
            as declared_on,
        trim(declared_by) as declared_by,
        nullif(trim(source_file), '') as source_file
    from source
)

select * from final
