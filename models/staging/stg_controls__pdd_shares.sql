-- Section 5 as published: share of resources and interaction count per PDD objective.
with

source as (
    select * from {{ raw_input('control_pdd_shares') }}
),

final as (
    select
        {{ parse_integer('pdd_objective_number', "'control_pdd_shares row ' || coalesce(pdd_objective_number, '?')") }}
            as pdd_objective_number,
        {{ parse_spanish_amount(
            "replace(share_pct_as_printed, '%', '')",
            "'control_pdd_shares row ' || coalesce(pdd_objective_number, '?') || ' (share_pct_as_printed)'"
        ) }}
            as published_share_pct,
        nullif(trim(share_pct_as_printed), '') as share_pct_as_printed,
        {{ parse_integer(
            'interactions',
            "'control_pdd_shares row ' || coalesce(pdd_objective_number, '?') || ' (interactions)'"
        ) }}
            as published_interactions,
        {{ parse_integer(
            'reporting_year',
            "'control_pdd_shares row ' || coalesce(pdd_objective_number, '?') || ' (reporting_year)'"
        ) }}
            as reporting_year,
        trim(source_file) as source_file,
        trim(source_section) as source_section,
        nullif(trim(notes), '') as notes
    from source
)

select * from final
