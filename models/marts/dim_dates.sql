-- Calendar dimension spanning every date the warehouse holds (interactions,
-- memberships) and the whole of each reporting year.
with

interactions as (
    select * from {{ ref('stg_globo__interactions') }}
),

memberships as (
    select * from {{ ref('stg_globo__network_memberships') }}
),

-- one scan of each input (min and max per column), not a union of every date
interaction_bounds as (
    select
        least(min(start_date), min(end_date), make_date(min(reporting_year), 1, 1)) as first_date,
        greatest(max(start_date), max(end_date), make_date(max(reporting_year), 12, 31)) as last_date
    from interactions
),

membership_bounds as (
    select
        least(min(joined_on), min(role_start_on), min(role_end_on), min(legal_basis_date)) as first_date,
        greatest(max(joined_on), max(role_start_on), max(role_end_on), max(legal_basis_date)) as last_date
    from memberships
),

bounds as (
    select
        least(interaction_bounds.first_date, membership_bounds.first_date) as first_date,
        greatest(interaction_bounds.last_date, membership_bounds.last_date) as last_date
    from interaction_bounds
    cross join membership_bounds
),

spine as (
    select cast(unnest(generate_series(first_date, last_date, interval 1 day)) as date) as date_day
    from bounds
),

final as (
    select
        cast(strftime(date_day, '%Y%m%d') as integer) as date_key,
        date_day,
        year(date_day) as year_number,
        quarter(date_day) as quarter_number,
        month(date_day) as month_number,
        day(date_day) as day_of_month,
        isodow(date_day) as iso_day_of_week,
        weekofyear(date_day) as iso_week_number,
        [
            'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
            'septiembre', 'octubre', 'noviembre', 'diciembre'
        ][month(date_day)
        ] as month_name_es
    from spine
)

select * from final
