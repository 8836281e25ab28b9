{#- Deterministic, incremental-ready surrogate key: md5 over the natural-key columns,
    '|'-separated, with NULL rendered distinctly from the empty string. -#}
{% macro surrogate_key(columns) -%}
    md5(concat_ws('|'
    {%- for column in columns %},
        coalesce(cast({{ column }} as varchar), '<null>')
    {%- endfor %}))
{%- endmacro %}
