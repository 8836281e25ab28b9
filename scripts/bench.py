"""`make bench`: the nightly job at 1 M and 10 M SYNTHETIC interactions, side by side.

For each size (BENCH_SIZES, default "1000000,10000000"), in a scratch folder
(warehouse/.bench/, never published; BENCH_DIR to move it):
1. generate the synthetic inputs (scripts/bench_data.py) as Parquet, read by dbt as the
   source `bench` (BOGOTA_BENCH_DIR);
2. full build: the real Dagster job (preflight, one dbt build, GE suites, publish), from an
   empty warehouse, in a child process (its peak memory, and dbt's, measured by the OS);
3. the same transformations written by hand in plain DuckDB SQL (scripts/bench_hand.sql):
   the ratio;
4. a night with no input change (`make run`: it compares fingerprints and does no work),
   the same night forced (`--force`: the job runs), then a night with 1 % new and 0.1 %
   changed rows (incremental), each against the full build;
5. GE time against dbt build time (from the job's step timings);
6. p95 of a dashboard / BI query set on the published warehouse;
7. where the time goes: the slowest dbt nodes (run_results.json) and EXPLAIN ANALYZE of the
   slowest model, in artifacts/bench/.
Writes artifacts/bench/latest.json and prints the figures against the issue's goals.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))
from scripts.bench_data import generate  # noqa: E402

OUT = PROJECT_DIR / "artifacts" / "bench"
GOALS = {"full_build_10m_seconds": 60, "ratio_to_hand_sql": 1.3, "full_build_100m_seconds": 600,
         "incremental_fraction": 0.10, "ge_fraction_of_build": 0.25, "peak_memory_gib_10m": 4.0,
         "bi_p95_ms_10m": 100}
BI_QUERIES = {
    "yoy": "select * from reports.year_over_year order by reporting_year",
    "sdg_by_year": "select reporting_year, sdg_number, total_interactions, total_value_cop from reports.sdg_summary "
                   "where reporting_year = {year} order by sdg_number",
    "top_cooperants": "select canonical_cooperant_name, total_value_cop from reports.cooperants "
                      "where reporting_year = {year} order by total_value_cop desc limit 20",
    "entities": "select district_entity_name, sector_name, interactions, total_value_cop "
                "from reports.district_entities where reporting_year = {year} order by total_value_cop desc",
    "pdd_shares": "select * from reports.pdd_objective_shares where reporting_year = {year}",
    "cooperant_lines": "select interaction_id, total_value_cop from reports.contributions "
                       "where cooperant_key = (select cooperant_key from marts.dim_cooperants "
                       "where cooperant_id = 'syn_coop_00042') and reporting_year = {year}",
    "events_month": "select count(*) from reports.events where event_year = {year} and event_month = 3",
    "new_gone": "select status, count(*) from reports.cooperant_years where reporting_year = {year} group by 1",
    "value_by_sector": "select sector_name, sum(total_value_cop) from reports.contributions "
                       "where reporting_year = {year} group by 1 order by 2 desc",
}


def run_job_child(published: Path, artifacts: Path, data: Path) -> dict:
    """One run of the nightly job in a child process; returns its timings and peak memory."""
    env = {**os.environ, "BOGOTA_WAREHOUSE_PATH": str(published), "BOGOTA_ARTIFACTS_DIR": str(artifacts),
           "BOGOTA_BENCH_DIR": str(data), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--job"], cwd=PROJECT_DIR, env=env, capture_output=True,
                          text=True)
    wall = time.perf_counter() - started
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"bench job failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    result = json.loads(lines[-1])
    result["wall_seconds"] = round(wall, 2)
    return result


def run_cli_child(published: Path, artifacts: Path, data: Path) -> dict:
    """`make run` itself (python -m orchestration.run) in a child: on unchanged inputs it
    compares fingerprints and does no work. Its wall time, from process start."""
    env = {**os.environ, "BOGOTA_WAREHOUSE_PATH": str(published), "BOGOTA_ARTIFACTS_DIR": str(artifacts),
           "BOGOTA_BENCH_DIR": str(data), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True)
    wall = round(time.perf_counter() - started, 2)
    if proc.returncode != 0:
        raise RuntimeError(f"make run failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return {"wall_seconds": wall, "did_no_work": "nothing to build" in proc.stdout}


def _vm_hwm_kib() -> int:
    """Peak resident memory of this process image, in KiB (/proc/self/status VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def job_main() -> None:
    """Inside the child: run the job, print one JSON line."""
    from dagster import DagsterInstance

    from orchestration.run import execute_nightly
    from orchestration.summary import build_run_summary

    instance = DagsterInstance.ephemeral()
    started = time.perf_counter()
    result = execute_nightly(instance)
    seconds = time.perf_counter() - started
    summary = build_run_summary(instance, result.run_id)
    steps = {k: v.get("seconds") for k, v in summary["steps"].items()}
    print(json.dumps({
        "success": result.success, "job_seconds": round(seconds, 2), "steps": steps,
        "errors": [f["error"][:2000] for f in summary["step_failures"]],
        # this process (Dagster, GE, publish, report): its own high-water mark (VmHWM). Not
        # ru_maxrss: Linux carries the pre-exec peak of the forked parent (the bench, which
        # generated the data in DuckDB) into it. Its largest child (dbt): ru_maxrss, in KiB.
        "peak_rss_gib_job_process": round(_vm_hwm_kib() / 2**20, 3),
        "peak_rss_gib_dbt_process": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20, 3),
    }))
    sys.exit(0 if result.success else 1)


