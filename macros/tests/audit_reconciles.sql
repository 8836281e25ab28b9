{#- Generic test for the audit models: every row of error severity reconciles
    (expected = actual). Returns the failing audit rows, whose description names the
    offending lines, so the failure message says what is wrong and where. -#}
{% test audit_reconciles(model) %}
select *
from {{ model }}
where severity = 'error'
    and not is_reconciled
{% endtest %}
