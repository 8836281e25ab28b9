-- Textual inconsistencies found while transcribing (those that cannot be recomputed).
with

source as (
    select * from {{ raw_input('ref_documented_discrepancies') }}
),

final as (
    select
        trim(discrepancy_id) as discrepancy_id,
        trim(category) as category,
        trim(description) as description,
        trim(published_value) as published_value,
        trim(published_where) as published_where,
        trim(other_value) as other_value,
        trim(other_where) as other_where
    from source
)

select * from final
