-- One row per city network, alliance or initiative.
with

networks as (
    select * from {{ ref('stg_reference__networks') }}
),

memberships as (
    select * from {{ ref('stg_globo__network_memberships') }}
),

membership_counts as (
    select
        network_name_key,
        count(*) as membership_facts
    from memberships
    group by network_name_key
),

final as (
    select
        {{ surrogate_key(['networks.network_name_key']) }} as network_key,
        networks.network_id,
        networks.network_name,
        networks.network_acronym,
        networks.network_kind,
        networks.description,
        coalesce(membership_counts.membership_facts, 0) as membership_facts,
        networks.source_file,
        networks.source_section
    from networks
    left join membership_counts
        on networks.network_name_key = membership_counts.network_name_key
)

select * from final
