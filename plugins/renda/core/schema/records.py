"""The record types: their folders, fields and the Chinese documentation for staff.

This is the contract with the people who write the records. The field reference page
(``renda fields``) is generated from these declarations, so documentation and validation
cannot disagree. Derived state (a suggestion's status, whether a deputy is serving, whether a
project is done) has no field here on purpose: it is computed in ``corpus``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .types import (
    Bool,
    Choice,
    Date,
    Field,
    Id,
    Integer,
    ListOf,
    Number,
    Percent,
    ReceptionDay,
    Ref,
    Struct,
    Text,
)


@dataclass(frozen=True)
class RecordType:
    """A kind of record: one folder of ``records/``, one Markdown file per record."""

    name: str  # folder name and type key
    label: str  # Chinese name
    doc: str  # what a record of this type is, for staff
    body: str  # what the Markdown body holds
    fields: tuple[Field, ...]
    #: The field whose year names the year folder; None for undated types.
    year_field: str | None = None
    example_path: str = ""
    #: The site's section for the type: its title, the template of its index page (None: no
    #: index of its own), of one record's page and of a year's list (dated types with lists).
    section: str = ""
    index_template: str | None = None
    page_template: str = ""
    year_template: str | None = None
    #: ``renda new COMMAND`` and the fields it asks for, in order (``number`` is picked).
    command: str = ""
    essentials: tuple[str, ...] = ()

    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def dated(self) -> bool:
        """Whether its records are filed by a day (a project only has its year)."""
        return bool(self.year_field) and isinstance(self.field_map[self.year_field].type, Date)

    @cached_property
    def references(self) -> tuple[tuple[str, str], ...]:
        """(dotted field path, type it names) of every reference field, from the schema's
        ``Ref`` types: ``("absent.deputy", "deputies")`` for the deputy of each absence."""
        found = []
        for spec in self.fields:
            kind = spec.type
            inner = kind.item if isinstance(kind, ListOf) else kind
            if isinstance(inner, Ref):
                found.append((spec.name, inner.target))
            elif isinstance(inner, Struct):
                found += [(f"{spec.name}.{sub.name}", sub.type.target) for sub in inner.fields
                          if isinstance(sub.type, Ref)]
        return tuple(found)

    @cached_property
    def past_date_fields(self) -> tuple[str, ...]:
        """The fields that hold a date, alone, in a list or in a group of fields, and that
        cannot lie in the future (a deadline may)."""
        return tuple(f.name for f in self.fields if _holds_date(f.type) and not f.future)


def _holds_date(kind) -> bool:
    if isinstance(kind, Date):
        return True
    if isinstance(kind, ListOf):
        return _holds_date(kind.item)
    if isinstance(kind, Struct):
        return any(_holds_date(f.type) for f in kind.fields)
    return False


def _common(title_required: bool, title_doc: str, title_example: str) -> tuple[Field, ...]:
    return (
        Field("id", Id(), "编号",
              "记录的唯一编号，也是网址的一部分，发布后不要再改。不写时取文件名（不含 .md）。",
              "id: 2024-001"),
        Field("title", Text(), "标题", title_doc, title_example, required=title_required),
        Field("disclosure", Choice(vocabulary="disclosures"), "公开属性",
              "public 表示公开发布，internal 表示只供内部查看、不上公开网站。不写时按配置的默认值（通常为 public）。",
              "disclosure: internal"),
        Field("attachments", ListOf(item=Struct(fields=(
            Field("file", Text(), "文件", "附件在 records/attachments/ 下的路径。",
                  "file: 2024/2024-01-17-政府工作报告.pdf", required=True),
            Field("title", Text(), "附件名称", "网页上显示的名称，不写时用文件名。",
                  "title: 镇人民政府工作报告"),
        ))), "附件", "随记录公开的文件（PDF、图片、Office 文档），放在 records/attachments/ 下。",
            "attachments:\n  - file: 2024/2024-01-17-政府工作报告.pdf\n    title: 镇人民政府工作报告"),
        Field("allow_personal_data", Text(), "允许公开联系方式的理由",
              "确需公开单位电话、邮箱或地址时写明理由；写了以后，电话、邮箱、地址不再报错。身份证号和银行卡号任何时候都不能公开。",
              "allow_personal_data: 代表联络室的办公电话，经主席团同意公开"),
    )


_DEPUTY_REFS = ListOf(item=Ref(target="deputies"))

#: The votes of a 测评 (an evaluation by the deputies): of a supervised unit, of a project.
_EVALUATION_VOTES = (
    Field("satisfied", Integer(), "满意", "满意票数。", "satisfied: 17", required=True),
    Field("basically_satisfied", Integer(), "基本满意", "基本满意票数，没有写 0 或不写。",
          "basically_satisfied: 6"),
    Field("dissatisfied", Integer(), "不满意", "不满意票数，没有写 0 或不写。", "dissatisfied: 1"),
)

DEPUTIES = RecordType(
    name="deputies", label="代表",
    doc="一位人大代表一个文件，放在 deputies/ 文件夹，文件名建议用姓名拼音，如 zhang-wei.md。"
        "同一人同时是镇、县代表时只建一个文件，在 levels 里写两级。",
    body="代表简介：工作经历、联系的选区和村组等，可不写。",
    example_path="deputies/zhang-wei.md",
    section='代表',
    index_template='deputies.html',
    page_template='deputy.html',
    command='deputy',
    essentials=('name', 'gender', 'levels', 'group', 'constituency', 'term_start'),
    fields=_common(False, "不写时用姓名。", "title: 张伟代表") + (
        Field("name", Text(), "姓名", "代表的姓名。", "name: 张伟", required=True),
        Field("levels", ListOf(item=Choice(vocabulary="levels")), "代表层级",
              "是哪一级人大的代表，可以写几级。", "levels: [镇, 县]", required=True),
        Field("term", Integer(minimum=1), "届次",
              "第几届，写数字：18 表示第十八届。不写时取配置里的本届届次。", "term: 18"),
        Field("constituency", Text(), "选区", "选出该代表的选区。", "constituency: 第三选区（红星村）"),
        Field("group", Text(), "代表小组", "所在的代表小组。", "group: 第一代表小组"),
        Field("roles", ListOf(item=Choice(vocabulary="roles")), "职务",
              "在人大的职务，可以写几项；普通代表不写。", "roles: [主席团成员, 代表小组组长]"),
        Field("gender", Choice(vocabulary="genders"), "性别", "男 或 女。", "gender: 女", required=True),
        Field("ethnicity", Text(), "民族", "民族全称。", "ethnicity: 汉族"),
        Field("party", Text(), "政治面貌", "如 中共党员、群众、民盟盟员。", "party: 中共党员"),
        Field("occupation", Text(), "工作单位及职务", "代表的工作单位和职务。",
              "occupation: 红星村党支部书记、村委会主任"),
        Field("term_start", Date(), "任职日期", "当选（或补选）为代表的日期。",
              "term_start: 2021-12-28", required=True),
        Field("term_end", Date(), "离任日期",
              "不再担任代表的日期。仍在任的代表不写；是否在任由网站按日期算出，不要另写。",
              "term_end: 2024-06-30"),
        Field("left_reason", Choice(vocabulary="left_reasons"), "离任原因",
              "写了离任日期就要写原因。", "left_reason: 调离"),
        Field("reflections", ListOf(item=Struct(fields=(
            Field("date", Date(), "日期", "写成或交来的日期。", "date: 2025-06-30", required=True),
            Field("title", Text(), "题目", "心得体会的题目。", "title: 当好群众的代言人", required=True),
        ))), "心得体会", "代表撰写的履职心得体会（“12345”要求每年若干篇），按日期先后写，每篇一条。",
            "reflections:\n  - date: 2025-06-30\n    title: 当好群众的代言人"),
    ),
)

STATIONS = RecordType(
    name="stations", label="代表之家（站、室）",
    doc="一个代表之家、代表工作站或代表联络室一个文件，放在 stations/ 文件夹。",
    body="介绍：场所、制度、开展活动的方式。",
    example_path="stations/hongxing.md",
    section='代表之家',
    index_template='stations.html',
    page_template='station.html',
    command='station',
    essentials=('name', 'level', 'address', 'reception_days'),
    fields=_common(False, "不写时用名称。", "title: 红星村代表联络室") + (
        Field("name", Text(), "名称", "阵地的名称。", "name: 红星村代表联络室", required=True),
        Field("level", Choice(vocabulary="station_levels"), "类别",
              "家 = 代表之家，站 = 代表工作站，室 = 代表联络室。", "level: 室", required=True),
        Field("address", Text(), "地址", "办公地点（单位地址，不写私人住址）。",
              "address: 青石镇红星村村民委员会二楼"),
        Field("deputies", _DEPUTY_REFS, "进站代表", "在此接待选民的代表编号。",
              "deputies: [zhang-wei, li-fang]"),
        Field("group", Text(), "代表小组", "对应的代表小组。", "group: 第一代表小组"),
        Field("villages", ListOf(item=Text()), "服务的村（社区）",
              "到这里反映意见的村、社区；“我的代表”页按村查找时，告诉居民到哪个站、哪天来。",
              "villages: [红星村, 红旗村]"),
        Field("reception_days", ListOf(item=ReceptionDay()), "接待日",
              "固定的代表接待选民日，可写几个：每月N日、每周X、每月第N个周X、每月最后一个周X。", "reception_days: [每月15日]"),
        Field("opened", Date(), "建成日期", "挂牌启用的日期。", "opened: 2022-05-20"),
    ),
)

_VOTE_COUNTS = (
    Field("for", Integer(), "赞成票", "赞成票数。", "for: 62", required=True),
    Field("against", Integer(), "反对票", "反对票数，没有写 0 或不写。", "against: 0"),
    Field("abstain", Integer(), "弃权票", "弃权票数，没有写 0 或不写。", "abstain: 1"),
)

MEETINGS = RecordType(
    name="meetings", label="会议",
    doc="一次会议一个文件，放在 meetings/年份/ 文件夹，文件名建议“日期-简称”，如 "
        "2024-01-15-rd.md。人民代表大会会期几天的，写开始日期 date 和结束日期 end。",
    body="会议纪要：会议议程、讨论情况、决定事项。",
    year_field="date",
    example_path="meetings/2024/2024-01-15-rd.md",
    section='会议',
    index_template='years.html',
    page_template='meeting.html',
    year_template='meetings_year.html',
    command='meeting',
    essentials=('kind', 'date', 'session', 'group', 'place'),
    fields=_common(False, "不写时用“会次”或“日期 + 会议类型”。",
                   "title: 第三次主席团会议") + (
        Field("kind", Choice(vocabulary="meeting_kinds"), "会议类型", "会议的类型。",
              "kind: 主席团会议", required=True),
        Field("date", Date(), "日期", "会议（开始）日期。", "date: 2024-01-15", required=True),
        Field("end", Date(), "结束日期", "会期超过一天时写结束日期。", "end: 2024-01-16"),
        Field("session", Text(), "会次", "人民代表大会和预备会议写明第几届第几次会议。",
              "session: 第十八届人民代表大会第三次会议"),
        Field("group", Text(), "代表小组", "代表小组会议写小组名称。", "group: 第一代表小组"),
        Field("place", Text(), "地点", "开会地点。", "place: 镇政府三楼会议室"),
        Field("host", Ref(target="deputies"), "主持人", "主持会议的代表编号。", "host: wang-jun"),
        Field("attendees", _DEPUTY_REFS, "出席代表",
              "出席的代表编号。写了名单就不必写人数，网站会算。",
              "attendees: [zhang-wei, li-fang, wang-jun]"),
        Field("attendance", Struct(fields=(
            Field("expected", Integer(), "应到人数", "应到人数。", "expected: 67", required=True),
            Field("present", Integer(), "实到人数", "实到人数。", "present: 62", required=True),
        )), "出席人数", "没有逐人名单时只写人数。",
            "attendance:\n  expected: 67\n  present: 62"),
        Field("absent", ListOf(item=Struct(fields=(
            Field("deputy", Ref(target="deputies"), "缺席代表", "缺席代表的编号。",
                  "deputy: zhao-lei", required=True),
            Field("reason", Text(), "缺席原因", "请假原因。", "reason: 因病请假"),
        ))), "缺席代表", "缺席的代表和原因。",
            "absent:\n  - deputy: zhao-lei\n    reason: 因病请假"),
        Field("agenda", ListOf(item=Text()), "议程", "会议议程，每项一行。",
              "agenda:\n  - 听取和审议镇人民政府工作报告"),
        Field("reviewed", ListOf(item=Text()), "听取审议的报告",
              "会上听取、审议的报告（政府工作报告、财政预决算报告、专项工作报告等）。",
              "reviewed: [镇人民政府工作报告, 2023年财政决算和2024年财政预算报告]"),
        Field("votes", ListOf(item=Struct(fields=(
            Field("item", Text(), "表决事项", "表决的事项。", "item: 关于镇人民政府工作报告的决议",
                  required=True),
        ) + _VOTE_COUNTS + (
            Field("passed", Bool(), "是否通过",
                  "会上宣布的结果。不写时按赞成票是否超过全体代表的半数算出。", "passed: 是"),
        ))), "表决", "每项表决的事项和票数。",
            "votes:\n  - item: 关于镇人民政府工作报告的决议\n    for: 60\n    against: 0\n    abstain: 2"),
        Field("oath", Bool(), "宪法宣誓", "会上是否组织了宪法宣誓。", "oath: 是"),
    ),
)

ACTIVITIES = RecordType(
    name="activities", label="履职活动",
    doc="一次代表活动一个文件，放在 activities/年份/ 文件夹，如 activities/2024/2024-03-12-shicha.md。",
    body="活动情况（简报）：做了什么、发现的问题、提出的意见。",
    year_field="date",
    example_path="activities/2024/2024-03-12-shicha.md",
    section='履职活动',
    index_template='years.html',
    page_template='activity.html',
    year_template='activities_year.html',
    command='activity',
    essentials=('title', 'kind', 'date', 'deputies', 'place'),
    fields=_common(True, "活动名称。", "title: 视察农村饮水安全工程") + (
        Field("kind", Choice(vocabulary="activity_kinds"), "活动类型", "活动的类型。",
              "kind: 视察", required=True),
        Field("date", Date(), "日期", "活动（开始）日期。", "date: 2024-03-12", required=True),
        Field("end", Date(), "结束日期", "活动超过一天时写结束日期。", "end: 2024-03-13"),
        Field("deputies", _DEPUTY_REFS, "参加代表", "参加活动的代表编号。",
              "deputies: [zhang-wei, li-fang]", required=True),
        Field("reporters", _DEPUTY_REFS, "述职代表",
              "述职活动中作述职报告的代表编号（须是参加代表）。述职的积分只计给他们，到会指导、旁听的代表按参加计分。",
              "reporters: [zhang-wei]"),
        Field("organizer", Text(), "组织单位", "组织活动的单位或小组。", "organizer: 镇人大主席团"),
        Field("station", Ref(target="stations"), "活动阵地", "在哪个代表之家（站、室）开展。",
              "station: hongxing"),
        Field("group", Text(), "代表小组", "以代表小组名义开展时写小组名称。", "group: 第一代表小组"),
        Field("place", Text(), "地点", "活动地点。", "place: 红星村水厂"),
        Field("voters", Integer(), "接待选民人次", "接待、走访的选民人次。", "voters: 12"),
        Field("opinions", ListOf(item=Struct(fields=(
            Field("summary", Text(), "意见内容", "群众意见的概要。", "summary: 村口路灯损坏",
                  required=True),
            Field("status", Choice(vocabulary="opinion_statuses"), "办理情况", "办理情况。",
                  "status: 已办结", required=True),
            Field("referred_to", Text(), "转交单位", "已转交时写转给了哪个单位。",
                  "referred_to: 镇村镇建设办"),
            Field("deputy", Ref(target="deputies"), "反映代表",
                  "听取并反映这条意见的代表编号（须是参加代表）；计入代表每年“提出建议或意见”的任务。",
                  "deputy: zhang-wei"),
            Field("suggestion", Ref(target="suggestions"), "形成的建议",
                  "这条意见后来由代表写成了建议时，写建议编号：网站把意见和建议连起来。", "suggestion: 2026-001"),
        ))), "群众意见", "活动中收集的群众意见、办理情况和反映的代表。",
            "opinions:\n  - summary: 村口路灯损坏\n    status: 已转交\n    referred_to: 镇村镇建设办"),
        Field("topics", ListOf(item=Text()), "主题", "活动涉及的主题词。", "topics: [农村饮水, 乡村振兴]"),
        Field("suggestions", ListOf(item=Ref(target="suggestions")), "形成的建议",
              "由这次活动形成的建议编号。", "suggestions: [2024-003]"),
        # The outcome of supervision (站所评议, 述职评议, 专题询问, 执法检查, 视察).
        Field("evaluation", Struct(fields=_EVALUATION_VOTES), "测评结果", "评议、述职评议时代表现场测评的票数。",
            "evaluation:\n  satisfied: 17\n  basically_satisfied: 6\n  dissatisfied: 1"),
        Field("review_opinions", ListOf(item=Text()), "审议意见",
              "评议、询问、检查后向被监督单位提出的意见，每条一行。",
              "review_opinions:\n  - 加强宅基地政策宣传，审批不通过的要讲清理由"),
        Field("rectifications", ListOf(item=Struct(fields=(
            Field("item", Text(), "整改事项", "要整改的问题。", "item: 耕地保护巡查发现问题后处置偏慢",
                  required=True),
            Field("unit", Text(), "责任单位", "负责整改的单位。", "unit: 青石自然资源所", required=True),
            Field("deadline", Date(), "整改期限", "要求完成整改的日期（在活动日期之后）。",
                  "deadline: 2027-01-31", required=True),
        ))), "整改事项",
            "要求被监督单位整改的事项，各写责任单位和期限。单位报来整改报告后，另建一条整改报告记录"
            "（rectifications/ 文件夹），写明完成了第几项；是否完成、是否逾期由网站算出，不要另写。",
            "rectifications:\n  - item: 耕地保护巡查发现问题后处置偏慢\n    unit: 青石自然资源所\n"
            "    deadline: 2027-01-31", future=True),
        Field("questions", ListOf(item=Struct(fields=(
            Field("deputy", Ref(target="deputies"), "提问代表", "提问的代表编号（须是参加代表）。",
                  "deputy: zhang-wei", required=True),
            Field("question", Text(), "问题", "代表的提问。", "question: 农村饮水水质多久检测一次？",
                  required=True),
            Field("answerer", Text(), "应询人", "回答问题的单位和职务。", "answerer: 镇农业农村办主任"),
            Field("answer", Text(), "回答", "应询人的回答要点。", "answer: 每季度检测一次，结果在村务公开栏公示"),
        ))), "询问和回答", "专题询问中代表的提问和应询人的回答，一问一答。",
            "questions:\n  - deputy: zhang-wei\n    question: 农村饮水水质多久检测一次？\n"
            "    answerer: 镇农业农村办主任\n    answer: 每季度检测一次"),
    ),
)

SUGGESTIONS = RecordType(
    name="suggestions", label="议案建议",
    doc="一件议案或代表建议一个文件，放在 suggestions/年份/ 文件夹，文件名建议用“年份-编号”，"
        "如 suggestions/2024/2024-003.md。办理状态由答复算出，不要另写。",
    body="建议正文：案由、理由和具体建议。",
    year_field="submitted",
    example_path="suggestions/2024/2024-003.md",
    section='建议办理',
    index_template='years.html',
    page_template='suggestion.html',
    year_template='suggestions_year.html',
    command='suggestion',
    essentials=('kind', 'title', 'proposer', 'cosigners', 'submitted', 'meeting', 'category'),
    fields=_common(True, "议案、建议的标题。", "title: 关于加快红星村饮水工程建设的建议") + (
        Field("number", Integer(minimum=1), "编号", "当年的议案或建议序号（议案、建议分别编号）。",
              "number: 3", required=True),
        Field("kind", Choice(vocabulary="suggestion_kinds"), "类别", "议案 或 建议。",
              "kind: 建议", required=True),
        Field("proposer", Ref(target="deputies"), "领衔代表",
              "领衔提出的本镇代表编号。上级人大代表的建议、政协委员的提案交本镇办理的，不写这一项，写 outside。",
              "proposer: zhang-wei"),
        Field("cosigners", _DEPUTY_REFS, "附议代表", "联名附议的代表编号（不含领衔代表）。",
              "cosigners: [li-fang, wang-jun]"),
        Field("submitted", Date(), "提出日期", "提出议案、建议的日期。", "submitted: 2024-01-15",
              required=True),
        Field("meeting", Ref(target="meetings"), "提出的会议",
              "在人民代表大会会议期间提出的，写会议编号；闭会期间提出的不写。",
              "meeting: 2024-01-15-rd"),
        Field("category", Choice(vocabulary="categories"), "分类", "内容分类。", "category: 农业农村",
              required=True),
        Field("handlers", Struct(fields=(
            Field("lead", Text(), "主办单位", "主办单位。", "lead: 镇农业农村办", required=True),
            Field("assist", ListOf(item=Text()), "协办单位", "协办单位，可写几个。",
                  "assist: [镇财政所]"),
        )), "承办单位", "交办时确定的主办、协办单位。",
            "handlers:\n  lead: 镇农业农村办\n  assist: [镇财政所]"),
        Field("assigned", Date(), "交办日期", "主席团交办给承办单位的日期。", "assigned: 2024-01-25"),
        Field("deadline", Date(), "办理期限",
              "要求答复的期限。不写时为交办日期后三个月（可在配置中修改）。", "deadline: 2024-04-25",
              future=True),
        Field("outside", Struct(fields=(
            Field("name", Text(), "姓名", "提出人的姓名。", "name: 王建国", required=True),
            Field("role", Choice(vocabulary="outside_proposers"), "身份", "提出人是哪一级人大代表或政协委员。",
                  "role: 县人大代表", required=True),
            Field("unit", Text(), "工作单位或界别", "提出人的工作单位，或政协委员的界别。", "unit: 县交通运输局"),
            Field("reference", Text(), "原编号", "在县（市）人大或政协的编号。",
                  "reference: 县十七届人大四次会议第45号建议"),
        )), "交办的建议提案的提出人",
            "上级人大代表的建议、政协委员的提案交本镇办理时，写提出人（不写 proposer 和 cosigners）。"
            "这些件单独统计，不计入本镇代表的议案建议。编号 number 按身份分别从 1 编起。",
            "outside:\n  name: 王建国\n  role: 县人大代表\n  reference: 县十七届人大四次会议第45号建议"),
    ),
)

REPLIES = RecordType(
    name="replies", label="答复",
    doc="承办单位的一份答复一个文件，放在 replies/年份/ 文件夹，如 replies/2024/2024-003-a.md。"
        "阶段性答复（B 类续办）写 final: 否，最终答复另建一个文件。",
    body="答复函全文。",
    year_field="date",
    example_path="replies/2024/2024-003-a.md",
    section='答复',
    index_template=None,
    page_template='reply.html',
    command='reply',
    essentials=('suggestion', 'handler', 'date', 'result', 'final'),
    fields=_common(False, "不写时用“对某某建议的答复”。", "title: 关于红星村饮水工程建设建议的答复") + (
        Field("suggestion", Ref(target="suggestions"), "所答复的建议", "议案或建议的编号 id。",
              "suggestion: 2024-003", required=True),
        Field("handler", Text(), "答复单位", "作出答复的承办单位。", "handler: 镇农业农村办",
              required=True),
        Field("date", Date(), "答复日期", "答复函的日期。", "date: 2024-04-10", required=True),
        Field("consulted", Date(), "面商日期", "承办单位与代表当面沟通的日期。", "consulted: 2024-03-28"),
        Field("result", Choice(vocabulary="results"), "办理结果",
              "A = 已解决或采纳，B = 正在解决或列入计划，C = 留作参考。", "result: B", required=True),
        Field("final", Bool(), "最终答复",
              "是否为最终答复。阶段性答复写 否，之后还要有最终答复。不写为 是。", "final: 否"),
        Field("feedback", Struct(fields=(
            Field("date", Date(), "评价日期", "代表反馈意见的日期。", "date: 2024-04-20", required=True),
            Field("satisfaction", Choice(vocabulary="satisfactions"), "满意度", "代表的评价。",
                  "satisfaction: 满意", required=True),
            Field("comment", Text(), "代表意见", "代表的具体意见。", "comment: 希望加快进度"),
        )), "代表反馈", "领衔代表对这份答复的评价。",
            "feedback:\n  date: 2024-04-20\n  satisfaction: 基本满意"),
    ),
)

PROJECTS = RecordType(
    name="projects", label="民生实事项目",
    doc="一个民生实事项目一个文件，放在 projects/年份/ 文件夹，如 projects/2024/2024-01.md。"
        "进度按日期往下加，是否完成由最后一条进度算出。",
    body="项目内容、建设标准和资金来源。",
    year_field="year",
    example_path="projects/2024/2024-01.md",
    section='民生实事',
    index_template='projects.html',
    page_template='project.html',
    command='project',
    essentials=('title', 'year', 'responsible', 'budget'),
    fields=_common(True, "项目名称。", "title: 红星村饮水安全巩固提升工程") + (
        Field("number", Integer(minimum=1), "编号", "当年项目序号。", "number: 1", required=True),
        Field("year", Integer(minimum=1949), "年度", "项目年度。", "year: 2024", required=True),
        Field("voted_at", Ref(target="meetings"), "票决会议", "票决产生该项目的会议编号。",
              "voted_at: 2024-01-15-rd"),
        Field("votes", Struct(fields=_VOTE_COUNTS), "票决结果", "票决时的票数。",
              "votes:\n  for: 60\n  against: 1\n  abstain: 1"),
        Field("responsible", Text(), "责任单位", "负责实施的单位。", "responsible: 镇农业农村办",
              required=True),
        Field("budget", Number(), "投资（万元）", "计划投资，单位万元。", "budget: 180.5"),
        Field("supervisors", _DEPUTY_REFS, "监督代表", "跟踪监督的代表编号。",
              "supervisors: [zhang-wei]"),
        Field("progress", ListOf(item=Struct(fields=(
            Field("date", Date(), "日期", "进度日期。", "date: 2024-06-30", required=True),
            Field("percent", Percent(), "完成百分比", "累计完成的百分比，100 表示完成。",
                  "percent: 60", required=True),
            Field("note", Text(), "说明", "进展情况。", "note: 主管道铺设完成"),
        ))), "进度", "按日期先后写每次的进度。",
            "progress:\n  - date: 2024-06-30\n    percent: 60\n    note: 主管道铺设完成"),
        # Where the project came from (征集) and how it ended (测评, 验收).
        Field("from_suggestions", ListOf(item=Ref(target="suggestions")), "来源建议",
              "这个项目由哪些代表议案、建议转化而来，写建议编号。", "from_suggestions: [2026-001]"),
        Field("from_opinions", ListOf(item=Struct(fields=(
            Field("activity", Ref(target="activities"), "活动", "收集这条意见的活动编号。",
                  "activity: 2025-02-17-jiedai-qingshi", required=True),
            Field("number", Integer(minimum=1), "第几条", "活动记录里群众意见 opinions 的第几条。", "number: 2",
                  required=True),
        ))), "来源群众意见", "这个项目由哪些群众意见而来：活动编号和第几条意见。",
            "from_opinions:\n  - activity: 2025-02-17-jiedai-qingshi\n    number: 2"),
        Field("evaluation", Struct(fields=(
            Field("date", Date(), "测评日期", "测评的日期（通常在年底或次年人代会上）。", "date: 2025-12-20",
                  required=True),
        ) + _EVALUATION_VOTES), "年终测评", "代表对项目完成情况的满意度测评。",
            "evaluation:\n  date: 2025-12-20\n  satisfied: 55\n  basically_satisfied: 6\n  dissatisfied: 1"),
        Field("accepted", Date(), "验收日期", "项目竣工验收的日期。", "accepted: 2025-10-28"),
    ),
)

RECTIFICATIONS = RecordType(
    name="rectifications", label="整改报告",
    doc="被监督单位报来的一份整改报告一个文件，放在 rectifications/年份/ 文件夹，如 "
        "rectifications/2026/2026-10-20-pingyi-a.md。写明是哪次监督活动的整改、完成了其中第几项；"
        "各项是整改中、已整改还是逾期，由网站按整改期限和报告算出。",
    body="整改报告全文：整改措施和成效。",
    year_field="date",
    example_path="rectifications/2026/2026-10-20-pingyi-a.md",
    section='监督整改',
    index_template='rectifications.html',
    page_template='rectification.html',
    command='rectification',
    essentials=('activity', 'unit', 'date', 'items'),
    fields=_common(False, "不写时用“某单位整改报告”。", "title: 青石自然资源所整改情况报告") + (
        Field("activity", Ref(target="activities"), "监督活动",
              "提出整改要求的评议、询问、检查或视察活动的编号。", "activity: 2026-10-20-pingyi", required=True),
        Field("unit", Text(), "报告单位", "报来整改报告的单位（须是所报各项的责任单位）。",
              "unit: 青石自然资源所", required=True),
        Field("date", Date(), "报告日期", "整改报告的日期。", "date: 2026-12-15", required=True),
        Field("items", ListOf(item=Integer(minimum=1)), "已完成的整改事项",
              "本报告报告已经完成的整改事项：活动记录里整改事项 rectifications 的第几项，如 [1, 3]。",
              "items: [1, 2]", required=True),
    ),
)

PLANS = RecordType(
    name="plans", label="年度工作要点",
    doc="主席团每年的工作要点一个文件，放在 plans/年份/ 文件夹，如 plans/2026/2026-yaodian.md。"
        "能用次数衡量的任务写上活动类型（或会议类型）和计划次数，网站按当年的记录算出完成了多少；"
        "其他任务只写内容。",
    body="工作要点全文。",
    year_field="year",
    example_path="plans/2026/2026-yaodian.md",
    section='工作要点',
    page_template='plan.html',
    command='plan',
    essentials=('title', 'year', 'adopted'),
    fields=_common(True, "工作要点的标题。", "title: 青石镇人大主席团2026年工作要点") + (
        Field("year", Integer(minimum=1949), "年度", "工作要点的年度，每年一份。", "year: 2026", required=True),
        Field("adopted", Date(), "通过日期", "主席团会议通过工作要点的日期。", "adopted: 2026-01-20"),
        Field("adopted_at", Ref(target="meetings"), "通过会议", "通过工作要点的会议编号。",
              "adopted_at: 2026-01-20-zhuxituan"),
        Field("items", ListOf(item=Struct(fields=(
            Field("text", Text(), "任务", "工作要点里的一项任务，照原文简写。", "text: 围绕乡村振兴组织代表视察",
                  required=True),
            Field("kind", Choice(vocabulary="activity_kinds"), "活动类型",
                  "能用活动次数衡量时写活动类型：网站数当年这类活动的次数。", "kind: 视察"),
            Field("meeting", Choice(vocabulary="meeting_kinds"), "会议类型",
                  "能用会议次数衡量时写会议类型（不写活动类型）。", "meeting: 主席团会议"),
            Field("target", Integer(minimum=1), "计划次数", "计划开展的次数；写了活动类型或会议类型就要写。",
                  "target: 4"),
        ))), "任务", "工作要点的各项任务，按原文顺序；没有写任务时，网站只登出全文，不算完成情况。",
            "items:\n  - text: 围绕乡村振兴组织代表视察\n    kind: 视察\n    target: 4\n"
            "  - text: 加强代表之家建设"),
    ),
)

RECORD_TYPES: dict[str, RecordType] = {
    t.name: t for t in (DEPUTIES, STATIONS, MEETINGS, ACTIVITIES, SUGGESTIONS, REPLIES, PROJECTS,
                        RECTIFICATIONS, PLANS)
}


def record_type_for_folder(folder: str) -> RecordType | None:
    """The record type stored in top-level folder ``folder`` of ``records/``, if any."""
    return RECORD_TYPES.get(folder)
