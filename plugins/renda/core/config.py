"""Settings of a records repository: vocabularies, rules of office and limits, with defaults.

Vocabularies and rules are data, not code: a township overrides any of them under the
``renda`` plugin in ``mkdocs.yml`` (the CLI reads the same place), so the core, the CLI and
the site always agree.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import typing
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
    # Who else's suggestions the town handles when they are assigned to it (上级交办).
    "outside_proposers": ["县人大代表", "市人大代表", "省人大代表", "全国人大代表", "政协委员"],
    "categories": [
        "经济发展", "农业农村", "城乡建设", "交通运输", "教育", "医疗卫生", "社会保障",
        "生态环境", "文化旅游", "社会治理", "其他",
    ],
    "results": ["A", "B", "C"],
    "satisfactions": ["满意", "基本满意", "不满意"],
    "disclosures": ["public", "internal"],
}

#: What each result class means, shown beside the letter on the site and in messages.
RESULT_LABELS = {"A": "已解决或采纳", "B": "正在解决或列入计划", "C": "留作参考"}

# Rules of office, limits and the words the code gives a meaning to: typed, with defaults ---------


@dataclass
class Quota:
    """代表履职任务（“12345”）：能从记录算出的几项."""

    #: 每个代表小组每季度至少开会的次数.
    group_meetings_per_quarter: int = 1
    #: 每个代表小组每年至少开展活动的次数.
    group_activities_per_year: int = 4
    #: 每位代表每年至少提出建议或意见的件数（领衔、附议的议案建议和反映的群众意见）.
    deputy_suggestions_per_year: int = 5
    #: 每位代表每年撰写心得体会的篇数（代表记录的 reflections）；0 表示不考核，不显示这一项.
    deputy_reflections_per_year: int = 0


@dataclass
class Points:
    """履职积分：每参加一次某类活动的分值，出席会议、领衔和附议建议的分值，缺席扣分."""

    activities: dict[str, int] = field(default_factory=lambda: {
        "视察": 3, "调研": 3, "执法检查": 3, "站所评议": 3, "专题询问": 3, "学习培训": 1,
        "外出考察": 1, "接待选民": 2, "联系选民": 2, "述职": 5, "代表小组活动": 2, "其他": 1,
    })
    #: 参加述职等活动但没有述职（到会指导、旁听）的代表得分.
    reporting_audience: int = 1
    meeting_attended: int = 2
    #: 缺席会议扣分；写明原因（请假）的缺席默认不扣分.
    meeting_absent: int = -1
    meeting_absent_excused: int = 0
    suggestion_led: int = 3
    suggestion_cosigned: int = 1


#: Whose majority passes a vote (the values ``vote_majority_of`` may take).
ALL_DEPUTIES, PRESIDIUM_MEMBERS, PRESENT_DEPUTIES = MAJORITY_BASES = ("全体代表", "主席团成员", "出席代表")


@dataclass
class Rules:
    """Rules of office the site checks and the figures count by."""

    #: 乡镇人大：代表十人以上联名，可以提出议案（地方组织法）.
    motion_min_cosigners: int = 10
    #: 承办单位应当自交办之日起三个月内答复.
    reply_months: int = 3
    #: 人民代表大会每次会议至少两天.
    session_min_days: int = 2
    #: 主席团每季度至少召开会议的次数.
    presidium_per_quarter: int = 1
    #: 每年至少开展视察检查、站所评议的次数，以及算作“视察检查”“站所评议”的活动类型.
    inspections_per_year: int = 4
    inspection_kinds: list[str] = field(default_factory=lambda: ["视察", "执法检查"])
    evaluations_per_year: int = 2
    evaluation_kinds: list[str] = field(default_factory=lambda: ["站所评议"])
    #: 工作报告“监督工作”一节列出的活动类型.
    supervision_kinds: list[str] = field(default_factory=lambda: ["视察", "执法检查", "站所评议", "专题询问", "调研"])
    #: 统计参与率等代表人数时计入哪些层级的代表.
    participation_levels: list[str] = field(default_factory=lambda: ["镇"])
    #: 要写明述职代表（reporters）的活动类型：其分值只计给述职的代表.
    reporting_kinds: list[str] = field(default_factory=lambda: ["述职"])
    quota: Quota = field(default_factory=Quota)
    points: Points = field(default_factory=Points)
    #: 表决通过所需的过半数以谁为基数：全体代表、主席团成员或出席代表.
    vote_majority_of: dict[str, str] = field(default_factory=lambda: {
        "人民代表大会": "全体代表", "预备会议": "全体代表", "主席团会议": "主席团成员", "代表小组会议": "出席代表",
    })


@dataclass
class Limits:
    """Reader limits: bigger or deeper files are refused, not truncated."""

    max_file_bytes: int = 1_048_576
    max_attachment_bytes: int = 20 * 1_048_576
    max_header_bytes: int = 65_536
    max_depth: int = 4


LIMITS = Limits()


@dataclass
class Terms:
    """The values of the vocabularies that rules and figures give a meaning to. A township
    that renames one in its vocabulary names it here too (each must be in its vocabulary)."""

    #: 本级（镇）人大代表的层级 (levels).
    township_level: str = "镇"
    #: 县级人大代表的层级 (levels), counted on the home page.
    county_level: str = "县"
    #: 职务 (roles) whose holders sit on the presidium (主席团).
    presidium_roles: list[str] = field(default_factory=lambda: ["主席", "副主席", "主席团成员"])
    #: 职务 (roles) of a group's leader, named first in the group's list.
    group_leader: str = "代表小组组长"
    #: 性别 (genders), as the open data spells them (male, female).
    male: str = "男"
    female: str = "女"
    #: 代表之家（站、室）的类别 (station_levels) and the full name each stands for.
    station_levels: dict[str, str] = field(default_factory=lambda: {"家": "代表之家", "站": "代表工作站",
                                                                    "室": "代表联络室"})
    #: 会议类型 (meeting_kinds): 人民代表大会会议, 预备会议, 主席团会议, 代表小组会议.
    congress: str = "人民代表大会"
    preparatory: str = "预备会议"
    presidium: str = "主席团会议"
    group_meeting: str = "代表小组会议"
    #: 议案和建议 (suggestion_kinds).
    motion: str = "议案"
    suggestion: str = "建议"
    #: 提出人身份 (outside_proposers) whose items the town handles as 提案, not 建议.
    proposal_roles: list[str] = field(default_factory=lambda: ["政协委员"])
    #: 活动类型 (activity_kinds) the work report names under 自身建设.
    training: str = "学习培训"
    study_tour: str = "外出考察"
    #: 群众意见的办理情况 (opinion_statuses): 已办结, 办理中, 已转交.
    resolved: str = "已办结"
    in_progress: str = "办理中"
    referred: str = "已转交"


@dataclass
class Office:
    """Who runs the site, as every page's footer names them (主办单位 and how to reach them)."""

    #: 主办单位; empty: “{township}人民代表大会主席团”.
    name: str = ""
    address: str = ""
    #: The office telephone: shown in the footer, and allowed in public text like office_phones.
    phone: str = ""
    #: Office hours, e.g. 工作日 8:30—17:30.
    hours: str = ""


