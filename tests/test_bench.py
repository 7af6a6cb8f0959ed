"""The benchmark harnesses run on tiny trees, so that they never rot between the runs that
fill the README's performance section (those take an hour at 20,000 records)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / script), *args], cwd=REPO, env=ENV,
                            capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_the_build_harness_measures_every_figure_on_a_tiny_tree():
    before = (REPO / "README.md").read_bytes()
    rows = [json.loads(line) for line in run("bench_build.py", "--sizes", "100", "--serve-size", "100", "--repeat", "2").splitlines()]
    assert (REPO / "README.md").read_bytes() == before  # only --readme writes it
    [row] = rows
    assert row["records"] == 100 and row["repeat"] == 2
    assert sorted(row["timings"]["main"]) == ["downloads (shared)", "gate: pages", "gate: prepare", "gate: rest",
                                              "gate: shared files", "html check", "layouts taken", "plan",
                                              "provenance", "setup", "validate", "view", "waited"]
    assert 0 <= row["removal"] < 60
    assert sorted(row["timings"]["side"]) == ["downloads", "gate: data files", "gate: layouts", "gate: pages", "search",
                                              "templates"]
    assert row["own"] == sum(row["timings"]["main"].values())
    side = row["timings"]["side"]
    # the checks of the layouts and data files are within them; those of the bodies come after
    assert row["side"] == side["templates"] + side["downloads"] + side["search"] + side["gate: pages"]
    gate = row["timings"]["main"]
    assert row["gate"]["cpu"] == gate["gate: prepare"] + (gate["gate: pages"] + gate["gate: shared files"]) + \
        gate["gate: rest"] + (side["gate: data files"] + side["gate: layouts"] + side["gate: pages"])
    assert 0 < row["gate"]["path"] <= row["gate"]["cpu"]
    assert row["ratio"] == row["build"] / row["plain"]
    assert row["pages"] > 100 and row["peak"] > 30 and 0 < row["first_search"]["bytes"] < 1024 * 1024
    assert row["first_search"]["found"] > 0 and row["first_search"]["top"] == row["first_search"]["shown"] > 0
    assert sorted(row["serve"]) == ["body", "field"] and all(0 < v < 60 for v in row["serve"].values())


def test_the_build_table_is_written_as_the_readme_shows_it():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import bench_build
    finally:
        sys.path.remove(str(REPO / "scripts"))
    row = {"records": 20000, "pages": 28221, "build": 62.04, "first": 70.36, "plain": 51.7, "ratio": 1.2, "own": 7.75,
           "own_share": 0.125, "side": 3.0, "peak": 812.4,
           "first_search": {"bytes": 455 * 1024, "found": 1234, "top": 10, "shown": 10},
           "timings": {"side": {"templates": 2.5}}, "serve": {"body": 1.44, "field": 2.06},
           "gate": {"path": 1.7, "cpu": 3.1}}
    lines = bench_build.table([row, dict(row, records=1000, serve=None)]).splitlines()
    assert lines[4] == ("| 20,000 | 28,221 | 62.0 | 70.4 | 51.7 | 1.20 | 7.8 s (12.5%) | 3.0 | 2.5 | 812 | "
                        "455 KB, 1,234, 10/10 | 1.4 / 2.1 | 1.7 s = 2.7% (3.1 s) |")
    assert lines[5].endswith("| 812 | 455 KB, 1,234, 10/10 | — | 1.7 s = 2.7% (3.1 s) |")
    commands = [{"cache": "warm", "ratio": 0.834}, {"cache": "cold", "ratio": 0.9}]
    assert bench_build.targets_table([dict(row, serve=None), dict(row, records=5000)], commands).splitlines()[2:] == [
        "| target | measured | met |", "|---|---:|:---:|",
        "| `renda validate` ≥ 0.8 × the floor's records/s (warm file cache) | 0.83 | yes |",
        "| plugin's own share of `mkdocs build` ≤ 10 % | 12.5% | **no** |",
        "| build ≤ 1.0 × plain MkDocs per page | 1.20 | **no** |",
        "| peak memory ≤ 1 GB (PSS) | 812 MB | yes |",
        "| output gate ≤ 5 % of the build | 2.7% | yes |",
        "| `mkdocs serve` shows an edit in ≤ 1.5 s at 5,000 records | 2.1 s | **no** |"]


def test_the_output_gate_is_charged_what_it_adds_to_the_build():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import bench_build
    finally:
        sys.path.remove(str(REPO / "scripts"))
    # The build process waited 3 s for the side process: the side's checks (1.1 s) delay the
    # end, the pages' (1.2 s, done while waiting anyway) do not.
    timings = {"main": {"gate: prepare": 0.3, "gate: pages": 1.2, "gate: rest": 0.25, "waited": 3.0},
               "side": {"gate: data files": 1.1, "gate: layouts": 0.5}}
    assert bench_build.gate_cost(timings) == {"cpu": 0.3 + 1.2 + 0.25 + (1.1 + 0.5), "path": 0.3 + 0.25 + (1.1 + 0.5)}
    # No wait: the side process was done first; the pages' checks delay the end, up to what
    # the side's would have.
    timings["main"]["waited"] = 0.0
    timings["side"]["gate: data files"] = 2.0
    assert bench_build.gate_cost(timings)["path"] == 0.3 + 0.25 + 1.2


def test_the_validation_harness_runs_on_a_tiny_tree():
    out = run("bench_validate.py", "--sizes", "100", "--repeat", "1")
    assert out.startswith("   100 records: ") and "problems 0" in out


def test_the_provenance_harness_runs_on_a_tiny_repository():
    out = run("bench_provenance.py", "--records", "300")
    assert out.startswith("300 records, 110 merges, ")


def test_the_command_harness_times_renda_validate_as_typed_beside_the_floor():
    before = (REPO / "README.md").read_bytes()
    out = run("bench_commands.py", "--records", "100", "--repeat", "1", "--warm-only")
    assert (REPO / "README.md").read_bytes() == before  # only --readme writes it
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["cache"], row["files"]) == ("warm", 100)
    assert row["validate_s"] > 0 and row["floor_s"] > 0 and 5 < row["peak_mb"] < 1000
    assert (row["rate"], row["floor_rate"], row["ratio"]) == (
        100 / row["validate_s"], 100 / row["floor_s"], row["floor_s"] / row["validate_s"])


def test_the_command_table_is_written_as_the_readme_shows_it():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import bench_commands
    finally:
        sys.path.remove(str(REPO / "scripts"))
    rows = [{"cache": "warm", "files": 20000, "rate": 5353.2, "validate_s": 3.736, "floor_rate": 11276.0,
             "ratio": 0.4736, "peak_mb": 153.4},
            {"cache": "cold", "files": 20000, "rate": 3292.0, "validate_s": 6.07, "floor_rate": 5224.0,
             "ratio": 0.631, "peak_mb": 153.0}]
    lines = bench_commands.table(rows, can_drop=True).splitlines()
    assert lines[4:6] == ["| warm | 20,000 | 5,353 | 3.74 | 11,276 | 0.47 | 153 |",
                          "| cold | 20,000 | 3,292 | 6.07 | 5,224 | 0.63 | 153 |"]
    assert "warm cache only" in bench_commands.table(rows[:1], can_drop=False).splitlines()[0]


def test_a_run_waits_until_the_old_site_set_aside_is_removed(tmp_path):
    import shutil
    import threading
    import time

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from benchlib import settled
    finally:
        sys.path.remove(str(REPO / "scripts"))
    (tmp_path / ".site.renda-old-x1" / "site").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    remover = threading.Timer(0.5, shutil.rmtree, [tmp_path / ".site.renda-old-x1"])
    remover.start()
    started = time.perf_counter()
    waited = settled(tmp_path)
    assert 0.5 <= waited <= time.perf_counter() - started
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert settled(tmp_path) < 0.5
