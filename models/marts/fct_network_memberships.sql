-- Bogotá's memberships and roles in networks: one row per (network, role) fact.
with

memberships as (
    select * from {{ ref('stg_globo__network_memberships') }}
),

final as (
    select
        {{ surrogate_key(['membership_id']) }} as membership_key,
        membership_id,
        {{ surrogate_key(['network_name_key']) }} as network_key,
        network_name as network_name_as_printed,
        network_acronym,
        membership_status,
        role,
        role_holder,
        cast(strftime(joined_on, '%Y%m%d') as integer) as joined_date_key,
        joined_on,
        joined_on_as_printed,
        role_start_on,
        role_end_on,
        legal_basis,
        legal_basis_date,
        fee_paying_entity,
        district_entity,
        source_file,
        source_section,
        notes
    from memberships
)

select * from final
