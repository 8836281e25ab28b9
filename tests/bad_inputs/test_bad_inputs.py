# Why: the nightly job is fed by hand-transcribed CSVs. Every kind of damage in cases.py
# (bad encoding, missing column, malformed amount, impossible date, duplicated or missing
# Table 5 line, unknown or removed cooperant, out-of-range SDG...) must make the run fail,
# say what is wrong and where, and leave the previously published warehouse byte-identical.
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
from cases import CASES, Case, edit_rows
from conftest import execute_job

PUBLISHED_NAME = "bogota_cooperation.duckdb"


class ProblemNotNamed(Exception):
    """The run was rejected, but its error text does not name the problem."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_warehouse(tmp_path_factory) -> Path:
    """Run the real job once on the real seeds and publish; each case starts from a copy."""
    root = tmp_path_factory.mktemp("good")
    published = root / "warehouse" / PUBLISHED_NAME
    with pytest.MonkeyPatch.context() as mp:
        run = execute_job(mp, published, root / "artifacts")
    assert run.success, run.summary["step_failures"]
    assert published.exists()
    return published


def test_csv_round_trip_is_lossless(seeds_copy):
    # the corruptions rewrite CSVs through the csv module: rewriting alone must change nothing
    for rel in ("raw_interactions.csv", "raw_cooperants.csv", "reference/ref_cooperants.csv",
                "reference/ref_contribution_line_attributes.csv"):
        path = seeds_copy / rel
        before = list(csv.reader(path.open(encoding="utf-8", newline="")))
        edit_rows(path, lambda header, rows: (header, rows))
        assert list(csv.reader(path.open(encoding="utf-8", newline=""))) == before, rel


def test_cases_well_formed():
    assert len({c.name for c in CASES}) == len(CASES)
    for c in CASES:
        assert c.expected and all(f == f.lower() for f in c.expected), c.name


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, raises=ProblemNotNamed, reason=c.xfail)]
                 if c.xfail else [])
    for c in CASES
])
def test_bad_input_is_rejected_and_nothing_published(case: Case, good_warehouse, seeds_copy, run_job, tmp_path):
    originals = {p.relative_to(seeds_copy): p.read_bytes() for p in seeds_copy.rglob("*.csv")}
    case.mutate(seeds_copy)
    changed = [rel for rel, data in originals.items() if (seeds_copy / rel).read_bytes() != data]
    assert changed, f"case {case.name} did not change any seed file"

    published = tmp_path / "warehouse" / PUBLISHED_NAME
    published.parent.mkdir(parents=True)
    shutil.copyfile(good_warehouse, published)
    before = sha256(published)

    run = run_job(seeds_dir=seeds_copy, published=published)

    assert run.success is False, f"{case.name} ({case.description}) was NOT rejected"
    assert run.summary["published"] is False
    assert sha256(published) == before, "the published warehouse changed"
    assert not published.with_name(PUBLISHED_NAME + ".wal").exists()
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("select count(*) from reports.contributions").fetchone()[0] == 62
    finally:
        con.close()

    text = run.error_text()
    assert text.strip(), "the run failed without any error text"
    missing = [f for f in case.expected if f not in text.lower()]
    if missing:
        raise ProblemNotNamed(f"{case.name}: error text lacks {missing}:\n{text}")
