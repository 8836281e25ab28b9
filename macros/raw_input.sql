{#- Where a staging model reads a raw input: the seed (always, in production), or - only
    when BOGOTA_BENCH_DIR is set by `make bench` - the SYNTHETIC benchmark file of the same
    name in that scratch folder, as the dbt source `bench` (read_parquet; seeds cannot load
    millions of rows). The transformations downstream are the same. -#}
{% macro raw_input(name) %}
    {%- if env_var('BOGOTA_BENCH_DIR', '') -%}
        {{ return(source('bench', name)) }}
    {%- else -%}
        {{ return(ref(name)) }}
    {%- endif -%}
{% endmacro %}
