-- Every interaction: Table 5 lines and the dated city-diplomacy events, with
-- date, place, counterpart and kind. Amounts live in fct_contributions.
with

interactions as (
    select * from {{ ref('int_interactions_resolved') }}
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
        notes
    from interactions
)

select * from final
