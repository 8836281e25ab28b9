"""The generated report: self-contained HTML (no script, no external reference) that opens in
headless Chromium without errors and without network requests, figures equal the
warehouse's, and a PDF printed from it."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from dashboard import db, fmt
from dashboard.report import build_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def wh(path, sql):
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{path}' as w (read_only)")
    con.execute("use w")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def report(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return build_report(db.DuckDBSource(built_db), out, pdf=CHROMIUM.exists()), built_db


def test_html_is_self_contained_with_the_printed_figures(report):
    r, built = report
    html = r["html"].read_text(encoding="utf-8")
    assert r["html"].parent.name == str(r["year"]) == "2024"
    assert "<script" not in html and not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert html.count("<svg") == 5  # Charts 1-5; Chart 6 is stated as not determinable
    assert "No determinable con las fuentes" in html
    assert "se registraron 607 interacciones" in html and "$ 34.055.833.247,50" in html
    for label, value in wh(built, """select sdg_label_as_printed, published_total_value_cop from reports.sdg_summary
                                     where reporting_year = 2024"""):
        assert re.search(re.escape(label) + r"</td>(<td[^>]*>[^<]*</td>){3}<td class=\"n\">"
                         + re.escape(fmt.pesos(value)) + "</td>", html), label
    for n, share in wh(built, "select pdd_objective_number, share_pct from reports.pdd_objective_shares"):
        assert f"El {fmt.porcentaje(share)} de los recursos" in html and f"Objetivo {n}:" in html
    for (name,) in wh(built, "select network_name from reports.networks"):
        assert f"<td>{name}</td>".replace("&", "&amp;") in html or name in html
    for (did,) in wh(built, "select discrepancy_id from reports.source_discrepancies"):
        assert f'id="disc-{did}"' in html


def test_report_opens_in_chromium_without_errors(report):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    r, built = report
    errors, requests = [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = b.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda q: requests.append(q.url))
        page.goto(r["html"].resolve().as_uri())
        total = page.locator("table").first.locator("tr.total td").nth(4).inner_text()
        svgs = page.locator("svg").count()
        b.close()
    assert errors == [] and requests == [r["html"].resolve().as_uri()]
    assert total == fmt.pesos(wh(built, "select sum(total_value_cop) from reports.contributions")[0][0])
    assert svgs == 5
    assert r["pdf"].read_bytes()[:5] == b"%PDF-" and r["pdf"].stat().st_size > 10_000
