{#- Parse an ISO date (YYYY-MM-DD). Empty stays NULL; an impossible or malformed date
    (2024-02-30, 24/02/2024) raises an error naming the value and the row. -#}
{% macro parse_iso_date(column, row_label) -%}
    case
        when {{ column }} is null or trim({{ column }}) = '' then null
        when regexp_full_match(trim({{ column }}), '^\d{4}-\d{2}-\d{2}$')
             and try_cast(trim({{ column }}) as date) is not null
            then cast(trim({{ column }}) as date)
        else error('invalid date ' || chr(39) || {{ column }} || chr(39) || ' in ' || {{ row_label }}
                   || ' (expected an existing calendar date as YYYY-MM-DD)')
    end
{%- endmacro %}
