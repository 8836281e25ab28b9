{#- dbt's not_null test, returning the whole failing rows rather than the NULL column
    alone (what dbt itself selects when store_failures is on), so that a failure message
    names the row: its id, its raw name, its source. -#}
{% macro default__test_not_null(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is null
{% endmacro %}
