"""The annual report, generated from the warehouse: one self-contained HTML file (charts as
inline SVG, no script, no network fetch) and a PDF printed from it by headless Chromium.

    python -m dashboard.report [--year 2024] [--out artifacts/report] [--no-pdf]

It uses the dashboard's own query module (`dashboard.queries`) and table shaping
(`dashboard.views`): every figure, and every sentence that states one, is filled from a query.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from datetime import datetime
from html import escape
from pathlib import Path

import pandas as pd

from . import charts, db, fmt, views
from .queries import Queries

CHROMIUM = os.environ.get("BOGOTA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
CSS = """
body{font-family:Helvetica,Arial,sans-serif;color:#1d2733;max-width:1100px;margin:2rem auto;padding:0 1rem;
font-size:13px;line-height:1.45}
h1{color:#1f5a96;font-size:24px}h2{color:#1f5a96;border-bottom:2px solid #1f5a96;padding-bottom:4px;margin-top:2.2rem}
h3{font-size:15px;margin-top:1.6rem}table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem}
th,td{border:1px solid #c9d3de;padding:3px 6px;vertical-align:top}th{background:#e8eef5;text-align:left}
td.n{text-align:right;white-space:nowrap}tr.total td,tr.subtotal td{font-weight:bold;background:#f4f6f9}
.note{color:#5b6673;font-size:12px}.undetermined{border-left:4px solid #e08a2c;padding:.4rem .8rem;background:#fdf5ec}
a{color:#1f5a96}.mark{color:#b3261e;font-weight:bold}
@media print{h2{break-before:page}table{font-size:10px}tr{break-inside:avoid}}
"""


def _is_num(text: str) -> bool:
    t = str(text).replace(views.MARK, "")
    return t.startswith(("$", "-$")) or t.replace(".", "").replace(",", "").replace("%", "").isdigit()


def html_table(df: pd.DataFrame, row_class: pd.Series | None = None, drop: tuple = ()) -> str:
    cols = [c for c in df.columns if c not in drop]
    head = "".join(f"<th>{escape('Discrepancia' if c == views.DISC else c)}</th>" for c in cols)
    body = []
    for i, (_, r) in enumerate(df.iterrows()):
        cells = []
        for c in cols:
            v = "" if not fmt.present(r[c]) else str(r[c])
            if c == views.DISC:
                links = " ".join(f'<a href="#disc-{escape(x)}">{escape(x)}</a>' for x in v.split())
                cells.append(f"<td>{links}</td>")
            elif v.startswith(views.MARK):
                cells.append(f'<td class="n"><span class="mark">⚠</span> {escape(v[len(views.MARK):])}</td>')
            else:
                cells.append(f'<td class="{"n" if _is_num(v) else ""}">{escape(v)}</td>')
        cls = f' class="{row_class.iloc[i]}"' if row_class is not None else ""
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _footer_class(df: pd.DataFrame) -> pd.Series:
    return pd.Series(["total" if i == len(df) - 1 else "" for i in range(len(df))])


def version_text(q: Queries, source) -> str:
    v = q.version()
    if v is not None:
        return f"corrida {v.get('run_id')}, publicada el {fmt.fecha_hora(v.get('published_at'))}"
    m = source.modified_at()
    return f"archivo del almacén modificado el {fmt.fecha_hora(m)}" if m else "versión no registrada en el espejo"


def render_html(q: Queries, year: int, version: str) -> str:
    h = q.headline(year)
    hd = q.run("headline_discrepancies", year=year)
    t1, t2, t3 = q.run("table1", year=year), q.run("table2", year=year), q.run("table3", year=year)
    t4, t5 = q.run("table4", year=year), q.table5(year)
    shares, sectors = q.run("pdd_shares", year=year), q.run("sectors", year=year)
    nets, roles, disc = q.run("networks"), q.run("network_roles"), q.run("discrepancies", year=year)
    top_sdg = t1.sort_values("total_value_cop", ascending=False).head(3)
    top_sector = charts.chart3_data(sectors).head(3)
    v1, v2, v3, v5 = views.table1(t1, hd), views.table2(t2, hd), views.table3(t3, hd), views.table5(t5, hd)
    v4 = views.table4(t4)

    parts = [
        f"<h1>Informe de gestión y ejecución de recursos de cooperación · vigencia {year}</h1>",
        f"<p class='note'>Generado el {escape(fmt.fecha_hora(datetime.now()))} desde el almacén de datos "
        f"({escape(version)}). Todas las cifras provienen de consultas al esquema <code>reports</code>.</p>",
        "<h2>1. Panorama de la cooperación</h2>",
        f"<p>{escape(views.headline_sentence(year, h))}</p>",
        f"<p>Apalancamiento: {escape(views.leverage_text(h))}. Interacciones con aportes monetarios: "
        f"{fmt.numero(h['monetary_lines'])}; con aportes no monetarios: "
        f"{fmt.numero(h['non_monetary_interactions'])}.</p>",
        "<h2>2. Objetivos de Desarrollo Sostenible</h2>",
        "<h3>Tabla 1. Objetivos de Desarrollo Sostenible / Recursos de cooperación</h3>",
        html_table(v1, _footer_class(v1)),
        "<h3>Gráfico 1. ODS / Recursos de cooperación</h3>",
        charts.svg_bars(charts.chart1_data(t1), "Recursos de cooperación por ODS"),
        "<p>Los mayores aportes se reflejan en los ODS " + escape("; ".join(
            f"{r.sdg_label_as_printed} ({fmt.pesos(r.total_value_cop)})" for r in top_sdg.itertuples())) + ".</p>",
        "<h2>3. Cooperantes, entidades y sectores</h2>",
        "<h3>Tabla 2. Organismo internacional y/o nacional y número de interacciones</h3>",
        html_table(v2, _footer_class(v2)),
        "<h3>Tabla 3. Entidades distritales y número de interacciones</h3>",
        html_table(v3, _footer_class(v3)),
        "<h3>Gráfico 2. Participación por sectores / Interacciones</h3>",
        charts.svg_bars(charts.chart2_data(sectors), "Interacciones por sector"),
        f"<p class='note'>{escape(charts.chart2_note(q.run('sector_sources', year=year)))}</p>",
        "<h3>Tabla 4. Tipos de acción / tipos de colaboración (millones de pesos)</h3>",
        html_table(v4, v4["fila"].map({"detail": "", "subtotal": "subtotal", "total": "total"}), drop=("fila",)),
        "<h2>4. Aportes por sectores y entidades distritales</h2>",
        "<h3>Tabla 5. Valores aportes de cooperación por sectores y entidades distritales</h3>",
        html_table(v5, _footer_class(v5)),
        "<h3>Gráfico 3. Aportes monetarios por sectores</h3>",
        charts.svg_bars(charts.chart3_data(sectors), "Aportes monetarios por sector"),
        "<p>Los mayores recursos se concentran en los sectores " + escape("; ".join(
            f"{r.label} ({r.text})" for r in top_sector.itertuples())) + ".</p>",
        "<h2>5. Aporte al Plan Distrital de Desarrollo</h2>",
        f"<p>Durante {year} se movilizaron recursos por {escape(fmt.pesos(h['total_value_cop']))}.</p>",
        "<h3>Gráfico 4. Movilización de recursos por objetivos PDD</h3>",
        charts.svg_bars(charts.chart4_data(shares), "Recursos movilizados por objetivo PDD"),
        "<h3>Gráfico 5. Participación de recursos por objetivos PDD</h3>",
        charts.svg_bars(charts.chart5_data(shares), "Participación por objetivo PDD"),
        "".join(f"<p>{escape(s)}</p>" for s in views.share_sentences(shares)),
        html_table(views.shares(shares)),
        "<h3>Gráfico 6. Recursos de cooperación y políticas públicas sectoriales</h3>",
        f"<p class='undetermined'>{escape(views.CHART6_UNDETERMINED)}</p>",
        "<h2>6. Participación de Bogotá en redes de ciudades</h2>",
        f"<p>El almacén registra {fmt.numero(len(nets))} redes, alianzas e iniciativas con participación "
        "de Bogotá.</p>",
        html_table(views.network_rows(nets)),
        "<h3>Roles a lo largo del tiempo</h3>",
        html_table(views.role_rows(roles)),
        "<h2>Anexo. Discrepancias entre fuentes</h2>",
        f"<p>{fmt.numero(len(disc))} discrepancias, cada una con ambas cifras y dónde se imprime cada una.</p>",
    ]
    annex = views.discrepancy_rows(disc)
    rows = "".join(
        f'<tr id="disc-{escape(r["Id"])}">' + "".join(f"<td>{escape(str(r[c]))}</td>" for c in annex.columns) + "</tr>"
        for _, r in annex.iterrows())
    parts.append("<table><thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in annex.columns)
                 + f"</tr></thead><tbody>{rows}</tbody></table>")
    return ("<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'>"
            f"<title>Informe de cooperación {year}</title><style>{CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>")


def print_pdf(html_path: Path, pdf_path: Path, chromium: str = CHROMIUM) -> None:
    with tempfile.TemporaryDirectory(prefix="bogota_report_chromium_") as profile:
        proc = subprocess.run(
            [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
            capture_output=True, text=True, timeout=180)
    if proc.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"chromium could not print {html_path}: {proc.stderr[-2000:]}")


def build_report(source, out_root: Path, year: int | None = None, pdf: bool = True) -> dict:
    """Write <out_root>/<year>/informe_cooperacion_<year>.html (+ .pdf); return the paths."""
    q = Queries(lambda sql, params: db.read(source, sql, params)[0])
    year = year or max(q.years())
    out = Path(out_root) / str(year)
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / f"informe_cooperacion_{year}.html"
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(render_html(q, year, version_text(q, source)), encoding="utf-8")
    os.replace(tmp, html_path)
    result = {"year": year, "html": html_path, "pdf": None}
    if pdf:
        if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
            raise FileNotFoundError(f"{CHROMIUM} not found: install it (apt-get install -y chromium) or use --no-pdf")
        pdf_path = out / f"informe_cooperacion_{year}.pdf"
        print_pdf(html_path, pdf_path)
        result["pdf"] = pdf_path
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=None, help="vigencia (default: the latest in the warehouse)")
    ap.add_argument("--out", default=os.path.join(os.environ.get("BOGOTA_ARTIFACTS_DIR", "artifacts"), "report"))
    ap.add_argument("--no-pdf", action="store_true")
    a = ap.parse_args()
    r = build_report(db.source_from_env(), Path(a.out), a.year, pdf=not a.no_pdf)
    print(f"report {r['year']}: {r['html']}" + (f"\n            {r['pdf']}" if r["pdf"] else ""))


if __name__ == "__main__":
    main()
