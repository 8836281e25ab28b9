"""The one Python reading of amounts printed in Spanish format ("$ 1.234.567,50": '.'
thousands, ',' decimals, optional '$' and spaces), for the scripts and the tests.

The warehouse itself parses in SQL (macros/parse_spanish_amount.sql, which also rejects
malformed text); this helper is for code that works on the seed files directly: the SDG
solver, and tests that write corrupted seeds or derive expected figures from them.
"""
from decimal import Decimal


def parse_spanish_amount(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(" ", "").replace(".", "").replace(",", ".")).quantize(Decimal("0.01"))


def format_spanish_amount(value: Decimal) -> str:
    whole, _, cents = f"{value:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return "$ " + ".".join(groups) + "," + cents
