-- One row per city-diplomacy interaction (the non-monetary, dated interactions), with its
-- date split into event_year, event_month and event_day filled only to the precision the
-- source prints: a day-precision date fills all three, a month-precision one the year and
-- the month named in the printed text, a year-precision one the year alone.
{%- set months_es = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
                     'septiembre', 'octubre', 'noviembre', 'diciembre'] %}
with

interactions as (
    select * from {{ ref('fct_interactions') }}
),

events as (
    select
        *,
        -- the month named in the printed date, when it names exactly one
        list_distinct(
            regexp_extract_all(lower(date_as_printed), '{{ months_es | join("|") }}')
        ) as printed_months
    from interactions
    where not is_monetary
),

final as (
    select
        events.interaction_key,
        events.interaction_id,
        events.reporting_year,
        events.reporting_year_basis,
        case
            when events.date_precision = 'day' then year(events.start_date)
            when events.date_precision in ('month', 'year') then events.event_year
        end as event_year,
        case
            when events.date_precision = 'day' then month(events.start_date)
            when events.date_precision = 'month' and len(events.printed_months) = 1
                then list_position({{ months_es }}, events.printed_months[1])
        end as event_month,
        case when events.date_precision = 'day' then day(events.start_date) end as event_day,
        events.date_precision,
        events.date_as_printed,
        events.start_date,
        events.end_date,
        events.interaction_kind,
        events.interaction_title,
        events.place_city,
        events.place_country,
        events.network_key,
        events.network_name_as_printed,
        events.cooperant_key,
        events.counterpart_name_as_printed,
        events.district_entity_key,
        events.district_participant,
        events.source_file,
        events.source_section
    from events
)

select * from final
