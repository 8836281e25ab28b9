"""Spanish (Colombia) formats, shared by the dashboard and the generated report.

Amounts as the report prints them: ``$ 34.055.833.247,50``; dates ``10 de febrero de 2020``;
a partial date is shown only as far as it is known (``julio de 2022``, ``2023``).
"""
from __future__ import annotations

import math
from datetime import date, datetime

MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"]
SIN_DATO = "sin dato"


def _missing(x) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x) or (isinstance(x, float) and math.isnan(x))  # NaN, NaT, pd.NA
    except TypeError:
        return True


def present(x) -> bool:
    """Not NULL / NaN / NaT (values arrive from DuckDB and PostgreSQL alike)."""
    return not _missing(x)


def _group(number_text: str) -> str:
    """'1,234,567.50' (Python grouping) -> '1.234.567,50'."""
    return number_text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def numero(x, decimales: int = 0) -> str:
    if _missing(x):
        return SIN_DATO
    return _group(f"{float(x):,.{decimales}f}")


def pesos(x, decimales: int = 2) -> str:
    """`$ 34.055.833.247,50`."""
    if _missing(x):
        return SIN_DATO
    texto = _group(f"{abs(float(x)):,.{decimales}f}")
    return f"-$ {texto}" if float(x) < 0 else f"$ {texto}"


def millones(x) -> str:
    """Table 4 prints millions of pesos without decimals: `$ 16.566`."""
    return pesos(x, 0)


def porcentaje(x, decimales: int = 2) -> str:
    return SIN_DATO if _missing(x) else f"{numero(x, decimales)}%"


def fecha(d) -> str:
    """`10 de febrero de 2020`."""
    if _missing(d):
        return SIN_DATO
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if isinstance(d, datetime):
        d = d.date()
    if hasattr(d, "to_pydatetime"):
        d = d.to_pydatetime().date()
    return f"{d.day} de {MESES[d.month - 1]} de {d.year}"


def fecha_hora(d) -> str:
    if _missing(d):
        return SIN_DATO
    if hasattr(d, "to_pydatetime"):
        d = d.to_pydatetime()
    return f"{fecha(d)}, {d:%H:%M:%S}"


def fecha_parcial(year, month, day, precision: str | None = None) -> str:
    """A date at its printed precision: day, month, year or not printed."""
    if precision == "not_printed" or _missing(year):
        return "fecha no impresa"
    if precision == "year" or _missing(month):
        return str(int(year))
    if precision == "month" or _missing(day):
        return f"{MESES[int(month) - 1]} de {int(year)}"
    return f"{int(day)} de {MESES[int(month) - 1]} de {int(year)}"
