-- Declared corrections of published figures of closed years
-- (seeds/declared/declared_corrections.csv): the old and the new value, and the value this
-- version of the warehouse holds. audits.aud_published_records_kept lets a changed figure
-- of a closed year publish only when its correction is declared here.
with

corrections as (
    select * from {{ ref('stg_declared__corrections') }}
),

built_figures as (
    {%- for r in published_records() %}
        {%- for m in r.measures or [] %}
            select
                '{{ r.kind }}' as record_kind,
                cast({{ r.id }} as varchar) as record_id,
                '{{ m }}' as measure,
                cast({{ r.year }} as integer) as reporting_year,
                cast({{ m }} as decimal(38, 2)) as current_value
            from {{ ref(r.model) }}
            union all
        {%- endfor %}
    {%- endfor %}
    select
        null as record_kind,
        null as record_id,
        null as measure,
        null as reporting_year,
        null as current_value
    where false
),

final as (
    select
        corrections.record_kind,
        corrections.record_id,
        corrections.measure,
        built_figures.reporting_year,
        corrections.old_value,
        corrections.new_value,
        corrections.new_value - corrections.old_value as value_change,
        corrections.reason,
        corrections.declared_on,
        corrections.declared_by,
        corrections.source_file,
        built_figures.current_value,
        coalesce(built_figures.current_value = corrections.new_value, false) as is_applied
    from corrections
    left join built_figures
        on corrections.record_kind = built_figures.record_kind
        and corrections.record_id = built_figures.record_id
        and corrections.measure = built_figures.measure
)

select * from final
