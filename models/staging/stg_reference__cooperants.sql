-- Maintained cooperant master: one row per real-world organisation.
with

source as (
    select * from {{ raw_input('ref_cooperants') }}
),

final as (
    select
        trim(cooperant_id) as cooperant_id,
        trim(canonical_cooperant_name) as canonical_cooperant_name,
        nullif(trim(acronym), '') as acronym,
        {{ parse_integer('iati_org_type_code', "'ref_cooperants row ' || cooperant_id || ' (iati_org_type_code)'") }}
            as iati_org_type_code,
        nullif(trim(iati_org_type_name), '') as iati_org_type_name,
        nullif(upper(trim(country_iso2)), '') as country_iso2,
        nullif(trim(country_name), '') as country_name,
        lower(trim(is_district_office)) = 'true' as is_district_office,
        nullif(trim(classification_basis), '') as classification_basis,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
