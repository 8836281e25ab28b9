-- The source documents every row's provenance points to.
with

source as (
    select * from {{ raw_input('ref_source_documents') }}
),

final as (
    select
        trim(source_file) as source_file,
        trim(title) as title,
        nullif(trim(language), '') as language,
        nullif(trim(publisher), '') as publisher,
        {{ parse_iso_date('published_on', "'ref_source_documents row ' || source_file || ' (published_on)'") }}
            as published_on,
        {{ parse_integer('report_vigencia', "'ref_source_documents row ' || source_file || ' (report_vigencia)'") }}
            as report_vigencia,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
