"""Helper process for test_write_audit_publish.py: a reader of the published warehouse.

Runs in its own process (DuckDB caches one database instance per path and process, so
reads in the test process would not exercise fresh opens of the file).

    python reader.py loop <db> <stop_file> <out_json>
        until <stop_file> exists: open <db> read-only (a NEW connection each time), read
        count(*) and sum(total_value_cop) of reports.contributions and
        marts.fct_contributions, close. Records every distinct answer, every error, and
        the inodes seen (to prove the reads spanned the publish rename).
        Touches <stop_file>.ready after the first successful read.
    python reader.py idle <db> <stop_file> <out_json>
        open <db> read-only once, read, hold the connection idle until <stop_file>
        exists, read again, close. Touches <stop_file>.ready once connected.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback

import duckdb

QUERIES = {
    "reports.contributions": "select count(*), sum(total_value_cop) from reports.contributions",
    "marts.fct_contributions": "select count(*), sum(total_value_cop) from marts.fct_contributions",
}


def read(con) -> dict[str, list]:
    out = {}
    for name, sql in QUERIES.items():
        count, total = con.execute(sql).fetchone()
        out[name] = [count, str(total)]
    return out


def loop(db: str, stop_file: str) -> dict:
    reads, errors, answers, inodes = 0, [], set(), set()
    while not os.path.exists(stop_file):
        try:
            inodes.add(os.stat(db).st_ino)
            con = duckdb.connect(db, read_only=True)
            try:
                answers.add(json.dumps(read(con), sort_keys=True))
            finally:
                con.close()
            reads += 1
            if reads == 1:
                open(stop_file + ".ready", "w").close()
        except Exception:  # noqa: BLE001 - every error is a finding
            errors.append(traceback.format_exc(limit=2))
            time.sleep(0.01)
    return {"reads": reads, "errors": errors[:20], "error_count": len(errors),
            "answers": sorted(answers), "inodes": len(inodes)}


def idle(db: str, stop_file: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    try:
        first = read(con)
        open(stop_file + ".ready", "w").close()
        while not os.path.exists(stop_file):
            time.sleep(0.05)
        last = read(con)
    finally:
        con.close()
    return {"first": first, "last": last}


def main() -> int:
    mode, db, stop_file, out = sys.argv[1:5]
    try:
        result = {"loop": loop, "idle": idle}[mode](db, stop_file)
    except Exception:  # noqa: BLE001
        result = {"fatal": traceback.format_exc()}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
