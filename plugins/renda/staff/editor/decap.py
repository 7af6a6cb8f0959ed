"""Decap CMS's configuration, made from renda's schema so that the form cannot drift from it.

One collection per record type, folder ``records/<type>`` with the year sub-folders the
records use; the fields in canonical order with their Chinese labels and hints; vocabularies
as select widgets, references as relation widgets (a deputy chosen by name, stored as the id,
which is the file name), dates as date widgets writing ``YYYY-MM-DD``, lists and groups of
fields as list and object widgets, required fields required. What the form saves is named and
written in canonical form by the local backend (``local.py``); on a forge, by ``renda fmt``.
"""

from __future__ import annotations

from typing import Any

from ...core.config import Settings
from ...core.schema import RECORD_TYPES
from ...core.schema.types import (
    Bool,
    Choice,
    Date,
    Field,
    FieldType,
    Integer,
    ListOf,
    Number,
    Percent,
    ReceptionDay,
    Ref,
    Struct,
)
from ..writer import field_order

#: Fields the form does not show: the id is the file name, given when the record is saved.
HIDDEN = ("id",)
#: How a record is listed and which field names it, where it has no required title.
LISTING = {
    "deputies": ("name", "{{name}} {{group}}"),
    "stations": ("name", "{{name}}"),
    "meetings": ("kind", "{{date}} {{kind}} {{session}}{{group}}"),
    "replies": ("suggestion", "{{date}} {{handler}} 对 {{suggestion}} 的答复"),
    "rectifications": ("activity", "{{date}} {{unit}} 整改报告"),
}
#: Search and display fields of each record type when another record names it.
SHOWN = {
    "deputies": (["name"], ["name", "group"]),
    "stations": (["name"], ["name"]),
    "meetings": (["title", "session", "date"], ["date", "kind", "session"]),
    "suggestions": (["title"], ["title"]),
    "activities": (["title"], ["date", "title"]),
}
#: Fields the local backend fills in when left empty: the next free number of the year.
PICKED = {("suggestions", "number"), ("projects", "number")}

#: The forges the editor can save to, and whether Decap has the editorial workflow on each
#: (a branch and a pull request per save); without it (Gitea), saves go to a branch of their own.
BACKENDS = {"github": True, "gitlab": True, "forgejo": True, "gitea": False}
#: The options of Decap's backend that ``editor:`` in mkdocs.yml may give besides ``backend``.
BACKEND_KEYS = ("repo", "branch", "base_url", "auth_endpoint", "api_root", "app_id", "auth_type")


def backend_of(options: dict[str, Any]) -> dict[str, Any]:
    """Decap's ``backend`` from the ``editor`` option of the renda plugin, or a ``ValueError``
    saying in Chinese which key is wrong and how to write it."""
    options = dict(options)
    name = options.pop("backend", None)
    if name not in BACKENDS:
        raise ValueError(f"editor.backend 要写 {'、'.join(BACKENDS)} 之一（代码托管平台），“{name}”不对")
    unknown = sorted(set(options) - set(BACKEND_KEYS))
    if unknown:
        raise ValueError(f"editor 里没有 {'、'.join(unknown)} 这一项；可以写：backend、{'、'.join(BACKEND_KEYS)}")
    if not isinstance(options.get("repo"), str) or "/" not in options["repo"]:
        raise ValueError("editor.repo 要写成 所有者/仓库名，如 qingshi-renda/records")
    branch = str(options.get("branch") or "main")
    if not BACKENDS[name] and branch in ("main", "master"):
        raise ValueError(f"{name} 上编辑器没有“每次保存发起合并请求”的流程：请把 editor.branch 设为一个专门的分支"
                         "（如 staff-edits），保存都提交到那里，再由它向 main 发合并请求、审核后合并")
    return {"name": name, **{key: str(value) for key, value in options.items()}, "branch": branch}


