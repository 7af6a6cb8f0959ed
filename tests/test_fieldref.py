"""The staff field reference: generated from the schema, complete, and its examples valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY
from renda.core.config import LIMITS, Settings
from renda.core.frontmatter import read_text
from renda.core.schema import RECORD_TYPES
from renda.core.schema.types import Check, ListOf, Struct, convert_fields
from renda.staff.fieldref import render

REPO = Path(__file__).resolve().parent.parent


def test_committed_reference_matches_the_schema():
    committed = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/records.md is stale: run `renda fields -o docs/records.md`"


def _all_fields():
    def walk(fields, owner):
        for spec in fields:
            yield owner, spec, fields
            inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(inner, Struct):
                yield from walk(inner.fields, owner)

    for rtype in RECORD_TYPES.values():
        yield from walk(rtype.fields, rtype)


FIELDS = list(_all_fields())


@pytest.mark.parametrize("owner, spec, siblings", FIELDS,
                         ids=[f"{o.name}.{s.name}" for o, s, _ in FIELDS])
def test_every_field_is_documented_with_a_valid_example(owner, spec, siblings):
    assert spec.label and spec.doc and spec.example.startswith(f"{spec.name}:")
    assert spec.label in render()
    document = read_text(f"---\n{spec.example}\n---\n", "x.md", LIMITS)
    problems = list(document.problems)
    check = Check("x.md", owner.label, Settings(today=TODAY), problems)
    values = convert_fields((spec,), document.header, check)
    assert problems == []
    assert spec.name in values
