"""The field reference for staff (记录格式说明), generated from the schema.

The same text is committed as ``docs/records.md`` (a page of the site); a test regenerates it
and fails when the committed page and the schema disagree.
"""

from __future__ import annotations

from ..core.catalogue import CATALOGUE
from ..core.config import RESULT_LABELS, Settings
from ..core.schema import RECORD_TYPES
from ..core.schema.types import Field, ListOf, Struct


def render(settings: Settings | None = None) -> str:
    """The whole reference page as Markdown."""
    settings = settings or Settings()
    out = [
        "# 记录格式说明",
        "",
        "每条记录是一个 Markdown 文件（.md，UTF-8 编码）。文件开头是 front-matter："
        "第一行写三个减号 `---`，然后每行写一个“字段: 值”（冒号是半角，后面有一个空格），"
        "再写一行 `---`，下面是正文。",
        "",
        "- 日期一律写成 `YYYY-MM-DD`，如 `2024-03-15`；",
        "- 是/否 写 `是`、`否`（或 `true`、`false`）；",
        "- 几个值写成列表：`[甲, 乙]`，或者每行一个 `- 甲`；",
        "- 引用其他记录时写它的编号 id（默认是文件名，不含 `.md`）；",
        "- 状态（建议办理到哪一步、代表是否在任、项目是否完成）由网站根据记录算出，不要另写。",
        "",
        "“必填”一栏为“是”的字段必须写；其余不写就是没有。",
        "",
    ]
    for rtype in RECORD_TYPES.values():
        out += [f"## {rtype.label}（{rtype.name}/）", "", rtype.doc, "", f"正文：{rtype.body}", ""]
        out += ["| 字段 | 名称 | 必填 | 写法 | 说明 | 例子 |", "|---|---|---|---|---|---|"]
        for spec in rtype.fields:
            out += _rows(spec, settings, "")
        out += ["", "例子（" + rtype.example_path + "）：", "", "```yaml", "---"]
        out += [_example_line(spec) for spec in rtype.fields if spec.required]
        out += ["---", "```", ""]
    out += ["## 办理结果分类", "", "| 类 | 含义 |", "|---|---|"]
    out += [f"| {key} | {label} |" for key, label in RESULT_LABELS.items()]
    out += ["", "## 检查提示一览", "",
            "校验发现问题时，会按“文件:行:列: 级别 代码: 说明”的格式逐条列出，"
            "error（错误）必须改正才能发布，warning（警告）请核对。", "",
            "| 代码 | 级别 | 问题 |", "|---|---|---|"]
    out += [f"| {d.code} | {'错误' if d.level == 'error' else '警告'} | {d.title} |"
            for d in CATALOGUE.values()]
    return "\n".join(out) + "\n"


def _rows(spec: Field, settings: Settings, prefix: str) -> list[str]:
    name = prefix + spec.name
    row = (f"| `{name}` | {spec.label} | {'是' if spec.required else ''} | "
           f"{spec.type.describe(settings)} | {spec.doc} | {_cell(spec.example)} |")
    rows = [row]
    inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    if isinstance(inner, Struct):
        sub = f"{name}[]." if isinstance(spec.type, ListOf) else f"{name}."
        for child in inner.fields:
            rows += _rows(child, settings, sub)
    return rows


def _cell(example: str) -> str:
    return "<code>" + example.replace("|", "\\|").replace("\n", "<br>") + "</code>"


def _example_line(spec: Field) -> str:
    return spec.example
