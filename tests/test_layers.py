"""The domain core and the CLI never import MkDocs: moving off MkDocs stays an adapter's work."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_run_without_loading_mkdocs():
    code = ("import sys, renda.cli, renda.validate, renda.view, renda.pages, renda.fieldref, "
            "renda.strokes, renda.search; print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_no_module_lists_the_record_types_itself():
    # The seven types are declared once, in the schema (schema/records.py): a module or a
    # template that names four of them in one place is restating the registry.
    import re
    from pathlib import Path

    from renda.schema import RECORD_TYPES

    package = Path(__file__).resolve().parent.parent / "plugins" / "renda"
    names = re.compile(r"""["'](%s)["']""" % "|".join(RECORD_TYPES))
    found = []
    for path in sorted(package.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt") or path.name == "records.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(set(names.findall(line))) >= 4:
                found.append(f"{path.relative_to(package)}:{number}")
    assert found == []
