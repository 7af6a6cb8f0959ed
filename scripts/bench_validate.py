#!/usr/bin/env python3
"""Benchmark: how fast renda validates synthetic records trees, against the YAML-parse floor.

    python scripts/bench_validate.py [--sizes 1000,5000,20000] [--repeat 3] [--readme]

For each size, writes a synthetic tree with ``scripts/synth.py`` (fixed seed), then in a fresh
process on one core measures, best of ``--repeat``:

- *floor*: reading every file and running libyaml's C event parser over its header — the
  least any reader of these files must do;
- *validate*: the whole ``renda validate`` pipeline (read, type, link, check every rule) in
  one process, in records per second, with its time as a multiple of the floor's and the
  peak memory. ``renda validate`` itself reads a large tree in two processes: what users
  get is measured by ``scripts/bench_commands.py``; this harness is the profiler's view.

``--readme`` rewrites the performance section of README.md between the ``bench:validate``
markers with the table and the machine it ran on. Timings are of this machine in this run;
compare the ratios, not the seconds, across machines.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import cpu, rewrite_readme

REPO = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
import yaml
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
root, repeat = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(root.rglob("*.md"))

def floor():
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        end = text.find("\n---", 3)
        for _ in yaml.parse(text[4:end], Loader=yaml.CSafeLoader):
            pass

from renda.core.config import Settings
from renda.core.validate import validate

def full():
    return validate(root, Settings(), parallel=False)  # one core: the command reads in two

def best(fn):
    times, result = [], None
    for _ in range(repeat):
        result = None  # each run starts as a fresh one would, without the last one's records
        start = time.perf_counter(); result = fn(); times.append(time.perf_counter() - start)
    return min(times), result

floor_s, _ = best(floor)
validate_s, outcome = best(full)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"files": len(files), "floor_s": floor_s, "validate_s": validate_s,
                  "problems": len(outcome.problems), "peak_mb": peak_mb}))
"""


def machine() -> str:
    import yaml

    return (f"{cpu()}; Python {platform.python_version()}, "
            f"PyYAML {yaml.__version__} {'with' if yaml.__with_libyaml__ else 'without'} libyaml")


def run(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="renda-bench-") as tmp:
        for size in sizes:
            tree = Path(tmp) / f"synth-{size}"
            subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(tree),
                            "--records", str(size), "--seed", "1"], check=True,
                           stdout=subprocess.DEVNULL)
            out = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(repeat)],
                                 check=True, capture_output=True, text=True).stdout
            row = json.loads(out)
            row["size"] = size
            row["rate"] = row["files"] / row["validate_s"]
            row["floor_rate"] = row["files"] / row["floor_s"]
            rows.append(row)
            print(f"{size:>6} records: {row['rate']:,.0f} records/s validate "
                  f"({row['validate_s']:.2f} s), floor {row['floor_rate']:,.0f} records/s, "
                  f"ratio {row['validate_s'] / row['floor_s']:.2f}, peak {row['peak_mb']:.0f} MB, "
                  f"problems {row['problems']}", flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        f"Measured by `python scripts/bench_validate.py --readme` on {time.strftime('%Y-%m-%d')}: "
        f"{machine()}. One process pinned to one core; best of several runs.",
        "",
        "| records | validate (records/s) | time (s) | YAML-parse floor (records/s) | time ÷ floor's time | peak memory (MB) | problems |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['files']:,} | {r['rate']:,.0f} | {r['validate_s']:.2f} | "
                     f"{r['floor_rate']:,.0f} | {r['validate_s'] / r['floor_s']:.2f} | "
                     f"{r['peak_mb']:.0f} | {r['problems']} |")
    lines += ["", "Target: ≥ 5,000 records/s on one core. The floor is reading each file and "
              "running libyaml's event parser over its header, nothing else."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000",
                        help="comma-separated tree sizes (default: 1000,5000,20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; best counts")
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's section")
    args = parser.parse_args()
    rows = run([int(s) for s in args.sizes.split(",")], args.repeat)
    if args.readme:
        rewrite_readme("validate", table(rows))
        print("README.md updated.")


if __name__ == "__main__":
    main()
