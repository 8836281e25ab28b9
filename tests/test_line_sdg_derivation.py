# Why: the SDG of each Table 5 line is not printed; it is derived from Table 1. This
# re-runs the exhaustive search and checks that (a) Table 1 admits exactly one split of
# the 62 lines, and (b) the seed the warehouse uses is that split. It also shows the
# search can fail: a Table 1 that no split satisfies yields no solution.
import csv
import importlib.util
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("solve_line_sdgs", PROJECT / "scripts" / "solve_line_sdgs.py")
solver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(solver)

LINES = PROJECT / "seeds" / "raw_interactions.csv"
TABLE1 = PROJECT / "seeds" / "controls" / "control_table1_sdgs.csv"


def test_table1_determines_exactly_one_assignment_and_the_seed_is_it():
    lines, groups = solver.load(LINES, TABLE1)
    assert len(lines) == 62
    solutions = list(solver.solve(lines, groups))
    assert len(solutions) == 1
    derived = {line_id: sdg for sdg, ids in solutions[0].items() for line_id in ids}
    with open(PROJECT / "seeds" / "reference" / "ref_contribution_line_attributes.csv", encoding="utf-8") as f:
        seeded = {r["interaction_id"]: int(r["sdg_number"]) for r in csv.DictReader(f)}
    assert seeded == derived


def test_an_impossible_table1_has_no_assignment(tmp_path):
    with open(TABLE1, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[0]["total_value"] = "$ 1,00"  # no line is worth one peso
    bad = tmp_path / "t1.csv"
    with open(bad, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    lines, groups = solver.load(LINES, bad)
    assert list(solver.solve(lines, groups)) == []
