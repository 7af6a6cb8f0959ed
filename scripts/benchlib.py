"""What the benchmark scripts share: the machine they ran on, and rewriting their README section."""

from __future__ import annotations

import os
import platform
import re
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
