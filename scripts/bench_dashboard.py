"""Benchmark (not a test) of the dashboard: time to first render and p95 query time of its
query set (dashboard.queries.DASHBOARD_QUERY_SET), uncached, on the real published warehouse
and on a SYNTHETIC warehouse of 10 million Table 5-shaped interactions.

The synthetic file is generated set-based in DuckDB in a scratch folder (a temporary
directory, deleted at the end): tables named like the ``reports`` relations, with the
columns the dashboard reads. It is labelled synthetic in every value and never published.
Writes artifacts/bench/dashboard.json.

    python scripts/bench_dashboard.py [--lines 10000000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from dashboard import db  # noqa: E402
from dashboard.queries import DASHBOARD_QUERY_SET, SQL, params_for  # noqa: E402

SYNTHETIC_SQL = """
create schema reports;
create table reports.contributions as
select 2024 as reporting_year, 'SINTÉTICO SECTOR ' || (i % 20) as sector_name,
       'SINTÉTICO ENTIDAD ' || (i % 1000) as district_entity_name,
       'SINTÉTICO COOPERANTE ' || (i % 100000) as cooperant_name,
       cast((hash(i) % 100000000) as decimal(18, 2)) as cooperant_contribution_cop,
       cast((hash(i + 1) % 50000000) as decimal(18, 2)) as district_counterpart_cop,
       cast((hash(i) % 100000000) + (hash(i + 1) % 50000000) as decimal(18, 2)) as total_value_cop,
       cast(1 + i % 17 as integer) as sdg_number, cast(1 + i % 5 as integer) as pdd_objective_number,
       'SYN-' || lpad(cast(i as varchar), 9, '0') as interaction_id, 'k' || i as contribution_key,
       'c' || (i % 100000) as cooperant_key, 'e' || (i % 1000) as district_entity_key,
       'SINTÉTICO COOPERANTE ' || (i % 100000) as canonical_cooperant_name,
       'synthetic' as source_section