def build_seconds(job: dict) -> float:
    """dbt build + GE + publish: the job's steps up to the commit point (exports and the
    PostgreSQL mirror come after the publish)."""
    s = job["steps"]
    return round(sum(s.get(k) or 0 for k in ("raw__seed_files", "warehouse_dbt_assets",
                                             "great_expectations_suites", "publish__published_warehouse")), 2)


def hand_sql(data: Path, scratch: Path) -> float:
    db = scratch / "hand.duckdb"
    db.unlink(missing_ok=True)
    sql = (PROJECT_DIR / "scripts" / "bench_hand.sql").read_text().replace("{data}", str(data))
    con = duckdb.connect(str(db))
    try:
        started = time.perf_counter()
        con.execute(sql)
        con.execute("checkpoint")
        seconds = time.perf_counter() - started
        failing = con.execute("select count(*) from hand_audit where expected is distinct from actual").fetchone()[0]
    finally:
        con.close()
    if failing:
        raise RuntimeError(f"hand-written SQL: {failing} controls do not reconcile")
    return round(seconds, 2)


def bi_p95(published: Path, repeat: int = 5) -> dict:
    from orchestration.readonly import connect_published

    con = connect_published(published)
    try:
        year = con.execute("select max(reporting_year) from reports.year_over_year").fetchone()[0]
        timings, per_query = [], {}
        for name, sql in BI_QUERIES.items():
            q = sql.format(year=year)
            con.execute(q).fetchall()  # warm: the first query reads the file's pages
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                con.execute(q).fetchall()
                runs.append((time.perf_counter() - started) * 1000)
            per_query[name] = round(statistics.median(runs), 1)
            timings += runs
    finally:
        con.close()
    timings.sort()
    return {"p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1), "median_ms_per_query": per_query}


def where_time_goes(published: Path, out: Path, label: str) -> list[dict]:
    """The slowest dbt nodes of the last build, and EXPLAIN ANALYZE of the slowest model."""
    target = published.parent / ".build" / "dbt_target"
    results = json.loads((target / "run_results.json").read_text())["results"]
    slow = sorted(({"node": r["unique_id"], "seconds": round(r["execution_time"], 2)} for r in results),
                  key=lambda r: -r["seconds"])[:12]
    model = next((r["node"] for r in slow if r["node"].startswith("model.")), None)
    if model:
        name = model.split(".")[-1]
        compiled = next((target / "compiled").rglob(f"{name}.sql"), None)
        if compiled is not None:
            sql = compiled.read_text().replace('"build".', "")
            if "{{" not in sql:
                from orchestration.readonly import connect_published

                con = connect_published(published)
                try:
                    plan = con.execute(f"explain analyze {sql}").fetchall()
                    (out / f"explain_{label}_{name}.txt").write_text("\n".join(str(row[-1]) for row in plan))
                except duckdb.Error as exc:
                    (out / f"explain_{label}_{name}.txt").write_text(f"EXPLAIN ANALYZE failed: {exc}")
                finally:
                    con.close()
    return slow


def bench_size(n: int, root: Path) -> dict:
    label = f"{n // 1_000_000}m" if n >= 1_000_000 else f"{n // 1000}k"
    scratch = root / f"synthetic_{label}"
    shutil.rmtree(scratch, ignore_errors=True)
    data, published, artifacts = scratch / "data", scratch / "warehouse" / "bench.duckdb", scratch / "artifacts"
    print(f"== {n:,} synthetic interactions ({scratch})", flush=True)
    started = time.perf_counter()
    rows = generate(data, n)
    generate_seconds = round(time.perf_counter() - started, 2)
    print(f"   generated in {generate_seconds}s", flush=True)

    # the bench graph (staging reads the source `bench`): its own manifest, target/bench/
    subprocess.run([str(Path(sys.executable).with_name("dbt")), "parse", "--quiet", "--target-path", "target/bench"],
                   cwd=PROJECT_DIR, check=True,
                   env={**os.environ, "BOGOTA_BENCH_DIR": str(data), "DBT_PROFILES_DIR": str(PROJECT_DIR)})
    full = run_job_child(published, artifacts, data)
    print(f"   full build (job): {build_seconds(full)}s to publish, job {full['job_seconds']}s", flush=True)
    slow_full = where_time_goes(published, OUT, f"{label}_full")
    hand = hand_sql(data, scratch)
    print(f"   hand-written DuckDB SQL: {hand}s", flush=True)
    bi = bi_p95(published)
    print(f"   BI p95: {bi['p95_ms']} ms", flush=True)

    quiet_cli = run_cli_child(published, artifacts, data)
    print(f"   no-change night (make run): {quiet_cli['wall_seconds']}s, "
          f"{'no work' if quiet_cli['did_no_work'] else 'BUILT'}", flush=True)
    quiet = run_job_child(published, artifacts, data)
    print(f"   no-change night, forced (the job run anyway): {build_seconds(quiet)}s", flush=True)
    generate(data, n, night=1)
    night = run_job_child(published, artifacts, data)
    print(f"   incremental night (1 % new, 0.1 % changed): {build_seconds(night)}s", flush=True)
    slow_night = where_time_goes(published, OUT, f"{label}_night")

    full_s = build_seconds(full)
    return {
        "interactions": n, "input_rows": rows, "generate_seconds": generate_seconds,
        "full_build": {"seconds_to_publish": full_s, **full},
        "hand_written_sql_seconds": hand,
        "ratio_full_build_to_hand_sql": round(full_s / hand, 2) if hand else None,
        "ratio_dbt_step_to_hand_sql":
            round((full["steps"].get("warehouse_dbt_assets") or 0) / hand, 2) if hand else None,
        # what a night with no change costs (make run, the schedule: a fingerprint comparison)
        "no_change_night": {**quiet_cli, "fraction_of_full": round(quiet_cli["wall_seconds"] / full_s, 3)},
        # the same inputs built anyway (make run ARGS=--force)
        "no_change_night_forced": {"seconds_to_publish": build_seconds(quiet), **quiet,
                                   "fraction_of_full": round(build_seconds(quiet) / full_s, 3)},
        "incremental_night": {"seconds_to_publish": build_seconds(night), **night,
                              "fraction_of_full": round(build_seconds(night) / full_s, 3)},
        "ge_seconds": full["steps"].get("great_expectations_suites"),
        "ge_fraction_of_build": round((full["steps"].get("great_expectations_suites") or 0)
                                      / (full["steps"].get("warehouse_dbt_assets") or 1), 3),
        "peak_memory_gib": max(full["peak_rss_gib_job_process"], full["peak_rss_gib_dbt_process"]),
        "peak_memory_gib_upper_bound_sum":
            round(full["peak_rss_gib_job_process"] + full["peak_rss_gib_dbt_process"], 3),
        "bi": bi,
        "slowest_nodes_full": slow_full,
        "slowest_nodes_night": slow_night,
        "published_bytes": published.stat().st_size,
    }


def verdicts(results: dict) -> list[str]:
    lines = []
    for label, r in results.items():
        ten = r["interactions"] >= 10_000_000
        checks = [
            ("full build to publish", f"{r['full_build']['seconds_to_publish']}s",
             r["full_build"]["seconds_to_publish"] <= GOALS["full_build_10m_seconds"] if ten else None,
             "<= 60 s at 10 M"),
            ("vs hand-written SQL", f"{r['ratio_full_build_to_hand_sql']}x",
             r["ratio_full_build_to_hand_sql"] <= GOALS["ratio_to_hand_sql"], "<= 1.3x"),
            ("incremental night", f"{r['incremental_night']['fraction_of_full']:.1%} of full",
             r["incremental_night"]["fraction_of_full"] <= GOALS["incremental_fraction"], "<= 10 %"),
            ("no-change night", f"{r['no_change_night']['fraction_of_full']:.1%} of full",
             r["no_change_night"]["did_no_work"], "almost no work (the job does not run)"),
            ("no-change night, forced", f"{r['no_change_night_forced']['fraction_of_full']:.1%} of full", None,
             "(--force)"),
            ("GE vs dbt build", f"{r['ge_fraction_of_build']:.1%}",
             r["ge_fraction_of_build"] <= GOALS["ge_fraction_of_build"], "<= 25 %"),
            ("peak memory", f"{r['peak_memory_gib']} GiB",
             r["peak_memory_gib"] <= GOALS["peak_memory_gib_10m"] if ten else None, "<= 4 GB at 10 M"),
            ("BI query p95", f"{r['bi']['p95_ms']} ms",
             r["bi"]["p95_ms"] <= GOALS["bi_p95_ms_10m"] if ten else None, "<= 100 ms at 10 M"),
        ]
        for what, value, ok, goal in checks:
            mark = {True: "MET   ", False: "MISSED", None: "      "}[ok]
            lines.append(f"{label:>4} {mark} {what:<24} {value:<18} goal {goal}")
    return lines


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000000,10000000").split(",") if s.strip()]
    root = Path(os.environ.get("BENCH_DIR", PROJECT_DIR / "warehouse" / ".bench"))
    OUT.mkdir(parents=True, exist_ok=True)
    results, started = {}, time.perf_counter()
    for n in sizes:
        label = f"{n // 1_000_000}m" if n >= 1_000_000 else f"{n // 1000}k"
        try:
            results[label] = bench_size(n, root)
        except RuntimeError as exc:
            results[label] = {"interactions": n, "error": str(exc)[-3000:]}
            print(f"   FAILED: {str(exc)[-1500:]}", flush=True)
    ok = {k: v for k, v in results.items() if "error" not in v}
    report = {"generated_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": {"cpus": os.cpu_count()},
              "goals": GOALS, "results": results, "verdicts": verdicts(ok),
              "bench_seconds": round(time.perf_counter() - started, 1),
              "note": "SYNTHETIC data only (scripts/bench_data.py), in a scratch folder, never published."}
    (OUT / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    print("\n".join(["", "figures against the issue's goals:", *report["verdicts"],
                     f"written: {OUT / 'latest.json'}"]))
    return 0 if ok and len(ok) == len(results) else 1


if __name__ == "__main__":
    if "--job" in sys.argv:
        job_main()
    sys.exit(main())
