-- sqlfluff:max_line_length:200
-- (the jinja templater measures each env_var() line as about 160 characters)
-- One row: what this warehouse file was built from. The Dagster job passes its run id and
-- the input fingerprint (orchestration/version.py) as BOGOTA_BUILD_* environment
-- variables (not --vars: a changed var makes dbt re-parse the whole project, a changed env
-- var only this file). The publish step fills published_at just before the atomic rename.
-- A bare `dbt build` leaves the run columns null: such a file was never published.
{{ config(materialized='table') }}

with

final as (
    select
        '{{ invocation_id }}' as dbt_invocation_id,
        nullif(
            '{{ env_var("BOGOTA_BUILD_RUN_ID", "") }}', ''
        ) as run_id,
        cast(null as timestamp) as published_at,
        current_timestamp at time zone 'UTC' as built_at,
        nullif(
            '{{ env_var("BOGOTA_BUILD_INPUT_FINGERPRINT", "") }}', ''
        ) as input_fingerprint,
        nullif(
            '{{ env_var("BOGOTA_BUILD_SEEDS_FINGERPRINT", "") }}', ''
        ) as seeds_fingerprint,
        nullif(
            '{{ env_var("BOGOTA_BUILD_CODE_FINGERPRINT", "") }}', ''
        ) as code_fingerprint,
        '{{ dbt_version }}' as dbt_version,
        nullif(
            '{{ env_var("BOGOTA_BUILD_PACKAGE_VERSIONS", "") }}', ''
        ) as package_versions
)

select * from final