@dataclass
class Registration:
    """The registration lines Chinese government sites carry in their footer; each shown only
    when set, linked where the regulator expects it."""

    #: ICP 备案号, e.g. 浙ICP备12345678号-1 (linked to beian.miit.gov.cn).
    icp: str = ""
    #: 公安机关备案号, e.g. 浙公网安备33010602000001号 (linked to the record on beian.mps.gov.cn).
    police: str = ""
    #: 政府网站标识码, e.g. 3301000001.
    site_code: str = ""


#: Which vocabulary each term belongs to.
_TERM_VOCABULARIES = {"township_level": "levels", "county_level": "levels", "presidium_roles": "roles",
                      "group_leader": "roles", "male": "genders", "female": "genders", "station_levels": "station_levels",
                      "training": "activity_kinds", "study_tour": "activity_kinds",
                      "congress": "meeting_kinds", "preparatory": "meeting_kinds",
                      "presidium": "meeting_kinds", "group_meeting": "meeting_kinds", "motion": "suggestion_kinds",
                      "suggestion": "suggestion_kinds", "proposal_roles": "outside_proposers",
                      "resolved": "opinion_statuses",
                      "in_progress": "opinion_statuses", "referred": "opinion_statuses"}


def _record_types() -> list[str]:
    from .schema import RECORD_TYPES

    return list(RECORD_TYPES)


