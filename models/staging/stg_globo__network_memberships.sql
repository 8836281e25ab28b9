-- Chapter 6 and the news pieces: one row per (network, role) fact about Bogotá.
with

source as (
    select * from {{ raw_input('raw_network_memberships') }}
),

final as (
    select
        trim(membership_id) as membership_id,
        trim(network_name) as network_name,
        {{ normalize_name('network_name') }} as network_name_key,
        nullif(trim(network_acronym), '') as network_acronym,
        nullif(lower(trim(network_kind)), '') as network_kind,
        nullif(lower(trim(membership_status)), '') as membership_status,
        nullif(trim(role), '') as role,
        nullif(trim(role_holder), '') as role_holder,
        {{ parse_iso_date('joined_on', "'raw_network_memberships row ' || membership_id || ' (joined_on)'") }}
            as joined_on,
        nullif(trim(joined_on_as_printed), '') as joined_on_as_printed,
        {{ parse_iso_date('role_start_on', "'raw_network_memberships row ' || membership_id || ' (role_start_on)'") }}
            as role_start_on,
        {{ parse_iso_date('role_end_on', "'raw_network_memberships row ' || membership_id || ' (role_end_on)'") }}
            as role_end_on,
        nullif(trim(legal_basis), '') as legal_basis,
        {{ parse_iso_date(
            'legal_basis_date',
            "'raw_network_memberships row ' || membership_id || ' (legal_basis_date)'"
        ) }}
            as legal_basis_date,
        nullif(trim(fee_paying_entity), '') as fee_paying_entity,
        nullif(trim(district_entity), '') as district_entity,
        trim(source_file) as source_file,
        trim(source_section) as source_section,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
