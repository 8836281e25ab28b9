-- One row per network of the network master: since when Bogotá is a member (and on what
-- basis), who pays the fee, the roles it holds, and how many interactions and events
-- name the network. Memberships and interactions are aggregated to the network first.
with

networks as (
    select * from {{ ref('dim_networks') }}
),

memberships as (
    select * from {{ ref('fct_network_memberships') }}
),

interactions as (
    select * from {{ ref('fct_interactions') }}
),

membership_by_network as (
    select
        network_key,
        min(joined_on) as member_since,
        coalesce(
            arg_min(coalesce(legal_basis, joined_on_as_printed), joined_on),
            string_agg(distinct coalesce(legal_basis, joined_on_as_printed), '; ')
        ) as member_since_basis,
        string_agg(distinct fee_paying_entity, '; ' order by fee_paying_entity) as fee_paying_entity,
        string_agg(distinct role, '; ' order by role) filter (
            where role is not null and (role_end_on is null or role_end_on >= current_date)
        ) as current_roles,
        string_agg(distinct membership_status, '; ' order by membership_status) as membership_status,
        count(*) as membership_facts
    from memberships
    group by network_key
),

interactions_by_network as (
    select
        network_key,
        count(*) as interactions,
        count(*) filter (where not is_monetary) as events
    from interactions
    where network_key is not null
    group by network_key
),

final as (
    select
        networks.network_key,
        networks.network_id,
        networks.network_name,
        networks.network_acronym,
        networks.network_kind,
        membership_by_network.member_since,
        membership_by_network.member_since_basis,
        membership_by_network.fee_paying_entity,
        membership_by_network.current_roles,
        membership_by_network.membership_status,
        coalesce(membership_by_network.membership_facts, 0) as membership_facts,
        coalesce(interactions_by_network.interactions, 0) as interactions,
        coalesce(interactions_by_network.events, 0) as events,
        networks.source_file,
        networks.source_section
    from networks
    left join membership_by_network on networks.network_key = membership_by_network.network_key
    left join interactions_by_network on networks.network_key = interactions_by_network.network_key
)

select * from final
