# Why: the corpus of corrupted raw inputs that the nightly job must reject. Each case is a
# small function that damages a private copy of the seeds folder the way a bad export or a
# careless edit would, plus the lowercase fragments the failure message must contain so
# an engineer can see what is wrong and where (used by test_bad_inputs.py).
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scripts.spanish_amount import format_spanish_amount, parse_spanish_amount

UNKNOWN_COOPERANT = "FUNDACION INEXISTENTE XYZ"


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    mutate: Callable[[Path], None]
    # lowercase fragments that JobRun.error_text().lower() must contain
    expected: tuple[str, ...]
    # set when the job is known not to reject the case / not to name the problem (a bug)
    xfail: str | None = None


# ---------------------------------------------------------------------------
# CSV helpers: round-trip through the csv module so quoted commas/newlines stay intact
# ---------------------------------------------------------------------------

def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit_rows(path: Path, fn: Callable[[list[str], list[dict[str, str]]], tuple[list[str], list[dict[str, str]]]]) -> None:
    header, rows = read_rows(path)
    header, rows = fn(header, rows)
    write_rows(path, header, rows)


def row(rows: list[dict[str, str]], key: str, value: str) -> dict[str, str]:
    [r] = [r for r in rows if r[key] == value]
    return r


def interactions(seeds: Path) -> Path:
    return seeds / "raw_interactions.csv"


def table5_line(seeds: Path, interaction_id: str) -> dict[str, str]:
    return row(read_rows(interactions(seeds))[1], "interaction_id", interaction_id)


# ---------------------------------------------------------------------------
# The corruptions
# ---------------------------------------------------------------------------

MALFORMED = "$ 766,714,200.00"  # English separators: not a Spanish amount


def malformed_amount(seeds: Path) -> None:
    def fn(header, rows):
        row(rows, "interaction_id", "T5-003")["total_value"] = MALFORMED
        return header, rows
    edit_rows(interactions(seeds), fn)


def amount_plus_3_pesos(seeds: Path) -> None:
    def fn(header, rows):
        r = row(rows, "interaction_id", "T5-003")
        r["total_value"] = format_spanish_amount(parse_spanish_amount(r["total_value"]) + 3)
        return header, rows
    edit_rows(interactions(seeds), fn)


def duplicated_line_same_id(seeds: Path) -> None:
    def fn(header, rows):
        i = rows.index(row(rows, "interaction_id", "T5-010"))
        return header, rows[: i + 1] + [dict(rows[i])] + rows[i + 1:]
    edit_rows(interactions(seeds), fn)


def duplicated_line_new_id(seeds: Path) -> None:
    def fn(header, rows):
        last_t5 = max(i for i, r in enumerate(rows) if r["interaction_id"].startswith("T5-"))
        copy = dict(rows[last_t5])
        copy["interaction_id"] = f"T5-{int(copy['interaction_id'][3:]) + 1:03d}"
        return header, rows[: last_t5 + 1] + [copy] + rows[last_t5 + 1:]
    edit_rows(interactions(seeds), fn)


def duplicated_line_new_id_with_attributes(seeds: Path) -> None:
    """The copy also gets its SDG/PDD attribution row, so only the totals can catch it."""
    duplicated_line_new_id(seeds)
    header, rows = read_rows(interactions(seeds))
    new_id = max(r["interaction_id"] for r in rows if r["interaction_id"].startswith("T5-"))
    original = f"T5-{int(new_id[3:]) - 1:03d}"

    def fn(h, attrs):
        return h, attrs + [{**row(attrs, "interaction_id", original), "interaction_id": new_id}]
    edit_rows(seeds / "reference" / "ref_contribution_line_attributes.csv", fn)


def missing_line(seeds: Path) -> None:
    edit_rows(interactions(seeds), lambda h, rows: (h, [r for r in rows if r["interaction_id"] != "T5-020"]))


def header_only(seeds: Path) -> None:
    path = interactions(seeds)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def missing_column(seeds: Path) -> None:
    edit_rows(interactions(seeds), lambda h, rows: ([c for c in h if c != "total_value"], rows))


def unknown_cooperant(seeds: Path) -> None:
    def fn(header, rows):
        row(rows, "interaction_id", "T5-003")["cooperant_name"] = UNKNOWN_COOPERANT
        return header, rows
    edit_rows(interactions(seeds), fn)


# the cooperant of T5-003 (IMVF): referenced by Table 2, Table 5 and the alias seed
REMOVED_COOPERANT_ID = "imvf"


