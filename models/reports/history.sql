-- The history of what the warehouse has held, from the dbt snapshots (type 2): one row per
-- version of a cooperant, a network membership or role, a printed control figure, or a
-- Table 5 line's amounts, with the build times between which it was the warehouse's
-- (valid_from, valid_to; NULL valid_to = current) and the version's attributes as JSON.
-- A corrected figure of a closed year shows as two versions of the same record.
{%- set histories = [
    {'kind': 'cooperant', 'snapshot': 'snap_cooperants', 'id': 'cooperant_id', 'year': 'null'},
    {'kind': 'membership', 'snapshot': 'snap_network_memberships', 'id': 'membership_id', 'year': 'null'},
    {'kind': 'control_figure', 'snapshot': 'snap_published_headline_figures',
     'id': "reporting_year || '/' || figure_id", 'year': 'reporting_year'},
    {'kind': 'table1_row', 'snapshot': 'snap_published_sdg_figures',
     'id': "reporting_year || '/SDG' || sdg_number", 'year': 'reporting_year'},
    {'kind': 'pdd_share', 'snapshot': 'snap_published_pdd_shares',
     'id': "reporting_year || '/PDD' || pdd_objective_number", 'year': 'reporting_year'},
    {'kind': 'table4_row', 'snapshot': 'snap_published_action_collaboration_values',
     'id': "reporting_year || '/T4-' || table_row_number", 'year': 'reporting_year'},
    {'kind': 'contribution_amounts', 'snapshot': 'snap_contribution_amounts', 'id': 'interaction_id',
     'year': 'reporting_year'},
] %}
with

versions as (
    {%- for h in histories %}
        select
            '{{ h.kind }}' as record_kind,
            cast({{ h.id }} as varchar) as record_id,
            cast({{ h.year }} as integer) as reporting_year,
            dbt_valid_from as valid_from,
            dbt_valid_to as valid_to,
            dbt_scd_id as version_id,
            {{ snapshot_attributes(ref(h.snapshot)) }} as attributes
        from {{ ref(h.snapshot) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        record_kind,
        record_id,
        reporting_year,
        row_number() over (partition by record_kind, record_id order by valid_from) as version_number,
        valid_from,
        valid_to,
        valid_to is null as is_current,
        attributes,
        version_id
    from versions
)

select * from final
