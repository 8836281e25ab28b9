{#- Deterministic, incremental-ready surrogate key: md5 over the JSON array of the
    natural-key values. JSON escaping keeps ('a|b','c') apart from ('a','b|c') and a NULL
    apart from any string. -#}
{% macro surrogate_key(columns) -%}
    md5(to_json([
    {%- for column in columns %}
        cast({{ column }} as varchar){{ "," if not loop.last }}
    {%- endfor %}]))
{%- endmacro %}
