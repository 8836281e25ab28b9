"""Derive the SDG of each Table 5 line from Table 1 (reproducible proof).

Table 1 prints, per SDG, the number of monetary interactions and their total
value.  Table 5 prints the 62 monetary lines without their SDG.  This script
enumerates *every* way of splitting the 62 line totals into groups with exactly
Table 1's counts and sums (exact integer cents) and prints the solutions.

Usage: python scripts/solve_line_sdgs.py [seeds/raw_interactions.csv] [seeds/controls/control_table1_sdgs.csv]
It exits non-zero unless the assignment is unique (up to lines with identical
amounts that land in the same SDG, which are interchangeable).
"""
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.spanish_amount import parse_spanish_amount  # noqa: E402


def cents(text: str) -> int:
    return int(parse_spanish_amount(text) * 100)


def load(lines_path, t1_path):
    with open(lines_path, encoding="utf-8") as f:
        lines = [(r["interaction_id"], cents(r["total_value"])) for r in csv.DictReader(f) if r["total_value"]]
    with open(t1_path, encoding="utf-8") as f:
        groups = [(int(r["sdg_number"]), int(r["monetary_interactions"]), cents(r["total_value"]))
                  for r in csv.DictReader(f) if int(r["monetary_interactions"]) > 0]
    return lines, groups


def solve(lines, groups):
    """Yield assignments {sdg: [ids]} (distinct as multisets of amounts)."""
    groups = sorted(groups, key=lambda g: g[1])  # small groups first, largest last

    def subsets(pool, k, target, start=0):
        # pool sorted by amount desc; yields index tuples, skipping equal-amount duplicates
        if k == 0:
            if target == 0:
                yield ()
            return
        prev = None
        for i in range(start, len(pool)):
            amt = pool[i][1]
            if amt == prev:
                continue
            if amt > target:
                continue
            if len(pool) - i < k:
                break
            # upper bound: the k largest remaining from i
            if sum(p[1] for p in pool[i:i + k]) < target:
                break
            prev = amt
            for tail in subsets(pool, k - 1, target - amt, i + 1):
                yield (i,) + tail

    def rec(pool, gi):
        if gi == len(groups) - 1:
            sdg, k, s = groups[gi]
            if len(pool) == k and sum(p[1] for p in pool) == s:
                yield {sdg: [p[0] for p in pool]}
            return
        sdg, k, s = groups[gi]
        for combo in subsets(pool, k, s):
            chosen = [pool[i] for i in combo]
            rest = [p for i, p in enumerate(pool) if i not in set(combo)]
            for sol in rec(rest, gi + 1):
                sol[sdg] = [p[0] for p in chosen]
                yield sol

    pool = sorted(lines, key=lambda p: -p[1])
    yield from rec(pool, 0)


def main():
    lines_path = sys.argv[1] if len(sys.argv) > 1 else "seeds/raw_interactions.csv"
    t1_path = sys.argv[2] if len(sys.argv) > 2 else "seeds/controls/control_table1_sdgs.csv"
    lines, groups = load(lines_path, t1_path)
    amount = dict(lines)
    sols = list(solve(lines, groups))
    print(f"{len(sols)} solution(s) (equal amounts collapsed)")
    for sol in sols[:5]:
        for sdg in sorted(sol):
            print(sdg, sorted(sol[sdg]))
    # equal-amount lines in different SDGs would make the assignment ambiguous
    dup_amounts = {a for a, c in Counter(amount.values()).items() if c > 1}
    if len(sols) == 1:
        sol = sols[0]
        where = {a: {sdg for sdg, ids in sol.items() for i in ids if amount[i] == a} for a in dup_amounts}
        ambiguous = {a: s for a, s in where.items() if len(s) > 1}
        print("equal-amount lines split across SDGs:", ambiguous or "none")
        return 0 if not ambiguous else 1
    return 1


if __name__ == "__main__":
    sys.exit(main())
