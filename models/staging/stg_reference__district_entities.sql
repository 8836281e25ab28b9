-- Table 3 entities with their counts, plus the administrative sector and where it came from.
with

source as (
    select * from {{ raw_input('ref_district_entities') }}
),

final as (
    select
        {{ parse_integer('table_row_number', "'ref_district_entities row ' || coalesce(table_row_number, '?')") }}
            as table_row_number,
        trim(district_entity_name) as district_entity_name,
        {{ normalize_name('district_entity_name') }} as district_entity_name_key,
        {{ parse_integer(
            'reported_interactions',
            "'ref_district_entities row ' || coalesce(table_row_number, '?') || ' (reported_interactions)'"
        ) }}
            as reported_interactions,
        nullif(trim(sector_name), '') as sector_name,
        -- a basis, not a placeholder: why sector_name is what it is, or why it is NULL
        case
            when lower(trim(sector_source)) = 'unknown' then 'not determined: the sources print no sector'
            else trim(sector_source)
        end as sector_source,
        lower(trim(is_district_entity)) = 'true' as is_district_entity,
        {{ parse_integer(
            'reporting_year',
            "'ref_district_entities row ' || coalesce(table_row_number, '?') || ' (reporting_year)'"
        ) }}
            as reporting_year,
        trim(source_file) as source_file,
        trim(source_table) as source_table,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
