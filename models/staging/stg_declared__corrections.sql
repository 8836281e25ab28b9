-- Declared corrections of published figures of closed years
-- (seeds/declared/declared_corrections.csv); values parsed like every printed amount.
with

source as (
    select * from {{ raw_input('declared_corrections') }}
),

final as (
    select
        lower(trim(record_kind)) as record_kind,
        trim(record_id) as record_id,
        lower(trim(measure)) as measure,
        {{ parse_spanish_amount(
            'old_value', "'declared_corrections ' || coalesce(record_id, '?') || ' (old_value)'"
        ) }}
            as old_value,
        {{ parse_spanish_amount(
            'new_value', "'declared_corrections ' || coalesce(record_id, '?') || ' (new_value)'"
        ) }}
            as new_value,
        trim(reason) as reason,
        {{ parse_iso_date(
            'declared_on', "'declared_corrections ' || coalesce(record_id, '?') || ' (declared_on)'"
        ) }}
            as declared_on,
        trim(declared_by) as declared_by,
        nullif(trim(source_file), '') as source_file
    from source
)

select * from final
