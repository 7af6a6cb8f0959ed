"""PDF files of the printed dossiers, rendered by headless Chromium from the built site.

The page's own print stylesheet decides the layout (A4, GB/T 9704 margins for dossiers,
running footers with page numbers); Chromium's default header and footer are switched off.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.schema import RECORD_TYPES

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PrintError(RuntimeError):
    """Printing could not be done; the message says why in Chinese."""


def browser() -> str:
    """The Chromium binary to print with."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise PrintError("找不到 Chromium 浏览器，无法生成 PDF。请安装：sudo apt-get install chromium fonts-noto-cjk")


def dossier_page(site: Path, kind: str, rid: str | int, year: int | None = None) -> Path:
    """The built HTML file of a dossier (``kind``: deputies, suggestions, meetings, stats)."""
    folder = site / "print" / kind / str(rid)
    page = (folder / str(year) if year else folder) / "index.html"
    if not site.is_dir():
        raise PrintError(f"找不到网站文件夹 {site}：请先运行 mkdocs build 生成网站。")
    if not page.is_file():
        what = RECORD_TYPES[kind].label if kind in RECORD_TYPES else "年度统计"
        raise PrintError(f"网站里没有{what}“{rid}”{f'（{year}年）' if year else ''}的打印页面。"
                         "请核对编号，或重新运行 mkdocs build。")
    return page


def to_pdf(page: Path, output: Path, timeout: int = 120) -> None:
    """Print one built page to ``output`` as PDF."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="renda-print-") as profile:
        command = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   "--virtual-time-budget=5000", f"--print-to-pdf={output}", page.resolve().as_uri()]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        raise PrintError(f"Chromium 没有生成 PDF：{result.stderr.strip()[-500:]}")
