"""End to end, in headless system Chromium (Playwright): the app started on localhost, every
page opened with no console error and no request leaving localhost, the home figures, a
drill-down from the top cooperant list, a publish picked up without restart, and a
screenshot of every page under artifacts/dashboard/."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import PROJECT_DIR, publish_copy

PAGES = {"resumen": "Resumen", "graficos": "Gráficos del informe", "tablas": "Tablas del informe",
         "detalle": "Detalle", "redes": "Redes y diplomacia de ciudad", "discrepancias": "Discrepancias entre fuentes"}
SHOTS = PROJECT_DIR / "artifacts" / "dashboard"
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Watch:
    """Console errors, page errors and requests that leave localhost, on one page."""

    def __init__(self, page):
        self.errors, self.remote = [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, req):
        u = urlparse(req.url)
        if u.scheme in ("http", "https", "ws", "wss") and u.hostname not in LOCAL:
            self.remote.append(req.url)


def settle(page, heading: str) -> None:
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=60_000)
    page.wait_for_timeout(800)  # let charts and data grids paint before a screenshot


def shoot(page, name: str) -> None:
    """Screenshot of the whole page (Streamlit scrolls inside its main block: grow the viewport)."""
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                           "'[data-testid=stMain], [data-testid=stMain] *')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1440, "height": min(max(int(height) + 40, 1000), 12000)})
    page.wait_for_timeout(700)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="es-CO")
    p = ctx.new_page()
    yield p
    ctx.close()


def test_every_page_renders_locally_without_errors(app_url, page, wh):
    SHOTS.mkdir(parents=True, exist_ok=True)
    watch = Watch(page)
    year = wh("select max(reporting_year) from reports.sdg_summary")[0][0]
    for slug, title in PAGES.items():
        page.goto(f"{app_url}/?pagina={slug}")
        settle(page, title if slug in ("detalle", "discrepancias", "redes") else f"{title} {year}")
        shoot(page, slug)
    assert watch.errors == [], watch.errors
    assert watch.remote == [], watch.remote


def test_home_shows_the_report_headline(app_url, page):
    page.goto(app_url)
    settle(page, "Resumen 2024")
    main = page.locator("[data-testid='stMain']")
    assert "607" in main.inner_text()
    assert "34.055.833.247,50" in main.inner_text()


def test_click_top_cooperant_lands_on_its_detail_with_lines(app_url, page, wh):
    top_key, top_name = wh("""select cooperant_key, canonical_cooperant_name from reports.cooperants
        where reporting_year = 2024 and monetary_lines > 0
        order by interactions desc, total_value_cop desc, canonical_cooperant_name limit 1""")[0]
    lines = wh("select count(*) from reports.contributions where cooperant_key = ?", [top_key])[0][0]
    page.goto(app_url)
    settle(page, "Resumen 2024")
    page.get_by_role("button", name=top_name, exact=True).click()
    page.get_by_role("heading", name=top_name).wait_for(timeout=30_000)
    page.get_by_text(f"Líneas de la Tabla 5: {lines}").wait_for(timeout=30_000)
    page.wait_for_url(f"**cooperante={top_key}**", timeout=30_000)  # the URL is a deep link to it
    settle(page, top_name)
    shoot(page, "detalle_cooperante")


def test_a_publish_is_picked_up_without_restart(app_url, page, served_db: Path, tmp_path):
    page.goto(app_url)
    settle(page, "Resumen 2024")
    assert "Archivo modificado" in page.locator("[data-testid='stSidebar']").inner_text()
    publish_copy(served_db, served_db, [
        "create or replace table reports.warehouse_version as select 'run-e2e-2' as run_id, "
        "timestamp '2025-02-10 02:00:13' as published_at, 'abc' as input_fingerprint"])
    page.get_by_role("radio", name="Discrepancias").check(force=True)
    settle(page, "Discrepancias entre fuentes")
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert "run-e2e-2" in sidebar and "10 de febrero de 2025" in sidebar
