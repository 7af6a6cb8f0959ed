"""Settings of a records repository: vocabularies, rules of office and limits, with defaults.

Vocabularies and rules are data, not code: a township overrides any of them under the
``renda`` plugin in ``mkdocs.yml`` (the CLI reads the same place), so the core, the CLI and
the site always agree.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: Default vocabularies. Each is a list of allowed values for a field of the record schema.
VOCABULARIES: dict[str, list[str]] = {
    "levels": ["镇", "县", "市", "省", "全国"],
    "roles": [
        "主席", "副主席", "主席团成员", "代表小组组长", "代表小组副组长", "代表工作站站长",
    ],
    "genders": ["男", "女"],
    "left_reasons": ["辞职", "罢免", "调离", "去世", "届满", "终止代表资格"],
    "station_levels": ["家", "站", "室"],
    "meeting_kinds": ["人民代表大会", "预备会议", "主席团会议", "代表小组会议"],
    "activity_kinds": [
        "视察", "调研", "执法检查", "站所评议", "专题询问", "学习培训", "外出考察",
        "接待选民", "联系选民", "述职", "代表小组活动", "其他",
    ],
    "opinion_statuses": ["已办结", "办理中", "已转交"],
    "suggestion_kinds": ["议案", "建议"],
    "categories": [
        "经济发展", "农业农村", "城乡建设", "交通运输", "教育", "医疗卫生", "社会保障",
        "生态环境", "文化旅游", "社会治理", "其他",
    ],
    "results": ["A", "B", "C"],
    "satisfactions": ["满意", "基本满意", "不满意"],
    "disclosures": ["public", "internal"],
}

#: Roles whose holders sit on the presidium (主席团).
PRESIDIUM_ROLES = ("主席", "副主席", "主席团成员")

#: What each result class means, shown beside the letter on the site and in messages.
RESULT_LABELS = {"A": "已解决或采纳", "B": "正在解决或列入计划", "C": "留作参考"}

#: Default rules of office and validation limits.
RULES: dict[str, Any] = {
    # 乡镇人大：代表十人以上联名，可以提出议案（地方组织法）.
    "motion_min_cosigners": 10,
    # 承办单位应当自交办之日起三个月内答复.
    "reply_months": 3,
    # 人民代表大会每次会议至少两天（展示用，统计 issue 使用）.
    "session_min_days": 2,
    # 主席团每季度至少召开一次会议.
    "presidium_per_quarter": 1,
    # 每年至少开展视察检查、站所评议的次数，以及算作“视察检查”的活动类型.
    "inspections_per_year": 4,
    "inspection_kinds": ["视察", "执法检查"],
    "evaluations_per_year": 2,
    "evaluation_kinds": ["站所评议"],
    # 统计参与率等代表人数时计入哪些层级的代表.
    "participation_levels": ["镇"],
    # 要写明述职代表（reporters）的活动类型：其分值只计给述职的代表.
    "reporting_kinds": ["述职"],
    # 代表履职任务（“12345”）：能从记录算出的三项.
    "quota": {
        "group_meetings_per_quarter": 1,
        "group_activities_per_year": 4,
        "deputy_suggestions_per_year": 5,
    },
    # 履职积分：每参加一次某类活动的分值，出席会议、领衔和附议建议的分值，缺席扣分.
    "points": {
        "activities": {
            "视察": 3, "调研": 3, "执法检查": 3, "站所评议": 3, "专题询问": 3, "学习培训": 1,
            "外出考察": 1, "接待选民": 2, "联系选民": 2, "述职": 5, "代表小组活动": 2, "其他": 1,
        },
        # 参加述职等活动但没有述职（到会指导、旁听）的代表得分.
        "reporting_audience": 1,
        "meeting_attended": 2,
        # 缺席会议扣分；写明原因（请假）的缺席默认不扣分.
        "meeting_absent": -1,
        "meeting_absent_excused": 0,
        "suggestion_led": 3,
        "suggestion_cosigned": 1,
    },
    # 表决通过所需的过半数以谁为基数：全体代表、主席团成员或出席代表.
    "vote_majority_of": {
        "人民代表大会": "全体代表",
        "预备会议": "全体代表",
        "主席团会议": "主席团成员",
        "代表小组会议": "出席代表",
    },
}

#: Reader limits: bigger or deeper files are refused, not truncated.
LIMITS: dict[str, int] = {
    "max_file_bytes": 1_048_576,
    "max_attachment_bytes": 20 * 1_048_576,
    "max_header_bytes": 65_536,
    "max_depth": 4,
}


def _record_types() -> list[str]:
    from .schema import RECORD_TYPES

    return list(RECORD_TYPES)


@dataclass
class Settings:
    """Everything the core needs to read, validate and link a records tree."""

    township: str = "示例镇"
    term: int | None = None
    default_disclosure: dict[str, str] = field(default_factory=lambda: dict.fromkeys(_record_types(), "public"))
    vocabularies: dict[str, list[str]] = field(default_factory=lambda: copy.deepcopy(VOCABULARIES))
    rules: dict[str, Any] = field(default_factory=lambda: dict(RULES))
    limits: dict[str, int] = field(default_factory=lambda: dict(LIMITS))
    #: Ledger column headers to use instead of the defaults: {ledger: {header: field}}.
    ledger_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Office telephone numbers that may appear in public text (digits only, with area code).
    office_phones: list[str] = field(default_factory=list)
    #: The date "now" for "nothing dated in the future" and overdue checks; None means today.
    today: dt.date | None = None
    #: Hosts whose images public pages may show (every visitor's browser would contact them);
    #: none by default: the site makes no request elsewhere.
    remote_hosts: frozenset[str] = frozenset()
    #: Publish the deputies' duty points and their ranking (off: points are an internal basis,
    #: e.g. for 先进代表评选, shown on the staff site only).
    publish_ranking: bool = False

    def current_date(self) -> dt.date:
        """The date that counts as today for this run."""
        return self.today or dt.date.today()

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> "Settings":
        """Build settings from the plugin's options in ``mkdocs.yml`` (a plain mapping).

        Vocabularies, rules, limits and default disclosures given there replace the defaults
        key by key; anything not given keeps its default.
        """
        settings = cls()
        data = data or {}
        if "township" in data:
            settings.township = str(data["township"])
        if data.get("term") is not None:
            if not str(data["term"]).isdigit():
                raise ValueError(f"term（届次）要写数字，如 18 表示第十八届，“{data['term']}”不对")
            settings.term = int(data["term"])
        if data.get("ledger_columns"):
            settings.ledger_columns = {str(k): dict(v) for k, v in data["ledger_columns"].items()}
        if data.get("office_phones"):
            settings.office_phones = ["".join(ch for ch in str(p) if ch.isdigit())
                                      for p in data["office_phones"]]
        if "publish_ranking" in data:
            if not isinstance(data["publish_ranking"], bool):
                raise ValueError(f"publish_ranking 只能写 true 或 false，“{data['publish_ranking']}”不对")
            settings.publish_ranking = data["publish_ranking"]
        if data.get("remote_hosts"):
            settings.remote_hosts = frozenset(str(host).strip().lower() for host in data["remote_hosts"])
        for name, values in (data.get("vocabularies") or {}).items():
            if name not in settings.vocabularies:
                raise ValueError(f"未知的词表 {name!r}；可用的词表：{'、'.join(settings.vocabularies)}")
            settings.vocabularies[name] = [str(v) for v in values]
        for attr in ("rules", "limits", "default_disclosure"):
            overrides = data.get(attr) or {}
            target = getattr(settings, attr)
            for key, value in overrides.items():
                if key not in target:
                    raise ValueError(f"{attr} 中没有 {key!r} 这一项；可用：{'、'.join(target)}")
                target[key] = _merged(target[key], value)
        if data.get("today"):
            today = data["today"]
            try:
                settings.today = today if isinstance(today, dt.date) else dt.date.fromisoformat(str(today))
            except ValueError:
                raise ValueError(f"today 要写成 YYYY-MM-DD，“{today}”不对") from None
        return settings


def _merged(default: Any, given: Any) -> Any:
    """``given`` over ``default``; nested mappings (quota, points) merge key by key."""
    if isinstance(default, dict) and isinstance(given, dict):
        merged = dict(default)
        for key, value in given.items():
            merged[key] = _merged(default.get(key), value)
        return merged
    return given


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as ``!ENV`` or ``!!python/name``."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(mkdocs_yml: Path) -> dict[str, Any]:
    """The options of the ``renda`` plugin in an ``mkdocs.yml``, or ``{}`` when absent."""
    with open(mkdocs_yml, encoding="utf-8-sig") as handle:
        data = yaml.load(handle, Loader=_TolerantLoader) or {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "renda" in entry:
            return entry["renda"] or {}
    return {}
