-- The reviewed baseline of known discrepancies, typed.
with

source as (
    select * from {{ raw_input('ref_known_discrepancies') }}
),

final as (
    select
        trim(discrepancy_id) as discrepancy_id,
        reporting_year,
        reviewed_on,
        trim(reviewed_by) as reviewed_by,
        trim(note) as note
    from source
)

select * from final
