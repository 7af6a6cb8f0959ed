#!/usr/bin/env python3
"""Benchmark: the commands as a staff member or CI runs them, beside the YAML floor, in one run.

    python scripts/bench_commands.py [--records 20000] [--repeat 3] [--readme]

Writes a synthetic tree (``scripts/synth.py --seed 1``), then times, best of ``--repeat``, each
as a whole process started from the shell (interpreter start-up and imports included):

- *floor*: a process reading every file and loading its header with ``yaml.CSafeLoader`` —
  what any reader of these files must at least do, on one core;
- *validate*: ``renda validate`` in the project folder (``mkdocs.yml`` beside ``records/``),
  as staff and CI type it.

Both run with a warm file cache and, where the machine lets this process drop the page cache
(root on Linux), cold as well. ``validate ÷ floor`` compares records per second; the target of
issue 20 is ≥ 0.8. Each is run once more than ``--repeat`` says: that run samples the
memory and its time does not count. Peak memory is the largest proportional set size (PSS) of the command's
processes together (``renda validate`` forks a second one to read half the files; PSS counts
the memory they share once). Each measurement is printed for people on standard error and as a JSON line
on standard output. ``--readme`` rewrites README.md between the ``bench:commands`` markers.
``scripts/bench_validate.py`` stays as the in-process profiler's harness.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import cpu, measured, rewrite_readme, synthetic_config

REPO = Path(__file__).resolve().parent.parent
RENDA = Path(sys.executable).parent / "renda"

_FLOOR = r"""
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    text = path.read_bytes().decode("utf-8-sig")
    yaml.load(text[4:text.find("\n---", 3)], Loader=yaml.CSafeLoader)
"""


def drop_caches() -> bool:
    """Empty the page cache (needs root on Linux); False where this process may not."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(command: list[str], cold: bool, cwd: Path, memory: bool) -> tuple[float, float]:
    """Wall seconds and (with ``memory``) peak memory (MB, PSS of the command's processes
    together) of one run."""
    if cold:
        drop_caches()
    return measured(command, cwd, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, memory)


def best(commands: list[list[str]], cold: bool, repeat: int, cwd: Path) -> list[tuple[float, float]]:
    """For each command, the fastest of ``repeat`` runs and its peak memory, sampled in the
    first run only (sampling slows what it samples); the commands take turns, so that a
    machine slowing down for a minute slows each alike."""
    runs = [[timed(command, cold, cwd, memory=not turn) for command in commands] for turn in range(repeat + 1)]
    return [(min(r[i][0] for r in runs), max(r[i][1] for r in runs)) for i in range(len(commands))]


def run(records: int, repeat: int, warm_only: bool = False) -> tuple[list[dict], bool]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="renda-bench-") as tmp:
        folder = Path(tmp)  # a project as staff have it: mkdocs.yml beside records/
        tree = folder / "records"
        subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(tree),
                        "--records", str(records), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        config = synthetic_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
        files = sum(1 for _ in tree.rglob("*.md"))
        can_drop = not warm_only and drop_caches()
        for cache in (("warm", "cold") if can_drop else ("warm",)):
            cold = cache == "cold"
            if not cold:  # warm the cache once
                subprocess.run([sys.executable, "-c", _FLOOR, "records"], check=True, cwd=folder)
            (floor_s, _), (validate_s, validate_mb) = best(
                [[sys.executable, "-c", _FLOOR, "records"], [str(RENDA), "validate"]], cold, repeat, folder)
            row = {"cache": cache, "files": files, "floor_s": floor_s, "validate_s": validate_s,
                   "floor_rate": files / floor_s, "rate": files / validate_s,
                   "ratio": floor_s / validate_s, "peak_mb": validate_mb}
            rows.append(row)
            print(f"{cache}: renda validate {row['rate']:,.0f} records/s ({validate_s:.2f} s), "
                  f"floor {row['floor_rate']:,.0f} records/s ({floor_s:.2f} s), "
                  f"validate ÷ floor {row['ratio']:.2f}, peak {validate_mb:.0f} MB", file=sys.stderr, flush=True)
            print(json.dumps(row), flush=True)  # the exact figures, a line each, for tools
    return rows, can_drop


def table(rows: list[dict], can_drop: bool, by: str = "scripts/bench_commands.py --readme") -> str:
    import yaml

    lines = [
        f"Measured by `python {by}` on {time.strftime('%Y-%m-%d')}: {cpu()}; "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__}. Whole processes as typed, "
        f"best of several runs{'' if can_drop else '; warm cache only (the page cache could not be dropped)'}.",
        "",
        "| file cache | records | `renda validate` (records/s) | time (s) | floor (records/s) | validate ÷ floor | peak memory, PSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['cache']} | {r['files']:,} | {r['rate']:,.0f} | {r['validate_s']:.2f} | "
                     f"{r['floor_rate']:,.0f} | {r['ratio']:.2f} | {r['peak_mb']:.0f} |")
    lines += ["", "The floor is a process that reads each file and loads its header with PyYAML's C "
              "loader, nothing else. Target (issue 20): validate ÷ floor ≥ 0.8."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20000, help="size of the synthetic tree")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--warm-only", action="store_true", help="leave the page cache alone (no cold runs)")
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's section")
    args = parser.parse_args()
    rows, can_drop = run(args.records, args.repeat, args.warm_only)
    if args.readme:
        rewrite_readme("commands", table(rows, can_drop))
        print("README.md updated.")


if __name__ == "__main__":
    main()
