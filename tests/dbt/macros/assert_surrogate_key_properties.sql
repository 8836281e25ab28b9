-- Why this test exists: every *_key column of the marts (and the FK joins between facts
-- and dimensions) is built by the macro surrogate_key. Keys must be deterministic (same
-- input -> same key, on every rebuild), must not confuse NULL with the empty string, must
-- depend on column order, must be well-formed md5 hex, and distinct inputs must not
-- collide. Returns one row per violated property.
with

cases (c1, c2) as (
    values
        ('a', 'b'),
        ('b', 'a'),
        ('a', ''),
        ('a', null),
        (null, 'a'),
        ('', 'a'),
        (null, null),
        ('', ''),
        ('T5-001', '2024'),
        ('a|b', 'c'),
        ('a', 'b|c'),
        ('<null>', 'a')
),

keys as (
    select
        c1,
        c2,
        {{ surrogate_key(['c1', 'c2']) }} as key_first,
        {{ surrogate_key(['c1', 'c2']) }} as key_again,
        {{ surrogate_key(['c2', 'c1']) }} as key_reversed
    from cases
),

violations as (
    select
        'not deterministic' as violated_property,
        c1,
        c2
    from keys
    where key_first is distinct from key_again

    union all

    select
        'not a 32-char md5 hex string',
        c1,
        c2
    from keys
    where key_first is null or not regexp_full_match(key_first, '^[0-9a-f]{32}$')

    union all

    select
        'NULL and empty string give the same key',
        k_null.c1,
        k_null.c2
    from keys as k_null
    inner join keys as k_empty
        on k_null.c1 is not distinct from k_empty.c1
        and k_null.c2 is null and k_empty.c2 = ''
    where k_null.key_first = k_empty.key_first

    union all

    select
        'not order-sensitive',
        c1,
        c2
    from keys
    where c1 is distinct from c2
        and key_first = key_reversed

    union all

    select
        'distinct inputs collide',
        min(c1),
        min(c2)
    from keys
    group by key_first
    having count(*) > 1

    union all

    -- a built key is stable across rebuilds: the mart's key equals the macro applied now
    select
        'fct_contributions.contribution_key not reproducible',
        interaction_id,
        null
    from {{ ref('fct_contributions') }}
    where contribution_key is distinct from {{ surrogate_key(['interaction_id']) }}
)

select * from violations
