"""The paragraph for the annual work report (人大工作报告), written from a year's figures.

The wording lives in the Jinja template ``templates/renda/work_report.txt``; the site renders
it through its own template folders (so ``custom_dir`` can reword it), the CLI through the
package's. Percentages are printed as people write them: 100%, 89.55%.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


def percent(value: float | None) -> str:
    """A fraction 0–1 as a percentage with at most two decimals (0.8955 → 89.55%)."""
    if value is None:
        return "—"
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def change(value: float | None, is_rate: bool = False) -> str:
    """A change from one year to the next as people write it: +3, −2, +1.5 个百分点, 持平
    (no change), — (nothing to compare with)."""
    if value is None:
        return "—"
    if abs(value) < 1e-9:
        return "持平"
    if is_rate:
        text = f"{value * 100:+.2f}".rstrip("0").rstrip(".")
        return f"{text} 个百分点"
    return f"{value:+g}"


def environment(folders: list[str] | None = None) -> jinja2.Environment:
    """A Jinja environment over ``folders`` (default: the package's templates)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders or [str(TEMPLATES)]),
                             autoescape=False, keep_trailing_newline=False)
    env.filters["pct"] = percent
    env.filters["change"] = change
    return env


def paragraph(summary: dict[str, Any], current: bool, env: jinja2.Environment | None = None) -> str:
    """The work-report paragraph for ``summary`` (``Statistics.summary()``), on one line.

    ``current`` says the year is still running ("今年以来" rather than "2024年").
    """
    template = (env or environment()).get_template("renda/work_report.txt")
    text = "".join(line.strip() for line in template.render(s=summary, current=current).splitlines())
    # A clause the year did not have leaves its separator behind: end on a full stop.
    return text.rstrip("；，、。") + "。" if text else text