@dataclass
class Settings:
    """Everything the core needs to read, validate and link a records tree; the ``renda``
    plugin's options in ``mkdocs.yml`` (the CLI reads the same place) give it its values."""

    township: str = "示例镇"
    term: int | None = None
    default_disclosure: dict[str, str] = field(default_factory=lambda: dict.fromkeys(_record_types(), "public"))
    vocabularies: dict[str, list[str]] = field(default_factory=lambda: copy.deepcopy(VOCABULARIES))
    rules: Rules = field(default_factory=Rules)
    limits: Limits = field(default_factory=Limits)
    terms: Terms = field(default_factory=Terms)
    office: Office = field(default_factory=Office)
    registration: Registration = field(default_factory=Registration)
    #: Ledger column headers to use instead of the defaults: {ledger: {header: field}}.
    ledger_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Office telephone numbers that may appear in public text (digits only, with area code).
    office_phones: list[str] = field(default_factory=list)
    #: 选区 and the villages (communities, units) each takes in, in the order a resident looks
    #: for them: {constituency as the deputies' records write it: [village, …]} (“我的代表”).
    constituencies: dict[str, list[str]] = field(default_factory=dict)
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

        A value given replaces its default; mappings (vocabularies, rules, points, default
        disclosures) are merged key by key. A wrong value is a ``ValueError`` saying in
        Chinese which option and why; options that are not the core's are left alone."""
        settings = cls()
        data = data or {}
        if "township" in data:
            settings.township = _text(data["township"], "township")
        if data.get("term") is not None:
            if isinstance(data["term"], bool) or not str(data["term"]).isdigit():
                raise ValueError(f"term（届次）要写数字，如 18 表示第十八届，“{data['term']}”不对")
            settings.term = int(data["term"])
        if data.get("ledger_columns"):
            columns = _mapping(data["ledger_columns"], "ledger_columns")
            settings.ledger_columns = {str(k): {str(h): _text(f, f"ledger_columns.{k}.{h}") for h, f in
                                               _mapping(v, f"ledger_columns.{k}").items()} for k, v in columns.items()}
        if data.get("office_phones"):
            settings.office_phones = ["".join(ch for ch in str(p) if ch.isdigit())
                                      for p in _list(data["office_phones"], "office_phones")]
        if data.get("constituencies"):
            settings.constituencies = {
                str(name): [_text(v, f"constituencies.{name}") for v in _list(villages, f"constituencies.{name}")]
                for name, villages in _mapping(data["constituencies"], "constituencies").items()}
        if "publish_ranking" in data:
            settings.publish_ranking = _typed(bool, data["publish_ranking"], "publish_ranking", False)
        if data.get("remote_hosts"):
            settings.remote_hosts = frozenset(str(host).strip().lower()
                                              for host in _list(data["remote_hosts"], "remote_hosts"))
        for name, values in _mapping(data.get("vocabularies") or {}, "vocabularies").items():
            if name not in settings.vocabularies:
                raise ValueError(f"未知的词表 {name!r}；可用的词表：{'、'.join(settings.vocabularies)}")
            settings.vocabularies[name] = [str(v) for v in _list(values, f"vocabularies.{name}")]
        for name, value in _mapping(data.get("default_disclosure") or {}, "default_disclosure").items():
            if name not in settings.default_disclosure:
                raise ValueError(f"default_disclosure 中没有 {name!r} 这一项；可用：{'、'.join(settings.default_disclosure)}")
            if value not in ("public", "internal"):
                raise ValueError(f"default_disclosure.{name} 只能写 public 或 internal，“{value}”不对")
            settings.default_disclosure[name] = value
        for name in ("rules", "limits", "terms", "office", "registration"):
            if data.get(name):
                setattr(settings, name, _build(type(getattr(settings, name)), data[name], name))
        phone = "".join(ch for ch in settings.office.phone if ch.isdigit())
        if phone and phone not in settings.office_phones:
            settings.office_phones.append(phone)
        if data.get("today"):
            today = data["today"]
            try:
                settings.today = today if isinstance(today, dt.date) else dt.date.fromisoformat(str(today))
            except ValueError:
                raise ValueError(f"today 要写成 YYYY-MM-DD，“{today}”不对") from None
        settings._check_words(data.get("terms") or {}, data.get("rules") or {})
        return settings

    def _check_words(self, terms: dict, rules: dict) -> None:
        """Every word the mkdocs.yml gives as a term or in a rule must be in its vocabulary
        (the defaults may name words a township's narrower vocabulary leaves out: they then
        simply count nothing)."""
        vocab = self.vocabularies
        for term, vocabulary in _TERM_VOCABULARIES.items():
            values = getattr(self.terms, term)
            wrong = [v for v in (values if isinstance(values, (list, dict)) else [values]) if v not in vocab[vocabulary]]
            if term in terms and wrong:
                raise ValueError(f"terms.{term} 里的“{'、'.join(wrong)}”不在词表 {vocabulary}（{'、'.join(vocab[vocabulary])}）里。"
                                 "改了词表就要同时改这里")
        for name, vocabulary in (("inspection_kinds", "activity_kinds"), ("evaluation_kinds", "activity_kinds"),
                                 ("supervision_kinds", "activity_kinds"), ("reporting_kinds", "activity_kinds"),
                                 ("participation_levels", "levels")):
            wrong = [v for v in getattr(self.rules, name) if v not in vocab[vocabulary]] if name in rules else []
            if wrong:
                raise ValueError(f"rules.{name} 里的“{'、'.join(wrong)}”不在词表 {vocabulary} 里")
        given = ((rules.get("points") or {}).get("activities") or {}) if isinstance(rules.get("points"), dict) else {}
        wrong = [k for k in given if k not in vocab["activity_kinds"]]
        if wrong:
            raise ValueError(f"rules.points.activities 里的“{'、'.join(wrong)}”不是活动类型（activity_kinds）")
        for kind, base in self.rules.vote_majority_of.items():
            if base not in MAJORITY_BASES:
                raise ValueError(f"rules.vote_majority_of.{kind} 只能是 {'、'.join(MAJORITY_BASES)} 之一，“{base}”不对")


