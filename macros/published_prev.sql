{#- No silent loss: the run compares its build with the warehouse it is about to replace.

    The Dagster job passes the published file as the dbt var `published_file` (a constant
    path, so partial parsing stays valid); the on-run-start hook attaches it READ_ONLY as
    catalog `published_prev` when the file exists. A bare `dbt build` (no var) or a first
    run (no file yet) has nothing to compare with. Only TABLES may read `published_prev`
    (audits.aud_published_records_kept): the published file must never keep a view that
    references a catalog its readers do not have. -#}
{% macro attach_published_prev() %}
    {%- set path = var('published_file', none) -%}
    {%- if execute and path -%}
        {%- set escaped = path | replace("'", "''") -%}
        {%- set found = run_query("select count(*) from glob('" ~ escaped ~ "')").columns[0].values()[0] -%}
        {%- if found > 0 -%}
            {%- do run_query("attach if not exists '" ~ escaped ~ "' as published_prev (read_only)") -%}
            {%- do log("no-silent-loss: comparing with the published warehouse " ~ path, info=false) -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}

{#- The relations ('schema.table') the attached published warehouse holds; empty when no
    published warehouse is attached. -#}
{% macro published_prev_relations() %}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- set attached = run_query(
            "select count(*) from duckdb_databases() where database_name = 'published_prev'"
        ).columns[0].values()[0] -%}
        {%- if attached > 0 -%}
            {%- set rows = run_query(
                "select schema_name || '.' || table_name from duckdb_tables() where database_name = 'published_prev'"
            ) -%}
            {%- for value in rows.columns[0].values() -%}
                {%- do found.append(value) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(found) }}
{% endmacro %}

{#- The published records no run may lose in silence, and the published figures no run may
    change in a closed year without a declared correction: written once, read by
    audits.aud_published_records_kept (the rule) and by reports.retractions /
    reports.corrections (what was declared).
    record_id is the id analysts see; year is the record's reporting_year (NULL when the
    record has none); measures are the published figures of the record; kept_by names the
    entry that already checks the record is kept (a Table 5 line is an interaction). -#}
{% macro published_records() %}
    {{ return([
        {'kind': 'interaction', 'model': 'fct_interactions', 'id': 'interaction_id', 'year': 'reporting_year',
         'label': "coalesce(interaction_title, source_section)"},
        {'kind': 'interaction', 'model': 'fct_contributions', 'id': 'interaction_id', 'year': 'reporting_year',
         'label': "cooperant_name_as_printed", 'kept_by': 'fct_interactions', 'measures': ['cooperant_contribution_cop', 'district_counterpart_cop', 'total_value_cop']},
        {'kind': 'membership', 'model': 'fct_network_memberships', 'id': 'membership_id', 'year': 'null',
         'label': "network_name_as_printed || ': ' || coalesce(role, membership_status, '')"},
        {'kind': 'cooperant', 'model': 'dim_cooperants', 'id': 'cooperant_id', 'year': 'null',
         'label': 'canonical_cooperant_name'},
        {'kind': 'table2_row', 'model': 'fct_cooperant_interaction_counts',
         'id': "'T2-' || reporting_year || '-' || printf('%03d', table_row_number)", 'year': 'reporting_year',
         'label': 'cooperant_name_as_printed', 'measures': ['reported_interactions']},
        {'kind': 'table3_row', 'model': 'fct_district_entity_interaction_counts',
         'id': "'T3-' || reporting_year || '-' || printf('%03d', table_row_number)", 'year': 'reporting_year',
         'label': 'district_entity_name_as_printed', 'measures': ['reported_interactions']},
        {'kind': 'control_figure', 'model': 'fct_published_headline_figures',
         'id': "reporting_year || '/' || figure_id", 'year': 'reporting_year',
         'label': 'value_as_printed', 'measures': ['published_value']},
        {'kind': 'table1_row', 'model': 'fct_published_sdg_figures',
         'id': "reporting_year || '/SDG' || sdg_number", 'year': 'reporting_year', 'label': 'sdg_label_as_printed',
         'measures': ['non_monetary_interactions', 'monetary_interactions', 'total_interactions', 'total_value_cop']},
        {'kind': 'pdd_share', 'model': 'fct_published_pdd_shares',
         'id': "reporting_year || '/PDD' || pdd_objective_number", 'year': 'reporting_year',
         'label': 'share_pct_as_printed', 'measures': ['published_share_pct', 'published_interactions']},
        {'kind': 'table4_row', 'model': 'fct_published_action_collaboration_values',
         'id': "reporting_year || '/T4-' || table_row_number", 'year': 'reporting_year',
         'label': 'value_as_printed', 'measures': ['value_cop_millions']},
    ]) }}
{% endmacro %}
