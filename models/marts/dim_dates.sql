-- Calendar dimension spanning every date the warehouse holds (interactions,
-- memberships) and the whole of each reporting year.
with

interactions as (
    select * from {{ ref('stg_globo__interactions') }}
),

memberships as (
    select * from {{ ref('stg_globo__network_memberships') }}
),

bounds as (
    select
        min(d) as first_date,
        max(d) as last_date
    from (
        select start_date as d from interactions
        union all
        select end_date from interactions
        union all
        select make_date(reporting_year, 1, 1) from interactions
        union all
        select make_date(reporting_year, 12, 31) from interactions
        union all
        select joined_on from memberships
        union all
        select role_start_on from memberships
        union all
        select role_end_on from memberships
        union all
        select legal_basis_date from memberships
    ) as all_dates
    where d is not null
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
