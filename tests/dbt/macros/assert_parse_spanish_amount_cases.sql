-- Why this test exists: every peso amount in the warehouse is text printed in Spanish
-- format ('.' = thousands, ',' = decimals, optional '$' and spaces) and goes through the
-- macro parse_spanish_amount. A wrong separator rule would silently scale amounts by 100
-- or 1000 (e.g. "$1.880" read as 1.88), so the macro is pinned on the formats the seeds
-- actually contain. Returns every case whose parsed value differs from the expected one.
with

cases (case_label, input_text, expected_text) as (
    values
        ('thousands and cents', '$ 1.234.567,50', '1234567.50'),
        ('Table 4 style, no space', '$1.880', '1880.00'),
        ('Table 4 total, space', '$ 34.055', '34055.00'),
        ('headline COP figure', '$34.055.833.247,50', '34055833247.50'),
        ('bare whole number', '607', '607.00'),
        ('bare decimal comma', '41,69', '41.69'),
        ('zero with cents', '$ 0,00', '0.00'),
        ('padding, one decimal digit', '  $ 12,5 ', '12.50'),
        ('small amount with $', '$33', '33.00'),
        ('single thousands group', '1.000', '1000.00'),
        ('negative', '$ -1.000,5', '-1000.50'),
        ('empty string', '', null),
        ('blank string', '   ', null),
        ('null', null, null)
),

parsed as (
    select
        case_label,
        input_text,
        cast(expected_text as decimal(18, 2)) as expected_value,
        {{ parse_spanish_amount('input_text', "'test'") }} as actual_value
    from cases
)

select *
from parsed
where actual_value is distinct from expected_value