_KIND_WORDS = {int: "整数", bool: "true 或 false", str: "一段文字", float: "数字"}


def _typed(kind: Any, value: Any, path: str, default: Any) -> Any:
    """``value`` as the type ``kind`` (a dataclass, int, bool, str, list[str] or a mapping of
    str to one of them), merged over ``default`` for mappings; a ValueError names ``path``."""
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, path, default)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_typed(item, v, f"{path}[{i}]", None) for i, v in enumerate(_list(value, path))]
    if origin is dict:
        _, item = typing.get_args(kind)
        merged = dict(default or {})
        for key, v in _mapping(value, path).items():
            merged[str(key)] = _typed(item, v, f"{path}.{key}", merged.get(str(key)))
        return merged
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{path} 只能写 true 或 false，“{value}”不对")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{path} 要写整数，“{value}”不对")
        return value
    if kind is str:
        return _text(value, path)
    raise TypeError(f"unsupported setting type {kind!r} at {path}")  # pragma: no cover - a developer's error


def _build(cls: type, value: Any, path: str, default: Any = None) -> Any:
    """An instance of dataclass ``cls`` from the mapping ``value``, each given key typed and
    merged over ``default`` (or the class's defaults)."""
    default = default if default is not None else cls()
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    given = {}
    for key, item in _mapping(value, path).items():
        if key not in names:
            raise ValueError(f"{path} 中没有 {key!r} 这一项；可用：{'、'.join(names)}")
        given[key] = _typed(hints[key], item, f"{path}.{key}", getattr(default, key))
    return dataclasses.replace(default, **given)