from range({lines}) as t(i);
create table reports.sdg_summary as
select 2024 as reporting_year, sdg_number, 'Sintético ODS ' || sdg_number as sdg_name,
       cast(count(*) // 10 as integer) as non_monetary_interactions, count(*) as monetary_interactions,
       count(*) + count(*) // 10 as total_interactions, sum(total_value_cop) as total_value_cop,
       sdg_number || '. Sintético' as sdg_label_as_printed, sdg_number as table_row_number,
       cast(count(*) as integer) as published_monetary_interactions,
       cast(count(*) + count(*) // 10 as integer) as published_total_interactions,
       sum(total_value_cop) as published_total_value_cop
from reports.contributions group by sdg_number;
create table reports.cooperants as
select 2024 as reporting_year, cooperant_key, cooperant_key as cooperant_id,
       min(canonical_cooperant_name) as canonical_cooperant_name, null::varchar as acronym,
       90 as iati_org_type_code, 'Other (synthetic)' as iati_org_type_name, 'other' as organisation_group,
       null::varchar as country_iso2, null::varchar as country_name, false as is_district_office,
       1 as table2_rows, cast(count(*) as hugeint) as interactions, count(*) as monetary_lines,
       sum(cooperant_contribution_cop) as cooperant_contribution_cop,
       sum(district_counterpart_cop) as district_counterpart_cop, sum(total_value_cop) as total_value_cop,
       'synthetic' as classification_basis
from reports.contributions group by cooperant_key;
create table reports.cooperant_interactions as
select 2024 as reporting_year, canonical_cooperant_name as cooperant_name, canonical_cooperant_name,
       cast(interactions as integer) as interactions,
       cast(row_number() over (order by cooperant_key) as integer) as table_row_number,
       cooperant_id, cooperant_key
from reports.cooperants;
create table reports.district_entities as
select 2024 as reporting_year, district_entity_key, min(district_entity_name) as district_entity_name,
       min(sector_name) as sector_name, 'synthetic' as sector_source, true as is_district_entity,
       cast(count(*) as hugeint) as interactions, count(*) as monetary_lines,
       sum(cooperant_contribution_cop) as cooperant_contribution_cop,
       sum(district_counterpart_cop) as district_counterpart_cop, sum(total_value_cop) as total_value_cop
from reports.contributions group by district_entity_key;
create table reports.district_entity_interactions as
select reporting_year, district_entity_name, sector_name, cast(interactions as integer) as interactions,
       cast(row_number() over (order by district_entity_key) as integer) as table_row_number,
       sector_source, district_entity_key, is_district_entity
from reports.district_entities;
create table reports.pdd_objective_shares as
select 2024 as reporting_year, pdd_objective_number, 'Sintético objetivo ' || pdd_objective_number
       as pdd_objective_name, count(*) as interactions, sum(total_value_cop) as total_value_cop,
       cast(round(100 * sum(total_value_cop) / sum(sum(total_value_cop)) over (), 2) as decimal(5, 2)) as share_pct,
       null::decimal(18, 2) as published_share_pct, null::integer as published_interactions
from reports.contributions group by pdd_objective_number;
create table reports.action_collaboration_values as
select 2024 as reporting_year, 'Sintético ' || (i % 4) as action_type, 'Colaboración ' || i as collaboration_type,
       cast(i * 100 as decimal(18, 2)) as value_cop_millions, cast(i as integer) as table_row_number
from range(14) as t(i);
create table reports.networks as
select 'n' || i as network_key, 'n' || i as network_id, 'Red sintética ' || i as network_name,
       null::varchar as network_acronym, 'city_network' as network_kind, date '2020-01-01' + cast(i as integer)
       as member_since, null::varchar as member_since_basis, null::varchar as fee_paying_entity,
       'member' as current_roles, 'member' as membership_status, 1 as membership_facts,
       100 as interactions, 100 as events
from range(1000) as t(i);
create table reports.network_memberships as
select 'n' || (i % 1000) as network_key, 'Red sintética ' || (i % 1000) as network_name, null::varchar as legal_basis,
       'member' as role, 'member' as membership_status, null::varchar as role_holder, null::date as role_start_on,
       null::date as role_end_on, null::date as joined_on, null::varchar as joined_on_as_printed,
       null::date as legal_basis_date, 'NM-' || i as membership_id
from range(2000) as t(i);
create table reports.events as
select 'v' || i as interaction_key, 'SYN-EV-' || i as interaction_id, 2024 as reporting_year,
       'synthetic' as reporting_year_basis, 2015 + i % 10 as event_year, 1 + i % 12 as event_month,
       1 + i % 28 as event_day, 'day' as date_precision, 'sintético' as date_as_printed,
       null::date as start_date, null::date as end_date, 'meeting' as interaction_kind,
       'Evento sintético ' || i as interaction_title, null::varchar as place_city, null::varchar as place_country,
       'n' || (i % 1000) as network_key, null::varchar as network_name_as_printed,
       'c' || (i % 100000) as cooperant_key, null::varchar as counterpart_name_as_printed
from range(100000) as t(i);
create table reports.source_discrepancies as
select 'SYN-' || i as discrepancy_id, 2024 as reporting_year, 'synthetic' as category, 'sintética' as description,
       '1' as published_value, 'sintético' as published_where, '2' as other_value, 'sintético' as other_where,
       cast(-1 as decimal(38, 2)) as difference, false as is_documented_by_hand, 'synthetic' as audit_model,
       'warn' as severity
from range(1000) as t(i);
"""


def make_synthetic(path: Path, lines: int) -> float:
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect(str(path))
    con.execute(SYNTHETIC_SQL.format(lines=lines))
    con.execute("checkpoint")
    con.close()
    return time.perf_counter() - t


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def first_render(path: Path) -> float:
    """Seconds for a fresh Streamlit script run of the home page via AppTest: the query cache
    is cold for this warehouse version (its key is new), the Python imports are warm."""
    from streamlit.testing.v1 import AppTest

    os.environ["BOGOTA_WAREHOUSE_PATH"] = str(path)
    os.environ.pop("BOGOTA_POSTGRES_DSN", None)
    at = AppTest.from_file(str(PROJECT_DIR / "dashboard" / "app.py"), default_timeout=600)
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return elapsed


def bench(path: Path, repeat: int) -> dict:
    src = db.DuckDBSource(path)
    year = 2024
    per_query, all_times = {}, []
    for name, params in DASHBOARD_QUERY_SET:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            db.read(src, SQL[name], params_for(name, params, year))
            times.append(time.perf_counter() - t)
        per_query[name] = {"median_s": round(statistics.median(times), 4), "max_s": round(max(times), 4)}
        all_times += times
    return {"path": str(path), "first_render_s": round(first_render(path), 3),
            "query_p95_s": round(p95(all_times), 4), "query_median_s": round(statistics.median(all_times), 4),
            "queries": len(DASHBOARD_QUERY_SET), "repeat": repeat, "per_query": per_query}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    real = db.published_path()
    first_render(real)  # warm-up: imports (streamlit, altair, duckdb) are paid once, not per warehouse
    out = {"real": bench(real, a.repeat)}
    print(f"real warehouse ({real}): first render {out['real']['first_render_s']} s, "
          f"query p95 {out['real']['query_p95_s']} s")
    scratch = Path(tempfile.mkdtemp(prefix="bogota_bench_dashboard_"))
    try:
        syn = scratch / "SYNTHETIC_dashboard_bench.duckdb"
        gen = make_synthetic(syn, a.lines)
        out["synthetic"] = {"label": f"SYNTHETIC: {a.lines:,} generated Table 5-shaped interactions, never published",
                            "lines": a.lines, "generate_s": round(gen, 2), **bench(syn, a.repeat)}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    s = out["synthetic"]
    print(f"SYNTHETIC warehouse ({a.lines:,} interactions, generated in {s['generate_s']} s): first render "
          f"{s['first_render_s']} s, query p95 {s['query_p95_s']} s")
    out["ratio_first_render"] = round(s["first_render_s"] / out["real"]["first_render_s"], 1)
    out["ratio_query_p95"] = round(s["query_p95_s"] / out["real"]["query_p95_s"], 1)
    print(f"ratios synthetic/real: first render x{out['ratio_first_render']}, query p95 x{out['ratio_query_p95']}")
    slow = sorted(s["per_query"].items(), key=lambda kv: -kv[1]["median_s"])[:3]
    print("slowest synthetic queries (median): " + ", ".join(f"{k} {v['median_s']} s" for k, v in slow))
    dst = PROJECT_DIR / os.environ.get("BOGOTA_ARTIFACTS_DIR", "artifacts") / "bench" / "dashboard.json"
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(out, indent=2, ensure_ascii=False))
    print(f"written {dst}")


if __name__ == "__main__":
    main()
