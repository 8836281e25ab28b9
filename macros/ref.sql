{#- Render refs without the database (catalog) name.
    DuckDB names a file's catalog after the file. The warehouse is built in a staging
    file and published by renaming it, so a view that said "build"."marts"."x" would
    break after the rename. Unqualified "marts"."x" resolves in whatever file holds the view. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if relation is not none and relation.include is defined -%}
        {%- do return(relation.include(database=False)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}
