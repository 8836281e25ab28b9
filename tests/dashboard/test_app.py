"""Streamlit AppTest: every page renders against the test warehouse, and its key figures equal
the warehouse's (queried here with the tests' own SQL); a marked figure and a publish."""
from __future__ import annotations

import pytest
from conftest import PROJECT_DIR, publish_copy
from streamlit.testing.v1 import AppTest

from dashboard import fmt

APP = str(PROJECT_DIR / "dashboard" / "app.py")
PAGES = ["resumen", "graficos", "tablas", "detalle", "redes", "discrepancias"]


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key="pagina").set_value(page).run()
    if "pagina" not in at.session_state:  # AppTest under full-suite load, seen once in CI: run again
        at.run()
    assert not at.exception, (page, [e.value for e in at.exception])
    return at


def metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(served_db, page):
    at = goto(app(), page)
    assert at.header, page
    assert at.session_state["pagina"] == page


def test_home_figures_equal_the_warehouse(served_db, wh):
    at = app()
    interactions, = wh("select sum(total_interactions) from reports.sdg_summary where reporting_year = 2024")[0]
    contrib, counterpart, total = wh("""select sum(cooperant_contribution_cop), sum(district_counterpart_cop),
        sum(total_value_cop) from reports.contributions where reporting_year = 2024""")[0]
    m = metrics(at)
    assert m["Interacciones"] == fmt.numero(interactions) == "607"  # the report's printed figure
    assert m["Valor total"] == fmt.pesos(total) == "$ 34.055.833.247,50"
    assert m["Aporte cooperantes"] == fmt.pesos(contrib)
    assert m["Contrapartida distrital"] == fmt.pesos(counterpart)
    assert m["Apalancamiento"] == fmt.numero(float(counterpart) / float(contrib), 4)


def test_year_selector_lists_the_years_present(served_db, wh):
    at = app()
    years = [y for (y,) in wh("select distinct reporting_year from reports.sdg_summary order by 1")]
    assert list(at.sidebar.selectbox(key="anio").options) == [str(y) for y in years]


def test_table1_as_printed_equals_the_warehouse(served_db, wh):
    at = goto(app(), "tablas")
    t1 = at.dataframe[0].value
    rows = wh("""select sdg_label_as_printed, published_total_interactions, published_total_value_cop
                 from reports.sdg_summary where reporting_year = 2024 order by table_row_number""")
    assert list(t1["Objetivos de Desarrollo Sostenible"][:-1]) == [r[0] for r in rows]
    assert list(t1["Total interacciones"][:-1]) == [fmt.numero(r[1]) for r in rows]
    assert list(t1["Monto total de aportes"][:-1]) == [fmt.pesos(r[2]) for r in rows]
    assert t1["Monto total de aportes"].iloc[-1] == "$ 34.055.833.247,50"
    assert not t1["Monto total de aportes"].str.startswith("⚠").any()  # today every Table 1 figure reconciles


def test_table4_subtotal_printed_differently_is_marked(served_db, wh):
    disc = wh("""select discrepancy_id, published_value from reports.source_discrepancies
                 where discrepancy_id like 'TABLE4-SUBTOTAL-%'""")
    at = goto(app(), "tablas")
    t4 = next(d.value for d in at.dataframe if "Tipo de colaboración" in d.value.columns)
    marked = t4[t4["Valor (millones de pesos)"].str.startswith("⚠")]
    assert len(marked) == len(disc) >= 1
    assert marked["Valor (millones de pesos)"].iloc[0] == "⚠ " + fmt.millones(float(disc[0][1]))
    assert disc[0][0] in marked["discrepancias"].iloc[0]


def test_a_figure_that_disagrees_is_marked_and_linked(served_db, built_db):
    """Bad data: the Table 1 value of SDG 13 disagrees (an audit row says so) -> marked, linked."""
    publish_copy(built_db, served_db, [
        "create or replace table reports.source_discrepancies_extra as select * from reports.source_discrepancies",
        """insert into reports.source_discrepancies_extra (discrepancy_id, reporting_year, category, description,
           published_value, published_where, other_value, other_where, difference, is_documented_by_hand,
           audit_model, severity) values ('TABLE1-SDG13.total_value_cop', 2024, 'Table 1 row vs recomputed',
           'test', '1.00', 'Tabla 1', '2.00', 'warehouse', -1, false, 'aud_sdg_figures', 'error')""",
        "create or replace view reports.source_discrepancies as select * from reports.source_discrepancies_extra",
    ])
    at = goto(app(), "tablas")
    t1 = at.dataframe[0].value
    row = t1[t1["Objetivos de Desarrollo Sostenible"] == "13. Acción por el clima"].iloc[0]
    assert row["Monto total de aportes"].startswith("⚠ ")
    assert row["discrepancias"].endswith("discrepancia=TABLE1-SDG13.total_value_cop")  # link to the Discrepancias page
    assert (t1["Monto total de aportes"].str.startswith("⚠")).sum() == 1


