-- One row per canonical cooperant, with how Table 2 printed it (rows, spellings, counts).
with

cooperants as (
    select * from {{ ref('stg_reference__cooperants') }}
),

resolved_names as (
    select * from {{ ref('int_cooperant_names_resolved') }}
),

table2_rows as (
    select * from {{ ref('stg_globo__cooperants') }}
),

table2_by_cooperant as (
    select
        resolved_names.cooperant_id,
        count(*) as table2_row_count,
        sum(table2_rows.reported_interactions) as table2_reported_interactions
    from resolved_names
    inner join table2_rows
        on resolved_names.source_row_id = cast(table2_rows.table_row_number as varchar)
        and resolved_names.reporting_year = table2_rows.reporting_year
    where resolved_names.source_seed = 'raw_cooperants'
    group by resolved_names.cooperant_id
),

-- distinct pairs first, then a count: DuckDB runs count(distinct) over 10 M name
-- occurrences on one thread per group (5 s at 10 M synthetic interactions, this 2 s)
spelling_pairs as (
    select distinct
        cooperant_id,
        raw_name
    from resolved_names
    where raw_name is not null
),

spellings as (
    select
        cooperant_id,
        count(*) as distinct_spellings
    from spelling_pairs
    group by cooperant_id
),

final as (
    select
        {{ surrogate_key(['cooperants.cooperant_id']) }} as cooperant_key,
        cooperants.cooperant_id,
        cooperants.canonical_cooperant_name,
        cooperants.acronym,
        cooperants.iati_org_type_code,
        cooperants.iati_org_type_name,
        -- coarse group for BI, from the IATI OrganisationType code (and the country, to tell
        -- a foreign government from Colombia's own); NULL when the type is not classified
        case
            when cooperants.iati_org_type_code = 40 then 'multilateral'
            when cooperants.iati_org_type_code = 10 and cooperants.country_iso2 != 'CO' then 'foreign government'
            when cooperants.iati_org_type_code = 11 then 'sub-national government'
            when cooperants.iati_org_type_code in (21, 22, 23, 24) then 'NGO'
            when cooperants.iati_org_type_code = 60 then 'foundation'
            when cooperants.iati_org_type_code in (70, 71, 72, 73) then 'private'
            when cooperants.iati_org_type_code = 80 then 'academic'
            when cooperants.iati_org_type_code is not null then 'other'
        end as organisation_group,
        cooperants.country_iso2,
        cooperants.country_name,
        cooperants.is_district_office,
        coalesce(table2_by_cooperant.table2_row_count, 0) as table2_row_count,
        coalesce(table2_by_cooperant.table2_reported_interactions, 0) as table2_reported_interactions,
        coalesce(spellings.distinct_spellings, 0) as distinct_spellings,
        cooperants.classification_basis,
        cooperants.notes
    from cooperants
    left join table2_by_cooperant
        on cooperants.cooperant_id = table2_by_cooperant.cooperant_id
    left join spellings
        on cooperants.cooperant_id = spellings.cooperant_id
)

select * from final
