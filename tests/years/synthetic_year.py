"""Adds the SYNTHETIC reporting year of tests/fixtures/synthetic_year_2025/ to a seeds
folder by the README procedure: append the year's rows to each seed (raw rows, published
controls, the reference rows the year needs). No model changes. Whole-file text appends."""
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "synthetic_year_2025"
PREFIX = "synthetic_2025__"


def add_synthetic_year(seeds_dir: Path) -> list[str]:
    """Append every fixture file's rows to the seed of the same name; returns the seeds touched."""
    touched = []
    for fixture in sorted(FIXTURE.glob(f"{PREFIX}*.csv")):
        name = fixture.name[len(PREFIX):]
        (seed,) = list(seeds_dir.rglob(name))
        header, _, rows = fixture.read_text(encoding="utf-8").partition("\n")
        existing = seed.read_text(encoding="utf-8")
        assert existing.partition("\n")[0].strip() == header.strip(), f"{fixture.name}: header differs from {name}"
        seed.write_text(existing + ("" if existing.endswith("\n") else "\n") + rows, encoding="utf-8")
        touched.append(name)
    return touched
