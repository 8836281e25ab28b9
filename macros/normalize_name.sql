{#- Matching key for names: upper case, accents stripped, whitespace collapsed and trimmed.
    "Fundación  acdi voca" and "FUNDACION ACDI VOCA" both become "FUNDACION ACDI VOCA". -#}
{% macro normalize_name(column) -%}
    nullif(trim(regexp_replace(upper(strip_accents({{ column }})), '\s+', ' ', 'g')), '')
{%- endmacro %}
