"""MkDocs' own structures, made for renda's pages: the files of the generated pages and the
public site's navigation (MkDocs' ``structure`` package: files, nav)."""

from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel


def without_pages(nav, pages: frozenset[str]):
    """The nav without the entries for ``pages`` (and without a section they leave empty)."""
    def drop(value) -> bool:
        return (isinstance(value, str) and value in pages) or value == []

    if not isinstance(nav, list):
        return nav
    kept = []
    for item in nav:
        if isinstance(item, dict):
            item = {title: without_pages(value, pages) for title, value in item.items()}
            item = {title: value for title, value in item.items() if not drop(value)}
        if item and not drop(item):
            kept.append(item)
    return kept


class PageFiles:
    """``File.generated`` for the thousands of pages of a build, in a tenth of its time: the
    first is made by MkDocs, and the others like it, with the same attributes but their own
    address, content and inclusion (MkDocs looked up three options and normalised the path
    again for each: 0.12 s of planning 20,000 records). Should MkDocs' generated file have
    other attributes than these, every file is made by MkDocs."""

    SHAPE = frozenset(("src_uri", "src_dir", "dest_dir", "use_directory_urls", "inclusion", "generated_by",
                       "abs_src_path", "_content"))

    def __init__(self, config):
        self.config = config
        self.like: dict | None = None

    def __call__(self, src_uri: str, content: str, inclusion: InclusionLevel) -> File:
        if self.like is None:
            file = File.generated(self.config, src_uri, content=content, inclusion=inclusion)
            shaped = set(vars(file)) == self.SHAPE and file.src_uri == src_uri
            self.like = dict(vars(file)) if shaped else {}
            return file
        if not self.like:
            return File.generated(self.config, src_uri, content=content, inclusion=inclusion)
        file = File.__new__(File)
        file.__dict__.update(self.like, src_uri=src_uri, inclusion=inclusion, _content=content)
        return file
