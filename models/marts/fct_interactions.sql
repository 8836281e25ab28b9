-- Every interaction: Table 5 lines and the dated city-diplomacy events, with
-- date, place, counterpart and kind. Amounts live in fct_contributions.
-- Incremental on the natural key (merge on interaction_id): a night writes only the rows
-- whose resolved content changed (row_hash over every resolved column, so a change of
-- reference data reaches the rows it touches), and the post-hook deletes the rows no longer
-- in the sources (audits.aud_published_records_kept lets that publish only when declared).
-- --full-refresh builds the same table from scratch (tests/years/test_incremental.py).
-- depends_on: {{ ref('stg_globo__interactions') }}
{{ config(
    materialized='incremental',
    unique_key='interaction_id',
    post_hook="delete from {{ this }} where interaction_id not in
        (select interaction_id from {{ ref('stg_globo__interactions') }})"
) }}
with

interactions as (
    select * from {{ ref('int_interactions_resolved') }}
),

changed as (
    {{ changed_rows('interactions', 'interaction_id') }}
),

final as (
    select
        {{ surrogate_key(['interaction_id']) }} as interaction_key,
        interaction_id,
        reporting_year,
        reporting_year_basis,
        event_year,
        interaction_kind,
        is_monetary,
        interaction_title,
        cast(strftime(start_date, '%Y%m%d') as integer) as start_date_key,
        start_date,
        end_date,
        date_as_printed,
        date_precision,
        place_city,
        place_country,
        case when cooperant_id is not null
                then {{ surrogate_key(['cooperant_id']) }}
        end as cooperant_key,
        cooperant_id,
        cooperant_name as counterpart_name_as_printed,
        case when district_entity_name_key is not null
                then {{ surrogate_key(['district_entity_name_key']) }}
        end as district_entity_key,
        case when network_name_key is not null
                then {{ surrogate_key(['network_name_key']) }}
        end as network_key,
        network_name as network_name_as_printed,
        district_participant,
        source_file,
        source_section,
        notes,
        row_hash
    from changed
)

select * from final