def _mapping(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{path} 要写成“名称: 值”的一组设置，“{value}”不对")
    return value


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"{path} 要写成列表，例如 [甲, 乙]，“{value}”不对")
    return value


def _text(value: Any, path: str) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError(f"{path} 要写一段文字，“{value}”不对")
    return str(value)


@dataclass(frozen=True)
class Option:
    """One option of the ``renda`` plugin in ``mkdocs.yml``, declared once: the MkDocs
    adapter's configuration schema is made from these, the README documents each (a test
    checks), and ``Settings.from_mapping`` reads the core's from the same mapping."""

    name: str
    #: The YAML type(s) the option takes (a mapping's and a list's content are checked by
    #: ``Settings.from_mapping``, with the option named in Chinese).
    kind: Any
    #: None: optional, no default.
    default: Any
    doc: str
    #: The values a choice may take.
    choices: tuple[str, ...] = ()
    #: An option of the site build only (the adapter's), not of the records' settings.
    site: bool = False


OPTIONS: tuple[Option, ...] = (
    Option("enabled", bool, True, "Turn the plugin off without removing it.", site=True),
    Option("records_dir", str, "records", "The records folder, relative to mkdocs.yml.", site=True),
    Option("township", str, "示例镇", "The township's name, shown on the site."),
    Option("term", int, None, "The current term (届) number, e.g. 18 for 第十八届."),
    Option("today", (str, dt.date), None, "Pretend today is this date (YYYY-MM-DD); for reproducible builds and tests."),
    Option("search", bool, True, "Write the search index of the shown records and pages.", site=True),
    Option("internal", bool, False, "Build the internal site for staff: internal records are shown too, and marked.",
           site=True),
    Option("vocabularies", dict, {}, "Replacements for the default vocabularies (activity_kinds, categories, …)."),
    Option("rules", dict, {}, "Rules of office, e.g. motion_min_cosigners, reply_months, points."),
    Option("limits", dict, {}, "Reader limits: max_file_bytes, max_header_bytes, max_depth."),
    Option("terms", dict, {}, "The vocabulary values rules and figures give a meaning to (a renamed one)."),
    Option("default_disclosure", dict, {}, "Default disclosure per record type: public or internal."),
    Option("ledger_columns", dict, {}, "Excel ledger headers to use instead of the defaults: {ledger: {header: field}}."),
    Option("office_phones", list, [], "Office telephone numbers that public records may show."),
    Option("office", dict, {}, "The footer's 主办单位: name, address, phone, hours."),
    Option("registration", dict, {}, "The footer's registration lines: icp, police, site_code (each shown when set)."),
    Option("qr_codes", bool, True, "A QR code of its own address on every deputy, station and suggestion page (needs site_url).",
           site=True),
    Option("share_image", str, None, "The picture of the share card (WeChat, Open Graph), a path in docs/.", site=True),
    Option("constituencies", dict, {}, "选区 and the villages each takes in: {constituency: [village, …]} (我的代表)."),
    Option("publish_ranking", bool, False, "Publish the deputies' duty points and their ranking."),
    Option("remote_hosts", list, [], "Hosts whose images public pages may show."),
    Option("pdf", list, [], "Dossiers to print as PDF during the build: report, deputies, suggestions, meetings.",
           site=True),
    Option("data_licence", str, "CC BY 4.0", "The licence of the open data.", site=True),
    Option("provenance", bool, True, "Read the records' history from Git: publication, approval, corrections.",
           site=True),
    Option("commit_url", str, None, "Link a record's version to the forge, e.g. https://…/commit/{hash}.", site=True),
    Option("editor", dict, {}, "The browser editor at admin/: {backend: github, gitlab, forgejo or gitea; repo; branch; "
           "base_url, auth_endpoint, api_root, app_id, auth_type as Decap CMS names them}.", site=True),
    Option("release", bool, False, "A build for publication: Git release checks are errors.", site=True),
    Option("reviewed_merges", str, "warn", "Records that reached main without a reviewed merge: off, warn, error.",
           choices=("off", "warn", "error"), site=True),
)


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
