# Why: preflight is the first gate of every run. It must reject raw seed files that dbt
# would load wrongly or fail on with an obscure agate/binder error (wrong encoding,
# missing/unexpected columns, no data) and name the file, the problem and the fix - and
# it must accept the real seeds, or every nightly run would fail.
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from orchestration import preflight
from orchestration.preflight import RawInputError, check_seed_file, check_seeds, seed_contracts

PROJECT_DIR = Path(__file__).resolve().parents[1]


def rewrite_columns(path: Path, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = [c for c in rows[0] if c not in drop] + list(add)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, **{a: "x" for a in add}})
    path.write_text(out.getvalue(), encoding="utf-8")


def rejected(seeds_dir: Path) -> str:
    with pytest.raises(RawInputError) as exc:
        check_seeds(seeds_dir)
    return str(exc.value)


def test_contracts_cover_every_seed_file():
    contracts = seed_contracts()
    csvs = {p.stem for p in (PROJECT_DIR / "seeds").rglob("*.csv")}
    assert set(contracts) == csvs
    assert contracts["raw_interactions"].columns[:2] == ("interaction_id", "reporting_year")
    assert "total_value" in contracts["raw_interactions"].columns


def test_real_seeds_pass(seeds_copy):
    checked = check_seeds(seeds_copy)
    assert {p.stem for p in checked} == set(seed_contracts())


def test_seeds_dir_follows_env(monkeypatch, seeds_copy):
    monkeypatch.setenv("BOGOTA_SEEDS_DIR", str(seeds_copy))
    assert preflight.seeds_dir() == seeds_copy
    (seeds_copy / "raw_cooperants.csv").write_text("", encoding="utf-8")
    assert "raw_cooperants.csv: the file is empty" in rejected(preflight.seeds_dir())


def test_latin1_file_rejected_naming_utf8_and_line(seeds_copy):
    path = seeds_copy / "raw_interactions.csv"
    text = path.read_text(encoding="utf-8")
    # as a spreadsheet re-save would: characters Latin-1 lacks become "?"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    first_non_ascii_line = next(i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    msg = rejected(seeds_copy)
    assert "raw_interactions.csv: not valid UTF-8" in msg
    assert f"at line {first_non_ascii_line})" in msg
    assert "Re-save it as UTF-8" in msg and "nothing was loaded" in msg
    # only the broken file is named
    assert "raw_cooperants.csv" not in msg


def test_missing_column_named(seeds_copy):
    rewrite_columns(seeds_copy / "raw_interactions.csv", drop=("total_value",))
    msg = rejected(seeds_copy)
    assert "raw_interactions.csv: missing column(s) total_value;" in msg
    assert "expected header: " + ",".join(seed_contracts()["raw_interactions"].columns) in msg


def test_unexpected_column_named(seeds_copy):
    rewrite_columns(seeds_copy / "reference" / "ref_cooperants.csv", add=("extra_column",))
    msg = rejected(seeds_copy)
    assert "ref_cooperants.csv: unexpected column(s) extra_column;" in msg


def test_renamed_column_reports_missing_one(seeds_copy):
    path = seeds_copy / "raw_cooperants.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("reported_interactions", "interactions")
    path.write_text("".join(lines), encoding="utf-8")
    assert "raw_cooperants.csv: missing column(s) reported_interactions;" in rejected(seeds_copy)


def test_header_only_rejected(seeds_copy):
    path = seeds_copy / "raw_interactions.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n\n", encoding="utf-8")
    assert "raw_interactions.csv: header only, no data rows" in rejected(seeds_copy)


def test_empty_file_rejected(seeds_copy):
    (seeds_copy / "raw_interactions.csv").write_bytes(b"")
    assert "raw_interactions.csv: the file is empty (no header line)" in rejected(seeds_copy)


def test_missing_file_rejected(seeds_copy):
    (seeds_copy / "reference" / "ref_networks.csv").unlink()
    assert f"ref_networks.csv: file missing from {seeds_copy}" in rejected(seeds_copy)


def test_all_problems_listed_at_once(seeds_copy):
    (seeds_copy / "raw_interactions.csv").write_bytes(b"")
    rewrite_columns(seeds_copy / "raw_cooperants.csv", drop=("cooperant_name",))
    msg = rejected(seeds_copy)
    assert msg.startswith("raw input rejected before loading:")
    assert "raw_interactions.csv: the file is empty" in msg
    assert "raw_cooperants.csv: missing column(s) cooperant_name" in msg


def test_utf8_bom_and_quoted_header_accepted(seeds_copy):
    path = seeds_copy / "raw_cooperants.csv"
    contract = seed_contracts()["raw_cooperants"]
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    path.write_text("\ufeff" + ",".join(f'"{c}"' for c in header.split(",")) + "\n" + rest, encoding="utf-8")
    check_seed_file(path, contract)  # does not raise