def widget(spec: Field, kind: FieldType, settings: Settings, required: bool, item: bool = False) -> dict[str, Any]:
    """The Decap field of ``spec`` typed ``kind`` (its item type inside a list); ``item``: a
    field of a list's item."""
    field: dict[str, Any] = {"name": spec.name, "label": spec.label, "hint": spec.doc,
                             "required": required}
    if isinstance(kind, ListOf):
        item = kind.item
        if isinstance(item, Struct):
            return field | {"widget": "list", "collapsed": False,
                            "fields": [widget(sub, sub.type, settings, sub.required, True) for sub in item.fields]}
        if isinstance(item, (Choice, Ref)):
            return widget(spec, item, settings, required) | {"multiple": True}
        return field | {"widget": "list", "field": widget(spec, item, settings, True, True) | {"label": spec.label}}
    if isinstance(kind, Struct):
        # Inside an optional group nothing is required by the form: an untouched group is
        # left out; a group partly filled in is refused with the missing field named.
        return field | {"widget": "object", "collapsed": False,
                        "fields": [widget(sub, sub.type, settings, sub.required and required, item)
                                   for sub in kind.fields]}
    if isinstance(kind, Ref):
        search, display = SHOWN.get(kind.target, (["title"], ["title"]))
        words = "、".join(RECORD_TYPES[kind.target].field_map[name].label for name in search)
        field["hint"] = f"{spec.doc}在框里输入{words}查找，点选即可。"
        return field | {"widget": "relation", "collection": kind.target, "value_field": "{{filename}}",
                        "search_fields": search, "display_fields": display, "options_length": 200}
    if isinstance(kind, Choice):
        return field | {"widget": "select", "options": list(settings.vocabularies[kind.vocabulary])}
    if isinstance(kind, Date):
        # Empty until chosen; a default in a list's item would make every new record start
        # with one item (Decap fills a list with one item when its fields have defaults).
        blank = {} if item else {"default": ""}
        return field | {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                        "time_format": False} | blank
    if isinstance(kind, Bool):
        return field | {"widget": "boolean"}
    if isinstance(kind, Percent):
        return field | {"widget": "number", "value_type": "int", "min": 0, "max": 100}
    if isinstance(kind, Integer):
        minimum = {"min": kind.minimum} if kind.minimum is not None else {}
        return field | {"widget": "number", "value_type": "int"} | minimum
    if isinstance(kind, Number):
        return field | {"widget": "number", "value_type": "float", "min": 0}
    if isinstance(kind, ReceptionDay):
        return field | {"widget": "string",
                        "pattern": [r"^每(月([1-9]|[12]\d|3[01])日|周[一二三四五六日天]|月(第[一二三四五]|最后一)个周[一二三四五六日天])$",
                                    "写成 每月15日、每周三 或 每月第一个周三"]}
    return field | {"widget": "string"}


def collection(rtype: str, settings: Settings, records_dir: str) -> dict[str, Any]:
    """The Decap collection of one record type."""
    spec = RECORD_TYPES[rtype]
    identifier, summary = LISTING.get(rtype, ("title", "{{title}}"))
    fields = []
    for name in field_order(rtype):
        if name in HIDDEN:
            continue
        field = spec.field_map[name]
        if (rtype, name) in PICKED:
            fields.append(widget(field, field.type, settings, False) | {"hint": field.doc + "不填时自动取下一个编号。"})
        else:
            fields.append(widget(field, field.type, settings, field.required))
    fields.append({"name": "body", "label": "正文", "widget": "markdown", "required": False,
                   "hint": spec.body, "modes": ["raw", "rich_text"]})
    found: dict[str, Any] = {
        "name": rtype, "label": spec.label, "label_singular": spec.label, "description": spec.doc,
        "folder": f"{records_dir}/{rtype}", "extension": "md", "format": "frontmatter",
        "create": True, "delete": False, "identifier_field": identifier,
        # A provisional name: the local backend gives the canonical one (renda new's) on saving.
        "slug": "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}",
        "summary": summary, "fields": fields,
    }
    if spec.year_field:
        # Decap's {{year}} is the year of the record's date field (or of today).
        year = "{{year}}" if spec.dated else "{{fields.%s}}" % spec.year_field
        found["path"] = f"{year}/{{{{slug}}}}"
        found["summary"] = ("{{%s}} " % spec.year_field if spec.dated and rtype not in LISTING else "") + summary
        found["sortable_fields"] = [spec.year_field, identifier]
    else:
        found["sortable_fields"] = [identifier]
    return found


def config(settings: Settings, records_dir: str = "records", backend: dict[str, Any] | None = None,
           site_url: str | None = None) -> dict[str, Any]:
    """The whole ``config.yml``: ``backend`` is the forge's (see ``backend_of``), with the
    editorial workflow where the forge has it; without one, the local backend."""
    found: dict[str, Any] = {
        "backend": dict(backend) if backend else {"name": "proxy", "proxy_url": "http://localhost:8081/api/v1",
                                                   "branch": "main"},
        "publish_mode": "editorial_workflow" if backend and BACKENDS[backend["name"]] else "simple",
        "locale": "zh_Hans",
        "media_folder": f"{records_dir}/attachments",
        "public_folder": "/attachments",
        "editor": {"preview": False},
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [collection(rtype, settings, records_dir) for rtype in RECORD_TYPES],
    }
    if site_url:
        found["site_url"] = found["display_url"] = site_url
    return found


def config_yaml(found: dict[str, Any]) -> str:
    """A configuration as the text of ``config.yml``."""
    import yaml

    return yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=120)


ADMIN_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def admin_page(settings: Settings) -> str:
    """The editor's page: Decap's script only, which reads config.yml beside it."""
    from html import escape

    return ADMIN_PAGE.format(title=escape(f"{settings.township}人大 · 记录编辑"))


def write_admin(folder, settings: Settings, records_dir: str, backend: dict[str, Any], site_url: str | None,
                scripts: list) -> None:
    """The site's ``admin/`` in ``folder``: the editor's page, the generated config.yml and
    the vendored ``scripts`` (Decap's files and licences)."""
    import shutil
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for path in scripts:
        shutil.copyfile(path, folder / path.name)
    (folder / "index.html").write_text(admin_page(settings), encoding="utf-8")
    (folder / "config.yml").write_text(config_yaml(config(settings, records_dir, backend, site_url)), encoding="utf-8")
