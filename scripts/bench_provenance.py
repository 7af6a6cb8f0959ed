#!/usr/bin/env python3
"""Benchmark: what provenance from Git costs, on top of reading the records.

    python scripts/bench_provenance.py [--records 20000] [--readme]

Writes a synthetic tree (scripts/synth.py) into a fresh Git repository, brought into ``main``
through 100 ``--no-ff`` merges, then 10 more merges correcting 500 records. Measures, best of
three, reading the records (``renda.core.loader.load``) and provenance: one ``git log`` pass over the
main line, the corrections' file versions through one ``git cat-file --batch``, their diffs,
and linking all of it to the records. Target: provenance under one second at 20,000 records.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import rewrite_readme

REPO = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="b@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="b@example.invalid")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def build_repository(repo: Path, records: int) -> int:
    subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(repo / "staging"),
                    "--records", str(records), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    files = sorted(p.relative_to(repo / "staging") for p in (repo / "staging").rglob("*.md"))
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("bench\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-qm", "init")
    batch = max(1, len(files) // 100)
    for number, start in enumerate(range(0, len(files), batch)):
        git(repo, "checkout", "-qb", f"b{number}", "main")
        for rel in files[start:start + batch]:
            target = repo / "records" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(repo / "staging" / rel, target)
        git(repo, "add", "records")
        git(repo, "commit", "-qm", f"batch {number}")
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", f"b{number}", "-m", f"Merge pull request #{number + 1} from b{number}")
    per_fix = max(1, min(50, len(files) // 10))  # 500 corrections at scale
    for number in range(10):
        git(repo, "checkout", "-qb", f"fix{number}", "main")
        for rel in files[number * per_fix:(number + 1) * per_fix]:
            path = repo / "records" / rel
            path.write_text(path.read_text(encoding="utf-8") + "\n更正说明。\n", encoding="utf-8")
        git(repo, "commit", "-qam", f"fix {number}")
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", f"fix{number}", "-m", f"Merge pull request #{200 + number}")
    return len(files)


def measure(repo: Path) -> dict:
    from renda.core import provenance
    from renda.core.config import Settings
    from renda.core.loader import load
    from renda.core.validate import validate
    from renda.core.view import View
    from renda.site.pages import link_history

    settings = Settings()
    best = {}
    for _ in range(3):
        start = time.perf_counter()
        load(repo / "records", settings)
        reading = time.perf_counter() - start
        view = View(validate(repo / "records", settings).corpus)
        start = time.perf_counter()
        history = provenance.read_history(repo, "records")
        linked = link_history(view, history, "records")
        elapsed = time.perf_counter() - start
        for key, value in (("reading", reading), ("provenance", elapsed)):
            best[key] = min(best.get(key, value), value)
        best["corrections"] = len(linked.corrections)
        best["records"] = len(history.records)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's section")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="renda-prov-") as tmp:
        repo = Path(tmp)
        count = build_repository(repo, args.records)
        result = measure(repo)
    line = (f"{count:,} records, 110 merges, {result['corrections']} corrections: reading the records "
            f"{result['reading']:.2f} s; provenance (git log, cat-file, diffs, linking) "
            f"{result['provenance']:.2f} s — target < 1 s.")
    print(line)
    if args.readme:
        rewrite_readme("provenance", f"Measured by `python scripts/bench_provenance.py --readme` on "
                       f"{time.strftime('%Y-%m-%d')}: {line}")

if __name__ == "__main__":
    main()
