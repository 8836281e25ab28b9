"""Scale benchmark: the staging SQL and the GE check queries on millions of rows.

Generates N synthetic Table 5-shaped raw rows (Spanish-formatted amounts as text) inside
DuckDB, then times, side by side in one run:
  1. a plain copy of the raw table (baseline: what reading + writing the rows costs),
  2. the real compiled staging model stg_globo__interactions (parse amounts, dates, names),
  3. the Great Expectations checks of orchestration/quality.py that scan fct_contributions,
     run against N rows: set-based reduction in DuckDB, GE on the compact frame.
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


def compiled_staging_sql() -> str:
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT)}
    subprocess.run([str(Path(sys.executable).with_name("dbt")), "compile", "--quiet", "--select", "stg_globo__interactions"],
                   cwd=PROJECT, env=env, check=True, capture_output=True)
    path = PROJECT / "target" / "compiled" / "bogota_cooperation" / "models" / "staging" / "stg_globo__interactions.sql"
    return path.read_text()


def timed(con, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    staging_sql = compiled_staging_sql()
    db = Path(tempfile.mkdtemp(prefix="bench_scale_")) / "scale.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw; create schema marts; create schema staging")
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
               '002_9e0d3184b0ca2abc.txt' as source_file, 'Tabla 5' as source_section, null::varchar as notes
        from g
    """)
    print(f"generated {n:,} raw rows in {time.perf_counter() - start:.1f}s")

    baseline = timed(con, "create table staging.copy_only as select * from raw.raw_interactions")
    staging = timed(con, f"create table staging.stg_globo__interactions as {staging_sql}")
    print(f"baseline copy of raw rows : {baseline:6.2f}s  ({n / baseline:,.0f} rows/s)")
    print(f"staging model (parse/cast): {staging:6.2f}s  ({n / staging:,.0f} rows/s)  ratio to copy = {staging / baseline:.2f}")

    con.execute("""
        create table marts.fct_contributions as
        select interaction_id, reporting_year, md5(cooperant_name_key) as cooperant_key,
               cooperant_name_key as cooperant_id, 1 + (hash(interaction_id) % 17)::int as sdg_number,
               1 + (hash(interaction_id) % 5)::int as pdd_objective_number,
               cooperant_contribution_cop, district_counterpart_cop, total_value_cop
        from staging.stg_globo__interactions
    """)
    con.close()

    from orchestration import quality

    scans = [c for c in quality.CHECKS if c.name in (
        "line_contribution_plus_counterpart_equals_total", "amounts_non_negative",
        "sdg_numbers_in_range", "pdd_objectives_in_range")]
    # the range checks also read their dimension: give them tiny ones
    con = duckdb.connect(str(db))
    con.execute("create table marts.dim_sdgs as select range::int as sdg_number from range(1, 18)")
    con.execute("create table marts.dim_pdd_objectives as select range::int as pdd_objective_number from range(1, 6)")
    con.close()
    start = time.perf_counter()
    results = quality.run_checks(db, checks=scans)
    checks_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"GE checks on {n:,} lines     : {checks_s:6.2f}s for {len(results)} checks "
          f"({', '.join(r.name + '=' + r.status for r in results)})  ratio to copy = {checks_s / baseline:.2f}")
    print(f"peak RSS of this process: {peak_mb:,.0f} MB (GE sees only compact frames, never the {n:,} rows)")


if __name__ == "__main__":
    main()
