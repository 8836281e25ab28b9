# Why: nights are incremental (issue 10). The fact tables merge only the rows whose content
# changed and delete the rows no longer in the sources; the incremental path must give
# exactly what --full-refresh gives. The dbt snapshots carry the history of the cooperant
# master, the memberships and the controls from one published version to the next: a
# changed attribute gets a new version, with validity dates. Runs the real job three times:
# a first publish, a night with no change, a night with changes.
import shutil

import duckdb

from orchestration.publish import Warehouse
from orchestration.readonly import connect_published
from tests.conftest import SEEDS_DIR, dbt_build

# every incremental model (the bulk staging model and the two facts), by schema
FACTS = {"stg_globo__interactions": "staging", "fct_interactions": "marts", "fct_contributions": "marts"}
MOVED = [("T5-001", "4.778.061,00", "4.778.060,00"), ("T5-002", "9.710.800,00", "9.710.801,00")]


def _changed_seeds(dst):
    """A night with changes: one peso moved between two lines (declared corrections), the
    last event retracted (declared), a new event, a cooperant and a membership attribute
    changed."""
    shutil.copytree(SEEDS_DIR, dst)
    path = dst / "raw_interactions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    last = lines[-1]
    assert last.startswith("EV-074,")
    text = "".join(lines[:-1])
    for _, old, new in MOVED:
        text = text.replace(f'"$ {old}","$ {old}"', f'"$ {new}","$ {new}"', 1)
    text += last.replace("EV-074,", "EV-075,", 1).replace("Mayors Migration Council (MMC) meeting",
                                                           "Mayors Migration Council (MMC) follow-up meeting", 1)
    path.write_text(text, encoding="utf-8")
    declared = dst / "declared"
    (declared / "declared_retractions.csv").write_text(
        (declared / "declared_retractions.csv").read_text(encoding="utf-8")
        + "interaction,EV-074,Superseded by EV-075 (test),2025-07-01,Consejería (test),\n", encoding="utf-8")
    (declared / "declared_corrections.csv").write_text(
        (declared / "declared_corrections.csv").read_text(encoding="utf-8") + "".join(
            f'interaction,{line},{measure},"$ {old}","$ {new}",Erratum (test),2025-07-01,SDP (test),\n'
            for line, old, new in MOVED for measure in ("district_counterpart_cop", "total_value_cop")),
        encoding="utf-8")
    cooperants = dst / "reference" / "ref_cooperants.csv"
    text = cooperants.read_text(encoding="utf-8")
    row = "alcaldia_de_vantaa,ALCALDÍA DE VANTAA,,11,Local Government,FI,Finland,false,name: city hall,"
    assert row in text
    cooperants.write_text(text.replace(row, row[:-1] + " (reviewed),", 1), encoding="utf-8")
    memberships = dst / "raw_network_memberships.csv"
    text = memberships.read_text(encoding="utf-8")
    assert "NM-001,C40 Cities,C40,city_network,member,member,,2020-02-10" in text
    memberships.write_text(text.replace("NM-001,C40 Cities,C40,city_network,member,member,,2020-02-10",
                                        "NM-001,C40 Cities,C40,city_network,member,member,Alcalde Mayor (test),2020-02-10",
                                        1), encoding="utf-8")
    return dst


def _rows(path, relation):
    con = connect_published(path)
    try:
        return sorted(con.execute(f"select * from {relation}").fetchall(), key=repr)
    finally:
        con.close()


def _incremental_rows_pending(published, model):
    """What the model's compiled incremental select (as the last night compiled it) would
    still write against the published warehouse."""
    compiled = next(p for p in (Warehouse().dbt_target / "compiled").rglob(f"{model}.sql")
                    if ".yml" not in str(p)).read_text()  # not a unit test's fixture of the same name
    compiled = compiled.replace('"build".', "")  # {{ this }} names the build file's catalog
    assert "anti join" in compiled  # the incremental branch was compiled
    con = connect_published(published)
    try:
        return con.execute(f"select count(*) from ({compiled})").fetchone()[0]
    finally:
        con.close()


