"""QR codes for the notice board (公示栏): every deputy, station and suggestion page carries the
code of its own address, drawn at build time as inline SVG (no request, sharp on paper).

Making a code takes about 3 ms, most of it choosing the mask that scanners read best (the
standard's penalty rules, which the code keeps): 12 s for the 4,000 pages of a county-scale
site. A site's codes change only with its addresses, so the codes made are kept in a file
between builds (``.cache/renda/qr-codes.json`` beside mkdocs.yml, see ``keep_in``) and a
build makes only the new ones.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import segno
from markupsafe import Markup

#: What a kept code was made with: another segno or other drawing options make them again.
_MADE_WITH = f"segno {segno.__version__}; error m; scale 4; border 2"
#: A kept code is taken only in the shape segno draws (a file changed by hand is not trusted).
_SHAPE = re.compile(r'<svg viewBox="[0-9 ]+" class="renda-qr-code"><title>[^<>&"]*</title>'
                    r'<path transform="scale\(4\)" stroke="#000" d="[0-9A-Za-z .\-]+"/></svg>')

_codes: dict[str, str] = {}  # "url\nlabel" → SVG, used by this process
_kept: dict[str, str] = {}  # read from the file
_file: Path | None = None


def svg(url: str, label: str) -> Markup:
    """The QR code of ``url`` as an inline ``<svg>`` titled ``label`` (read out by screen
    readers). Error correction M: a code on a weathered notice board still reads."""
    key = f"{url}\n{label}"
    code = _codes.get(key) or _kept.get(key)
    if code is None:
        code = segno.make_qr(url, error="m").svg_inline(
            scale=4, border=2, omitsize=True, title=label, svgclass="renda-qr-code", lineclass=None)
    _codes[key] = code
    return Markup(code)


def keep_in(path: Path) -> None:
    """Take the codes kept in ``path`` (when made the same way) and keep this build's there;
    once per process (``mkdocs serve`` configures the plugin again for every rebuild)."""
    global _file
    if path == _file:
        return
    _file = path
    _codes.clear()
    _kept.clear()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(saved, dict) and saved.get("made_with") == _MADE_WITH and isinstance(saved.get("codes"), dict):
        _kept.update({key: code for key, code in saved["codes"].items()
                      if isinstance(key, str) and isinstance(code, str) and _SHAPE.fullmatch(code)})


def save() -> None:
    """Write the codes this build used (only those: a removed page's code goes) to the file
    named by ``keep_in``, when they differ from those kept. A failure to write costs only
    the time of making them again next build."""
    if _file is None or _codes == _kept:
        return
    try:
        _file.parent.mkdir(parents=True, exist_ok=True)
        temporary = _file.with_name(f"{_file.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"made_with": _MADE_WITH, "codes": _codes}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, _file)
    except OSError:
        pass
