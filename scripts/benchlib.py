"""What the benchmark scripts share: the machine they ran on, and rewriting their README section."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import threading
import time
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def cpu() -> str:
    """The processor's model name and the number of cores."""
    name = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{name}, {os.cpu_count()} cores"


def rewrite_readme(section: str, text: str) -> None:
    """Put ``text`` between README.md's ``<!-- bench:SECTION -->`` markers."""
    content = README.read_text(encoding="utf-8")
    content = re.sub(rf"(<!-- bench:{section} -->\n).*?(<!-- /bench:{section} -->)",
                     lambda m: m.group(1) + text.rstrip("\n") + "\n" + m.group(2), content, flags=re.S)
    README.write_text(content, encoding="utf-8")


def synthetic_config(config: str, today: str = "2026-11-21") -> str:
    """The sample's mkdocs.yml for a synthetic township (scripts/synth.py): its date fixed, and
    without the sample's constituencies table, whose villages are not the synthetic ones."""
    config = re.sub(r"      constituencies:\n(        .*\n)+", "", config)
    return config.replace("      term: 18\n", f"      term: 18\n      today: {today}\n")


def settled(project: Path, timeout: float = 600.0) -> float:
    """Wait until the old site a build set aside in ``project`` is removed: renda removes it
    in a process of its own, which the build does not wait for (see
    ``renda/mkdocs_adapter/publishing.py``), and which would slow the next run. Returns the
    seconds waited."""
    start = time.perf_counter()
    while any(".renda-old" in path.name for path in project.iterdir()):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"the old site in {project} was not removed in {timeout:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def tree_pids(pid: int) -> list[int]:
    """A process and all its descendants, now."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return pids


def tree_pss(pid: int) -> int:
    """The proportional set size (KB) of a process and its descendants: a page shared by n
    processes counts 1/n in each, so a forked process's shared memory is counted once."""
    total = 0
    for current in tree_pids(pid):
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measured(command: list[str], cwd: Path, env: dict | None = None, memory: bool = True) -> tuple[float, float]:
    """Run ``command``: its wall seconds and (with ``memory``) its peak memory in MB, the
    largest PSS of the process and all it started at one moment, sampled every 50 ms (0
    without). Reading a large process's PSS takes the kernel milliseconds and slows that
    process while it does, so a run whose time counts is best run without. Fails when the
    command fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while memory and process.poll() is None:
            peak = max(peak, tree_pss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    if process.wait() != 0:
        sampler.join()
        raise subprocess.CalledProcessError(process.returncode, command)
    elapsed = time.perf_counter() - start
    sampler.join()
    return elapsed, peak / 1024
