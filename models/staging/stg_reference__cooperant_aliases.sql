-- Alias seed: every spelling a source uses for a cooperant, keyed by its normalised form.
with

source as (
    select * from {{ raw_input('ref_cooperant_aliases') }}
),

final as (
    select
        trim(alias_name) as alias_name,
        {{ normalize_name('alias_name') }} as alias_name_key,
        trim(cooperant_id) as cooperant_id,
        trim(alias_source) as alias_source,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
