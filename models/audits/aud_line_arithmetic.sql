-- Rule: on every Table 5 line, cooperant contribution + district counterpart = total
-- value, to the cent. The total is printed, not recomputed, so a transcription or parsing
-- error in any of the three amounts shows up here. One row per year: expected 0 violating
-- lines; the description names up to 5 of them with their difference.
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

lines as (
    select
        reporting_year,
        interaction_id,
        cooperant_contribution_cop + district_counterpart_cop - total_value_cop as difference_cop
    from contributions
),

per_year as (
    select
        reporting_year,
        'LINE-ARITHMETIC' as control_key,
        'contribution + counterpart = total on every Table 5 line' as rule_statement,
        count(*) filter (where difference_cop is distinct from 0) as violating_rows,
        list(
            interaction_id || ' (contribution + counterpart - total = '
            || coalesce(cast(difference_cop as varchar), 'NULL') || ')' order by interaction_id
        ) filter (where difference_cop is distinct from 0) as examples
    from lines
    group by reporting_year
),

final as (
    {{ audit_of_violations(
        'per_year', 'line arithmetic',
        'Tabla 5 (each line prints the three amounts)',
        'warehouse: Table 5 lines breaking contribution + counterpart = total'
    ) }}
)

select * from final
