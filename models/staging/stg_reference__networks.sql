-- Network master: every city network, alliance or initiative the sources name.
with

source as (
    select * from {{ raw_input('ref_networks') }}
),

final as (
    select
        trim(network_id) as network_id,
        trim(network_name) as network_name,
        {{ normalize_name('network_name') }} as network_name_key,
        nullif(trim(network_acronym), '') as network_acronym,
        nullif(lower(trim(network_kind)), '') as network_kind,
        nullif(trim(description), '') as description,
        trim(source_file) as source_file,
        trim(source_section) as source_section
    from source
)

select * from final
