# Why: a run must never drop, in silence, a record analysts have seen (issue 10). After a
# first publish, a run whose seeds lose interactions, a cooperant or a membership fails
# before publishing and names every lost id; the published file stays byte-identical.
# Declared in seeds/declared/declared_retractions.csv, the same removal publishes and is
# listed in reports.retractions. A changed figure of a closed year needs a declared
# correction, listed in reports.corrections.
import hashlib
import shutil

import pytest

from orchestration.readonly import connect_published
from tests.conftest import SEEDS_DIR

LAST_FIVE = ["EV-070", "EV-071", "EV-072", "EV-073", "EV-074"]


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fresh_seeds(tmp_path, name):
    # a new copy per run: dbt writes its seed SQL over an absolute seed path it loaded
    dst = tmp_path / f"seeds_{name}"
    shutil.copytree(SEEDS_DIR, dst)
    return dst


def _drop_lines(path, keep):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for i, line in enumerate(lines) if i == 0 or keep(line)), encoding="utf-8")


def _drop_last_interactions(seeds, n=5):
    path = seeds / "raw_interactions.csv"
    ids = [line.split(",", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    gone = set(ids[-n:])
    _drop_lines(path, lambda line: line.split(",", 1)[0] not in gone)
    return sorted(gone)


def _declare(seeds, name, rows):
    path = seeds / "declared" / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8") + "".join(r + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def published_once(run_job, tmp_path):
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    first = run_job(published=published)
    assert first.success, first.error_text()
    return published


def test_removed_interactions_fail_naming_them_then_a_declared_retraction_publishes(
        run_job, published_once, tmp_path):
    published = published_once
    before = _sha(published)

    seeds = _fresh_seeds(tmp_path, "undeclared")
    gone = _drop_last_interactions(seeds)
    assert gone == LAST_FIVE
    bad = run_job(seeds_dir=seeds, published=published)
    assert not bad.success
    assert not bad.summary["published"]
    assert _sha(published) == before
    text = bad.error_text()
    assert "KEPT-interaction" in text
    for interaction_id in LAST_FIVE:
        assert interaction_id in text

    # the same removal, four of five declared: still fails, naming the fifth only
    seeds = _fresh_seeds(tmp_path, "partly_declared")
    _drop_last_interactions(seeds)
    _declare(seeds, "declared_retractions",
             [f"interaction,{i},Duplicate of an earlier row,2025-06-01,Consejería (test),003_eb653bdd268b6d71.txt"
              for i in LAST_FIVE[:4]])
    partly = run_job(seeds_dir=seeds, published=published)
    assert not partly.success and _sha(published) == before
    assert "EV-074" in partly.error_text() and "EV-070 (" not in partly.error_text()

    seeds = _fresh_seeds(tmp_path, "declared")
    _drop_last_interactions(seeds)
    _declare(seeds, "declared_retractions",
             [f"interaction,{i},Withdrawn by the source,2025-06-01,Consejería (test),003_eb653bdd268b6d71.txt"
              for i in LAST_FIVE])
    good = run_job(seeds_dir=seeds, published=published)
    assert good.success, good.error_text()
    assert _sha(published) != before
    con = connect_published(published)
    try:
        listed = con.execute("select record_id, is_removed, declared_by from reports.retractions "
                             "order by record_id").fetchall()
        left = con.execute("select count(*) from marts.fct_interactions where interaction_id like 'EV-07%'").fetchone()
    finally:
        con.close()
    assert listed == [(i, True, "Consejería (test)") for i in LAST_FIVE]
    assert left == (0,)


def test_removed_cooperant_and_membership_fail_naming_them(run_job, published_once, tmp_path):
    published = published_once
    before = _sha(published)
    seeds = _fresh_seeds(tmp_path, "cooperant_membership")
    # the last Table 2 row (a gap inside Table 2 is named earlier, by a staging test) and
    # its organisation, which nothing else names
    cooperant = "wutba"
    _drop_lines(seeds / "raw_cooperants.csv", lambda line: not line.startswith("272,"))
    _drop_lines(seeds / "reference" / "ref_cooperants.csv", lambda line: not line.startswith(cooperant + ","))
    _drop_lines(seeds / "reference" / "ref_cooperant_aliases.csv", lambda line: f",{cooperant}," not in line)
    _drop_lines(seeds / "raw_network_memberships.csv", lambda line: not line.startswith("NM-037,"))
    bad = run_job(seeds_dir=seeds, published=published)
    assert not bad.success
    assert _sha(published) == before
    text = bad.error_text()
    for expected in ("KEPT-cooperant", cooperant, "KEPT-table2_row", "T2-2024-272", "KEPT-membership", "NM-037"):
        assert expected in text, expected


def test_changed_amount_of_a_closed_year_needs_a_declared_correction(run_job, published_once, tmp_path):
    published = published_once
    before = _sha(published)
    moved = [("T5-001", "4.778.061,00", "4.778.060,00"), ("T5-002", "9.710.800,00", "9.710.801,00")]

    def _correct(seeds):
        # one peso moves from line 1 to line 2 (same entity, SDG and PDD objective): every
        # printed footer and Table 1 row still reconciles; only the closed year's lines change
        path = seeds / "raw_interactions.csv"
        text = path.read_text(encoding="utf-8")
        for _, old, new in moved:
            text = text.replace(f'"$ {old}","$ {old}"', f'"$ {new}","$ {new}"', 1)
        path.write_text(text, encoding="utf-8")

    seeds = _fresh_seeds(tmp_path, "corrected_undeclared")
    _correct(seeds)
    bad = run_job(seeds_dir=seeds, published=published)
    assert not bad.success and _sha(published) == before
    text = bad.error_text()
    assert "UNCHANGED-interaction.total_value_cop" in text
    assert "T5-001: 4778061.00 -> 4778060.00" in text and "T5-002: 9710800.00 -> 9710801.00" in text

    seeds = _fresh_seeds(tmp_path, "corrected_declared")
    _correct(seeds)
    _declare(seeds, "declared_corrections", [
        f'interaction,{line},{measure},"$ {old}","$ {new}",Erratum (test),2025-06-02,SDP (test),'
        for line, old, new in moved for measure in ("district_counterpart_cop", "total_value_cop")])
    good = run_job(seeds_dir=seeds, published=published)
    assert good.success, good.error_text()
    con = connect_published(published)
    try:
        rows = con.execute("select record_id, measure, reporting_year, cast(value_change as double), is_applied "
                           "from reports.corrections order by all").fetchall()
    finally:
        con.close()
    assert rows == [("T5-001", "district_counterpart_cop", 2024, -1.0, True),
                    ("T5-001", "total_value_cop", 2024, -1.0, True),
                    ("T5-002", "district_counterpart_cop", 2024, 1.0, True),
                    ("T5-002", "total_value_cop", 2024, 1.0, True)]
