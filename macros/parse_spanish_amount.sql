{#-
  Parse a Spanish-formatted amount ("$ 1.234.567,50", "$33", "607", "41,69") into DECIMAL(18,2).
  Thousands separator '.', decimal separator ',', optional '$' and spaces.
  NULL/empty stays NULL (non-monetary lines). Anything else that does not match the
  format raises an error naming the value and the row, instead of silently becoming NULL.
-#}
{% macro parse_spanish_amount(column, row_label) -%}
    {%- set cleaned = "trim(" ~ column ~ ")" -%}
    case
        when {{ column }} is null or {{ cleaned }} = '' then null
        when regexp_full_match({{ cleaned }}, '^\$?\s*-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$')
            then cast(replace(replace(regexp_replace({{ cleaned }}, '[$\s]', '', 'g'), '.', ''), ',', '.') as decimal(18, 2))
        else error('malformed amount ' || chr(39) || {{ column }} || chr(39) || ' in ' || {{ row_label }}
                   || ' (expected Spanish format like $ 1.234.567,50)')
    end
{%- endmacro %}
