"""Bar charts as standalone SVG, drawn at build time: they print, need no script and no
font download, and carry their numbers as text (readable by screen readers and search).

Two shapes cover the statistics page: ``bars`` (one value per label) and ``compare`` (this
year against last year per label). Sizes are in SVG user units; the SVG scales to its box.
"""

from __future__ import annotations

from html import escape

FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
COLOURS = ("#3f51b5", "#9e9e9e")
WIDTH = 640
ROW = 26
LABEL = 150
VALUE = 56


def _scale(values: list[float]) -> float:
    top = max([v for v in values if v] or [1])
    return (WIDTH - LABEL - VALUE - 10) / top


def _frame(title: str, height: int, body: list[str], legend: list[str] | None = None) -> str:
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="renda-chart" '
        f'font-family="{FONT}" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="#212121">{escape(title)}</text>',
    ]
    return "\n".join(head + (legend or []) + body + ["</svg>"])


def _number(value: float, unit: str) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def bars(title: str, items: list[tuple[str, float]], unit: str = "") -> str:
    """A horizontal bar per (label, value); zero values keep their row."""
    scale = _scale([v for _, v in items])
    body = []
    for index, (label, value) in enumerate(items):
        y = 32 + index * ROW
        width = round((value or 0) * scale, 1)
        body += [
            f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" fill="#212121">{escape(label)}</text>',
            f'<rect x="{LABEL}" y="{y + 3}" width="{width}" height="{ROW - 8}" fill="{COLOURS[0]}"/>',
            f'<text x="{LABEL + width + 6}" y="{y + 15}" fill="#212121">{escape(_number(value or 0, unit))}</text>',
        ]
    return _frame(title, 40 + len(items) * ROW, body)


def compare(title: str, items: list[tuple[str, float | None, float | None]],
            names: tuple[str, str], unit: str = "") -> str:
    """Two bars per label: (label, this year, last year); ``names`` label the two series."""
    scale = _scale([v or 0 for _, a, b in items for v in (a, b)])
    legend = []
    for index, name in enumerate(names):
        x = LABEL + index * 120
        legend += [f'<rect x="{x}" y="28" width="12" height="12" fill="{COLOURS[index]}"/>',
                   f'<text x="{x + 18}" y="39" fill="#212121">{escape(name)}</text>']
    body = []
    for index, (label, now, before) in enumerate(items):
        y = 50 + index * (2 * ROW - 6)
        body.append(f'<text x="{LABEL - 8}" y="{y + 22}" text-anchor="end" fill="#212121">{escape(label)}</text>')
        for series, value in enumerate((now, before)):
            top = y + series * (ROW - 6) + 2
            width = round((value or 0) * scale, 1)
            shown = "—" if value is None else _number(value, unit)
            body += [f'<rect x="{LABEL}" y="{top}" width="{width}" height="{ROW - 10}" fill="{COLOURS[series]}"/>',
                     f'<text x="{LABEL + width + 6}" y="{top + 13}" fill="#212121">{escape(shown)}</text>']
    return _frame(title, 58 + len(items) * (2 * ROW - 6), body, legend)
