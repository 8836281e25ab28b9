{#- What a set of Table 5 lines adds up to, per group: the number of lines and the sums of
    the three amounts, under the fact's own column names. One definition for every rollup
    (the year's totals in aud_headline_figures, per cooperant, per district entity). -#}
{% macro contribution_totals(relation, group_by) %}
    select
        {{ group_by | join(', ') }},
        count(*) as monetary_lines,
        sum(cooperant_contribution_cop) as cooperant_contribution_cop,
        sum(district_counterpart_cop) as district_counterpart_cop,
        sum(total_value_cop) as total_value_cop
    from {{ relation }}
    group by {{ group_by | join(', ') }}
{% endmacro %}
