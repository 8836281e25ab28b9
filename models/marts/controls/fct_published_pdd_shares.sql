-- Section 5 shares and interaction counts per PDD objective, as printed.
with

published as (
    select * from {{ ref('stg_controls__pdd_shares') }}
),

final as (
    select
        {{ surrogate_key(['reporting_year', 'pdd_objective_number']) }} as published_pdd_share_key,
        reporting_year,
        pdd_objective_number,
        published_share_pct,
        share_pct_as_printed,
        published_interactions,
        source_file,
        source_section,
        notes
    from published
)

select * from final
