"""Tablero de cooperación internacional de Bogotá (Streamlit). `make dashboard`.

Reads only the ``reports`` contract of the published warehouse (read-only DuckDB file, or
the PostgreSQL mirror with BOGOTA_POSTGRES_DSN). Results are cached per published version,
so a publish is picked up on the next interaction without a restart.
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import altair as alt
import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import charts, db, fmt, views  # noqa: E402
from dashboard.queries import MAX_ROWS, NO_SECTOR, Queries  # noqa: E402

PAGES = {
    "resumen": "Resumen",
    "graficos": "Gráficos del informe",
    "tablas": "Tablas del informe",
    "detalle": "Detalle (drill-down)",
    "redes": "Redes y diplomacia de ciudad",
    "discrepancias": "Discrepancias",
}
DRILLS = {"ods": "ODS", "sector": "Sector", "cooperante": "Cooperante", "objetivo": "Objetivo PDD"}

st.set_page_config(page_title="Cooperación internacional de Bogotá", page_icon="📊", layout="wide")
st.markdown("<style>[data-testid='stMetricValue']{font-size:1.6rem}</style>", unsafe_allow_html=True)


# ---------------------------------------------------------------- data, cached per version
SOURCE = db.source_from_env()  # read on every run: cheap, and follows the environment


@st.cache_data(show_spinner=False, max_entries=1000)
def _cached(sql: str, params: tuple, key: tuple, _source) -> pd.DataFrame:
    # `key` names the source and its published version (see dashboard/db.py): a publish
    # changes it, so results are cached per version and never served across a swap
    return _source.query(sql, dict(params), key)


def _reader(key: tuple):
    def read(sql: str, params: dict) -> pd.DataFrame:
        try:
            return _cached(sql, tuple(sorted(params.items())), key, SOURCE)
        except db.VersionChanged:  # a publish during this render: read the new version, uncached
            return db.read(SOURCE, sql, params)[0]
    return read


KEY = SOURCE.version_key()
Q = Queries(_reader(KEY))


# ---------------------------------------------------------------- navigation state
def _goto(page: str, **drill) -> None:
    """Usable as a widget callback (before the widgets of the next run exist)."""
    st.session_state["pagina"] = page
    for k, v in drill.items():
        st.session_state[k] = v


if "pagina" not in st.session_state:  # first run: deep link ?pagina=...&cooperante=...
    qp = st.query_params
    st.session_state["pagina"] = qp.get("pagina", "resumen") if qp.get("pagina") in PAGES else "resumen"
    for k in ("drill_tipo", "cooperante", "ods", "sector", "entidad", "objetivo", "discrepancia"):
        if k in qp:
            st.session_state[k] = qp[k] if k not in ("ods", "objetivo") else int(qp[k])
if "_goto" in st.session_state:  # set by a chart/table selection during the previous run
    _goto(**st.session_state.pop("_goto"))

years = Q.years()
with st.sidebar:
    st.title("Cooperación internacional · Bogotá")
    page = st.radio("Página", list(PAGES), format_func=PAGES.get, key="pagina")
    year = st.selectbox("Vigencia (año del informe)", years, index=len(years) - 1, key="anio")
    version = Q.version()
    st.divider()
    st.caption("Versión mostrada")
    if version is not None:
        st.markdown(f"**Corrida** `{version.get('run_id')}`  \n"
                    f"**Publicada** {fmt.fecha_hora(version.get('published_at'))}")
    elif SOURCE.modified_at() is not None:
        st.markdown(f"**Archivo modificado** {fmt.fecha_hora(SOURCE.modified_at())}  \n"
                    "(sin versión publicada en `reports.warehouse_version`)")
    else:
        st.markdown("Sin `reports.warehouse_version` en el espejo")
    st.caption(SOURCE.describe())

st.query_params["pagina"] = page


def _table(df: pd.DataFrame, key: str | None = None, select: bool = False, height: int | None = None):
    cfg = {c: st.column_config.TextColumn(c, width="large") for c in df.columns if c in views.WIDE}
    if views.DISC in df.columns:
        df = df.assign(**{views.DISC: [
            f"?pagina=discrepancias&discrepancia={quote(v.split()[0])}" if v else "" for v in df[views.DISC]]})
        cfg[views.DISC] = st.column_config.LinkColumn("Discrepancia", display_text=r"discrepancia=(.*)$")
    kwargs = {"hide_index": True, "width": "stretch", "column_config": cfg}
    if height:
        kwargs["height"] = height
    if select:
        return st.dataframe(df, key=key, on_select="rerun", selection_mode="single-row", **kwargs)
    return st.dataframe(df, key=key, **kwargs)


def _selected_row(event) -> int | None:
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    return rows[0] if rows else None


def _chart(chart: alt.Chart, key: str):
    return st.altair_chart(chart, width="stretch", on_select="rerun", key=key)


def _picked(event, field: str):
    sel = getattr(event, "selection", None) or {}
    for points in sel.values():
        if points:
            return points[0].get(field)
    return None


def _drill(page_kwargs: dict) -> None:
    st.session_state["_goto"] = {"page": "detalle", **page_kwargs}
    st.rerun()


# ---------------------------------------------------------------- pages
def page_resumen():
    st.header(f"Resumen {year}")
    h = Q.headline(year)
    hd = Q.run("headline_discrepancies", year=year)
    c = st.columns(3)
    c[0].metric("Interacciones", fmt.numero(h["interactions"]), border=True)
    c[1].metric("Cooperantes / aliados", fmt.numero(h["cooperants"]), border=True)
    c[2].metric("Apalancamiento", fmt.numero(h["leverage"], 4) if fmt.present(h["leverage"]) else "—", border=True,
                help="Contrapartida distrital por cada peso aportado por los cooperantes")
    c = st.columns(3)
    c[0].metric("Valor total", fmt.pesos(h["total_value_cop"]), border=True)
    c[1].metric("Aporte cooperantes", fmt.pesos(h["cooperant_contribution_cop"]), border=True)
    c[2].metric("Contrapartida distrital", fmt.pesos(h["district_counterpart_cop"]), border=True)
    st.write(views.headline_sentence(year, h))
    st.caption(f"Apalancamiento: {views.leverage_text(h)}. Interacciones monetarias (líneas de la Tabla 5): "
               f"{fmt.numero(h['monetary_lines'])}; no monetarias: {fmt.numero(h['non_monetary_interactions'])}.")
    if len(hd):
        st.warning("Cifras del texto del informe que no coinciden con las tablas: " + "; ".join(
            f"[{r.published_where}: {views.as_figure(r.published_value)} frente a {views.as_figure(r.other_value)}]"
            f"(?pagina=discrepancias&discrepancia={quote(r.discrepancy_id)})" for r in hd.itertuples()))
    st.subheader("Cooperantes con más interacciones")
    top = Q.top_cooperants(year, 10)
    for r in top.itertuples():
        a, b, c2 = st.columns([6, 2, 3])
        a.button(r.canonical_cooperant_name, key=f"top_{r.cooperant_key}", on_click=_goto, type="tertiary",
                 args=("detalle",), kwargs={"drill_tipo": "cooperante", "cooperante": r.cooperant_key})
        b.write(f"{fmt.numero(r.interactions)} interacciones")
        c2.write(fmt.pesos(r.total_value_cop))


def page_graficos():
    st.header(f"Gráficos del informe {year}")
    st.caption("Haga clic en una barra para ver el detalle que la compone.")
    t1 = Q.run("table1", year=year)
    sectors = Q.run("sectors", year=year)
    shares = Q.run("pdd_shares", year=year)
    st.subheader("Gráfico 1. ODS / Recursos de cooperación")
    ev = _chart(charts.chart1(t1), "g1")
    if (v := _picked(ev, "sdg_number")) is not None:
        _drill({"drill_tipo": "ods", "ods": int(v)})
    st.subheader("Gráfico 2. Participación por sectores / Interacciones")
    ev = _chart(charts.chart2(sectors), "g2")
    st.caption(charts.chart2_note(Q.run("sector_sources", year=year)))
    if (v := _picked(ev, "sector_key")) is not None:
        _drill({"drill_tipo": "sector", "sector": v})
    st.subheader("Gráfico 3. Aportes monetarios por sectores")
    ev = _chart(charts.chart3(sectors), "g3")
    if (v := _picked(ev, "sector_key")) is not None:
        _drill({"drill_tipo": "sector", "sector": v})
    st.subheader("Gráfico 4. Movilización de recursos por objetivos PDD")
    ev = _chart(charts.chart4(shares), "g4")
    if (v := _picked(ev, "pdd_objective_number")) is not None:
        _drill({"drill_tipo": "objetivo", "objetivo": int(v)})
    st.subheader("Gráfico 5. Participación de recursos por objetivos PDD")
    _chart(charts.chart5(shares), "g5")
    st.subheader("Gráfico 6. Recursos de cooperación y políticas públicas sectoriales")
    st.info(views.CHART6_UNDETERMINED)


def page_tablas():
    st.header(f"Tablas del informe {year}")
    st.caption("⚠ marca una cifra publicada que no coincide con la recalculada o con otra fuente; "
               "la columna Discrepancia enlaza a la fila de reports.source_discrepancies. "
               "Seleccione una fila para ver su detalle.")
    hd = Q.run("headline_discrepancies", year=year)
    t1 = Q.run("table1", year=year)
    st.subheader("Tabla 1. Objetivos de Desarrollo Sostenible / Recursos de cooperación")
    row = _selected_row(_table(views.table1(t1, hd), key="t1", select=True))
    if row is not None and row < len(t1):
        _drill({"drill_tipo": "ods", "ods": int(t1.iloc[row].sdg_number)})
    st.subheader("Tabla 2. Organismo internacional y/o nacional y número de interacciones")
    t2 = Q.run("table2", year=year)
    row = _selected_row(_table(views.table2(t2, hd), key="t2", select=True, height=400))
    if row is not None and row < len(t2):
        _drill({"drill_tipo": "cooperante", "cooperante": t2.iloc[row].cooperant_key})
    st.subheader("Tabla 3. Entidades distritales y número de interacciones")
    t3 = Q.run("table3", year=year)
    row = _selected_row(_table(views.table3(t3, hd), key="t3", select=True, height=400))
    if row is not None and row < len(t3):
        e = t3.iloc[row]
        _drill({"drill_tipo": "sector", "sector": e.sector_name or NO_SECTOR, "entidad": e.district_entity_key})
    st.subheader("Tabla 4. Tipos de acción / tipos de colaboración (millones de pesos)")
    _table(views.table4(Q.run("table4", year=year)).drop(columns=["fila"]))
    st.subheader("Tabla 5. Valores aportes de cooperación por sectores y entidades distritales")
    t5 = Q.table5(year)
    row = _selected_row(_table(views.table5(t5, hd), key="t5", select=True, height=400))
    if row is not None and row < len(t5):
        _drill({"drill_tipo": "cooperante", "cooperante": t5.iloc[row].cooperant_key})
    if len(t5) >= MAX_ROWS:
        st.caption(f"Se muestran las primeras {fmt.numero(MAX_ROWS)} líneas.")
    st.subheader("Sección 5. Participación por objetivo del PDD")
    _table(views.shares(Q.run("pdd_shares", year=year)))


def _lines(df: pd.DataFrame):
    if df.empty:
        st.info("Sin líneas monetarias (Tabla 5) para esta selección.")
        return
    out = df.copy()
    for c in ("cooperant_contribution_cop", "district_counterpart_cop", "total_value_cop"):
        if c in out:
            out[c] = out[c].map(fmt.pesos)
    out = out.drop(columns=[c for c in ("cooperant_key",) if c in out]).rename(columns={
        "interaction_id": "Línea", "sector_name": "Sector", "district_entity_name": "Entidad distrital",
        "cooperant_name": "Cooperante (como se imprime)", "cooperant_contribution_cop": "Aporte cooperante",
        "district_counterpart_cop": "Contrapartida distrital", "total_value_cop": "Valor total",
        "sdg_number": "ODS", "pdd_objective_number": "Objetivo PDD"})
    st.markdown(f"**Líneas de la Tabla 5: {fmt.numero(len(df))}**")
    _table(out)


def page_detalle():
    st.header("Detalle")
    kind = st.segmented_control("Ver por", list(DRILLS), format_func=DRILLS.get, key="drill_tipo") or "cooperante"
    if kind == "ods":
        t1 = Q.run("table1", year=year)
        sdg = st.selectbox("ODS", list(t1.sdg_number), key="ods",
                           format_func=dict(zip(t1.sdg_number, t1.sdg_label_as_printed, strict=True)).get)
        r = t1[t1.sdg_number == sdg].iloc[0]
        st.write(f"{r.sdg_label_as_printed}: {fmt.numero(r.total_interactions)} interacciones, "
                 f"{fmt.pesos(r.total_value_cop)}.")
        _lines(Q.run("lines_of_sdg", year=year, sdg=int(sdg), max_rows=MAX_ROWS))
    elif kind == "sector":
        sectors = Q.run("sectors", year=year)
        sector = st.selectbox("Sector", list(sectors.sector_key), key="sector",
                              format_func=lambda k: k or "Sector no determinado")
        ents = Q.run("entities_of_sector", year=year, sector=sector)
        st.markdown(f"**Entidades del sector: {fmt.numero(len(ents))}**")
        shown = ents.assign(**{c: ents[c].map(fmt.pesos) for c in
                               ("cooperant_contribution_cop", "district_counterpart_cop", "total_value_cop")})
        _table(shown.drop(columns=["district_entity_key"]).rename(columns={
            "district_entity_name": "Entidad distrital", "sector_name": "Sector", "sector_source": "Origen del sector",
            "interactions": "Interacciones", "monetary_lines": "Líneas monetarias",
            "cooperant_contribution_cop": "Aporte cooperante", "district_counterpart_cop": "Contrapartida",
            "total_value_cop": "Valor total"}))
        keys = list(ents.district_entity_key)
        if keys:
            if st.session_state.get("entidad") not in keys:
                st.session_state["entidad"] = keys[0]
            entity = st.selectbox("Entidad", keys, key="entidad", format_func=dict(
                zip(ents.district_entity_key, ents.district_entity_name, strict=True)).get)
            _lines(Q.run("lines_of_entity", year=year, entity=entity, max_rows=MAX_ROWS))
    elif kind == "objetivo":
        shares = Q.run("pdd_shares", year=year)
        obj = st.selectbox("Objetivo PDD", list(shares.pdd_objective_number), key="objetivo",
                           format_func=lambda n: f"Objetivo {n}: " + shares.set_index(
                               "pdd_objective_number").pdd_objective_name[n])
        _lines(Q.run("lines_of_pdd", year=year, objective=int(obj), max_rows=MAX_ROWS))
    else:
        coops = Q.run("cooperant_list", year=year, max_rows=MAX_ROWS)
        keys = list(coops.cooperant_key)
        if st.session_state.get("cooperante") not in keys:
            st.session_state["cooperante"] = keys[0]
        key = st.selectbox("Cooperante", keys, key="cooperante", format_func=dict(
            zip(coops.cooperant_key, coops.canonical_cooperant_name, strict=True)).get)
        c = Q.run("cooperant", year=year, cooperant=key).iloc[0]
        st.subheader(c.canonical_cooperant_name)
        cols = st.columns(4)
        cols[0].metric("Interacciones (Tabla 2)", fmt.numero(c.interactions))
        cols[1].metric("Líneas monetarias", fmt.numero(c.monetary_lines))
        cols[2].metric("Valor total", fmt.pesos(c.total_value_cop))
        cols[3].metric("Aporte del cooperante", fmt.pesos(c.cooperant_contribution_cop))
        st.markdown(
            f"**Tipo:** {c.iati_org_type_name if fmt.present(c.iati_org_type_name) else 'no determinado'}"
            f"{f' (IATI {int(c.iati_org_type_code)})' if fmt.present(c.iati_org_type_code) else ''}"
            f"  \n**País:** {c.country_name if fmt.present(c.country_name) else 'no determinado'}"
            f"  \n**Sigla:** {c.acronym if fmt.present(c.acronym) else '—'}"
            f"  \n**Base de la clasificación:** "
            f"{c.classification_basis if fmt.present(c.classification_basis) else '—'}")
        _lines(Q.run("lines_of_cooperant", year=year, cooperant=key, max_rows=MAX_ROWS))
        rows = Q.run("table2_rows_of_cooperant", year=year, cooperant=key)
        st.markdown("**Filas de la Tabla 2 (como se imprimen)**")
        _table(rows.rename(columns={"table_row_number": "No.", "cooperant_name": "Entidad cooperante / aliado",
                                    "interactions": "No. interacciones"}))
        ev = Q.run("events_of_cooperant", cooperant=key)
        if len(ev):
            st.markdown("**Eventos de diplomacia de ciudad con este cooperante**")
            _table(views.event_rows(ev))


def page_redes():
    st.header("Redes y diplomacia de ciudad")
    nets = Q.run("networks")
    st.subheader(f"Redes de ciudades: {fmt.numero(len(nets))}")
    _table(views.network_rows(nets), height=500)
    st.subheader("Roles a lo largo del tiempo")
    _table(views.role_rows(Q.run("network_roles")), height=300)
    ev = Q.run("events", max_rows=MAX_ROWS)
    st.subheader(f"Línea de tiempo: {fmt.numero(len(ev))} eventos fechados")
    st.caption("Cada fecha se muestra con la precisión con que se imprime (día, mes o año).")
    st.altair_chart(charts.timeline(ev), width="stretch")
    _table(views.event_rows(ev), height=500)


def page_discrepancias():
    st.header("Discrepancias entre fuentes")
    d = Q.run("discrepancies", year=year)
    st.write(f"{fmt.numero(len(d))} discrepancias: cada una con ambas cifras y dónde se imprime cada una.")
    ids = list(d.discrepancy_id)
    chosen = st.session_state.get("discrepancia")
    if chosen in ids:
        r = d[d.discrepancy_id == chosen].iloc[0]
        st.info(f"**{r.discrepancy_id}** ({r.category})  \nPublicado: **{r.published_value}** en "
                f"{r.published_where}  \nOtra cifra: **{r.other_value}** en {r.other_where}  \n{r.description or ''}")
    _table(views.discrepancy_rows(d), height=600)


{"resumen": page_resumen, "graficos": page_graficos, "tablas": page_tablas, "detalle": page_detalle,
 "redes": page_redes, "discrepancias": page_discrepancias}[page]()

# keep the URL a deep link to what is shown
for k in ("drill_tipo", "cooperante", "ods", "sector", "entidad", "objetivo"):
    if page == "detalle" and st.session_state.get(k) is not None:
        st.query_params[k] = str(st.session_state[k])
    elif k in st.query_params:
        del st.query_params[k]
