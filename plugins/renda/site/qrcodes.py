"""QR codes for the notice board (公示栏): every deputy, station and suggestion page carries the
code of its own address, drawn at build time as inline SVG (no request, sharp on paper)."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=4096)
def svg(url: str, label: str) -> Markup:
    """The QR code of ``url`` as an inline ``<svg>`` titled ``label`` (read out by screen
    readers). Error correction M: a code on a weathered notice board still reads."""
    code = segno.make_qr(url, error="m")
    return Markup(code.svg_inline(scale=4, border=2, omitsize=True, title=label, svgclass="renda-qr-code",
                                  lineclass=None))
