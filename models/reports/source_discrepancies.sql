-- Every disagreement between published figures, or between a figure and what the
-- warehouse recomputes, with both figures and where each is printed. Nothing is
-- recomputed here: the rows are the unreconciled rows of the audit models (one rule
-- each), plus the textual disagreements documented by hand in a reference seed.
-- (aud_report_rollups is left out: it checks the warehouse's own views, not the sources.)
{%- set audits = [
    'aud_headline_figures', 'aud_sdg_figures', 'aud_pdd_shares', 'aud_table4_subtotals',
    'aud_line_arithmetic', 'aud_cooperant_line_counts', 'aud_sector_consistency',
    'aud_referential_integrity', 'aud_domains', 'aud_duplicate_cooperant_rows',
    'aud_misclassified_parties',
] %}
with

documented as (
    select * from {{ ref('stg_reference__documented_discrepancies') }}
),

known as (
    select * from {{ ref('stg_reference__known_discrepancies') }}
),

unreconciled as (
    {%- for audit in audits %}
        select
            '{{ audit }}' as audit_model,
            *
        from {{ ref(audit) }}
        where not is_reconciled
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

found as (
    select
        control_key as discrepancy_id,
        reporting_year,
        category,
        description,
        expected_label as published_value,
        expected_where as published_where,
        actual_label as other_value,
        actual_from as other_where,
        difference,
        false as is_documented_by_hand,
        audit_model,
        severity
    from unreconciled

    union all

    select
        discrepancy_id,
        cast(null as integer) as reporting_year,
        category,
        description,
        published_value,
        published_where,
        other_value,
        other_where,
        cast(null as decimal(38, 2)) as difference,
        true as is_documented_by_hand,
        cast(null as varchar) as audit_model,
        'warn' as severity
    from documented
),

final as (
    select
        found.*,
        -- known: reviewed into the baseline seed, or documented by hand; anything else is new
        found.is_documented_by_hand or known.discrepancy_id is not null as is_known,
        known.reviewed_on as known_since
    from found
    left join known
        on
        found.discrepancy_id = known.discrepancy_id
        and found.reporting_year = known.reporting_year
)

select * from final
