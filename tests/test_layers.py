"""The domain core and the CLI never import MkDocs: moving off MkDocs stays an adapter's work."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_run_without_loading_mkdocs():
    code = ("import sys, renda.cli, renda.validate, renda.view, renda.pages, renda.fieldref, "
            "renda.strokes, renda.search; print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
