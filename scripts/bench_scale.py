"""Scale benchmark: the staging SQL, an audit model and its GE suite on millions of rows.

Generates N synthetic Table 5-shaped raw rows (Spanish-formatted amounts as text, labelled
synthetic, never published) inside a scratch DuckDB file, then times, side by side in one run:
  1. a plain copy of the raw table (baseline: what reading + writing the rows costs),
  2. the real compiled staging model stg_globo__interactions (parse amounts, dates, names),
  3. the real compiled audit models aud_line_arithmetic and aud_sector_consistency over N
     lines, read whole as the GE suite reads them, then the GE suites themselves
     (orchestration/checks.py): the audit output stays a few rows, whatever N.
Prints seconds, rows/s, the ratios to the baseline and the peak memory of this process.

    make bench-scale                 # N = 10,000,000
    .venv/bin/python scripts/bench_scale.py 2000000
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))


MODELS = {"stg_globo__interactions": "staging", "aud_line_arithmetic": "audits", "aud_sector_consistency": "audits"}


def compiled_sql() -> dict[str, str]:
    """The models' SQL as dbt compiles it (one `dbt compile`, no database needed)."""
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT)}
    subprocess.run([str(Path(sys.executable).with_name("dbt")), "compile", "--quiet", "--select", *MODELS],
                   cwd=PROJECT, env=env, check=True, capture_output=True)
    compiled = PROJECT / "target" / "compiled" / "bogota_cooperation" / "models"
    return {name: (compiled / layer / f"{name}.sql").read_text() for name, layer in MODELS.items()}


def timed(con, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    sql = compiled_sql()
    db = Path(tempfile.mkdtemp(prefix="bench_scale_synthetic_")) / "scale_synthetic.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw; create schema marts; create schema staging; create schema audits")
    amount = "'$ ' || replace(format('{:,}', (c // 100)::bigint), ',', '.') || ',' || lpad((c % 100)::varchar, 2, '0')"
    start = time.perf_counter()
    con.execute(f"""
        create table raw.raw_interactions as
        with g as (select i, (hash(i) % 100000000000)::bigint as c, (hash(i * 7) % 50000000000)::bigint as k from range({n}) t(i))
        select 'T5-' || i as interaction_id, '2024' as reporting_year, 'monetary_contribution' as interaction_kind,
               null::varchar as interaction_title, case when i % 10 = 0 then '2024-06-0' || (1 + i % 9) end as start_date,
               null::varchar as end_date, 'vigencia 2024' as date_as_printed, 'year' as date_precision, null::varchar as place_city,
               null::varchar as place_country, 'CULTURA, RECREACIÓN Y DEPORTE' as sector_name,
               'SECRETARÍA DISTRITAL DE  cultura, recreación y deporte' as district_entity_name,
               'Fundación  ACDI VOCA ' || (i % 1000) as cooperant_name, null::varchar as counterparts_as_printed,
               null::varchar as network_name, null::varchar as district_participant,
               {amount} as cooperant_contribution,
               {amount.replace('c //', 'k //').replace('c %', 'k %')} as district_counterpart,
               {amount.replace('(c // 100)', '((c + k) // 100)').replace('(c % 100)', '((c + k) % 100)')} as total_value,
               'SYNTHETIC benchmark data' as source_file, 'Tabla 5 (synthetic)' as source_section,
               'synthetic: never published' as notes
        from g
    """)
    print(f"generated {n:,} raw rows in {time.perf_counter() - start:.1f}s")

    baseline = timed(con, "create table staging.copy_only as select * from raw.raw_interactions")
    staging = timed(con, f"create table staging.stg_globo__interactions as {sql['stg_globo__interactions']}")
    print(f"baseline copy of raw rows : {baseline:6.2f}s  ({n / baseline:,.0f} rows/s)")
    print(f"staging model (parse/cast): {staging:6.2f}s  ({n / staging:,.0f} rows/s)  ratio to copy = {staging / baseline:.2f}")

    con.execute("""
        create table marts.fct_contributions as
        select interaction_id, reporting_year, md5(cooperant_name_key) as cooperant_key,
               cooperant_name_key as cooperant_id, md5(district_entity_name_key) as district_entity_key,
               sector_name as sector_name_as_printed, 1 + (hash(interaction_id) % 17)::int as sdg_number,
               1 + (hash(interaction_id) % 5)::int as pdd_objective_number,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop
        from staging.stg_globo__interactions
    """)
    con.execute("""
        create table marts.dim_district_entities as
        select distinct district_entity_key, sector_name_as_printed as sector_name from marts.fct_contributions
    """)
    audits = {}
    for name in ("aud_line_arithmetic", "aud_sector_consistency"):
        con.execute(f"create view audits.{name} as {sql[name]}")
        audits[name] = timed(con, f"create temp table read_{name} as select * from audits.{name}")
        rows = con.execute(f"select count(*) from read_{name}").fetchone()[0]
        print(f"audit {name:<24}: {audits[name]:6.2f}s over {n:,} lines -> {rows} audit row(s)  "
              f"ratio to copy = {audits[name] / baseline:.2f}")
    con.close()

    from orchestration import checks

    suites = [checks.Suite(checks.RECONCILES, name, f'"audits"."{name}"', "error", name) for name in audits]
    start = time.perf_counter()
    results = checks.run_suites(db, suites)
    suites_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"GE suites on the audits     : {suites_s:6.2f}s for {len(results)} suites "
          f"({', '.join(r.suite.model + '=' + r.status for r in results)})  ratio to copy = {suites_s / baseline:.2f}")
    print(f"peak RSS of this process: {peak_mb:,.0f} MB (GE sees the audit rows only, never the {n:,} lines)")


if __name__ == "__main__":
    main()
