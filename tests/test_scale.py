"""One corrupt file among a thousand good ones: reported with its line, the rest unaffected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from renda.core.config import Settings
from renda.core.validate import validate

REPO = Path(__file__).resolve().parent.parent


def synth(out: Path, records: int, seed: int = 7) -> Path:
    subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(out),
                    "--records", str(records), "--seed", str(seed)], check=True,
                   capture_output=True)
    return out


def test_one_corrupt_file_among_a_thousand(tmp_path):
    root = synth(tmp_path / "records", 1000)
    files = sorted(root.rglob("*.md"))
    assert 980 <= len(files) <= 1020
    victim = next(p for p in files if p.parts[-3] == "activities")
    lines = victim.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "memo: 视察: 调研")  # a second ": " in a plain value: a YAML error at line 4
    victim.write_text("\n".join(lines), encoding="utf-8")

    outcome = validate(root, Settings(), display_root="records")

    rel = "records/" + victim.relative_to(root).as_posix()
    assert [(p.path, p.line, p.code) for p in outcome.problems] == [(rel, 4, "R08")]
    assert outcome.problems[0].message == (
        "YAML 格式错误：这里不该出现“: ”（值里含冒号加空格时，请给整个值加引号）。"
        "常见原因：冒号后少了空格、引号没有成对、缩进不一致。")
    valid = [r for r in outcome.corpus.records if r.valid]
    assert len(outcome.corpus.records) == len(files)
    assert len(valid) == len(files) - 1
    assert {r.path for r in outcome.corpus.records if not r.valid} == {rel}
