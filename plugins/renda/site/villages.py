"""我的代表: a resident knows their village, not their constituency. The villages come from
the ``constituencies`` table of mkdocs.yml and the stations' ``villages``."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..core.strokes import sort_names
from ..core.view import View

if TYPE_CHECKING:
    from .pages import PageSpec


def of_site(view: View, today: dt.date) -> list[dict[str, Any]]:
    """Each village (community, unit) a resident may look for, in the order mkdocs.yml lists
    them, with the deputies its constituencies elected who are in office (by level) and the
    stations that serve it: what 我的代表 shows."""
    settings = view.settings
    names = list(dict.fromkeys([v for listed in settings.constituencies.values() for v in listed] +
                               [v for station in view.records("stations") for v in station.get("villages") or ()]))
    serving = [d for d in view.records("deputies") if view.corpus.serving(d, today)]
    found = []
    for name in names:
        areas = [area for area, listed in settings.constituencies.items() if name in listed]
        elected = [d for d in serving if d.get("constituency") in areas]
        levels = [(level, sort_names([d for d in elected if level in (d.get("levels") or ())],
                                     lambda d: d.get("name") or d.id))
                  for level in settings.vocabularies["levels"]]
        found.append({"name": name, "constituencies": areas, "levels": [(lv, ds) for lv, ds in levels if ds],
                      "stations": [st for st in view.records("stations") if name in (st.get("villages") or ())]})
    return found


def mine_page(view: View, today: dt.date) -> PageSpec:
    """我的代表: a resident picks or types a village and sees its deputies, their station and
    its reception days."""
    from .pages import PageSpec  # noqa: F811 (pages imports this module)

    shown = frozenset((r.type, r.id) for rtype in ("deputies", "stations") for r in view.records(rtype))
    return PageSpec("mine.md", "我的代表", "mine.html", {"villages": of_site(view, today), "today": today},
                    meta={"hide": ["toc"]}, sources=shown)


def village_search_entries(view: View) -> list[tuple[str, str, str]]:
    """Search finds a village: one entry each, pointing at its place on 我的代表."""
    today = view.settings.current_date()
    return [(f"mine/#{village_anchor(v['name'])}", f"{v['name']}的人大代表",
             "、".join(dict.fromkeys([v["name"]] + v["constituencies"] + [d.get("name") for _, ds in v["levels"] for d in ds] +
                                     [st.get("name") for st in v["stations"]])))
            for v in of_site(view, today)]


def village_anchor(name: str) -> str:
    """The id of a village's section on 我的代表 (the name itself: browsers take Chinese ids)."""
    return "v-" + re.sub(r"\s+", "-", name.strip())
