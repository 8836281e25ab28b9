{#- Generic test: fails with every row where the boolean expression is not true.
    Usable on a model or on a column (column_name is then available to the expression). -#}
{% test expression_is_true(model, expression, column_name=none, where_clause=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{%- if where_clause %} and ({{ where_clause }}){% endif %}
{% endtest %}
