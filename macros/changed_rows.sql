{#- Incremental change detection, written once (fct_interactions, fct_contributions): the rows
    of `source_cte` with their row_hash (a hash of every column) and, on an incremental run,
    only those whose hash differs from the row already in {{ this }} for the same `key` (new
    or changed rows). Deleted rows are removed by the model's post-hook. -#}
{% macro changed_rows(source_cte, key) -%}
    select
        {{ source_cte }}.*,
        hash({{ source_cte }}) as row_hash
    from {{ source_cte }}
    {%- if is_incremental() %}
        anti join {{ this }} as published_rows
            on {{ source_cte }}.{{ key }} = published_rows.{{ key }}
            and hash({{ source_cte }}) = published_rows.row_hash
    {%- endif %}
{% endmacro %}
