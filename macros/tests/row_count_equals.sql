{#- Generic test: the model has exactly `expected` rows (e.g. the 62 lines of Table 5). -#}
{% test row_count_equals(model, expected, where_clause=none) %}
select count(*) as actual_rows, {{ expected }} as expected_rows
from {{ model }}
{%- if where_clause %} where {{ where_clause }}{% endif %}
having count(*) != {{ expected }}
{% endtest %}
