"""The report's tables and sentences, shaped once for both the dashboard and the HTML report.

Input: frames from `dashboard.queries`; output: frames of display strings (Spanish headers,
Colombian formats) with a ``discrepancias`` column naming the rows of
``reports.source_discrepancies`` that concern a figure of the row. No figure is typed in.
"""
from __future__ import annotations

import pandas as pd

from . import fmt

DISC = "discrepancias"
MARK = "⚠ "

# Table footers: figure ids of aud_headline_figures (HEADLINE-<figure_id>) per printed cell
FOOTERS = {
    "t1": {"non_monetary_interactions": "t1_total_non_monetary", "monetary_interactions": "t1_total_monetary",
           "total_interactions": "t1_total_interactions", "total_value_cop": "t1_total_value"},
    "t2": {"interactions": "t2_total_interactions"},
    "t3": {"interactions": "t3_total_interactions"},
    "t5": {"cooperant_contribution_cop": "t5_cooperant_contribution",
           "district_counterpart_cop": "t5_district_counterpart", "total_value_cop": "t5_total_value"},
}
CHART6_UNDETERMINED = (
    "No determinable con las fuentes: el informe no publica el reparto de los recursos por "
    "política pública sectorial (el Gráfico 6 no trae cifras transcribibles) y ninguna línea de la "
    "Tabla 5 está asignada a una política pública. El almacén no inventa ese reparto."
)
KIND_ES = {"meeting": "reunión", "summit": "cumbre", "panel": "panel", "award": "premio", "launch": "lanzamiento",
           "adhesion": "adhesión", "statutory_meeting": "reunión estatutaria", "congress": "congreso",
           "other": "otro"}


WIDE = {"Red", "Entidad cooperante / aliado", "Entidad distrital", "Objetivos de Desarrollo Sostenible", "Evento",
        "Descripción", "Cifra publicada", "Otra cifra"}


def as_figure(text) -> str:
    """A figure of source_discrepancies (text) in Colombian format when it is a number."""
    try:
        return fmt.pesos(float(text)) if "." in str(text) else fmt.numero(float(text))
    except (TypeError, ValueError):
        return "" if text is None else str(text)


def _ids(value) -> list[str]:
    return str(value).split() if fmt.present(value) else []


def _cell(text: str, ids: list[str]) -> str:
    return MARK + text if ids else text


def footer(headline_disc: pd.DataFrame, table: str, sums: dict, formats: dict) -> tuple[dict, list[str]]:
    """Footer cells as printed: the sum of the rows, or, where aud_headline_figures found the
    printed footer different, the printed figure, marked."""
    printed = {r.figure_id: r for r in headline_disc.itertuples()}
    cells, ids = {}, []
    for column, figure_id in FOOTERS[table].items():
        row = printed.get(figure_id)
        value = float(row.published_value) if row is not None else sums[column]
        if row is not None:
            ids.append(row.discrepancy_id)
        cells[column] = _cell(formats[column](value), [row] if row is not None else [])
    return cells, ids


def table1(df: pd.DataFrame, headline_disc: pd.DataFrame) -> pd.DataFrame:
    rows = [{
        "Objetivos de Desarrollo Sostenible": r.sdg_label_as_printed,
        "Interacciones no monetarias": fmt.numero(r.non_monetary_interactions),
        "Interacciones monetarias": _cell(fmt.numero(r.published_monetary_interactions), _ids(r.discrepancy_ids)),
        "Total interacciones": _cell(fmt.numero(r.published_total_interactions), _ids(r.discrepancy_ids)),
        "Monto total de aportes": _cell(fmt.pesos(r.published_total_value_cop), _ids(r.discrepancy_ids)),
        DISC: " ".join(_ids(r.discrepancy_ids)),
    } for r in df.itertuples()]
    sums = {"non_monetary_interactions": df["non_monetary_interactions"].sum(),
            "monetary_interactions": df["published_monetary_interactions"].sum(),
            "total_interactions": df["published_total_interactions"].sum(),
            "total_value_cop": df["published_total_value_cop"].sum()}
    cells, ids = footer(headline_disc, "t1", sums, {"non_monetary_interactions": fmt.numero,
                        "monetary_interactions": fmt.numero, "total_interactions": fmt.numero,
                        "total_value_cop": fmt.pesos})
    rows.append({"Objetivos de Desarrollo Sostenible": "Total general",
                 "Interacciones no monetarias": cells["non_monetary_interactions"],
                 "Interacciones monetarias": cells["monetary_interactions"],
                 "Total interacciones": cells["total_interactions"],
                 "Monto total de aportes": cells["total_value_cop"], DISC: " ".join(ids)})
    return pd.DataFrame(rows)


def _count_table(df, name_col, name_header, table, headline_disc):
    rows = [{"No.": str(int(r.table_row_number)), name_header: getattr(r, name_col),
             "No. interacciones": _cell(fmt.numero(r.interactions), _ids(r.discrepancy_ids)),
             DISC: " ".join(_ids(r.discrepancy_ids))} for r in df.itertuples()]
    cells, ids = footer(headline_disc, table, {"interactions": df["interactions"].sum()}, {"interactions": fmt.numero})
    rows.append({"No.": "", name_header: "TOTAL GENERAL", "No. interacciones": cells["interactions"],
                 DISC: " ".join(ids)})
    return pd.DataFrame(rows)


def table2(df, headline_disc):
    return _count_table(df, "cooperant_name", "Entidad cooperante / aliado", "t2", headline_disc)


def table3(df, headline_disc):
    return _count_table(df, "district_entity_name", "Entidad distrital", "t3", headline_disc)