def cooperant_removed_from_master(seeds: Path) -> None:
    path = seeds / "reference" / "ref_cooperants.csv"
    edit_rows(path, lambda h, rows: (h, [r for r in rows if r["cooperant_id"] != REMOVED_COOPERANT_ID]))


def table2_row_removed(seeds: Path) -> None:
    edit_rows(seeds / "raw_cooperants.csv", lambda h, rows: (h, [r for r in rows if r["table_row_number"] != "2"]))


IMPOSSIBLE_DATE = "2024-02-30"


def first_dated_event(seeds: Path) -> str:
    rows = read_rows(interactions(seeds))[1]
    return next(r["interaction_id"] for r in rows if r["interaction_id"].startswith("EV-") and r["start_date"])


def impossible_date(seeds: Path) -> None:
    event = first_dated_event(seeds)

    def fn(header, rows):
        row(rows, "interaction_id", event)["start_date"] = IMPOSSIBLE_DATE
        return header, rows
    edit_rows(interactions(seeds), fn)


def latin1(seeds: Path) -> None:
    path = interactions(seeds)
    # as a spreadsheet "save as" would: characters Latin-1 lacks become "?"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def sdg_out_of_range(seeds: Path) -> None:
    def fn(header, rows):
        row(rows, "interaction_id", "T5-001")["sdg_number"] = "18"
        return header, rows
    edit_rows(seeds / "reference" / "ref_contribution_line_attributes.csv", fn)


# ---------------------------------------------------------------------------
# Figures the messages must show, derived from the real seeds (not from a run)
# ---------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIRST_NON_ASCII_LINE = next(
    i for i, line in enumerate(interactions(SEEDS).read_text(encoding="utf-8").splitlines(), start=1)
    if not line.isascii())
DATED_EVENT = first_dated_event(SEEDS)

CASES: list[Case] = [
    Case("malformed_amount", "T5-003 total_value printed with English separators",
         malformed_amount, (f"malformed amount '{MALFORMED}'", "t5-003", "total_value")),
    Case("amount_plus_3_pesos", "T5-003 total_value 3 pesos higher than contribution + counterpart",
         amount_plus_3_pesos, ("aud_line_arithmetic", "t5-003 (contribution + counterpart - total = -3.00)")),
    Case("duplicated_line_same_id", "Table 5 line T5-010 appears twice with the same id",
         duplicated_line_same_id, ("unique", "interaction_id", "t5-010")),
    Case("duplicated_line_new_id", "the last Table 5 line copied under a new id (T5-063), without SDG attribution",
         duplicated_line_new_id, ("t5-063", "sdg_number")),
    Case("duplicated_line_new_id_with_attributes",
         "the last Table 5 line copied under a new id, with an SDG attribution row: 63 lines vs 62 printed",
         duplicated_line_new_id_with_attributes, ("t5_monetary_lines", "63")),
    Case("missing_line", "Table 5 line T5-020 deleted", missing_line, ("t5-020",)),
    Case("header_only", "raw_interactions.csv has its header and no rows",
         header_only, ("raw_interactions.csv: header only",)),
    Case("missing_column", "the total_value column dropped from raw_interactions.csv",
         missing_column, ("raw_interactions.csv: missing column(s) total_value",)),
    Case("unknown_cooperant", f"T5-003's cooperant renamed to {UNKNOWN_COOPERANT}",
         unknown_cooperant, (UNKNOWN_COOPERANT.lower(), "t5-003")),
    Case("cooperant_removed_from_master", f"cooperant {REMOVED_COOPERANT_ID} deleted from ref_cooperants.csv",
         cooperant_removed_from_master, (f'"{REMOVED_COOPERANT_ID}"', "cooperant_id")),
    Case("table2_row_removed", "row 2 of Table 2 (raw_cooperants.csv) deleted",
         table2_row_removed, ("raw_cooperants", "row 2")),
    Case("impossible_date", f"{DATED_EVENT} start_date set to {IMPOSSIBLE_DATE}",
         impossible_date, (f"invalid date '{IMPOSSIBLE_DATE}'", DATED_EVENT.lower(), "start_date")),
    Case("latin1", "raw_interactions.csv re-saved as Latin-1",
         latin1, ("raw_interactions.csv: not valid utf-8", f"at line {FIRST_NON_ASCII_LINE})")),
    Case("sdg_out_of_range", "T5-001 attributed to SDG 18 in ref_contribution_line_attributes.csv",
         sdg_out_of_range, ("sdg_number", ": 18", "t5-001")),
]
