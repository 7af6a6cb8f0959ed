#!/usr/bin/env python3
"""Write a synthetic, valid renda records tree for benchmarks and scale tests.

Usage::

    python scripts/synth.py --out DIR --records N [--seed S] [--force]

writes about N Markdown records (exactly N unless N is too small to hold a sensible tree)
into DIR: deputies/, stations/, meetings/YYYY/, activities/YYYY/, suggestions/YYYY/,
replies/YYYY/ and projects/YYYY/, following docs/records.md. The tree is one township
(青石镇) over as many years as the size asks for (ending in 2025, starting no earlier than
2010), with 5-year terms (第十八届 began 2021-12-28) and the data every rule of
``renda validate`` expects: references resolve, deputies are in office on the day they act,
replies follow assignment, motions have ten co-signers, and so on.

Scale:

* deputies ≈ max(60, N/25), split over the terms the years touch, plus ~5% by-elected
  replacements for deputies who left mid-term; stations ≈ deputies/20;
* the rest, spread over the years (slightly growing year on year), in the proportions
  meetings 4 : activities 55 : suggestions 15 : replies 18 : projects 3; replies are
  generated per suggestion (interim replies, re-handling after 不满意), and activities take
  up the difference so the total is exactly N.

The same seed always gives a byte-identical tree. Standard library only. At the end one line
lists the counts per type and the time taken. DIR must be empty or absent; with ``--force``
the seven record folders inside it are deleted first.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import time
from pathlib import Path

TOWNSHIP = "青石镇"
LAST_DAY = dt.date(2025, 12, 31)  # nothing is dated after this
FIRST_YEAR = 2010
TERM_LENGTH = 5
CURRENT_TERM = 18
CURRENT_TERM_START = dt.date(2021, 12, 28)

TYPES = ("deputies", "stations", "meetings", "activities", "suggestions", "replies", "projects")
# Shares of the records that are not deputies or stations.
SHARES = {"meetings": 4, "activities": 55, "suggestions": 15, "replies": 18, "projects": 3}

# --------------------------------------------------------------------------------------------
# Vocabularies (Chinese values with the pinyin used for ids)

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
    ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"),
    ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"),
    ("任", "ren"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"),
    ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"), ("汪", "wang"), ("范", "fan"), ("金", "jin"),
    ("石", "shi"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"), ("韦", "wei"), ("付", "fu"),
    ("方", "fang"), ("白", "bai"), ("邹", "zou"), ("孟", "meng"), ("熊", "xiong"), ("秦", "qin"),
    ("邱", "qiu"), ("江", "jiang"), ("尹", "yin"), ("薛", "xue"), ("段", "duan"), ("雷", "lei"),
    ("侯", "hou"), ("龙", "long"), ("史", "shi"), ("陶", "tao"), ("黎", "li"), ("贺", "he"),
    ("顾", "gu"), ("毛", "mao"), ("郝", "hao"), ("龚", "gong"), ("邵", "shao"), ("万", "wan"),
    ("钱", "qian"), ("严", "yan"), ("覃", "qin"), ("武", "wu"), ("戴", "dai"), ("莫", "mo"),
    ("孔", "kong"), ("向", "xiang"), ("汤", "tang"),
]
GIVEN_MALE = [
    ("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("勇", "yong"), ("杰", "jie"),
    ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("刚", "gang"), ("平", "ping"), ("辉", "hui"),
    ("鹏", "peng"), ("华", "hua"), ("建", "jian"), ("国", "guo"), ("志", "zhi"), ("文", "wen"),
    ("斌", "bin"), ("波", "bo"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"), ("健", "jian"),
    ("俊", "jun"), ("峰", "feng"), ("林", "lin"), ("永", "yong"), ("海", "hai"), ("东", "dong"),
    ("兵", "bing"), ("成", "cheng"), ("德", "de"), ("福", "fu"), ("贵", "gui"), ("春", "chun"),
    ("有", "you"), ("金", "jin"), ("祥", "xiang"), ("荣", "rong"), ("庆", "qing"), ("新", "xin"),
    ("忠", "zhong"), ("学", "xue"), ("光", "guang"), ("民", "min"), ("生", "sheng"), ("长", "chang"),
]
GIVEN_FEMALE = [
    ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("艳", "yan"),
    ("娟", "juan"), ("霞", "xia"), ("秀", "xiu"), ("玲", "ling"), ("燕", "yan"), ("萍", "ping"),
    ("红", "hong"), ("梅", "mei"), ("莉", "li"), ("兰", "lan"), ("琴", "qin"), ("云", "yun"),
    ("桂", "gui"), ("英", "ying"), ("慧", "hui"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"),
    ("颖", "ying"), ("倩", "qian"), ("洁", "jie"), ("凤", "feng"), ("翠", "cui"), ("珍", "zhen"),
]
VILLAGE_HEAD = [
    ("红", "hong"), ("青", "qing"), ("新", "xin"), ("东", "dong"), ("西", "xi"), ("南", "nan"),
    ("北", "bei"), ("太", "tai"), ("永", "yong"), ("长", "chang"), ("金", "jin"), ("石", "shi"),
    ("柳", "liu"), ("枫", "feng"), ("松", "song"), ("竹", "zhu"), ("梅", "mei"), ("兴", "xing"),
    ("和", "he"), ("安", "an"), ("富", "fu"), ("龙", "long"), ("白", "bai"), ("黄", "huang"),
    ("双", "shuang"), ("三", "san"), ("高", "gao"), ("马", "ma"), ("大", "da"), ("上", "shang"),
    ("中", "zhong"), ("桃", "tao"), ("杏", "xing"), ("茶", "cha"), ("鹤", "he"), ("凤", "feng"),
]
VILLAGE_TAIL = [
    ("星", "xing"), ("山", "shan"), ("河", "he"), ("溪", "xi"), ("岭", "ling"), ("坪", "ping"),
    ("湾", "wan"), ("桥", "qiao"), ("林", "lin"), ("田", "tian"), ("塘", "tang"), ("冲", "chong"),
    ("坝", "ba"), ("口", "kou"), ("庄", "zhuang"), ("旺", "wang"), ("光", "guang"), ("源", "yuan"),
    ("泉", "quan"), ("岗", "gang"), ("园", "yuan"), ("湖", "hu"), ("峪", "yu"), ("铺", "pu"),
]
ETHNICITIES = [("汉族", 88), ("土家族", 4), ("苗族", 3), ("回族", 2), ("壮族", 1), ("侗族", 1), ("瑶族", 1)]
PARTIES = [("中共党员", 64), ("群众", 24), ("无党派人士", 6), ("民盟盟员", 3), ("农工党党员", 3)]
LEFT_REASONS = [("调离", 45), ("辞职", 30), ("去世", 15), ("终止代表资格", 7), ("罢免", 3)]
OCCUPATIONS = [
    "{v}党支部书记、村委会主任", "{v}村委会副主任", "{v}党支部副书记", "{v}村务监督委员会主任",
    "{v}种植专业合作社理事长", "{v}养殖专业合作社理事长", "{v}村医", "{v}小学教师",
    "{t}中心学校校长", "{t}卫生院院长", "{t}农业综合服务中心主任", "{t}财政所所长",
    "{t}供销社主任", "青石茶业有限公司总经理", "青石建材有限责任公司董事长", "个体工商户",
    "{v}村民", "{v}家庭农场主", "{t}派出所所长", "{t}司法所所长", "{t}文化站站长",
]

UNITS = [
    "镇党政办", "镇农业农村办", "镇财政所", "镇村镇建设办", "镇自然资源所", "镇生态环境办",
    "镇社会事务办", "镇卫生院", "镇中心学校", "镇派出所", "镇综治中心", "镇文化站",
    "镇经济发展办", "镇应急管理办", "镇交通管理站", "镇水利站", "镇市场监管所", "镇医保站",
    "镇社会保障服务中心", "镇供电所",
]
CATEGORIES = [
    ("农业农村", 22, ["镇农业农村办", "镇水利站"],
     ["高标准农田建设", "农村饮水安全巩固提升", "灌溉渠道清淤维修", "山塘水库除险加固",
      "农产品销售渠道拓展", "农机购置补贴落实", "撂荒耕地整治", "特色种植产业发展"]),
    ("城乡建设", 14, ["镇村镇建设办", "镇自然资源所"],
     ["农村危房改造", "集镇污水管网建设", "村庄路灯安装", "农贸市场改造", "农村厕所改造",
      "集镇停车场建设"]),
    ("交通运输", 14, ["镇交通管理站", "镇村镇建设办"],
     ["通组公路硬化", "危桥改造", "公路安全防护设施建设", "农村客运班线开通", "乡村道路拓宽",
      "公交候车亭建设"]),
    ("教育", 7, ["镇中心学校"],
     ["村小校舍维修", "校车安全管理", "留守儿童关爱", "公办幼儿园建设", "教师周转房建设"]),
    ("医疗卫生", 7, ["镇卫生院", "镇医保站"],
     ["村卫生室标准化建设", "家庭医生签约服务", "慢性病患者用药保障", "乡村医生待遇落实"]),
    ("社会保障", 8, ["镇社会事务办", "镇社会保障服务中心"],
     ["高龄津贴发放", "农村养老服务", "困难群众救助", "残疾人帮扶", "城乡居民医保参保"]),
    ("生态环境", 9, ["镇生态环境办", "镇水利站"],
     ["河道保洁", "农村生活垃圾处理", "畜禽养殖污染治理", "森林防火", "秸秆综合利用"]),
    ("文化旅游", 5, ["镇文化站", "镇经济发展办"],
     ["农家书屋管理", "村级文化广场建设", "传统村落保护", "乡村旅游开发", "非遗技艺传承"]),
    ("经济发展", 6, ["镇经济发展办", "镇市场监管所"],
     ["村集体经济发展", "农村电商服务站建设", "返乡创业扶持", "小微企业融资", "劳务输出培训"]),
    ("社会治理", 6, ["镇综治中心", "镇派出所"],
     ["矛盾纠纷调解", "农村治安防控", "雪亮工程建设", "电信诈骗防范", "移风易俗"]),
    ("其他", 2, ["镇党政办"],
     ["便民服务", "政务公开", "网络信号覆盖", "快递进村"]),
]
ALL_TOPICS = [t for c in CATEGORIES for t in c[3]]
VERBS = ["加快", "加强", "推进", "解决", "支持", "完善", "做好", "重视"]

ACTIVITY_KINDS = [
    # kind, weight, id slug
    ("接待选民", 24, "jiedai"), ("联系选民", 15, "zoufang"), ("视察", 10, "shicha"),
    ("调研", 12, "diaoyan"), ("代表小组活动", 12, "xiaozu"), ("学习培训", 8, "peixun"),
    ("执法检查", 4, "jiancha"), ("站所评议", 3, "pingyi"), ("专题询问", 2, "xunwen"),
    ("外出考察", 2, "kaocha"), ("述职", 4, "shuzhi"), ("其他", 4, "qita"),
]
LAWS = ["食品安全法", "道路交通安全法", "农村土地承包法", "森林法", "水污染防治法", "义务教育法",
        "老年人权益保障法", "安全生产法", "未成年人保护法", "乡村振兴促进法"]
OPINIONS = [
    "村口路灯损坏", "通组公路路面破损", "自来水水压不足", "垃圾清运不及时", "河道有垃圾堆积",
    "灌溉渠道堵塞", "希望增设公交站点", "村卫生室药品不全", "留守老人照料困难", "手机信号差",
    "危桥存在安全隐患", "集镇停车难", "农田排水不畅", "希望开展农技培训", "小学门口缺少减速带",
    "文化广场健身器材损坏", "低保评定有疑问", "养殖场异味扰民", "山体滑坡隐患", "医保缴费不方便",
]
OPINION_STATUS = [("已办结", 50), ("办理中", 25), ("已转交", 25)]
ABSENT_REASONS = ["因病请假", "因公请假", "外出务工请假", "家中有事请假", "外出学习请假"]
PROJECT_KINDS = [
    ("饮水安全巩固提升工程", "镇水利站"), ("通组公路硬化工程", "镇交通管理站"),
    ("文化广场建设", "镇文化站"), ("路灯亮化工程", "镇村镇建设办"), ("危桥改造工程", "镇交通管理站"),
    ("污水处理设施建设", "镇生态环境办"), ("卫生室标准化建设", "镇卫生院"),
    ("农贸市场改造", "镇市场监管所"), ("高标准农田建设", "镇农业农村办"),
    ("养老服务站建设", "镇社会事务办"), ("山塘清淤整治", "镇水利站"),
    ("垃圾中转站建设", "镇生态环境办"), ("河道综合治理", "镇水利站"), ("幼儿园改扩建", "镇中心学校"),
]
PROGRESS_NOTES = [(29, "完成项目立项和设计"), (49, "完成招投标，施工队伍进场"), (69, "主体工程完工过半"),
                  (89, "主体工程基本完工"), (99, "正在进行扫尾工程"), (100, "通过竣工验收并投入使用")]
SATISFACTION = [("满意", 65), ("基本满意", 28), ("不满意", 7)]
COMMENTS = {
    "满意": ["办理及时，效果明显", "答复具体，感谢承办单位", "问题已解决，群众满意"],
    "基本满意": ["希望加快进度", "希望进一步落实资金", "建议加强后续管护"],
    "不满意": ["问题没有实质解决", "答复过于笼统，请重新办理", "与群众期望差距较大"],
}
RECEPTION_DAYS = ["每月15日", "每月5日", "每月20日", "每周三", "每周五", "每月第一个周三",
                  "每月第二个周四"]

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """A positive integer below 100,000 in Chinese: 18 → 十八, 105 → 一百零五."""
    if n < 10:
        return CN_DIGITS[n]
    units = ["", "十", "百", "千", "万"]
    digits = [int(c) for c in str(n)]
    out, zero = [], False
    for i, d in enumerate(digits):
        place = len(digits) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        out.append(CN_DIGITS[d] + units[place])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------------------------
# YAML writing: plain strings, quoted only when YAML would misread them.

_NEEDS_QUOTES = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|:$|\s$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def s(value: str) -> str:
    """A scalar as a plain or double-quoted YAML string."""
    if _NEEDS_QUOTES.search(value) or value in ("", "~", "null"):
        return json.dumps(value, ensure_ascii=False)
    return value


def flow(items) -> str:
    """A list on one line: [a, b]."""
    out = []
    for item in items:
        item = str(item)
        out.append(json.dumps(item, ensure_ascii=False)
                   if _FLOW_UNSAFE.search(item) or _NEEDS_QUOTES.search(item) else item)
    return "[" + ", ".join(out) + "]"


class Header:
    """Front-matter lines, written in the order the fields are added."""

    __slots__ = ("lines",)

    def __init__(self):
        self.lines: list[str] = []

    def add(self, key: str, value, indent: str = "") -> "Header":
        if value is None:
            return self
        if isinstance(value, bool):
            text = "是" if value else "否"
        elif isinstance(value, (int, float)):
            text = str(value)
        elif isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, (list, tuple)):
            text = flow(value)
        else:
            text = s(str(value))
        self.lines.append(f"{indent}{key}: {text}")
        return self

    def raw(self, line: str) -> "Header":
        self.lines.append(line)
        return self

    def block_list(self, key: str, items: list[str]) -> "Header":
        self.lines.append(f"{key}:")
        self.lines.extend(f"  - {s(item)}" for item in items)
        return self

    def mappings(self, key: str, items: list[list[tuple[str, object]]]) -> "Header":
        """A list of mappings in block style (absent, votes, opinions, progress)."""
        self.lines.append(f"{key}:")
        for item in items:
            first = True
            for field, value in item:
                if value is None:
                    continue
                prefix = "  - " if first else "    "
                first = False
                self.add(field, value, indent=prefix)
        return self

    def render(self, body: str) -> str:
        return "---\n" + "\n".join(self.lines) + "\n---\n" + body.rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# The generator


class Deputy:
    __slots__ = ("id", "name", "gender", "term", "start", "end", "reason", "group", "roles",
                 "levels", "village", "constituency", "ethnicity", "party", "occupation", "byelected")

    def __init__(self, **kw):
        for key in self.__slots__:
            setattr(self, key, kw.get(key))


class Term:
    __slots__ = ("number", "start", "end", "members")

    def __init__(self, number: int, start: dt.date, end: dt.date | None):
        self.number, self.start, self.end, self.members = number, start, end, []


class Roster:
    """Who is in office on a day, cached per day."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.cache: dict[dt.date, tuple] = {}

    def term_of(self, day: dt.date) -> Term:
        for term in self.terms:
            if term.start <= day and (term.end is None or day <= term.end):
                return term
        raise ValueError(f"no term on {day}")

    def at(self, day: dt.date):
        """(all ids, {group index: ids}, presidium ids, chair id, {group index: leader id})."""
        hit = self.cache.get(day)
        if hit is not None:
            return hit
        term = self.term_of(day)
        everyone, groups, presidium, leaders = [], {}, [], {}
        chair = None
        for d in term.members:
            if d.start <= day and (d.end is None or day <= d.end):
                everyone.append(d.id)
                groups.setdefault(d.group, []).append(d.id)
                if d.roles and ({"主席", "副主席", "主席团成员"} & set(d.roles)):
                    presidium.append(d.id)
                    if "主席" in d.roles:
                        chair = d.id
                if d.roles and "代表小组组长" in d.roles:
                    leaders[d.group] = d.id
        hit = (everyone, groups, presidium, chair, leaders)
        self.cache[day] = hit
        return hit

    def ids(self, day: dt.date) -> set:
        key = ("set", day)
        hit = self.cache.get(key)
        if hit is None:
            hit = set(self.at(day)[0])
            self.cache[key] = hit
        return hit


