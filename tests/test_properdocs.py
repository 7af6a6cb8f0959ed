"""The MkDocs edge is an edge: ProperDocs, the maintained continuation of MkDocs 1.x, builds
the sample township with the plugin unchanged into the same site, byte for byte but for the
generator's name in each page's head."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import make_project


def built(project: Path, command: str, folder: str) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", command, "build", "--strict", "-d", folder], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    site = project / folder
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    # The sitemap's gzip copy carries the time it was written: compared by its content.
    return {str(p.relative_to(site)): generator.sub(b"", gzip.decompress(p.read_bytes()) if p.suffix == ".gz"
                                                    else p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site(tmp_path):
    project = make_project(tmp_path / "project")
    with_mkdocs = built(project, "mkdocs", "site-mkdocs")
    with_properdocs = built(project, "properdocs", "site-properdocs")
    assert list(with_properdocs) == list(with_mkdocs) and len(with_mkdocs) > 900
    assert [name for name, data in with_mkdocs.items() if with_properdocs[name] != data] == []
