"""Dagster overhead: bare `dbt build` vs the nightly Dagster job, in one script.

Both build the same project into scratch files and are run alternately, several times.
The job also runs the Great Expectations suites and the publish, so the ratio is an upper
bound on what orchestration itself adds. Prints medians and the ratio.

    make bench-overhead            # or: .venv/bin/python scripts/bench_overhead.py [repeats]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=PROJECT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    # steady state: `make bench-overhead` refreshes target/manifest.json first, as on every
    # night without model edits
    tmp = Path(tempfile.mkdtemp(prefix="bench_overhead_"))
    base = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT)}
    base.pop("BOGOTA_SEEDS_DIR", None)
    dbt_env = {**base, "DBT_DUCKDB_PATH": str(tmp / "bare" / "dbt.duckdb")}
    (tmp / "bare").mkdir()
    job_env = {**base, "BOGOTA_WAREHOUSE_PATH": str(tmp / "job" / "warehouse.duckdb"),
               "BOGOTA_ARTIFACTS_DIR": str(tmp / "job" / "artifacts")}
    bare_cmd = [str(BIN / "dbt"), "build", "--quiet"]
    job_cmd = [sys.executable, "-m", "orchestration.run"]

    timed(bare_cmd, dbt_env)  # warm file caches once for both
    bare, job = [], []
    for i in range(repeats):
        bare.append(timed(bare_cmd, dbt_env))
        job.append(timed(job_cmd, job_env))
        print(f"round {i + 1}: bare dbt build {bare[-1]:6.2f}s | dagster job (dbt + GE + publish) {job[-1]:6.2f}s")
    b, j = statistics.median(bare), statistics.median(job)
    print(f"median over {repeats}: bare dbt build {b:.2f}s, dagster job {j:.2f}s")
    print(f"ratio job / bare dbt build = {j / b:.2f}  (Dagster + GE + publish add {100 * (j / b - 1):.0f}%)")


if __name__ == "__main__":
    main()
