-- Rule: values lie in their domain. Amounts are present and never negative; SDG numbers
-- are 1-17 (the UN's 17 goals) and PDD objectives 1-5 (the five objectives of the
-- 2024-2027 development plan) on every line; dates and reporting years fall between
-- 1980 and next year; no range ends before it starts.
-- One row per (year, rule): expected 0 violating rows; the description names up to 5.
{%- set plausible = "between 1980 and year(current_date) + 1" %}
{%- set rules = [
    {'key': 'fct_contributions.cooperant_contribution_cop >= 0', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'cooperant_contribution_cop is null or cooperant_contribution_cop < 0', 'shown': 'cooperant_contribution_cop'},
    {'key': 'fct_contributions.district_counterpart_cop >= 0', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'district_counterpart_cop is null or district_counterpart_cop < 0', 'shown': 'district_counterpart_cop'},
    {'key': 'fct_contributions.total_value_cop >= 0', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'total_value_cop is null or total_value_cop < 0', 'shown': 'total_value_cop'},
    {'key': 'fct_contributions.sdg_number in 1-17', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'sdg_number is null or sdg_number not between 1 and 17', 'shown': 'sdg_number'},
    {'key': 'fct_contributions.pdd_objective_number in 1-5', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'pdd_objective_number is null or pdd_objective_number not between 1 and 5', 'shown': 'pdd_objective_number'},
    {'key': 'fct_interactions.start_date plausible', 'fact': 'fct_interactions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'year(start_date) not ' ~ plausible, 'shown': 'start_date'},
    {'key': 'fct_interactions.end_date plausible', 'fact': 'fct_interactions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'year(end_date) not ' ~ plausible, 'shown': 'end_date'},
    {'key': 'fct_interactions.end_date >= start_date', 'fact': 'fct_interactions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'end_date < start_date', 'shown': "start_date || ' > ' || end_date"},
    {'key': 'fct_network_memberships.joined_on plausible', 'fact': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
     'violation': 'year(joined_on) not ' ~ plausible, 'shown': 'joined_on'},
    {'key': 'fct_network_memberships.role_start_on plausible', 'fact': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
     'violation': 'year(role_start_on) not ' ~ plausible, 'shown': 'role_start_on'},
    {'key': 'fct_network_memberships.role_end_on plausible', 'fact': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
     'violation': 'year(role_end_on) not ' ~ plausible, 'shown': 'role_end_on'},
    {'key': 'fct_network_memberships.role_end_on >= role_start_on', 'fact': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
     'violation': 'role_end_on < role_start_on', 'shown': "role_start_on || ' > ' || role_end_on"},
    {'key': 'fct_network_memberships.legal_basis_date plausible', 'fact': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
     'violation': 'year(legal_basis_date) not ' ~ plausible, 'shown': 'legal_basis_date'},
    {'key': 'fct_interactions.reporting_year plausible', 'fact': 'fct_interactions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'reporting_year is null or reporting_year not ' ~ plausible, 'shown': 'reporting_year'},
    {'key': 'fct_contributions.reporting_year plausible', 'fact': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
     'violation': 'reporting_year is null or reporting_year not ' ~ plausible, 'shown': 'reporting_year'},
    {'key': 'fct_cooperant_interaction_counts.reporting_year plausible', 'fact': 'fct_cooperant_interaction_counts', 'id': 'table_row_number', 'year': 'reporting_year',
     'violation': 'reporting_year is null or reporting_year not ' ~ plausible, 'shown': 'reporting_year'},
    {'key': 'fct_district_entity_interaction_counts.reporting_year plausible', 'fact': 'fct_district_entity_interaction_counts', 'id': 'table_row_number', 'year': 'reporting_year',
     'violation': 'reporting_year is null or reporting_year not ' ~ plausible, 'shown': 'reporting_year'},
] %}
with

checked as (
    {%- for r in rules %}
        select
            {{ r.year }} as reporting_year,
            '{{ r.key }}' as control_key,
            '{{ r.key }}' as rule_statement,
            count(*) filter (where {{ r.violation }}) as violating_rows,
            list(
                cast({{ r.id }} as varchar) || ': ' || coalesce(cast({{ r.shown }} as varchar), 'NULL')
                order by {{ r.id }}
            ) filter (where {{ r.violation }}
            ) as examples
        from {{ ref(r.fact) }}
        group by all
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    {{ audit_of_violations('checked', 'domain', 'domain rule', 'warehouse: rows outside the domain') }}
)

select * from final
