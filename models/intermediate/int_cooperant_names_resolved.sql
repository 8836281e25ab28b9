-- Every cooperant name printed anywhere (Table 2 rows and interaction lines),
-- resolved to one canonical cooperant through the alias seed on the normalised name.
-- An unresolved name keeps cooperant_id NULL and fails the not_null test (the build).
-- A view: a join of every occurrence with the (small) alias list; int_interactions_resolved
-- applies the same match per interaction.
with

table2_rows as (
    select * from {{ ref('stg_globo__cooperants') }}
),

interactions as (
    select * from {{ ref('stg_globo__interactions') }}
),

aliases as (
    select * from {{ ref('stg_reference__cooperant_aliases') }}
),

occurrences as (
    select
        'raw_cooperants' as source_seed,
        cast(table_row_number as varchar) as source_row_id,
        reporting_year,
        cooperant_name as raw_name,
        cooperant_name_key as name_key,
        source_file,
        source_table as source_section
    from table2_rows

    union all

    select
        'raw_interactions' as source_seed,
        interaction_id as source_row_id,
        reporting_year,
        cooperant_name as raw_name,
        cooperant_name_key as name_key,
        source_file,
        source_section
    from interactions
    where cooperant_name is not null
),

final as (
    select
        {{ surrogate_key(['occurrences.source_seed', 'occurrences.reporting_year', 'occurrences.source_row_id']) }}
            as name_occurrence_key,
        occurrences.*,
        aliases.cooperant_id,
        aliases.alias_source
    from occurrences
    left join aliases
        on occurrences.name_key = aliases.alias_name_key
)

select * from final
