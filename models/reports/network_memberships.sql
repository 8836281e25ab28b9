-- Chapter 6 (Acuerdo 147 de 2005) and the news: Bogotá's network memberships and roles.
with

memberships as (
    select * from {{ ref('fct_network_memberships') }}
),

networks as (
    select * from {{ ref('dim_networks') }}
),

final as (
    select
        networks.network_name,
        coalesce(memberships.network_acronym, networks.network_acronym) as network_acronym,
        memberships.joined_on,
        memberships.legal_basis,
        memberships.fee_paying_entity,
        memberships.role,
        memberships.membership_id,
        memberships.membership_key,
        memberships.network_key,
        memberships.membership_status,
        memberships.role_holder,
        memberships.joined_on_as_printed,
        memberships.role_start_on,
        memberships.role_end_on,
        memberships.legal_basis_date,
        memberships.district_entity,
        networks.network_kind,
        memberships.source_file,
        memberships.source_section,
        memberships.notes
    from memberships
    left join networks
        on memberships.network_key = networks.network_key
)

select * from final
