"""Layers you can see: the core (renda.core) imports neither the site layer nor MkDocs, the site
layer (renda.site) and the staff tools (renda.staff) no MkDocs; only the adapter
(renda.mkdocs_adapter) does. Moving off MkDocs stays an adapter's work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "renda"


def loaded_after_importing(modules: list[str]) -> list[str]:
    code = (f"import sys; import {', '.join(modules)}; "
            "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'renda'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.split()


def modules_of(layer: str) -> list[str]:
    return sorted(f"renda.{layer}." + ".".join(p.relative_to(PACKAGE / layer).with_suffix("").parts)
                  for p in (PACKAGE / layer).rglob("*.py") if p.name != "__init__.py")


def test_the_core_imports_neither_the_site_layer_nor_mkdocs():
    loaded = loaded_after_importing(modules_of("core"))
    assert len(modules_of("core")) >= 15
    assert [m for m in loaded if not m.startswith(("renda.core", "renda")) or
            m.startswith(("renda.site", "renda.staff", "renda.mkdocs_adapter", "mkdocs"))] == []


def test_the_site_layer_and_the_staff_tools_run_without_mkdocs():
    loaded = loaded_after_importing(modules_of("site") + modules_of("staff"))
    assert [m for m in loaded if m.startswith(("mkdocs", "renda.mkdocs_adapter"))] == []


def test_the_package_is_its_four_layers():
    top = sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists())
    assert top == ["__init__.py", "__main__.py", "core", "mkdocs_adapter", "site", "staff"]


def test_no_module_lists_the_record_types_itself():
    # The seven types are declared once, in the schema (schema/records.py): a module or a
    # template that names four of them in one place is restating the registry.
    import re
    from pathlib import Path

    from renda.core.schema import RECORD_TYPES

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


def test_no_module_is_over_600_lines():
    lengths = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
               for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in lengths.items() if n > 600} == {}


def vocabulary_literals_used(path: Path, values: set[str]) -> list[str]:
    """Where code or a template decides by a vocabulary value written as a literal: compared,
    looked up, a key or a member (``== "镇"``, ``.get("学习培训")``, ``{"男": …}``)."""
    import ast
    import re

    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        quoted = "|".join(re.escape(v) for v in values)
        pattern = re.compile(rf"""(?:==|!=)\s*["']({quoted})["']|["']({quoted})["']\s*(?:==|!=|in\b|not in\b|:)"""
                             rf"""|get\(\s*["']({quoted})["']|\[\s*["']({quoted})["']\s*\]""")
        return [f"{path.name}:{number}" for number, line in enumerate(text.splitlines(), 1) if pattern.search(line)]

    def literal(node) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in values
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(literal(item) for item in node.elts)
        return False

    found = []
    for node in ast.walk(ast.parse(text)):
        decides = (
            (isinstance(node, ast.Compare) and any(literal(n) for n in [node.left, *node.comparators]))
            or (isinstance(node, ast.Dict) and any(k is not None and literal(k) for k in node.keys))
            or (isinstance(node, ast.Subscript) and literal(node.slice))
            or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and node.args and literal(node.args[0])))
        if decides:
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_code_decides_by_a_vocabulary_value_written_as_a_literal():
    # The vocabularies and the values rules give a meaning to (terms) are settings: a township
    # that renames 学习培训 or 主席团成员 renames it in mkdocs.yml, and no code or template keeps
    # the old word. Sheet names and table headers may coincide with a value; they are labels.
    from renda.core.config import VOCABULARIES

    values = {v for vs in VOCABULARIES.values() for v in vs if not v.isascii()}
    sheets = {"建议"}  # a ledger sheet (建议办理台账!建议), not the suggestion kind
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".txt") and path.relative_to(PACKAGE).as_posix() != "core/config.py":
            found += vocabulary_literals_used(path, values - (sheets if "ledgers" in path.parts else set()))
    assert found == []
