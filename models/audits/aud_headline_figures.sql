-- Rule: every printed headline figure (section texts and table footers) equals what the
-- warehouse recomputes from the rows it summarises. This is the one home of the
-- "607 interactions" rule (Table 1, 2 and 3 footers against their rows) and of the Table 5
-- footer (sums of the lines to the cent, number of lines).
-- A table footer that disagrees with its own rows is an error and blocks publishing; a
-- figure restated in the narrative (s*) or in another table (t4) that disagrees is a
-- source discrepancy (warn), reported with both figures.
with

headline as (
    select * from {{ ref('fct_published_headline_figures') }}
),

contributions as (
    select * from {{ ref('fct_contributions') }}
),

sdg_published as (
    select * from {{ ref('fct_published_sdg_figures') }}
),

cooperant_counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

entity_counts as (
    select * from {{ ref('fct_district_entity_interaction_counts') }}
),

line_totals as (
    {{ contribution_totals('contributions', ['reporting_year']) }}
),

table1_totals as (
    select
        reporting_year,
        sum(non_monetary_interactions) as non_monetary_interactions
    from sdg_published
    group by reporting_year
),

table2_totals as (
    select
        reporting_year,
        sum(reported_interactions) as interactions
    from cooperant_counts
    group by reporting_year
),

table3_totals as (
    select
        reporting_year,
        sum(reported_interactions) as interactions
    from entity_counts
    group by reporting_year
),

recomputed as (
    select
        headline.figure_id,
        headline.reporting_year,
        headline.value_as_printed,
        headline.published_value,
        headline.source_section,
        case
            when headline.measure = 'cooperant_contribution' then line_totals.cooperant_contribution_cop
            when headline.measure = 'district_counterpart' then line_totals.district_counterpart_cop
            -- printed in whole millions: the recomputed figure truncated the same way, in
            -- integer arithmetic (a division gives a DOUBLE, which would turn the whole CASE
            -- into DOUBLE and lose the cents of totals above ~10^13 pesos: found by make bench)
            when headline.measure = 'total_value' and headline.unit = 'COP millions'
                then cast(cast(trunc(line_totals.total_value_cop) as hugeint) // 1000000 as decimal(38, 2))
            when headline.measure = 'total_value' then line_totals.total_value_cop
            when headline.measure = 'monetary_interactions' then line_totals.monetary_lines
            when headline.measure = 'non_monetary_interactions' then table1_totals.non_monetary_interactions
            when headline.figure_id like 't1_%'
                then table1_totals.non_monetary_interactions + line_totals.monetary_lines
            when headline.figure_id like 't3_%' then table3_totals.interactions
            else table2_totals.interactions
        end as recomputed_value,
        case
            when headline.measure in ('cooperant_contribution', 'district_counterpart', 'total_value')
                then 'sum of the Table 5 lines'
            when headline.measure = 'monetary_interactions' then 'count of Table 5 lines'
            when headline.measure = 'non_monetary_interactions' then 'sum of Table 1 rows'
            when headline.figure_id like 't1_%' then 'Table 1 non-monetary rows + Table 5 lines'
            when headline.figure_id like 't3_%' then 'sum of Table 3 rows'
            else 'sum of Table 2 rows'
        end as recomputed_from,
        case
            when headline.figure_id like 't%' and headline.figure_id not like 't4_%' then 'error'
            else 'warn'
        end as severity
    from headline
    left join line_totals on headline.reporting_year = line_totals.reporting_year
    left join table1_totals on headline.reporting_year = table1_totals.reporting_year
    left join table2_totals on headline.reporting_year = table2_totals.reporting_year
    left join table3_totals on headline.reporting_year = table3_totals.reporting_year
),

compared as (
    select
        reporting_year,
        'HEADLINE-' || figure_id as control_key,
        'published total vs recomputed' as category,
        'Figure ' || figure_id || ' printed as ' || value_as_printed || ' but the ' || recomputed_from
        || ' gives ' || coalesce(cast(cast(recomputed_value as decimal(38, 2)) as varchar), 'nothing') as description,
        published_value as expected,
        recomputed_value as actual,
        cast(null as varchar) as expected_label,
        cast(null as varchar) as actual_label,
        source_section as expected_where,
        'warehouse: ' || recomputed_from as actual_from,
        severity
    from recomputed
),

final as (
    {{ audit_columns('compared') }}
)

select * from final