def table4(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([{
        "Tipo de acción": r.action_type,
        "Tipo de colaboración": "" if r.collaboration_type is None else r.collaboration_type,
        "Valor (millones de pesos)": _cell(fmt.millones(r.value_cop_millions), _ids(r.discrepancy_ids)),
        "fila": r.row_kind,
        DISC: " ".join(_ids(r.discrepancy_ids)),
    } for r in df.itertuples()])


def table5(df: pd.DataFrame, headline_disc: pd.DataFrame) -> pd.DataFrame:
    rows = [{"Sector": r.sector_name, "Entidad distrital": r.district_entity_name,
             "Entidad cooperante / aliado": r.cooperant_name,
             "Valor aporte cooperante / aliado": fmt.pesos(r.cooperant_contribution_cop),
             "Contrapartida distrital": fmt.pesos(r.district_counterpart_cop),
             "Valor total": fmt.pesos(r.total_value_cop), DISC: ""} for r in df.itertuples()]
    sums = {c: df[c].sum() for c in ("cooperant_contribution_cop", "district_counterpart_cop", "total_value_cop")}
    cells, ids = footer(headline_disc, "t5", sums, dict.fromkeys(sums, fmt.pesos))
    rows.append({"Sector": "TOTAL GENERAL", "Entidad distrital": "", "Entidad cooperante / aliado": "",
                 "Valor aporte cooperante / aliado": cells["cooperant_contribution_cop"],
                 "Contrapartida distrital": cells["district_counterpart_cop"],
                 "Valor total": cells["total_value_cop"], DISC: " ".join(ids)})
    return pd.DataFrame(rows)


def shares(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([{
        "Objetivo PDD": f"Objetivo {int(r.pdd_objective_number)}: {r.pdd_objective_name}",
        "Interacciones": _cell(fmt.numero(r.interactions), _ids(r.discrepancy_ids)),
        "Recursos movilizados": fmt.pesos(r.total_value_cop),
        "Participación": _cell(fmt.porcentaje(r.share_pct), _ids(r.discrepancy_ids)),
        "Participación impresa (sección 5)": fmt.porcentaje(r.published_share_pct)
        if fmt.present(r.published_share_pct) else "no impresa",
        DISC: " ".join(_ids(r.discrepancy_ids)),
    } for r in df.itertuples()])


def share_sentences(df: pd.DataFrame) -> list[str]:
    """Section 5, one sentence per objective, every figure from the query."""
    out = []
    for r in df.itertuples():
        out.append(f"El {fmt.porcentaje(r.share_pct)} de los recursos ({fmt.pesos(r.total_value_cop)}) se destinó al "
                   f"Objetivo {int(r.pdd_objective_number)}: {r.pdd_objective_name}, con "
                   f"{fmt.numero(r.interactions)} {'interacción' if r.interactions == 1 else 'interacciones'}.")
    return out


def headline_sentence(year: int, h: dict) -> str:
    return (f"Para la vigencia {year} se registraron {fmt.numero(h['interactions'])} interacciones, que aportaron "
            f"un total de {fmt.pesos(h['total_value_cop'])} en recursos de cooperantes "
            f"({fmt.pesos(h['cooperant_contribution_cop'])}) y contrapartida distrital "
            f"({fmt.pesos(h['district_counterpart_cop'])}).")


def leverage_text(h: dict) -> str:
    if not fmt.present(h["leverage"]):
        return "no determinable (sin aporte cooperante)"
    return f"{fmt.pesos(h['leverage'])} de contrapartida distrital por cada peso aportado por los cooperantes"


def network_rows(networks: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([{
        "Red": r.network_name, "Sigla": r.network_acronym if fmt.present(r.network_acronym) else "",
        "Miembro desde": fmt.fecha(r.member_since) if fmt.present(r.member_since)
        else (r.member_since_basis if fmt.present(r.member_since_basis) else "no impreso"),
        "Base legal": r.legal_basis if fmt.present(r.legal_basis) else "no impresa",
        "Entidad que paga la cuota": r.fee_paying_entity if fmt.present(r.fee_paying_entity) else "no impresa",
        "Roles": r.roles if fmt.present(r.roles) else "",
        "Interacciones": fmt.numero(r.interactions),
    } for r in networks.itertuples()])


def role_rows(roles: pd.DataFrame) -> pd.DataFrame:
    def when(d):
        return fmt.fecha(d) if fmt.present(d) else "—"
    return pd.DataFrame([{
        "Red": r.network_name, "Rol": r.role, "Titular": r.role_holder if fmt.present(r.role_holder) else "",
        "Desde": when(r.role_start_on), "Hasta": when(r.role_end_on),
    } for r in roles.itertuples()])


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([{
        "Fecha": fmt.fecha_parcial(r.event_year, r.event_month, r.event_day, r.date_precision),
        "Precisión": {"day": "día", "month": "mes", "year": "año"}.get(r.date_precision, "no impresa"),
        "Evento": r.interaction_title, "Tipo": KIND_ES.get(r.interaction_kind, r.interaction_kind or ""),
        "Lugar": ", ".join(x for x in (r.place_city, r.place_country) if fmt.present(x)),
        "Red": r.network_name_as_printed if fmt.present(r.network_name_as_printed) else "",
        "Vigencia": int(r.reporting_year) if fmt.present(r.reporting_year) else "",
    } for r in events.itertuples()])


def discrepancy_rows(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame([{
        "Id": r.discrepancy_id, "Categoría": r.category, "Cifra publicada": r.published_value,
        "Dónde se publica": r.published_where, "Otra cifra": r.other_value, "Dónde": r.other_where,
        "Diferencia": fmt.numero(r.difference, 2) if fmt.present(r.difference) else "",
        "Descripción": r.description if fmt.present(r.description) else "",
    } for r in df.itertuples()])
