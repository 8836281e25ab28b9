-- Rule: the report views that roll up to a party reproduce the year's totals, so they can
-- be summed and joined without fan-out: reports.cooperants and reports.district_entities
-- add up to the Table 5 lines (amounts to the cent, number of lines) and to the Table 2 /
-- Table 3 interactions. The totals are the ones aud_headline_figures recomputes.
{%- set rollups = [
    {'view': 'cooperants', 'measure': 'cooperant_contribution_cop', 'figure': 't5_cooperant_contribution'},
    {'view': 'cooperants', 'measure': 'district_counterpart_cop', 'figure': 't5_district_counterpart'},
    {'view': 'cooperants', 'measure': 'total_value_cop', 'figure': 't5_total_value'},
    {'view': 'cooperants', 'measure': 'monetary_lines', 'figure': 't5_monetary_lines'},
    {'view': 'cooperants', 'measure': 'interactions', 'figure': 't2_total_interactions'},
    {'view': 'district_entities', 'measure': 'total_value_cop', 'figure': 't5_total_value'},
    {'view': 'district_entities', 'measure': 'monetary_lines', 'figure': 't5_monetary_lines'},
    {'view': 'district_entities', 'measure': 'interactions', 'figure': 't3_total_interactions'},
] %}
with

headline as (
    select * from {{ ref('aud_headline_figures') }}
),

rolled_up as (
    {%- for r in rollups %}
        select
            reporting_year,
            'reports.{{ r.view }}.{{ r.measure }}' as control_key,
            'HEADLINE-{{ r.figure }}' as headline_key,
            sum({{ r.measure }}) as total
        from {{ ref(r.view) }}
        group by reporting_year
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

compared as (
    select
        rolled_up.reporting_year,
        rolled_up.control_key,
        'report view rollup' as category,
        'sum of ' || rolled_up.control_key || ' is ' || cast(rolled_up.total as varchar)
        || '; the warehouse recomputes ' || coalesce(cast(headline.actual as varchar), 'nothing')
        || ' (' || rolled_up.headline_key || ')' as description,
        headline.actual as expected,
        rolled_up.total as actual,
        null as expected_label,
        null as actual_label,
        'warehouse: ' || headline.actual_from as expected_where,
        'warehouse: sum over ' || rolled_up.control_key as actual_from,
        'error' as severity
    from rolled_up
    left join headline
        on
        rolled_up.reporting_year = headline.reporting_year
        and rolled_up.headline_key = headline.control_key
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
