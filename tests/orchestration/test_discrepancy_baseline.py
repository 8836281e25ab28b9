# Why: the 23 known disagreements between the sources are reviewed; printing them every
# night buried the one that matters. The reviewed baseline (seed ref_known_discrepancies)
# passes quietly, and a disagreement that is not in it is named, in the check and in the
# run summary. Fed a changed Table 4 subtotal in a temporary copy of the control seed.
import shutil

from orchestration.run import format_summary


def test_a_new_discrepancy_is_named_and_the_baseline_is_not(run_job, seeds_copy, tmp_path):
    table4 = seeds_copy / "controls" / "control_table4_action_collaboration.csv"
    lines = table4.read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("2,subtotal,Cooperación Col-Col,,$33,")
    lines[2] = lines[2].replace(",$33,", ",$34,")
    table4.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = run_job(seeds_dir=seeds_copy)

    assert run.success, run.error_text()  # a new discrepancy warns; it does not block
    new = run.summary["new_discrepancies"]
    # the changed subtotal, and the printed total that no longer adds up with it
    assert sorted(new) == ["TABLE4-SUBTOTAL-COOPERACION_COL-COL", "TABLE4-TOTAL"], new
    printed = format_summary(run.summary, run.published, run.artifacts, True, 1.0)
    assert f"2 new discrepancies: {', '.join(new)}" in printed
    assert "TABLE2-DUPLICATE" not in printed  # the known ones stay quiet


def test_the_baseline_alone_passes(run_job, tmp_path):
    run = run_job()
    assert run.success, run.error_text()
    assert run.summary["new_discrepancies"] == []
    assert run.summary["checks"]["warned"] == 0
    shutil.rmtree(tmp_path / "artifacts", ignore_errors=True)
