-- Table 2: interactions per cooperant, one row per published row, with the canonical name.
with

counts as (
    select * from {{ ref('fct_cooperant_interaction_counts') }}
),

cooperants as (
    select * from {{ ref('dim_cooperants') }}
),

final as (
    select
        counts.reporting_year,
        counts.cooperant_name_as_printed as cooperant_name,
        cooperants.canonical_cooperant_name,
        counts.reported_interactions as interactions,
        counts.table_row_number,
        counts.cooperant_id,
        counts.cooperant_key,
        cooperants.acronym,
        cooperants.iati_org_type_code,
        cooperants.iati_org_type_name,
        cooperants.country_name
    from counts
    left join cooperants
        on counts.cooperant_key = cooperants.cooperant_key
)

select * from final