def weighted(rng: random.Random, pairs):
    values = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(values, weights)[0]


def spread(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    if total <= 0:
        return [0] * len(weights)
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def rand_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


class Synth:
    def __init__(self, records: int, seed: int):
        self.target = records
        self.rng = random.Random(seed)
        self.files: dict[str, str] = {}
        self.counts = {t: 0 for t in TYPES}
        self.years = max(2, min(LAST_DAY.year - FIRST_YEAR + 1, math.ceil(records / 1000) + 1))
        self.first_year = LAST_DAY.year - self.years + 1
        self.first_day = dt.date(self.first_year, 1, 1)
        self.year_list = list(range(self.first_year, LAST_DAY.year + 1))
        # Later years are a little busier than earlier ones.
        self.year_weights = [1 + 0.04 * i for i in range(self.years)]
        self.deputies: dict[str, Deputy] = {}
        self.stations: list[dict] = []
        self.congress: dict[int, dict] = {}  # year → the year's regular session (id, date, end, present, attendees)
        self.suggestions: list[dict] = []

    # ---- helpers ---------------------------------------------------------------------------

    def emit(self, rtype: str, rel: str, header: Header, body: str) -> None:
        path = f"{rtype}/{rel}.md"
        if path in self.files:
            raise RuntimeError(f"duplicate path {path}")
        self.files[path] = header.render(body)
        self.counts[rtype] += 1

    def name(self, gender: str) -> tuple[str, str]:
        rng = self.rng
        sur, spy = rng.choice(SURNAMES)
        pool = GIVEN_MALE if gender == "男" else GIVEN_FEMALE
        if rng.random() < 0.45:
            g, gpy = rng.choice(pool)
            return sur + g, f"{spy}-{gpy}"
        (g1, p1), (g2, p2) = rng.choice(pool), rng.choice(pool)
        return sur + g1 + g2, f"{spy}-{p1}{p2}"

    def group_name(self, index: int) -> str:
        return f"第{cn_number(index + 1)}代表小组"

    def village(self) -> str:
        return self.rng.choice(self.villages)[0]

    def sentences(self, pool: list[str], k: int, **ctx) -> str:
        picked = sorted(self.rng.sample(range(len(pool)), min(k, len(pool))))
        return "".join(pool[i].format(**ctx) for i in picked)

    # ---- plan ------------------------------------------------------------------------------

    def plan(self) -> None:
        rng = self.rng
        n = self.target
        deputies_target = max(60, round(n / 25))
        # Terms touching the years: term k starts on Dec 28 of 2021 - 5 * (18 - k).
        terms = []
        k = CURRENT_TERM
        while True:
            start = dt.date(CURRENT_TERM_START.year - TERM_LENGTH * (CURRENT_TERM - k), 12, 28)
            end = None if k == CURRENT_TERM else dt.date(start.year + TERM_LENGTH, 12, 27)
            terms.insert(0, Term(k, start, end))
            if start <= self.first_day:
                break
            k -= 1
        self.terms = terms
        self.roster = Roster(terms)
        self.per_term = max(40, round(deputies_target / (len(terms) * 1.05)))
        self.group_count = max(3, round(self.per_term / 12))
        self.groups = [self.group_name(i) for i in range(self.group_count)]
        villages = [(h + t + "村", hp + tp) for h, hp in VILLAGE_HEAD for t, tp in VILLAGE_TAIL]
        rng.shuffle(villages)
        seen, unique = set(), []
        for v in villages:
            if v[1] not in seen:
                seen.add(v[1])
                unique.append(v)
        self.villages = unique[: max(12, min(len(unique), self.group_count * 3))]

    # ---- deputies --------------------------------------------------------------------------

    def make_deputies(self) -> None:
        rng = self.rng
        used_ids: set[str] = set()

        def new_id(base: str) -> str:
            candidate, i = base, 2
            while candidate in used_ids:
                candidate, i = f"{base}-{i}", i + 1
            used_ids.add(candidate)
            return candidate

        constituencies = max(10, self.per_term // 3)
        for term in self.terms:
            m = self.per_term
            presidium_size = min(15, 7 + 2 * (m // 60))
            vice = 1 if m < 100 else 2
            members = []
            for i in range(m):
                gender = "女" if rng.random() < 0.3 else "男"
                name, py = self.name(gender)
                c = i % constituencies
                village = self.villages[c % len(self.villages)][0]
                d = Deputy(id=new_id(py), name=name, gender=gender, term=term.number,
                           start=term.start, end=term.end,
                           reason="届满" if term.end else None,
                           group=(c * self.group_count) // constituencies,
                           roles=[], levels=["镇"], village=village,
                           constituency=f"第{cn_number(c + 1)}选区（{village}）",
                           ethnicity=weighted(rng, ETHNICITIES), party=weighted(rng, PARTIES),
                           occupation=rng.choice(OCCUPATIONS).format(v=village, t=TOWNSHIP),
                           byelected=False)
                if rng.random() < 0.12:
                    d.levels = ["镇", "县"]
                members.append(d)
            # Roles: chair, vice-chairs, presidium members, group leaders and deputy leaders.
            order = list(range(m))
            rng.shuffle(order)
            chair = members[order[0]]
            chair.roles = ["主席"]
            chair.levels = ["镇", "县"]
            chair.party = "中共党员"
            chair.occupation = f"{TOWNSHIP}人大主席"
            for j in range(1, 1 + vice):
                members[order[j]].roles = ["副主席"]
                members[order[j]].occupation = f"{TOWNSHIP}人大副主席"
            for j in range(1 + vice, presidium_size):
                members[order[j]].roles = ["主席团成员"]
            for g in range(self.group_count):
                in_group = [d for d in members if d.group == g]
                leader = in_group[0]
                leader.roles = leader.roles + ["代表小组组长"]
                if len(in_group) > 4 and rng.random() < 0.6:
                    in_group[1].roles = in_group[1].roles + ["代表小组副组长"]
            # About 5% leave mid-term (not office holders) and most are replaced by by-election.
            cap = min(term.end or LAST_DAY, LAST_DAY)
            leavers = [d for d in members if not d.roles]
            rng.shuffle(leavers)
            replacements = []
            for d in leavers[: round(m * 0.05)]:
                first, last = term.start + dt.timedelta(days=180), cap - dt.timedelta(days=150)
                if last <= first:
                    continue
                d.end = rand_day(rng, first, last)
                d.reason = weighted(rng, LEFT_REASONS)
                start = d.end + dt.timedelta(days=rng.randint(30, 120))
                if start > cap:
                    continue
                gender = "女" if rng.random() < 0.3 else "男"
                name, py = self.name(gender)
                replacements.append(Deputy(
                    id=new_id(py), name=name, gender=gender, term=term.number, start=start,
                    end=term.end, reason="届满" if term.end else None, group=d.group, roles=[],
                    levels=["镇"], village=d.village, constituency=d.constituency,
                    ethnicity=weighted(rng, ETHNICITIES), party=weighted(rng, PARTIES),
                    occupation=rng.choice(OCCUPATIONS).format(v=d.village, t=TOWNSHIP),
                    byelected=True))
            term.members = members + replacements
            for d in term.members:
                self.deputies[d.id] = d

    def write_deputies(self) -> None:
        rng = self.rng
        pool = [
            "任职以来，{p}坚持定期到代表联络室接待选民，认真听取群众对{t1}等方面的意见建议，能办的及时协调办理，不能办的耐心解释。",
            "{p}长期扎根基层，熟悉{v}的村情民情，积极带领群众发展特色产业，带动周边农户增收致富。",
            "在履职中，{p}注重调查研究，围绕{t1}、{t2}等问题提出多件建议，推动了一批民生实事落地见效。",
            "{p}积极参加代表小组活动和主席团组织的视察、调研和执法检查，认真审议各项报告，依法履行代表职责。",
            "{p}联系{v}第{a}、第{b}村民小组，定期走访困难群众和留守老人，及时反映群众诉求。",
            "每年年底，{p}按要求向选区选民述职，接受选民评议，评议结果均为满意。",
            "{p}热心公益事业，多次参与防汛救灾、疫情防控和乡村环境整治志愿服务，在群众中有较好口碑。",
        ]
        for d in self.deputies.values():
            h = Header()
            h.add("name", d.name).add("levels", d.levels).add("term", d.term)
            h.add("constituency", d.constituency).add("group", self.groups[d.group])
            if d.roles:
                h.add("roles", d.roles)
            h.add("gender", d.gender).add("ethnicity", d.ethnicity).add("party", d.party)
            h.add("occupation", d.occupation).add("term_start", d.start)
            if d.end:
                h.add("term_end", d.end).add("left_reason", d.reason)
            p = "他" if d.gender == "男" else "她"
            how = "补选为" if d.byelected else "当选为"
            intro = (f"{d.name}，{d.gender}，{d.ethnicity}，{d.party}，现任{d.occupation}。"
                     f"{cn_date(d.start)}{how}{TOWNSHIP}第{cn_number(d.term)}届人民代表大会代表，"
                     f"由{d.constituency}选出，编入{self.groups[d.group]}。")
            t1, t2 = rng.sample(ALL_TOPICS, 2)
            more = self.sentences(pool, rng.randint(3, 5), p=p, v=d.village, t1=t1, t2=t2,
                                  a=cn_number(rng.randint(1, 6)), b=cn_number(rng.randint(7, 12)))
            body = f"## 简介\n\n{intro}\n\n## 履职情况\n\n{more}\n"
            if d.end and d.reason != "届满":
                body += f"\n{cn_date(d.end)}，因{d.reason}，其代表职务终止。\n"
            self.emit("deputies", d.id, h, body)

    # ---- stations --------------------------------------------------------------------------

    def make_stations(self) -> None:
        rng = self.rng
        count = max(1, round(len(self.deputies) / 20))
        current = self.roster.at(LAST_DAY)
        used: set[str] = set()
        villages = list(self.villages)
        for i in range(count):
            group = i % self.group_count
            if i == 0:
                sid, name, level = "daibiaozhijia", f"{TOWNSHIP}人大代表之家", "家"
                address = f"{TOWNSHIP}人民政府一楼"
            else:
                village, vpy = villages[(i - 1) % len(villages)]
                level = "站" if i % 3 == 1 else "室"
                sid = vpy + ("-gzz" if level == "站" else "")
                name = f"{village}人大代表工作站" if level == "站" else f"{village}代表联络室"
                address = f"{TOWNSHIP}{village}" + rng.choice(["村民委员会二楼", "党群服务中心一楼",
                                                               "村民委员会一楼"])
                base, k = sid, 2
                while sid in used:
                    sid, k = f"{base}-{k}", k + 1
                    name = f"{village}第{cn_number(k)}代表联络室"
            used.add(sid)
            opened = rand_day(rng, dt.date(self.first_year - 3, 1, 1),
                              dt.date(self.first_year + self.years // 2, 6, 30))
            members = current[1].get(group, [])
            chosen = rng.sample(members, min(len(members), rng.randint(3, 8)))
            self.stations.append({"id": sid, "name": name, "level": level, "group": group,
                                  "address": address, "opened": opened, "deputies": chosen})

    def write_stations(self) -> None:
        rng = self.rng
        pool = [
            "站内设有接待室、资料室和活动室，配备了电脑、档案柜和意见箱等设施。",
            "站内公示了进站代表名单、联系方式获取途径、接待日安排和代表履职制度，代表按排班轮流进站接待选民。",
            "选民反映的意见建议实行登记、交办、督办、反馈闭环管理，能当场解答的当场解答，需要有关单位办理的及时转交。",
            "每季度由{g}组织一次集中活动，邀请镇有关站所负责人一同参加，现场回应群众关切。",
            "站内建立了代表履职档案，记录每位代表进站接待、走访选民和提出建议的情况，年底作为述职评议的依据。",
            "近年来，进站代表围绕{t1}、{t2}等问题收集群众意见，推动解决了一批群众急难愁盼的问题。",
        ]
        for st in self.stations:
            h = Header()
            h.add("name", st["name"]).add("level", st["level"]).add("address", st["address"])
            if st["deputies"]:
                h.add("deputies", st["deputies"])
            h.add("group", self.groups[st["group"]])
            h.add("reception_days", rng.sample(RECEPTION_DAYS, rng.randint(1, 2)))
            h.add("opened", st["opened"])
            t1, t2 = rng.sample(ALL_TOPICS, 2)
            intro = f"{st['name']}位于{st['address']}，于{cn_date(st['opened'])}挂牌启用。"
            body = "## 基本情况\n\n" + intro + self.sentences(pool[:2], 2) + "\n\n## 工作制度\n\n" + \
                self.sentences(pool[2:], 3, g=self.groups[st["group"]], t1=t1, t2=t2) + "\n"
            self.emit("stations", st["id"], h, body)

    # ---- meetings --------------------------------------------------------------------------

    def meeting_id(self, day: dt.date, suffix: str) -> str:
        base = f"{day.isoformat()}-{suffix}"
        mid, k = base, 2
        while f"meetings/{day.year}/{mid}.md" in self.files:
            mid, k = f"{base}-{k}", k + 1
        return mid

    def attendance(self, pool: list[str], max_absent: int):
        """Split ``pool`` into attendees and (deputy, reason) absences."""
        rng = self.rng
        k = rng.randint(0, max(0, min(max_absent, len(pool) - 1)))
        absent = set(rng.sample(pool, k)) if k else set()
        attendees = [d for d in pool if d not in absent]
        return attendees, [(d, rng.choice(ABSENT_REASONS)) for d in pool if d in absent]

    def votes(self, present: int) -> tuple[int, int, int]:
        rng = self.rng
        against = min(present, weighted(rng, [(0, 70), (1, 20), (2, 10)]))
        abstain = min(present - against, weighted(rng, [(0, 50), (1, 25), (2, 15), (3, 10)]))
        missing = min(present - against - abstain, weighted(rng, [(0, 80), (1, 20)]))
        return present - against - abstain - missing, against, abstain

    def write_congress(self, day: dt.date, year: int, first_session: bool) -> None:
        """A session of the congress and its preparatory meeting, the same day."""
        rng = self.rng
        term = self.roster.term_of(day)
        number = 1 if first_session else day.year - term.start.year + 1
        session = f"第{cn_number(term.number)}届人民代表大会第{cn_number(number)}次会议"
        everyone, _, presidium, chair, _ = self.roster.at(day)
        end = day + dt.timedelta(days=rng.choice([1, 1, 1, 2]))
        if end > LAST_DAY:
            end = LAST_DAY
        place = rng.choice(["镇政府三楼大会议室", "镇文化活动中心", "镇党群服务中心大礼堂"])
        attendees, absent = self.attendance(everyone, max(1, len(everyone) // 15))
        present = len(attendees)
        host = chair if chair in attendees else attendees[0]
        mid = self.meeting_id(day, "rd")
        h = Header()
        h.add("title", f"{TOWNSHIP}{session}")
        h.add("kind", "人民代表大会").add("date", day)
        if end != day:
            h.add("end", end)
        h.add("session", session).add("place", place).add("host", host)
        if len(everyone) <= 300:
            h.add("attendees", attendees)
        else:
            h.raw("attendance:").add("expected", len(everyone), "  ").add("present", present, "  ")
        if absent:
            h.mappings("absent", [[("deputy", a), ("reason", r)] for a, r in absent[:10]])
        y = day.year
        if first_session:
            agenda = ["听取代表资格审查委员会关于代表资格的审查报告",
                      f"选举{TOWNSHIP}人民代表大会主席、副主席", f"选举{TOWNSHIP}人民政府镇长、副镇长",
                      "举行宪法宣誓仪式"]
            reviewed = ["代表资格审查委员会关于代表资格的审查报告"]
            items = [f"{TOWNSHIP}{session}选举办法", "关于代表资格审查报告的决议"]
        else:
            agenda = ["听取和审议镇人民政府工作报告", "听取和审议镇人大主席团工作报告",
                      f"审查和批准{y - 1}年财政预算执行情况和{y}年财政预算",
                      f"票决{y}年民生实事项目", "其他事项"]
            reviewed = ["镇人民政府工作报告", "镇人大主席团工作报告",
                        f"{y - 1}年财政决算和{y}年财政预算报告"]
            items = ["关于镇人民政府工作报告的决议", "关于镇人大主席团工作报告的决议",
                     f"关于{y - 1}年财政决算和{y}年财政预算的决议", f"关于{y}年民生实事项目的决定"]
        h.block_list("agenda", agenda).add("reviewed", reviewed)
        rows = []
        for item in items:
            yes, no, abst = self.votes(present)
            rows.append([("item", item), ("for", yes), ("against", no), ("abstain", abst)])
        h.mappings("votes", rows)
        if first_session:
            h.add("oath", True)
        t1, t2 = rng.sample(ALL_TOPICS, 2)
        pool = [
            "分组讨论中，代表们围绕{t1}、{t2}等群众关心的问题踊跃发言，提出了不少中肯的意见。",
            "代表们认为，过去一年全镇经济社会发展稳中有进，{t1}等民生工作取得明显成效。",
            "代表们希望镇人民政府在新的一年里进一步改进工作作风，把有限的财力更多用在民生上。",
            "会议期间，代表们提出的议案、建议经大会主席团审议后，分别交有关单位研究办理。",
            "会议要求，全镇上下要认真贯彻落实大会精神，为完成全年目标任务而努力奋斗。",
        ]
        body = (f"## 会议概况\n\n{cn_date(day)}，{TOWNSHIP}{session}在{place}召开。应到代表"
                f"{len(everyone)}名，实到{present}名，符合法定人数。会议由大会主席团主持。\n\n"
                f"## 讨论情况\n\n{self.sentences(pool, 4, t1=t1, t2=t2)}\n\n"
                "## 决定事项\n\n" + "\n".join(f"- 表决通过{i}" for i in items) + "\n")
        self.emit("meetings", f"{y}/{mid}", h, body)
        info = {"id": mid, "date": day, "end": end, "present": present,
                "attendees": attendees if len(everyone) <= 300 else everyone}
        if not first_session:
            self.congress[y] = info
        # The preparatory meeting: counts only.
        pid = self.meeting_id(day, "yb")
        ph = Header()
        ph.add("kind", "预备会议").add("date", day).add("session", session).add("place", place)
        ph.add("host", host)
        ph.raw("attendance:").add("expected", len(everyone), "  ").add("present", present, "  ")
        ph.block_list("agenda", [f"选举{session}主席团和秘书长", f"通过{session}议程",
                                 "通过代表资格审查委员会名单"])
        yes, no, abst = self.votes(present)
        ph.mappings("votes", [[("item", f"{session}议程"), ("for", yes), ("against", no),
                               ("abstain", abst)]])
        body = (f"{cn_date(day)}上午，{TOWNSHIP}{session}举行预备会议。应到代表{len(everyone)}名，"
                f"实到{present}名。\n\n会议选举产生了大会主席团和秘书长，表决通过了大会议程，"
                "通过了代表资格审查委员会名单。会议由上届人大主席团主持。预备会议结束后，"
                "大会主席团举行第一次会议，推选了常务主席，确定了大会日程安排和各代表团召集人。\n")
        self.emit("meetings", f"{y}/{pid}", ph, body)

    def write_presidium(self, day: dt.date, n: int) -> None:
        rng = self.rng
        _, _, presidium, chair, _ = self.roster.at(day)
        attendees, absent = self.attendance(presidium, 1)
        host = chair if chair in attendees else attendees[0]
        place = rng.choice(["镇政府二楼会议室", "镇人大办公室", "镇党群服务中心会议室"])
        unit = rng.choice(UNITS)
        t1 = rng.choice(ALL_TOPICS)
        mid = self.meeting_id(day, "ztt")
        h = Header()
        h.add("title", f"{day.year}年第{cn_number(n)}次主席团会议")
        h.add("kind", "主席团会议").add("date", day).add("place", place).add("host", host)
        h.add("attendees", attendees)
        if absent:
            h.mappings("absent", [[("deputy", a), ("reason", r)] for a, r in absent])
        agenda = [f"听取{unit}关于{t1}工作情况的汇报", "研究代表建议交办和督办工作",
                  "研究部署下一阶段代表活动"]
        h.block_list("agenda", agenda)
        if rng.random() < 0.3:
            yes, no, abst = self.votes(len(attendees))
            h.mappings("votes", [[("item", "关于开展代表建议办理情况督查的决定"), ("for", yes),
                                  ("against", no), ("abstain", abst)]])
        pool = [
            "会议要求，各代表小组要按季度开展活动，组织代表进站接待选民，认真收集群众意见。",
            "会议研究了代表建议交办工作，明确了承办单位和办理时限，要求承办单位按时答复，主动与代表面商。",
            "会议对民生实事项目推进情况进行了督查，要求责任单位倒排工期，确保按期完成。",
            "会议强调，要加强代表履职管理，完善代表履职档案，推动代表工作规范化。",
            "会议还研究了其他事项。",
        ]
        host_name = self.deputies[host].name
        body = (f"{cn_date(day)}，{TOWNSHIP}人大主席团在{place}召开会议，{host_name}主持，"
                f"{len(attendees)}名主席团成员出席。\n\n会议听取了{unit}关于{t1}工作情况的汇报，"
                f"研究了下一阶段代表工作安排。{self.sentences(pool, 3)}\n")
        self.emit("meetings", f"{day.year}/{mid}", h, body)

    def write_group_meeting(self, day: dt.date, group: int, quarter: int) -> bool:
        rng = self.rng
        members = self.roster.at(day)[1].get(group, [])
        leaders = self.roster.at(day)[4]
        if not members:
            return False
        attendees, absent = self.attendance(members, max(1, len(members) // 4))
        leader = leaders.get(group)
        host = leader if leader in attendees else attendees[0]
        village = self.village()
        place = f"{village}村民委员会会议室"
        gname = self.groups[group]
        mid = self.meeting_id(day, f"xz{group + 1}")
        h = Header()
        h.add("title", f"{gname}{day.year}年第{cn_number(quarter)}季度会议")
        h.add("kind", "代表小组会议").add("date", day).add("group", gname).add("place", place)
        h.add("host", host).add("attendees", attendees)
        if absent:
            h.mappings("absent", [[("deputy", a), ("reason", r)] for a, r in absent])
        t1, t2 = rng.sample(ALL_TOPICS, 2)
        h.block_list("agenda", ["传达学习镇人大主席团会议精神", f"交流{t1}方面的群众意见",
                                "安排下季度小组活动"])
        body = (f"{cn_date(day)}，{gname}在{place}召开季度会议，{self.deputies[host].name}主持，"
                f"{len(attendees)}名代表参加。\n\n会议传达学习了镇人大主席团会议精神，总结了本季度"
                f"小组活动情况。代表们交流了走访选民、收集意见的情况，重点讨论了{village}{t1}问题，"
                f"认为要加强与有关站所的沟通，推动问题尽快解决。\n\n会议商定下季度组织代表视察{t2}"
                "工作，并安排代表轮流进站接待选民，做好意见登记和反馈。\n")
        self.emit("meetings", f"{day.year}/{mid}", h, body)
        return True

    def make_meetings(self, quota: dict[int, int]) -> None:
        rng = self.rng
        for year in self.year_list:
            want = quota[year]
            made = 0
            # The regular session early in the year, with its preparatory meeting.
            day = rand_day(rng, dt.date(year, 1, 6), dt.date(year, 3, 15))
            self.write_congress(day, year, first_session=False)
            made += 2
            # A new term's first session on the day it begins.
            for term in self.terms:
                if term.start.year == year and term.start <= LAST_DAY and made + 2 <= want:
                    self.write_congress(term.start, year, first_session=True)
                    made += 2
            # Presidium meetings, one a quarter, then group meetings, then more presidium ones.
            n = 0
            for q in range(4):
                if made >= want:
                    break
                first = dt.date(year, 3 * q + 1, 1)
                last = add_months(first, 3) - dt.timedelta(days=1)
                n += 1
                self.write_presidium(rand_day(rng, first, last), n)
                made += 1
            slot = 0
            while made < want:
                group = slot % self.group_count
                quarter = (slot // self.group_count) % 4
                if slot and slot % (4 * self.group_count) == 0 and made < want:
                    n += 1
                    self.write_presidium(rand_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)), n)
                    made += 1
                    if made >= want:
                        break
                first = dt.date(year, 3 * quarter + 1, 1)
                last = add_months(first, 3) - dt.timedelta(days=1)
                if self.write_group_meeting(rand_day(rng, first, last), group, quarter + 1):
                    made += 1
                slot += 1

    # ---- suggestions and replies -----------------------------------------------------------

    def make_suggestions(self, quota: dict[int, int]) -> None:
        rng = self.rng
        for year in self.year_list:
            congress = self.congress[year]
            plan = []
            for _ in range(quota[year]):
                motion = rng.random() < 0.04
                at_session = rng.random() < (0.9 if motion else 0.55)
                if at_session:
                    day = rand_day(rng, congress["date"], congress["end"])
                else:
                    day = rand_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
                plan.append((day, motion, at_session))
            plan.sort(key=lambda p: p[0])
            numbers = {"议案": 0, "建议": 0}
            for day, motion, at_session in plan:
                kind = "议案" if motion else "建议"
                everyone = self.roster.at(day)[0]
                serving = self.roster.ids(day)
                pool = [d for d in congress["attendees"] if d in serving] if at_session else everyone
                if motion and len(everyone) < 11:
                    kind = "建议"
                numbers[kind] += 1
                number = numbers[kind]
                sid = f"{year}-{number:03d}" if kind == "建议" else f"{year}-ya{number:02d}"
                proposer = rng.choice(pool)
                others = [d for d in everyone if d != proposer]
                if kind == "议案":
                    cosigners = rng.sample(others, min(len(others), rng.randint(10, 14)))
                elif rng.random() < 0.5:
                    cosigners = rng.sample(others, min(len(others), rng.randint(1, 5)))
                else:
                    cosigners = []
                cat, _, leads, topics = rng.choices(CATEGORIES, [c[1] for c in CATEGORIES])[0]
                topic = rng.choice(topics)
                village = self.deputies[proposer].village
                if kind == "议案":
                    title = f"关于{rng.choice(VERBS)}全镇{topic}的议案"
                else:
                    title = f"关于{rng.choice(VERBS)}{village}{topic}的建议"
                lead = rng.choice(leads)
                assist = [u for u in rng.sample(UNITS, 3) if u != lead][: rng.choice([0, 0, 1, 1, 2])]
                assigned = day + dt.timedelta(days=rng.randint(7, 30))
                if assigned > LAST_DAY:
                    assigned = None
                deadline = None
                if assigned and rng.random() < 0.6:
                    deadline = add_months(assigned, 3)
                    if deadline > LAST_DAY:
                        deadline = None
                self.suggestions.append({
                    "id": sid, "year": year, "number": number, "kind": kind, "title": title,
                    "proposer": proposer, "cosigners": cosigners, "submitted": day,
                    "meeting": congress["id"] if at_session else None, "category": cat,
                    "topic": topic, "village": village, "lead": lead, "assist": assist,
                    "assigned": assigned, "deadline": deadline,
                })

    def write_suggestions(self) -> None:
        rng = self.rng
        for sg in self.suggestions:
            h = Header()
            h.add("title", sg["title"]).add("number", sg["number"]).add("kind", sg["kind"])
            h.add("proposer", sg["proposer"])
            if sg["cosigners"]:
                h.add("cosigners", sg["cosigners"])
            h.add("submitted", sg["submitted"])
            if sg["meeting"]:
                h.add("meeting", sg["meeting"])
            h.add("category", sg["category"])
            if sg["assigned"]:
                h.raw("handlers:").add("lead", sg["lead"], "  ")
                if sg["assist"]:
                    h.add("assist", sg["assist"], "  ")
                h.add("assigned", sg["assigned"])
                if sg["deadline"]:
                    h.add("deadline", sg["deadline"])
            v, t = sg["village"], sg["topic"]
            where = "全镇" if sg["kind"] == "议案" else v
            reasons = [
                f"近年来，{where}{t}工作虽有改善，但与群众期盼相比仍有差距。",
                f"据走访了解，{v}现有农户{rng.randint(180, 900)}户、人口{rng.randint(700, 3500)}人，"
                f"群众对{t}问题反映较为集中。",
                "部分群众多次向代表反映，希望政府能够统筹解决，尽快改变现状。",
                "由于历史欠账较多、资金投入有限，相关问题长期得不到根本解决，影响群众生产生活。",
                "这一问题如不及时解决，容易引发安全隐患和矛盾纠纷，也不利于乡村振兴工作的推进。",
            ]
            body = (f"## 案由\n\n{where}{t}问题群众反映强烈，亟待解决。\n\n## 理由\n\n"
                    + "".join(rng.sample(reasons, 3)) +
                    f"\n\n## 建议\n\n1. 请{sg['lead']}牵头，对{where}{t}情况进行全面摸底，"
                    "制定切实可行的工作方案。\n2. 积极争取上级项目资金支持，将相关工作纳入年度民生实事"
                    "统筹推进。\n3. 建立长效管护机制，明确管护责任主体，确保建成后长期发挥效益。\n")
            self.emit("suggestions", f"{sg['year']}/{sg['id']}", h, body)

    def make_replies(self) -> list[dict]:
        """Reply chains: interim (B, 续办) → final → re-handling after 不满意."""
        rng = self.rng
        replies = []
        for sg in self.suggestions:
            assigned = sg["assigned"]
            if not assigned:
                continue
            delay = rng.randint(20, 88) if rng.random() < 0.85 else rng.randint(95, 160)
            day = assigned + dt.timedelta(days=delay)
            letters = iter("abcdefgh")
            interim = rng.random() < 0.15
            rehandling = False
            while day <= LAST_DAY:
                reply = {"sg": sg, "id": f"{sg['id']}-{next(letters)}", "date": day,
                         "handler": sg["lead"], "final": not interim}
                if interim:
                    reply["result"] = "B"
                    if sg["assist"] and rng.random() < 0.3:
                        reply["handler"] = rng.choice(sg["assist"])
                else:
                    reply["result"] = weighted(rng, [("A", 55), ("B", 30), ("C", 15)])
                if rng.random() < 0.5:
                    reply["consulted"] = rand_day(rng, assigned, day)
                feedback = None
                if rehandling or rng.random() < (0.85 if not interim else 0.3):
                    fday = day + dt.timedelta(days=rng.randint(3, 25))
                    if fday <= LAST_DAY:
                        # After re-handling the deputy is satisfied: one more final reply at most.
                        sat = weighted(rng, SATISFACTION[:2] if rehandling else SATISFACTION)
                        feedback = {"date": fday, "satisfaction": sat}
                        if rng.random() < 0.5 or sat == "不满意":
                            feedback["comment"] = rng.choice(COMMENTS[sat])
                reply["feedback"] = feedback
                replies.append(reply)
                if interim:
                    interim = False
                    day = day + dt.timedelta(days=rng.randint(60, 240))
                elif feedback and feedback["satisfaction"] == "不满意" and not rehandling:
                    rehandling = True
                    day = feedback["date"] + dt.timedelta(days=rng.randint(15, 60))
                else:
                    break
        return replies

    def write_replies(self, replies: list[dict]) -> None:
        rng = self.rng
        for r in replies:
            sg = r["sg"]
            core = sg["title"][2:-3] if sg["title"].startswith("关于") else sg["title"]
            noun = "议案" if sg["kind"] == "议案" else "建议"
            h = Header()
            h.add("title", f"关于{core}{noun}的答复")
            h.add("suggestion", sg["id"]).add("handler", r["handler"]).add("date", r["date"])
            h.add("consulted", r.get("consulted")).add("result", r["result"])
            if not r["final"]:
                h.add("final", False)
            fb = r["feedback"]
            if fb:
                h.raw("feedback:").add("date", fb["date"], "  ")
                h.add("satisfaction", fb["satisfaction"], "  ")
                h.add("comment", fb.get("comment"), "  ")
            proposer = self.deputies[sg["proposer"]].name
            consult = (f"{cn_date(r['consulted'])}，我单位负责同志与您当面沟通了办理思路。"
                       if r.get("consulted") else "")
            result_text = {
                "A": "目前，该问题已基本解决，相关工程已完工并投入使用。",
                "B": "目前，相关工作正在推进，已列入下一年度工作计划，我单位将持续跟踪落实。",
                "C": "由于受资金和政策限制，该建议暂时难以实施，我单位将留作今后工作参考。",
            }[r["result"]]
            steps = [
                f"组织专人深入{sg['village']}实地查看，摸清了{sg['topic']}的现状和群众诉求。",
                "召开专题会议研究办理方案，明确了责任领导、责任人和完成时限。",
                "积极向上级主管部门汇报，争取项目和资金支持。",
                "加强与村“两委”的沟通协调，动员群众投工投劳、共同参与。",
            ]
            done = "".join(f"{'一二三'[k]}是{steps[i]}"
                           for k, i in enumerate(sorted(rng.sample(range(len(steps)), 3))))
            body = (f"{proposer}代表：\n\n您提出的《{sg['title']}》（第{sg['number']}号）收悉。"
                    f"我单位高度重视，{consult}现答复如下：\n\n"
                    f"一、基本情况\n\n{sg['village']}{sg['topic']}问题由来已久，群众反映较多，"
                    "您的建议切合实际，对我们改进工作很有帮助。\n\n"
                    f"二、办理情况\n\n{done}"
                    f"{result_text}\n\n"
                    "三、下一步工作\n\n我单位将继续加强跟踪督办，及时向您反馈办理进展，"
                    "欢迎您继续对我们的工作提出宝贵意见。\n\n"
                    f"感谢您对{TOWNSHIP}工作的关心和支持。\n\n{TOWNSHIP}{r['handler'][1:]}\n\n"
                    f"{cn_date(r['date'])}\n")
            self.emit("replies", f"{r['date'].year}/{r['id']}", h, body)

    # ---- projects --------------------------------------------------------------------------

    def write_projects(self, quota: dict[int, int]) -> None:
        rng = self.rng
        for year in self.year_list:
            congress = self.congress[year]
            for number in range(1, quota[year] + 1):
                kind, unit = rng.choice(PROJECT_KINDS)
                village = self.village()
                title = f"{village}{kind}"
                budget = rng.randint(20, 600) + (rng.randint(1, 9) / 10 if rng.random() < 0.4 else 0)
                budget_text = f"{budget:.1f}" if budget != int(budget) else str(int(budget))
                # Progress every two to four months after the vote, until done or until today.
                progress, day, percent = [], congress["end"], 0
                while percent < 100:
                    day = day + dt.timedelta(days=rng.randint(60, 120))
                    if day > LAST_DAY:
                        break
                    percent = min(100, percent + rng.randint(15, 45))
                    progress.append((day, percent))
                pool = congress["attendees"]
                if progress:
                    later = self.roster.ids(progress[-1][0])
                    pool = [d for d in pool if d in later] or pool[:1]
                supervisors = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
                h = Header()
                h.add("title", title).add("number", number).add("year", year)
                h.add("voted_at", congress["id"])
                yes, no, abst = self.votes(congress["present"])
                h.raw("votes:").add("for", yes, "  ").add("against", no, "  ").add("abstain", abst, "  ")
                h.add("responsible", unit).raw(f"budget: {budget_text}")
                h.add("supervisors", supervisors)
                if progress:
                    rows = []
                    for pday, pct in progress:
                        note = next(n for limit, n in PROGRESS_NOTES if pct <= limit)
                        rows.append([("date", pday), ("percent", pct), ("note", note)])
                    h.mappings("progress", rows)
                upper = round(budget * rng.uniform(0.4, 0.8))
                body = (f"## 项目内容\n\n{title}是{year}年{TOWNSHIP}人民代表大会票决产生的民生实事项目，"
                        f"计划投资{budget_text}万元，由{unit}负责实施，{len(supervisors)}名代表跟踪监督。"
                        f"\n\n## 建设标准\n\n项目按照相关行业技术规范设计和施工，严格执行招投标、"
                        "工程监理和竣工验收制度，确保工程质量和安全。建成后移交村集体管理，"
                        "建立长效管护机制。\n\n## 资金来源\n\n"
                        f"争取上级专项资金约{upper}万元，其余由镇级财政配套和村级自筹解决。\n")
                self.emit("projects", f"{year}/{year}-{number:02d}", h, body)

    # ---- activities ------------------------------------------------------------------------

    def write_activity(self, day: dt.date, kind: str, slug: str, must: str | None = None,
                       suggestion: str | None = None) -> bool:
        rng = self.rng
        everyone, groups, _, _, _ = self.roster.at(day)
        if not everyone:
            return False
        group = station = None
        village = self.village()
        topic = rng.choice(ALL_TOPICS)
        organizer = "镇人大主席团"
        if kind == "接待选民":
            open_ = [st for st in self.stations if st["opened"] <= day]
            if open_:
                station = rng.choice(open_)
                group = station["group"]
            else:
                group = rng.randrange(self.group_count)
            pool = groups.get(group) or everyone
            deputies = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
            organizer = self.groups[group]
        elif kind in ("代表小组活动", "述职"):
            group = rng.randrange(self.group_count)
            pool = groups.get(group) or everyone
            low = max(1, len(pool) // 2) if kind == "代表小组活动" else 1
            deputies = rng.sample(pool, rng.randint(min(low, len(pool)), len(pool)))
            organizer = self.groups[group]
        elif kind == "联系选民":
            deputies = rng.sample(everyone, min(len(everyone), rng.randint(1, 3)))
            organizer = rng.choice(["镇人大办", "镇人大主席团"])
        elif kind == "学习培训":
            deputies = rng.sample(everyone, min(len(everyone), rng.randint(20, 80)))
            organizer = rng.choice(["镇人大主席团", "县人大常委会", "镇人大办"])
        else:
            low, high = {"外出考察": (8, 20), "其他": (3, 10)}.get(kind, (5, 15))
            deputies = rng.sample(everyone, min(len(everyone), rng.randint(low, high)))
        if must and must not in deputies:
            deputies[-1] = must
        end = None
        if kind in ("外出考察", "学习培训") and rng.random() < 0.6:
            end = day + dt.timedelta(days=rng.randint(1, 3))
            later = self.roster.ids(end) if end <= LAST_DAY else set()
            if end > LAST_DAY or any(d not in later for d in deputies):
                end = None
        gname = self.groups[group] if group is not None else None
        titles = {
            "视察": f"视察{village}{topic}工作",
            "调研": f"{topic}专题调研",
            "执法检查": f"《中华人民共和国{rng.choice(LAWS)}》贯彻实施情况执法检查",
            "站所评议": f"评议{rng.choice(UNITS)}工作",
            "专题询问": f"就{topic}工作开展专题询问",
            "学习培训": rng.choice(["代表履职能力培训", "代表法学习培训", "新任代表履职培训",
                                    f"{topic}政策专题学习"]),
            "外出考察": f"赴外地考察学习{topic}经验",
            "接待选民": f"{station['name'] if station else gname}代表接待选民日活动",
            "联系选民": f"走访联系{village}选民",
            "述职": f"{gname}代表向选民述职",
            "代表小组活动": f"{gname}开展{topic}主题活动",
            "其他": rng.choice([f"参加{village}环境整治志愿服务", f"开展{topic}政策宣传",
                                "参加防汛抗旱志愿服务"]),
        }
        h = Header()
        h.add("title", titles[kind]).add("kind", kind).add("date", day).add("end", end)
        if kind == "其他" and not suggestion and rng.random() < 0.3:
            h.add("disclosure", "internal")
        h.add("deputies", deputies)
        if kind == "述职":  # everyone taken along reports (no random draw: the rest of the tree stays as it was)
            h.add("reporters", deputies)
        h.add("organizer", organizer)
        if station:
            h.add("station", station["id"])
        if gname:
            h.add("group", gname)
        place = station["address"] if station else (
            f"{TOWNSHIP}人民政府三楼会议室" if kind in ("学习培训", "专题询问", "站所评议")
            else f"{village}")
        h.add("place", place)
        voters = ops = 0
        if kind in ("接待选民", "联系选民", "述职"):
            voters = rng.randint(5, 60)
            h.add("voters", voters)
        if kind in ("接待选民", "联系选民", "视察", "调研") and rng.random() < 0.8:
            rows = []
            for summary in rng.sample(OPINIONS, rng.randint(1, 3)):
                status = weighted(rng, OPINION_STATUS)
                rows.append([("summary", f"{self.village()}{summary}"), ("status", status),
                             ("referred_to", rng.choice(UNITS) if status == "已转交" else None),
                             ("deputy", deputies[len(rows) % len(deputies)])])
            ops = len(rows)
            h.mappings("opinions", rows)
        h.add("topics", [topic] + [t for t in rng.sample(ALL_TOPICS, 2) if t != topic][: rng.randint(0, 2)])
        if suggestion:
            h.add("suggestions", [suggestion])
        pool = [
            "代表们实地查看了{v}的有关现场，听取了{u}的情况汇报，详细了解{t}工作的进展和存在的困难。",
            "代表们认为，{t}工作总体推进有序，但仍存在资金投入不足、后期管护不到位等问题。",
            "代表们建议，有关单位要加大统筹力度，完善长效管护机制，切实把好事办好、实事办实。",
            "活动结束后，代表们对收集到的情况进行了梳理，形成书面材料报镇人大主席团。",
            "下一步，代表小组将持续跟踪意见办理情况，并及时向选民反馈。",
            "大家表示，要珍惜人民赋予的权利，认真履行代表职责，当好党和政府联系群众的桥梁纽带。",
        ]
        first = f"{cn_date(day)}，{organizer}组织{len(deputies)}名代表开展{kind}活动：{titles[kind]}。"
        if voters:
            first += f"活动中共接待选民{voters}人次，收集意见建议{ops or rng.randint(1, 5)}条。"
        body = ("## 活动情况\n\n" + first +
                self.sentences(pool[:2], 2, v=village, u=rng.choice(UNITS), t=topic) +
                "\n\n## 意见和建议\n\n" + self.sentences(pool[2:], 3) + "\n")
        base = f"{day.isoformat()}-{slug}"
        aid, k = base, 2
        while f"activities/{day.year}/{aid}.md" in self.files:
            aid, k = f"{base}-{k}", k + 1
        self.emit("activities", f"{day.year}/{aid}", h, body)
        return True

    def write_activities(self, total: int) -> None:
        rng = self.rng
        kinds = [(k, w) for k, w, _ in ACTIVITY_KINDS]
        slugs = {k: slug for k, _, slug in ACTIVITY_KINDS}
        linked = 0
        # Some suggestions raised between sessions come out of an activity shortly before.
        for sg in self.suggestions:
            if linked >= total // 4 or sg["meeting"] or rng.random() >= 0.35:
                continue
            day = sg["submitted"] - dt.timedelta(days=rng.randint(3, 45))
            if day < self.first_day or sg["proposer"] not in self.roster.ids(day):
                continue
            kind = rng.choice(["调研", "视察", "接待选民", "联系选民"])
            if self.write_activity(day, kind, slugs[kind], must=sg["proposer"], suggestion=sg["id"]):
                linked += 1
        per_year = spread(total - linked, self.year_weights)
        for year, count in zip(self.year_list, per_year):
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            written = 0
            while written < count:
                kind = weighted(rng, kinds)
                if self.write_activity(rand_day(rng, first, last), kind, slugs[kind]):
                    written += 1

    # ---- all -------------------------------------------------------------------------------

    def run(self) -> None:
        self.plan()
        self.make_deputies()
        self.write_deputies()
        self.make_stations()
        self.write_stations()
        rest = self.target - self.counts["deputies"] - self.counts["stations"]
        whole = sum(SHARES.values())
        meetings = max(6 * self.years, round(rest * SHARES["meetings"] / whole))
        suggestions = round(rest * SHARES["suggestions"] / whole)
        projects = max(self.years, round(rest * SHARES["projects"] / whole))
        self.make_meetings(dict(zip(self.year_list, spread(meetings, self.year_weights))))
        self.make_suggestions(dict(zip(self.year_list, spread(suggestions, self.year_weights))))
        self.write_suggestions()
        self.write_replies(self.make_replies())
        self.write_projects(dict(zip(self.year_list, spread(projects, self.year_weights))))
        remaining = self.target - sum(self.counts.values())
        self.write_activities(max(0, remaining))

    def write(self, out: Path) -> None:
        made: set[str] = set()
        for rel in sorted(self.files):
            path = out / rel
            parent = str(path.parent)
            if parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(parent)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(self.files[rel])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="synth.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python scripts/synth.py --out /tmp/synth-20000 --records 20000 --seed 1",
    )
    parser.add_argument("--out", required=True, type=Path, help="folder to write the records tree into")
    parser.add_argument("--records", required=True, type=int, help="how many records (.md files) to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same tree")
    parser.add_argument("--force", action="store_true",
                        help="delete the seven record folders in --out first if they exist")
    args = parser.parse_args(argv)
    if args.records < 100:
        parser.error("--records must be at least 100 (a tree needs 60 deputies to make sense)")
    out: Path = args.out
    if out.exists():
        if not out.is_dir():
            parser.error(f"{out} exists and is not a folder")
        if any(out.iterdir()):
            if not args.force:
                parser.error(f"{out} is not empty (use --force to replace the record folders in it)")
            if any(entry.name not in TYPES or not entry.is_dir() for entry in out.iterdir()):
                parser.error(f"{out} holds other files than record folders; not touching them")
            for name in TYPES:
                if (out / name).is_dir():
                    shutil.rmtree(out / name)
    started = time.perf_counter()
    synth = Synth(args.records, args.seed)
    synth.run()
    synth.write(out)
    elapsed = time.perf_counter() - started
    total = sum(synth.counts.values())
    parts = ", ".join(f"{t} {synth.counts[t]}" for t in TYPES)
    print(f"synth: {total} records in {out} ({synth.first_year}–{LAST_DAY.year}, seed {args.seed}): "
          f"{parts}; {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
