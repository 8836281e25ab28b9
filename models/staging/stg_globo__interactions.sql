-- Every GLOBO interaction: the 62 monetary lines of Table 5 plus the dated
-- city-diplomacy events. Typed, renamed; amounts parsed; names get matching keys.
-- Stored, unlike the other staging models: the one bulk input (a full GLOBO export runs to
-- millions of rows) is parsed once (regular expressions per row), not once per reader (the
-- resolution, the calendar, the facts' post-hooks and the tests). Incremental like the
-- facts (macro changed_rows): a night parses and writes only the raw rows that are new or
-- changed (row_hash over the raw row); the post-hook deletes the rows no longer in the
-- source. A change of this code rebuilds it whole (the job runs --full-refresh).
{{ config(
    materialized='incremental',
    unique_key='interaction_id',
    post_hook="delete from {{ this }} where interaction_id not in
        (select trim(interaction_id) from {{ raw_input('raw_interactions') }})"
) }}
with

source as (
    select * from {{ raw_input('raw_interactions') }}
),

changed as (
    {{ changed_rows('source', 'interaction_id') }}
),

renamed as (
    select
        trim(interaction_id) as interaction_id,
        {{ parse_integer('reporting_year', "'raw_interactions row ' || interaction_id || ' (reporting_year)'") }}
            as reporting_year,
        lower(trim(interaction_kind)) as interaction_kind,
        nullif(trim(interaction_title), '') as interaction_title,
        {{ parse_iso_date('start_date', "'raw_interactions row ' || interaction_id || ' (start_date)'") }}
            as start_date,
        {{ parse_iso_date('end_date', "'raw_interactions row ' || interaction_id || ' (end_date)'") }} as end_date,
        nullif(trim(date_as_printed), '') as date_as_printed,
        coalesce(nullif(lower(trim(date_precision)), ''), 'not_printed') as date_precision,
        nullif(trim(place_city), '') as place_city,
        nullif(trim(place_country), '') as place_country,
        nullif(trim(sector_name), '') as sector_name,
        {{ normalize_name('sector_name') }} as sector_name_key,
        nullif(trim(district_entity_name), '') as district_entity_name,
        {{ normalize_name('district_entity_name') }} as district_entity_name_key,
        nullif(trim(cooperant_name), '') as cooperant_name,
        {{ normalize_name('cooperant_name') }} as cooperant_name_key,
        nullif(trim(counterparts_as_printed), '') as counterparts_as_printed,
        nullif(trim(network_name), '') as network_name,
        {{ normalize_name('network_name') }} as network_name_key,
        nullif(trim(district_participant), '') as district_participant,
        {{ parse_spanish_amount(
            'cooperant_contribution',
            "'raw_interactions row ' || interaction_id || ' (cooperant_contribution)'"
        ) }}
            as cooperant_contribution_cop,
        {{ parse_spanish_amount(
            'district_counterpart',
            "'raw_interactions row ' || interaction_id || ' (district_counterpart)'"
        ) }}
            as district_counterpart_cop,
        {{ parse_spanish_amount('total_value', "'raw_interactions row ' || interaction_id || ' (total_value)'") }}
            as total_value_cop,
        trim(source_file) as source_file,
        trim(source_section) as source_section,
        nullif(trim(notes), '') as notes,
        row_hash
    from changed
),

final as (
    select
        *,
        total_value_cop is not null as is_monetary
    from renamed
)

select * from final
