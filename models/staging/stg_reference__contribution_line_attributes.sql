-- Derived SDG and PDD objective of each Table 5 line, with the basis of each derivation.
-- A table, like stg_globo__interactions: one row per Table 5 line, so it grows with the
-- GLOBO export; parsed once, read by both facts and the tests.
{{ config(materialized='table') }}
with

source as (
    select * from {{ raw_input('ref_contribution_line_attributes') }}
),

final as (
    select
        trim(interaction_id) as interaction_id,
        {{ parse_integer(
            'sdg_number',
            "'ref_contribution_line_attributes row ' || interaction_id || ' (sdg_number)'"
        ) }}
            as sdg_number,
        {{ parse_integer(
            'pdd_objective_number',
            "'ref_contribution_line_attributes row ' || interaction_id || ' (pdd_objective_number)'"
        ) }}
            as pdd_objective_number,
        trim(sdg_basis) as sdg_basis,
        trim(pdd_objective_basis) as pdd_objective_basis
    from source
)

select * from final
