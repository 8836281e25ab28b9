-- Why this test exists: reports.pdd_objective_shares recomputes section 5 (share of the
-- year's resources and number of interactions per PDD objective) from the Table 5 lines
-- and their derived objective. Wherever section 5 prints a figure
-- (marts.fct_published_pdd_shares, from the seeds), the recomputed one must equal it:
-- share_pct to the printed 2 decimals, interactions exactly. Objectives with nothing
-- printed are not compared. Returns every printed figure that is not reproduced.
-- Dagster: attach this multi-model test as an asset check of pdd_objective_shares.
{{ config(meta={'dagster': {'ref': {'name': 'pdd_objective_shares'}}}) }}

with

published as (
    select * from {{ ref('fct_published_pdd_shares') }}
),

recomputed as (
    select * from {{ ref('pdd_objective_shares') }}
)

select
    published.reporting_year,
    published.pdd_objective_number,
    published.share_pct_as_printed,
    published.published_share_pct,
    recomputed.share_pct as recomputed_share_pct,
    published.published_interactions,
    recomputed.interactions as recomputed_interactions
from published
left join recomputed
    on published.reporting_year = recomputed.reporting_year
    and published.pdd_objective_number = recomputed.pdd_objective_number
where (published.published_share_pct is not null
       and recomputed.share_pct is distinct from published.published_share_pct)
   or (published.published_interactions is not null
       and recomputed.interactions is distinct from published.published_interactions)
