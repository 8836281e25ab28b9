-- Why this test exists: names are matched across sources (Table 2 vs Table 5 vs the alias
-- seed, Table 3 vs Table 5, networks) only through the key built by the macro
-- normalize_name (upper case, accents stripped, whitespace collapsed and trimmed, empty ->
-- NULL). If two spellings of the same organisation stopped producing the same key, the
-- cooperant would fail to resolve; if empty names got a key, they would match each other.
-- Returns every case whose key differs from the expected one.
with

cases (case_label, input_text, expected_key) as (
    values
        ('accents, case, double space', 'Fundación  acdi voca', 'FUNDACION ACDI VOCA'),
        ('already normalised', 'FUNDACION ACDI VOCA', 'FUNDACION ACDI VOCA'),
        ('accented upper case', 'FUNDACIÓN ACDI VOCA', 'FUNDACION ACDI VOCA'),
        (
            'leading/trailing spaces',
            '  Secretaría Distrital de Integración Social  ',
            'SECRETARIA DISTRITAL DE INTEGRACION SOCIAL'
        ),
        ('tab and newline', 'Alcaldía' || chr(9) || 'de' || chr(10) || 'París', 'ALCALDIA DE PARIS'),
        ('eñe and diaeresis', 'Ñandú pingüino', 'NANDU PINGUINO'),
        ('punctuation kept', 'CULTURA, RECREACIÓN Y DEPORTE', 'CULTURA, RECREACION Y DEPORTE'),
        ('empty string', '', null),
        ('only spaces', '   ', null),
        ('null', null, null)
),

normalised as (
    select
        case_label,
        input_text,
        expected_key,
        {{ normalize_name('input_text') }} as actual_key
    from cases
)

select *
from normalised
where actual_key is distinct from expected_key
