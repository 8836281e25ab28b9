"""Charts 1-5 of the report: the data of each bar decided once (`*_data`), drawn with Altair
in the dashboard and as inline SVG in the generated report (no script, no network)."""
from __future__ import annotations

from html import escape

import altair as alt
import pandas as pd

from . import fmt

ES_LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["$ ", ""]}}
BLUE, ORANGE = "#1f5a96", "#e08a2c"


def chart1_data(t1: pd.DataFrame) -> pd.DataFrame:
    d = t1[["sdg_number", "sdg_label_as_printed", "total_value_cop", "total_interactions"]].copy()
    d["label"] = d["sdg_label_as_printed"]
    d["value"] = d["total_value_cop"].astype(float)
    d["text"] = d["value"].map(fmt.pesos)
    return d.sort_values("sdg_number")


def chart2_data(sectors: pd.DataFrame) -> pd.DataFrame:
    d = sectors.copy()
    d["label"] = d["sector_name"].fillna("Sector no determinado")
    d["value"] = d["interactions"].astype(float)
    total = d["value"].sum()
    d["text"] = [f"{fmt.numero(v)} ({fmt.porcentaje(100 * v / total if total else None)})" for v in d["value"]]
    return d.sort_values("value", ascending=False)


def chart3_data(sectors: pd.DataFrame) -> pd.DataFrame:
    d = sectors[sectors["monetary_lines"] > 0].copy()
    d["label"] = d["sector_name"].fillna("Sector no determinado")
    d["value"] = d["total_value_cop"].astype(float)
    d["text"] = d["value"].map(fmt.pesos)
    return d.sort_values("value", ascending=False)


def chart4_data(shares: pd.DataFrame) -> pd.DataFrame:
    d = shares.copy()
    d["label"] = [f"Objetivo {int(n)}: {name}" for n, name in zip(d.pdd_objective_number, d.pdd_objective_name,
                                                                   strict=True)]
    d["value"] = d["total_value_cop"].astype(float)
    d["text"] = d["value"].map(fmt.pesos)
    return d


def chart5_data(shares: pd.DataFrame) -> pd.DataFrame:
    d = chart4_data(shares)
    d["value"] = d["share_pct"].astype(float)
    d["text"] = d["value"].map(fmt.porcentaje)
    return d


def chart2_note(sources: pd.DataFrame) -> str:
    parts = [f"{fmt.numero(r.district_entities)} entidades / {fmt.numero(r.interactions)} interacciones: "
             f"{r.sector_source or 'sin origen'}" for r in sources.itertuples()]
    return ("La Tabla 3 no imprime el sector de cada entidad; origen del sector asignado: " + "; ".join(parts) + ".")


# ---------------------------------------------------------------- Altair (dashboard)
def _bars(d: pd.DataFrame, key_field: str, x_title: str, fmt_axis: str = ",.0f", scale: float = 1.0) -> alt.Chart:
    d = d.assign(axis_value=d["value"] / scale)
    pick = alt.selection_point(name="pick", fields=[key_field])
    height = max(160, 26 * len(d))
    return (alt.Chart(d).mark_bar(color=BLUE).encode(
        x=alt.X("axis_value:Q", title=x_title, axis=alt.Axis(format=fmt_axis)),
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title="Valor")],
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
    ).add_params(pick).properties(height=height).configure(locale=ES_LOCALE))


def chart1(t1):
    return _bars(chart1_data(t1), "sdg_number", "Millones de pesos", scale=1e6)


def chart2(sectors):
    return _bars(chart2_data(sectors), "sector_key", "Interacciones")


def chart3(sectors):
    return _bars(chart3_data(sectors), "sector_key", "Millones de pesos", scale=1e6)


def chart4(shares):
    return _bars(chart4_data(shares), "pdd_objective_number", "Millones de pesos", scale=1e6)


def chart5(shares):
    return _bars(chart5_data(shares), "pdd_objective_number", "Participación (%)", fmt_axis=",.2f")


def timeline(events: pd.DataFrame) -> alt.Chart:
    """Events per year, coloured by the precision of their printed date (never a made-up day)."""
    d = events.assign(precision=events["date_precision"].map(
        {"day": "día", "month": "mes", "year": "solo año"}).fillna("no impresa"))
    d = d.groupby(["event_year", "precision"], dropna=False).size().reset_index(name="eventos")
    d["event_year"] = d["event_year"].map(lambda y: str(int(y)) if y == y else "sin año")
    return (alt.Chart(d).mark_bar().encode(
        x=alt.X("event_year:N", title="Año del evento"), y=alt.Y("eventos:Q", title="Eventos"),
        color=alt.Color("precision:N", title="Fecha impresa hasta"),
        tooltip=["event_year", "precision", "eventos"]).properties(height=240).configure(locale=ES_LOCALE))


# ---------------------------------------------------------------- SVG (report)
def svg_bars(d: pd.DataFrame, title: str) -> str:
    """A horizontal bar chart as self-contained SVG: one bar per row of a *_data frame."""
    label_w, bar_w, value_w, row_h, top = 330, 360, 210, 24, 30
    width = label_w + bar_w + value_w
    height = top + row_h * len(d) + 10
    vmax = max([float(v) for v in d["value"]] + [0.0]) or 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" font-family="Helvetica, Arial, sans-serif" font-size="12">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>']
    for i, r in enumerate(d.itertuples()):
        y = top + i * row_h
        w = bar_w * float(r.value) / vmax
        label = r.label if len(r.label) <= 52 else r.label[:50] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{BLUE}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="v">{escape(r.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
