"""Decap CMS, vendored: the pinned release is taken from the npm registry once, its integrity
checked, and its scripts kept in ``.cache/editor/`` beside ``mkdocs.yml``. The editor pages
load them from there (the local editor) or from the site's ``admin/`` (the site build);
nothing is loaded from elsewhere at run time.

``python -m renda.staff.editor.vendor [PROJECT]`` fetches it (``scripts/setup --editor`` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

VERSION = "3.16.3"
TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
#: The registry's ``dist.integrity`` of the tarball (``npm view decap-cms@VERSION dist.integrity``).
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
#: Decap CMS's own licence (the package names it in package.json; the bundled libraries'
#: notices are in decap-cms.js.LICENSE.txt, kept as shipped).
LICENCE = """Decap CMS {version} — https://github.com/decaporg/decap-cms — MIT License

Copyright (c) 2016 Netlify

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def folder(project: Path) -> Path:
    """Where the pinned release's scripts are kept for the project at ``project``."""
    return project / ".cache" / "editor" / f"decap-cms-{VERSION}"


def files(project: Path) -> list[Path]:
    """The vendored files (main script, its chunks, the licences), or [] when not fetched."""
    where = folder(project)
    if not (where / "decap-cms.js").is_file():
        return []
    return sorted(p for p in where.iterdir() if p.is_file())


def missing_message() -> str:
    return (f"网页编辑器（Decap CMS {VERSION}）的文件还没有下载。"
            "请在项目文件夹运行 ./scripts/setup --editor（需要能访问 registry.npmjs.org）。")


def fetch(project: Path) -> Path:
    """Download, check and unpack the pinned release unless it is there; its folder."""
    import base64
    import hashlib
    import io
    import tarfile
    import urllib.request

    where = folder(project)
    if files(project):
        return where
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"下载的 decap-cms-{VERSION}.tgz 校验不符（{algorithm}），没有使用。")
    partial = where.with_name(where.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/dist/")
            # The editor's scripts and their notices; not the source maps, not the cms.js copy.
            if member.isfile() and name != member.name and "/" not in name and \
                    (name.endswith("decap-cms.js") or name == "decap-cms.js.LICENSE.txt"):
                (partial / name).write_bytes(archive.extractfile(member).read())
    (partial / "LICENSE.txt").write_text(LICENCE.format(version=VERSION), encoding="utf-8")
    partial.rename(where)
    return where


if __name__ == "__main__":  # pragma: no cover - run by scripts/setup
    project = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    try:
        print(f"Decap CMS {VERSION}：{fetch(project)}")
    except Exception as exc:
        print(f"下载网页编辑器失败：{exc}", file=sys.stderr)
        sys.exit(1)
