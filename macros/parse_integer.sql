{#- Parse a whole count ("607"). Empty stays NULL; anything else raises a clear error. -#}
{% macro parse_integer(column, row_label) -%}
    case
        when {{ column }} is null or trim({{ column }}) = '' then null
        when regexp_full_match(trim({{ column }}), '^-?\d+$') then cast(trim({{ column }}) as integer)
        else error('malformed whole number ' || chr(39) || {{ column }} || chr(39) || ' in ' || {{ row_label }})
    end
{%- endmacro %}
