"""Spanish (Colombia) formats."""
from datetime import date

import pytest

from dashboard import fmt


@pytest.mark.parametrize("value,text", [(34055833247.5, "$ 34.055.833.247,50"), (0, "$ 0,00"),
                                        (-30, "-$ 30,00"), (None, "sin dato"), (float("nan"), "sin dato")])
def test_pesos(value, text):
    assert fmt.pesos(value) == text


def test_numbers_dates_and_partial_dates():
    assert fmt.numero(607) == "607" and fmt.numero(1234567) == "1.234.567"
    assert fmt.porcentaje(41.69) == "41,69%"
    assert fmt.fecha(date(2020, 2, 10)) == "10 de febrero de 2020"
    assert fmt.fecha_parcial(2022, 7, None, "month") == "julio de 2022"
    assert fmt.fecha_parcial(2023, None, None, "year") == "2023"
    assert fmt.fecha_parcial(None, None, None, "not_printed") == "fecha no impresa"
    assert fmt.fecha_parcial(2024, 6, 6, "day") == "6 de junio de 2024"