def test_incremental_nights_equal_full_refresh_and_snapshots_keep_history(run_job, tmp_path, monkeypatch):
    published = tmp_path / "warehouse" / "bogota_cooperation.duckdb"
    first = run_job(published=published)
    assert first.success, first.error_text()
    before = {f: _rows(published, f"{schema}.{f}") for f, schema in FACTS.items()}

    # a night with no change: succeeds, writes nothing, changes nothing
    quiet = run_job(published=published)
    assert quiet.success, quiet.error_text()
    monkeypatch.setenv("BOGOTA_WAREHOUSE_PATH", str(published))
    for fact, schema in FACTS.items():
        assert _incremental_rows_pending(published, fact) == 0
        assert _rows(published, f"{schema}.{fact}") == before[fact]
    versions = dict(_rows(published, "(select record_kind, count(*) from reports.history group by 1)"))
    assert versions["cooperant"] == 270 and versions["membership"] == 37  # one version each, still

    # a night with changes, incremental
    changed = run_job(seeds_dir=_changed_seeds(tmp_path / "seeds_night"), published=published)
    assert changed.success, changed.error_text()

    # the same seeds, built from scratch (--full-refresh into a new file)
    scratch = tmp_path / "full_refresh.duckdb"
    proc = dbt_build(scratch, _changed_seeds(tmp_path / "seeds_full"))
    assert proc.returncode == 0, proc.stdout[-3000:]
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach '{published}' as incremental (read_only)")
        con.execute(f"attach '{scratch}' as full_refresh (read_only)")
        for fact, schema in FACTS.items():
            counts = con.execute(f"select (select count(*) from incremental.{schema}.{fact}), "
                                 f"(select count(*) from full_refresh.{schema}.{fact})").fetchone()
            assert counts[0] == counts[1], (fact, counts)
            for a, b in (("incremental", "full_refresh"), ("full_refresh", "incremental")):
                diff = con.execute(f"select * from {a}.{schema}.{fact} except all "
                                   f"select * from {b}.{schema}.{fact}").fetchall()
                assert diff == [], (fact, a, diff[:2])
        ids = {r[0] for r in con.execute("select interaction_id from incremental.marts.fct_interactions").fetchall()}
        assert "EV-075" in ids and "EV-074" not in ids
    finally:
        con.close()

    # history: the changed attributes have two versions, the first closed when the second opened
    con = connect_published(published)
    try:
        history = con.execute(
            "select record_kind, record_id, version_number, valid_from, valid_to, is_current, attributes "
            "from reports.history where (record_kind, record_id) in "
            "(('cooperant', 'alcaldia_de_vantaa'), ('membership', 'NM-001'), ('contribution_amounts', 'T5-001'), "
            "('cooperant', 'wutba')) order by 1, 2, 3").fetchall()
    finally:
        con.close()
    by_record = {}
    for kind, rid, n, valid_from, valid_to, current, attributes in history:
        by_record.setdefault((kind, rid), []).append((n, valid_from, valid_to, current, attributes))
    assert len(by_record[("cooperant", "wutba")]) == 1  # unchanged: one version
    for key, needle_old, needle_new in [
            (("cooperant", "alcaldia_de_vantaa"), '"name: city hall"', '"name: city hall (reviewed)"'),
            (("membership", "NM-001"), '"role_holder":null', '"role_holder":"Alcalde Mayor (test)"'),
            (("contribution_amounts", "T5-001"), '"total_value_cop":4778061.00', '"total_value_cop":4778060.00')]:
        assert len(by_record[key]) == 2, (key, by_record[key])
        old, new = by_record[key]
        assert old[0] == 1 and new[0] == 2
        assert old[2] is not None and old[2] == new[1] and old[1] < new[1], key  # validity dates chain
        assert not old[3] and new[3] and new[2] is None
        assert needle_old in old[4] and needle_new in new[4], (key, old[4], new[4])
