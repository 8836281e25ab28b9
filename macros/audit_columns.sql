{#- The one shape of every audit model (models/audits/): one row per
    (reporting_year, control_key) with the expected and the actual figure.

    `relation` must provide: reporting_year, control_key, category, description,
    expected, actual, expected_label, actual_label, expected_where, actual_from, severity.
    This macro adds the two derived columns, so "difference" and "reconciled" are defined
    here once for every rule:
      difference    = expected - actual
      is_reconciled = expected and actual are equal (two NULLs are equal: nothing printed,
                      nothing found).
    severity 'error' blocks publishing (dbt test audit_reconciles + the GE check);
    'warn' is a known disagreement between published figures, listed in
    reports.source_discrepancies. -#}
{% macro audit_columns(relation) %}
    select
        cast(reporting_year as integer) as reporting_year,
        cast(control_key as varchar) as control_key,
        cast(category as varchar) as category,
        cast(description as varchar) as description,
        cast(expected as decimal(38, 2)) as expected,
        cast(actual as decimal(38, 2)) as actual,
        cast(expected as decimal(38, 2)) - cast(actual as decimal(38, 2)) as difference,
        coalesce(cast(expected_label as varchar), cast(cast(expected as decimal(38, 2)) as varchar)) as expected_label,
        coalesce(cast(actual_label as varchar), cast(cast(actual as decimal(38, 2)) as varchar)) as actual_label,
        cast(expected_where as varchar) as expected_where,
        cast(actual_from as varchar) as actual_from,
        cast(severity as varchar) as severity,
        (cast(expected as decimal(38, 2)) is not distinct from cast(actual as decimal(38, 2))) as is_reconciled
    from {{ relation }}
{% endmacro %}

{#- The audit of a rule that counts violating rows: expected 0, actual the count, and a
    description naming up to 5 of them. `relation` provides reporting_year, control_key,
    rule_statement (the rule in words), violating_rows and examples (a list of text, in order). -#}
{% macro audit_of_violations(relation, category, expected_where, actual_from) %}
    {%- set compared -%}
        (
            select
                reporting_year,
                control_key,
                '{{ category }}' as category,
                case
                    when violating_rows = 0 then rule_statement || ': holds on every row'
                    else rule_statement || ': ' || violating_rows || ' violating row(s): '
                        || array_to_string(examples[1:5], '; ')
                end as description,
                0 as expected,
                violating_rows as actual,
                null as expected_label,
                null as actual_label,
                '{{ expected_where }}' as expected_where,
                '{{ actual_from }}' as actual_from,
                'error' as severity
            from {{ relation }}
        ) as compared
    {%- endset -%}
    {{ audit_columns(compared) }}
{% endmacro %}
