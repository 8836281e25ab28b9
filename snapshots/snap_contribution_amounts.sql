{% snapshot snap_contribution_amounts %}
    {{ config(
        schema='snapshots',
        unique_key='interaction_id',
        strategy='check',
        check_cols=['cooperant_contribution_cop', 'district_counterpart_cop', 'total_value_cop'],
        hard_deletes='invalidate',
    ) }}
    -- Only what the history of an amount needs. With every column of fct_contributions
    -- (relation: in YAML) each build compared and stored ~20 columns of every Table 5 line:
    -- 16-18 s a night at 10 M synthetic interactions.
    select
        interaction_id,
        reporting_year,
        cooperant_contribution_cop,
        district_counterpart_cop,
        total_value_cop
    from {{ ref('fct_contributions') }}
{% endsnapshot %}