def test_top_cooperant_drills_down_to_its_lines(served_db, wh):
    at = app()
    key, name = wh("""select cooperant_key, canonical_cooperant_name from reports.cooperants where reporting_year = 2024
        order by interactions desc, total_value_cop desc, canonical_cooperant_name limit 1""")[0]
    lines = wh("select interaction_id from reports.contributions where cooperant_key = ? order by 1", [key])
    at.button(key=f"top_{key}").click().run()
    assert at.session_state["pagina"] == "detalle" and at.session_state["cooperante"] == key
    assert name in [s.value for s in at.subheader]
    shown = at.dataframe[0].value
    assert list(shown["Línea"]) == [r[0] for r in lines]


@pytest.mark.parametrize("kind,key,value,sql", [
    ("ods", "ods", 13, "select count(*) from reports.contributions where sdg_number = 13"),
    ("objetivo", "objetivo", 3, "select count(*) from reports.contributions where pdd_objective_number = 3"),
])
def test_drill_by_sdg_and_objective(served_db, wh, kind, key, value, sql):
    at = goto(app(), "detalle")
    at.session_state["drill_tipo"] = kind
    at.session_state[key] = value
    at.run()
    assert not at.exception
    assert f"**Líneas de la Tabla 5: {wh(sql)[0][0]}**" in [m.value for m in at.markdown]


def test_drill_sector_to_entities_to_lines(served_db, wh):
    sector, entity_key, n_lines = wh("""select e.sector_name, e.district_entity_key, count(*) from reports.district_entities e
        join reports.contributions c using (district_entity_key) group by all order by 3 desc limit 1""")[0]
    n_entities = wh("select count(*) from reports.district_entities where sector_name = ?", [sector])[0][0]
    at = goto(app(), "detalle")
    at.session_state["drill_tipo"] = "sector"
    at.session_state["sector"] = sector
    at.session_state["entidad"] = entity_key
    at.run()
    texts = [m.value for m in at.markdown]
    assert f"**Entidades del sector: {n_entities}**" in texts
    assert f"**Líneas de la Tabla 5: {n_lines}**" in texts


def test_discrepancies_page_lists_every_row(served_db, wh):
    at = goto(app(), "discrepancias")
    n = wh("select count(*) from reports.source_discrepancies where reporting_year = 2024 or reporting_year is null")
    assert len(at.dataframe[0].value) == n[0][0]


def test_networks_one_row_per_network_and_events_at_printed_precision(served_db, wh):
    at = goto(app(), "redes")
    nets, roles, events = (d.value for d in at.dataframe)
    assert len(nets) == wh("select count(*) from reports.networks")[0][0]
    assert len(events) == wh("select count(*) from reports.events")[0][0]
    # shown as a bare year: the year is all that is known (precision 'year', or a month not filled)
    year_only = wh("select count(*) from reports.events where event_year is not null and event_month is null")[0][0]
    assert (events["Fecha"].str.fullmatch(r"\d{4}")).sum() == year_only
    c40 = nets[nets["Sigla"] == "C40"].iloc[0]
    assert c40["Miembro desde"] == fmt.fecha(wh("select member_since from reports.networks where network_acronym = 'C40'")[0][0])


def test_version_file_time_then_a_publish_with_a_version_row(served_db, built_db):
    at = app()
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "Archivo modificado" in sidebar
    publish_copy(built_db, served_db, [
        "create or replace table reports.warehouse_version as select 'run-apptest-7' as run_id, "
        "timestamp '2025-02-10 02:00:13' as published_at, 'fp' as input_fingerprint"])
    at.run()  # same session, no restart: the new version is read
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "run-apptest-7" in sidebar and "10 de febrero de 2025" in sidebar
