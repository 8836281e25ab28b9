-- Every place where a published figure disagrees with what the warehouse recomputes
-- (or with another published figure), with both figures and where each is printed.
-- Recomputable comparisons are derived here; textual ones come from a documented seed.
with

contributions as (
    select * from {{ ref('fct_contributions') }}
),

headline as (
    select * from {{ ref('fct_published_headline_figures') }}
),

sdg_published as (
    select * from {{ ref('fct_published_sdg_figures') }}
),

table4 as (
    select * from {{ ref('fct_published_action_collaboration_values') }}
),

pdd_published as (
    select * from {{ ref('fct_published_pdd_shares') }}
),

cooperant_counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

entity_counts as (
    select * from {{ ref('fct_district_entity_interaction_counts') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

entities as (
    select * from {{ ref('dim_district_entities') }}
),

documented as (
    select * from {{ ref('stg_reference__documented_discrepancies') }}
),

line_totals as (
    select
        reporting_year,
        sum(cooperant_contribution_cop) as cooperant_contribution,
        sum(district_counterpart_cop) as district_counterpart,
        sum(total_value_cop) as total_value,
        count(*) as monetary_interactions
    from contributions
    group by reporting_year
),

interaction_totals as (
    select
        (select sum(reported_interactions) from cooperant_counts) as table2_total,
        (select sum(reported_interactions) from entity_counts) as table3_total,
        (select sum(non_monetary_interactions) from sdg_published) as table1_non_monetary
),

-- headline figures vs the Table 5 lines / the tables they summarise
headline_compared as (
    select
        headline.figure_id,
        headline.reporting_year,
        headline.value_as_printed,
        headline.published_value,
        headline.unit,
        headline.source_section,
        case
            when headline.measure = 'cooperant_contribution' then line_totals.cooperant_contribution
            when headline.measure = 'district_counterpart' then line_totals.district_counterpart
            when headline.measure = 'total_value' and headline.unit = 'COP millions' then line_totals.total_value / 1000000
            when headline.measure = 'total_value' then line_totals.total_value
            when headline.measure = 'monetary_interactions' then line_totals.monetary_interactions
            when headline.measure = 'non_monetary_interactions' then interaction_totals.table1_non_monetary
            when headline.figure_id like 't1_%' then interaction_totals.table1_non_monetary + line_totals.monetary_interactions
            when headline.figure_id like 't3_%' then interaction_totals.table3_total
            else interaction_totals.table2_total
        end as recomputed_value,
        case
            when headline.measure in ('cooperant_contribution', 'district_counterpart', 'total_value')
                then 'sum of the 62 Table 5 lines'
            when headline.measure = 'monetary_interactions' then 'count of Table 5 lines'
            when headline.measure = 'non_monetary_interactions' then 'sum of Table 1 rows'
            when headline.figure_id like 't1_%' then 'Table 1 non-monetary rows + Table 5 lines'
            when headline.figure_id like 't3_%' then 'sum of Table 3 rows'
            else 'sum of Table 2 rows'
        end as recomputed_from
    from headline
    left join line_totals on headline.reporting_year = line_totals.reporting_year
    cross join interaction_totals
),

headline_discrepancies as (
    select
        'HEADLINE-' || figure_id as discrepancy_id,
        reporting_year,
        'published total vs recomputed' as category,
        'Figure ' || figure_id || ' printed as ' || value_as_printed || ' but the ' || recomputed_from
            || ' gives ' || cast(cast(recomputed_value as decimal(18, 2)) as varchar) as description,
        cast(published_value as varchar) as published_value,
        source_section as published_where,
        cast(cast(recomputed_value as decimal(18, 2)) as varchar) as other_value,
        'warehouse: ' || recomputed_from as other_where,
        cast(published_value - recomputed_value as decimal(18, 2)) as difference
    from headline_compared
    -- figures printed in whole millions are compared to the million (printed truncated)
    where recomputed_value is null
       or (unit = 'COP millions' and abs(published_value - recomputed_value) >= 1)
       or (unit <> 'COP millions' and published_value <> recomputed_value)
),

-- Table 1 rows vs the lines assigned to each SDG, and each printed row's own arithmetic
sdg_line_totals as (
    select reporting_year, sdg_number, count(*) as lines, sum(total_value_cop) as value_cop
    from contributions group by reporting_year, sdg_number
),

sdg_discrepancies as (
    select
        'TABLE1-SDG' || lpad(cast(p.sdg_number as varchar), 2, '0') as discrepancy_id,
        p.reporting_year,
        'Table 1 row vs recomputed' as category,
        'Table 1 row ' || p.sdg_label_as_printed || ' does not match the Table 5 lines assigned to it or its own total column' as description,
        p.monetary_interactions || ' lines / ' || p.total_value_cop || ' COP / total ' || p.total_interactions as published_value,
        'Tabla 1' as published_where,
        coalesce(s.lines, 0) || ' lines / ' || coalesce(s.value_cop, 0) || ' COP / total ' || (p.non_monetary_interactions + p.monetary_interactions) as other_value,
        'warehouse: Table 5 lines by derived SDG; non-monetary + monetary' as other_where,
        cast(p.total_value_cop - coalesce(s.value_cop, 0) as decimal(18, 2)) as difference
    from sdg_published as p
    left join sdg_line_totals as s
        on p.reporting_year = s.reporting_year and p.sdg_number = s.sdg_number
    where p.monetary_interactions <> coalesce(s.lines, 0)
       or p.total_value_cop <> coalesce(s.value_cop, 0)
       or p.total_interactions <> p.non_monetary_interactions + p.monetary_interactions
),

-- Table 4: subtotals vs their detail rows, total vs subtotals
table4_detail_sums as (
    select reporting_year, action_type, sum(value_cop_millions) as detail_sum
    from table4 where row_kind = 'detail' group by reporting_year, action_type
),

table4_discrepancies as (
    select
        'TABLE4-SUBTOTAL-' || upper(replace(strip_accents(t.action_type), ' ', '_')) as discrepancy_id,
        t.reporting_year,
        'Table 4 subtotal vs its rows' as category,
        'Table 4 prints the ' || t.action_type || ' subtotal as ' || t.value_as_printed
            || ' million but its rows add up to ' || cast(d.detail_sum as integer) || ' million' as description,
        cast(t.value_cop_millions as varchar) as published_value,
        'Tabla 4, Sub Total ' || t.action_type as published_where,
        cast(d.detail_sum as varchar) as other_value,
        'Tabla 4, sum of the ' || t.action_type || ' rows' as other_where,
        cast(t.value_cop_millions - d.detail_sum as decimal(18, 2)) as difference
    from table4 as t
    inner join table4_detail_sums as d
        on t.reporting_year = d.reporting_year and t.action_type = d.action_type
    where t.row_kind = 'subtotal' and t.value_cop_millions <> d.detail_sum

    union all

    select
        'TABLE4-TOTAL' as discrepancy_id,
        t.reporting_year,
        'Table 4 total vs its subtotals' as category,
        'Table 4 prints the total as ' || t.value_as_printed || ' million but its subtotals add up to '
            || cast(s.subtotal_sum as integer) || ' million' as description,
        cast(t.value_cop_millions as varchar),
        'Tabla 4, Total general',
        cast(s.subtotal_sum as varchar),
        'Tabla 4, sum of Sub Total rows',
        cast(t.value_cop_millions - s.subtotal_sum as decimal(18, 2))
    from table4 as t
    inner join (
        select reporting_year, sum(value_cop_millions) as subtotal_sum
        from table4 where row_kind = 'subtotal' group by reporting_year
    ) as s on t.reporting_year = s.reporting_year
    where t.row_kind = 'total' and t.value_cop_millions <> s.subtotal_sum
),

-- Section 5 shares vs the lines assigned to each objective
pdd_line_totals as (
    select reporting_year, pdd_objective_number, count(*) as lines,
           round(100 * sum(total_value_cop) / sum(sum(total_value_cop)) over (partition by reporting_year), 2) as share_pct
    from contributions group by reporting_year, pdd_objective_number
),

pdd_discrepancies as (
    select
        'SECTION5-OBJ' || p.pdd_objective_number as discrepancy_id,
        p.reporting_year,
        'section 5 share vs recomputed' as category,
        'Section 5 prints objective ' || p.pdd_objective_number || ' as ' || coalesce(p.share_pct_as_printed, '?')
            || ' / ' || coalesce(cast(p.published_interactions as varchar), '?') || ' interactions' as description,
        coalesce(p.share_pct_as_printed, '') || ' / ' || coalesce(cast(p.published_interactions as varchar), '') as published_value,
        p.source_section as published_where,
        cast(l.share_pct as varchar) || '% / ' || l.lines as other_value,
        'warehouse: Table 5 lines by derived PDD objective' as other_where,
        cast(p.published_share_pct - l.share_pct as decimal(18, 2)) as difference
    from pdd_published as p
    left join pdd_line_totals as l
        on p.reporting_year = l.reporting_year and p.pdd_objective_number = l.pdd_objective_number
    where (p.published_share_pct is not null and p.published_share_pct <> coalesce(l.share_pct, -1))
       or (p.published_interactions is not null and p.published_interactions <> coalesce(l.lines, -1))
),

-- Table 2 rows that are the same organisation
duplicate_cooperants as (
    select
        'TABLE2-DUPLICATE-' || upper(c.cooperant_id) as discrepancy_id,
        min(cc.reporting_year) as reporting_year,
        'cooperant listed twice' as category,
        'Table 2 lists ' || c.canonical_cooperant_name || ' in ' || count(*) || ' rows' as description,
        string_agg(cc.cooperant_name_as_printed || ' (fila ' || cc.table_row_number || ': ' || cc.reported_interactions || ')', '; '
                   order by cc.table_row_number) as published_value,
        'Tabla 2' as published_where,
        c.canonical_cooperant_name || ': ' || sum(cc.reported_interactions) || ' interactions' as other_value,
        'warehouse: dim_cooperants (seeds/reference/ref_cooperant_aliases.csv)' as other_where,
        cast(null as decimal(18, 2)) as difference
    from cooperant_counts as cc
    inner join cooperants as c on cc.cooperant_key = c.cooperant_key
    group by c.cooperant_id, c.canonical_cooperant_name
    having count(*) > 1
),

district_offices_as_cooperants as (
    select
        'COOPERANT-IS-DISTRICT-OFFICE-' || upper(c.cooperant_id) as discrepancy_id,
        min(cc.reporting_year) as reporting_year,
        'district office listed as cooperant' as category,
        c.canonical_cooperant_name || ' is part of the district administration but is listed as a cooperant' as description,
        c.canonical_cooperant_name as published_value,
        'Tabla 2' || case when count(f.interaction_id) > 0 then ' and Tabla 5 (' || string_agg(distinct f.interaction_id, ', ') || ')' else '' end as published_where,
        'district office (also a Table 3 entity)' as other_value,
        'Tabla 3 / seeds/reference/ref_cooperants.csv' as other_where,
        cast(null as decimal(18, 2)) as difference
    from cooperants as c
    inner join cooperant_counts as cc on cc.cooperant_key = c.cooperant_key
    left join contributions as f on f.cooperant_key = c.cooperant_key
    where c.is_district_office
    group by c.cooperant_id, c.canonical_cooperant_name
),

non_district_entities as (
    select
        'ENTITY-NOT-DISTRICT-' || e.table_row_number as discrepancy_id,
        ec.reporting_year,
        'non-district entity listed as district entity' as category,
        e.district_entity_name || ' is listed among district entities: ' || coalesce(e.notes, '') as description,
        e.district_entity_name || ' (' || ec.reported_interactions || ' interactions)' as published_value,
        'Tabla 3' as published_where,
        'not part of the district administration' as other_value,
        'seeds/reference/ref_district_entities.csv' as other_where,
        cast(null as decimal(18, 2)) as difference
    from entities as e
    inner join entity_counts as ec on ec.district_entity_key = e.district_entity_key
    where not e.is_district_entity
),

documented_discrepancies as (
    select
        discrepancy_id,
        cast(null as integer) as reporting_year,
        category,
        description,
        published_value,
        published_where,
        other_value,
        other_where,
        cast(null as decimal(18, 2)) as difference
    from documented
),

unioned as (
    select * from headline_discrepancies
    union all select * from sdg_discrepancies
    union all select * from table4_discrepancies
    union all select * from pdd_discrepancies
    union all select * from duplicate_cooperants
    union all select * from district_offices_as_cooperants
    union all select * from non_district_entities
    union all select * from documented_discrepancies
),

final as (
    select
        discrepancy_id,
        reporting_year,
        category,
        description,
        published_value,
        published_where,
        other_value,
        other_where,
        difference,
        discrepancy_id like 'DOC-%' as is_documented_by_hand
    from unioned
)

select * from final
