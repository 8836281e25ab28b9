-- Published records withdrawn on purpose (seeds/declared/declared_retractions.csv), with
-- whether this version of the warehouse still holds them. A retraction is declared before
-- the record disappears; the declaration stays listed after.
with

retractions as (
    select * from {{ ref('stg_declared__retractions') }}
),

-- the declared records the build still holds: each record list is probed with the few
-- declared ids (a semi join), never scanned into a distinct list of every id
built_records as (
    {%- for r in published_records() if not r.kept_by %}
        select distinct
            '{{ r.kind }}' as record_kind,
            cast({{ r.id }} as varchar) as record_id
        from {{ ref(r.model) }}
        where cast({{ r.id }} as varchar) in (
                select retractions.record_id
                from retractions
                where retractions.record_kind = '{{ r.kind }}'
            )
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        retractions.record_kind,
        retractions.record_id,
        retractions.reason,
        retractions.declared_on,
        retractions.declared_by,
        retractions.source_file,
        built_records.record_id is null as is_removed,
        case
            when built_records.record_id is null then 'removed from the warehouse'
            else 'declared; the record is still in the warehouse'
        end as status
    from retractions
    left join built_records
        on retractions.record_kind = built_records.record_kind
        and retractions.record_id = built_records.record_id
)

select * from final
