"""A short fuzz run in the suite (the long one is `python scripts/fuzz.py --cases 100000`)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mutated_records_are_accepted_or_answered_never_a_crash():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "fuzz.py"), "--cases", "3000",
                             "--seed", "7", "--records", str(REPO / "records")],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr[-3000:]
    assert ", 0 failures;" in result.stdout
    assert result.stdout.startswith("fuzz: 3,000 mutated records from ")
