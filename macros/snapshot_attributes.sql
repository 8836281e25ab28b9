{#- The attributes of a snapshot's version as one JSON object: every column of the
    snapshot except dbt's own (dbt_scd_id, dbt_valid_from, ...). Columns are read from the
    database when the model runs. (sqlfluff lints a stub from .sqlfluff instead: the jinja
    templater has no `adapter`.) -#}
{% macro snapshot_attributes(relation) %}
    {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
    to_json(struct_pack(
    {%- for c in columns if not c.name.startswith('dbt_') %}
        {{ adapter.quote(c.name) }} := {{ adapter.quote(c.name) }}{{ "," if not loop.last }}
    {%- else %}
        unavailable := true
    {%- endfor %}
    ))
{%- endmacro %}
