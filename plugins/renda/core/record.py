"""The typed record: one file's fields after the schema has typed them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, eq=False)
class Record:
    """One record file: its type, id, typed fields and where each field was written.

    ``data`` holds only the fields that were present and valid. ``lines`` maps a field's
    dotted path (``feedback.date``, ``deputies[2]``) to its 1-based (line, column) in the file.
    ``valid`` is False when any error was found in the file; such a record is never published,
    but is kept so references to it do not cascade into "not found" errors.
    """

    type: str
    id: str
    path: str
    data: dict[str, Any]
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    disclosure: str = "public"
    valid: bool = True
    #: The file's path below the records folder (``activities/2024/x.md``).
    source: str = ""

    def get(self, name: str, default: Any = None) -> Any:
        """The typed value of field ``name``, or ``default`` when absent."""
        return self.data.get(name, default)

    def where(self, name: str) -> tuple[int, int]:
        """The (line, column) of field ``name``, falling back to its parent, then line 1."""
        while name:
            if name in self.lines:
                return self.lines[name]
            cut = max(name.rfind("."), name.rfind("["))
            name = name[:cut] if cut > 0 else ""
        return (1, 1)

    def values(self, path: str) -> list[Any]:
        """Every value at dotted field ``path``: one for a field, each item of a list, and
        for ``a.b`` the ``b`` of each mapping in list ``a`` (``absent.deputy``)."""
        head, _, tail = path.partition(".")
        value = self.data.get(head)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        if tail:
            return [item[tail] for item in items if isinstance(item, dict) and item.get(tail) is not None]
        return items
