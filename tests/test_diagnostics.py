"""One test per diagnostic code: the exact message, line and column, on a small real tree.

Each case changes the valid base tree (``conftest.BASE_TREE``) in one way and lists every
problem the validator must report, formatted exactly as ``renda validate`` prints it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, Link
from renda.core.catalogue import CATALOGUE
from renda.core.config import Settings
from renda.core.validate import validate

DEP = "---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n"
ACTIVITY = "activities/2024/2024-05-01.md"
ATTACHING = ("---\ntitle: 视察\nkind: 视察\ndate: 2024-05-01\ndeputies: [zhang-wei]\n"
             "attachments:\n  - file: {}\n---\n")

PINGYI = "activities/2024/2024-05-28-pingyi.md"
PINGYI_TEXT = ("---\ntitle: 评议镇财政所\nkind: 站所评议\ndate: 2024-05-28\ndeputies: [zhang-wei, li-fang]\n"
               "evaluation:\n  satisfied: 1\n"
               "rectifications:\n  - item: 惠农补贴发放公示不及时\n    unit: 镇财政所\n    deadline: 2024-08-31\n"
               "  - item: 补贴政策宣传不到位\n    unit: 镇农业农村办\n    deadline: 2024-08-31\n---\n")
REPORT = "rectifications/2024/2024-05-28-pingyi-a.md"
PLAN = "plans/2024/2024-yaodian.md"
PLAN_TEXT = ("---\ntitle: 2024年工作要点\nyear: 2024\nitems:\n  - text: 组织代表视察\n    kind: 视察\n    target: 4\n"
             "  - text: 加强代表之家建设\n---\n工作要点全文。\n")
REPORT_TEXT = "---\nactivity: 2024-05-28-pingyi\nunit: 镇财政所\ndate: 2024-08-20\nitems: [1]\n---\n整改报告。\n"

PROJECT_TEXT = ("---\ntitle: 红星村饮水安全巩固提升工程\nnumber: 1\nyear: 2024\nvoted_at: 2024-01-15-rd\n"
                "responsible: 镇农业农村办\nprogress:\n  - date: 2024-06-30\n    percent: 60\n"
                "  - date: 2024-12-20\n    percent: 100\n")

CASES = {
    "R01": (
        {'deputies/zhao-lei.md': b"---\nname: x\n---\n" + b"a" * 1_048_600},
        [
            'records/deputies/zhao-lei.md:1:1: error R01: 文件有 1048616 字节，超过上限 1048576 字节。一条记录不应这么大：请把长材料拆成几条记录或作为附件。',
        ],
    ),
    "R02": (
        {'deputies/zhao-lei.md': b'---\nname: \xd5\xd4\xc0\xda\n---\n'},
        [
            'records/deputies/zhao-lei.md:2:1: error R02: 文件不是 UTF-8 编码，看起来是 GBK（WPS、记事本“ANSI”的默认编码）。请在编辑器里“另存为”UTF-8 编码后再提交。',
        ],
    ),
    "R03": (
        {'deputies/zhao-lei.md': b'---\nname: x\n---\n\xff\xfe\x00bad'},
        [
            'records/deputies/zhao-lei.md:4:1: error R03: 第 4 行有无法识别的字节，文件不是 UTF-8 文本。请在编辑器里“另存为”UTF-8 编码后再提交。',
        ],
    ),
    "R04": (
        {'deputies/zhao-lei.md': 'name: 赵磊\n'},
        [
            'records/deputies/zhao-lei.md:1:1: error R04: 文件开头缺少 front-matter：第一行必须是三个减号 ---，接着每行写一个字段，再用一行 --- 结束。',
        ],
    ),
    "R05": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\n'},
        [
            'records/deputies/zhao-lei.md:1:1: error R05: front-matter 没有结束：请在最后一个字段后另起一行，写三个减号 ---，再写正文。',
        ],
    ),
    "R06": (
        {'deputies/zhao-lei.md': '---\n\n---\n正文\n'},
        [
            'records/deputies/zhao-lei.md:1:1: error R06: front-matter 是空的：请在两行 --- 之间写上这条记录的字段，例如 title: 标题。',
        ],
    ),
    "R07": (
        {'deputies/zhao-lei.md': '---\n- 赵磊\n- 男\n---\n'},
        [
            'records/deputies/zhao-lei.md:2:1: error R07: front-matter 必须是每行一个“字段: 值”，这里却是一个列表。请改成 title: 标题 这样的写法。',
        ],
    ),
    "R08": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇\ngender: 男\n---\n'},
        [
            'records/deputies/zhao-lei.md:3:9: error R08: YAML 格式错误：方括号列表 [ ] 没有写完整。常见原因：冒号后少了空格、引号没有成对、缩进不一致。',
        ],
    ),
    "R09": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nroles:\n\t- 主席团成员\n---\n'},
        [
            'records/deputies/zhao-lei.md:7:1: error R09: 这一行有制表符（Tab）。YAML 只能用空格缩进：请把 Tab 换成两个空格。',
        ],
    ),
    "R10": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngroup：第一代表小组\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:6: error R10: 字段名 group 后面是全角冒号“：”。请改成半角冒号加一个空格“: ”。',
        ],
    ),
    "R11": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nname: 赵雷\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:1: error R11: 字段 name 写了两次（另一次在第 2 行），只会留下其中一个值。请删去一处。',
        ],
    ),
    "R12": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngroup: &g 第一代表小组\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:8: error R12: 不支持 YAML 的锚点和引用（&g）：请把内容直接写出来。',
        ],
    ),
    "R13": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngroup: !!str 第一代表小组\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:8: error R13: 不支持 YAML 标签 !!str：请去掉它，直接写值。',
        ],
    ),
    "R14": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nconstituency:\n  a:\n    b:\n      c:\n        d: 1\n---\n'},
        [
            'records/deputies/zhao-lei.md:7:3: error F03: constituency（选区）应当是一段文字，这里却是一组字段。例如：constituency: 第三选区（红星村）',
            'records/deputies/zhao-lei.md:10:9: error R14: 嵌套超过 4 层。记录的字段最多到“列表里的字段”这一级，请检查缩进。',
        ],
    ),
    "R15": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n? [a, b]\n: c\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:3: error R15: 字段名必须是简单的文字，这里却是一个列表。请检查这一行的写法。',
        ],
    ),
    "R16": (
        {'deputies/zhao-lei.md': DEP + "occupation: " + "长" * 30000 + "\n---\n"},
        [
            'records/deputies/zhao-lei.md:2:1: error R16: front-matter 有 90074 字节，超过上限 65536 字节。长文字请写进正文（第二行 --- 之后）。',
        ],
    ),
    "S01": (
        {'notes/readme2.md': '---\ntitle: x\n---\n'},
        [
            'records/notes/readme2.md:1:1: warning S01: 这个文件不属于任何记录类型，不会被发布。记录应放在 deputies/、stations/、meetings/、activities/、suggestions/、replies/、projects/、rectifications/、plans/ 之一的文件夹里。',
        ],
    ),
    "S02": (
        {'activities/2024-05-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2024-05-01.md:1:1: warning S02: 履职活动记录应放在年份文件夹里，例如 activities/2024/2024-05-01.md。',
        ],
    ),
    "S03": (
        {'activities/2023/2024-05-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2023/2024-05-01.md:4:1: warning S03: 文件放在 2023/ 文件夹，但 date（日期）是 2024-05-01。请把文件移到 activities/2024/ 文件夹，或改正日期。',
        ],
    ),
    "F01": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\ngrup: 第一代表小组\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:1: error F01: 代表记录没有 grup 这个字段。是不是想写 group？',
        ],
    ),
    "F02": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\nterm_start: 2021-12-28\n---\n'},
        [
            'records/deputies/zhao-lei.md:2:1: error F02: 缺少必填字段 gender（性别），请补上。例如：gender: 女',
        ],
    ),
    "F03": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\noccupation: [农民, 个体]\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:13: error F03: occupation（工作单位及职务）应当是一段文字，这里却是一个列表。例如：occupation: 红星村党支部书记、村委会主任',
        ],
    ),
    "F04": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nroles: [主席团委员]\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:9: error F04: roles[0]（职务）的值“主席团委员”不在可选范围内。是不是想写“主席团成员”？可选：主席、副主席、主席团成员、代表小组组长、代表小组副组长、代表工作站站长。',
        ],
    ),
    "F05": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nterm_end: 2024-02-30\nleft_reason: 辞职\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:11: error F05: term_end（离任日期）的日期“2024-02-30”不对：日历上没有这一天。请写成 YYYY-MM-DD，例如 2024-03-15。',
        ],
    ),
    "F06": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\nvoters: 010\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:6:9: error F06: voters（接待选民人次）应当是整数，“010”不是：不要以 0 开头（YAML 1.1 会把 010 读成八进制的 8）。',
        ],
    ),
    "F07": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\nvoters: -3\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:6:9: error F07: voters（接待选民人次）不能是负数，现在是 -3。',
        ],
    ),
    "F08": (
        {'meetings/2024/2024-03-01-zxt.md': '---\nkind: 主席团会议\ndate: 2024-03-01\noath: no\n---\n'},
        [
            'records/meetings/2024/2024-03-01-zxt.md:4:7: error F08: oath（宪法宣誓）只能写 true/false 或 是/否，“no”不行。',
        ],
    ),
    "F09": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nid: zhao lei\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:5: error F09: id（编号）“zhao lei”不能用作编号：只能用汉字、字母、数字和 - _ . 三种符号，且以汉字、字母或数字开头。',
        ],
    ),
    "F10": (
        {'projects/2024/2024-01.md': '---\ntitle: 项目\nnumber: 1\nyear: 2024\nresponsible: 镇政府\nbudget: 一百万\n---\n'},
        [
            'records/projects/2024/2024-01.md:6:9: error F10: budget（投资（万元））应当是数字，例如 120 或 35.5，“一百万”不是。',
        ],
    ),
    "F11": (
        {'projects/2024/2024-01.md': '---\ntitle: 项目\nnumber: 1\nyear: 2024\nresponsible: 镇政府\nprogress:\n  - date: 2024-06-30\n    percent: 120\n---\n'},
        [
            'records/projects/2024/2024-01.md:8:14: error F11: progress[0].percent（完成百分比）应当在 0 到 100 之间，现在是 120。',
        ],
    ),
    "F12": (
        {'stations/hongxing.md': '---\nname: 红星村代表联络室\nlevel: 室\nreception_days: [每月32日]\n---\n'},
        [
            'records/stations/hongxing.md:4:18: error F12: reception_days[0]（接待日）的“每月32日”看不懂。请写成“每月15日”“每周三”或“每月第一个周三”这样的形式。',
        ],
    ),
    "F13": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nterm_end: 2024-03-01\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:1: error F13: 写了 term_end（离任日期）就要同时写 left_reason（离任原因）。',
        ],
    ),
    "F14": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\ndeputies:\n  - zhang-wei\n  - li-fang\n  - zhang-wei\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:8:5: warning F14: deputies（参加代表）里“zhang-wei”出现了两次（另一次在第 6 行）。请删去重复的一项。',
        ],
    ),
    "X01": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\nid: li-fang\n---\n'},
        [
            'records/deputies/zhao-lei.md:6:1: error X01: 代表编号 id“li-fang”重复：records/deputies/li-fang.md 也用了它。请改其中一个（id 默认取文件名）。',
        ],
    ),
    "X02": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\ndeputies: [zhang-wei, li-fag]\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:5:23: error X02: deputies[1]（参加代表）写的代表“li-fag”找不到。是不是 li-fang？',
        ],
    ),
    "X03": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-05-01\nend: 2024-04-30\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:5:1: error X03: end（结束日期）2024-04-30 早于活动日期 2024-05-01，先后顺序不对。请核对这两个日期。',
        ],
    ),
    "X04": (
        {'activities/2026/2026-12-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2026-12-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2026/2026-12-01.md:4:1: error X04: date（日期）2026-12-01 还没到（今天是 2026-11-21）。只记录已经发生的事，请核对日期。',
        ],
    ),
    "X05": (
        {'activities/2024/2024-09-01.md': '---\ntitle: 学习\nkind: 学习培训\ndate: 2024-09-01\ndeputies: [zhang-wei, wang-jun]\n---\n'},
        [
            'records/activities/2024/2024-09-01.md:5:23: error X05: deputies[1]（参加代表）里的代表“wang-jun”（王军）在 2024-09-01 不在任期内（任期 2021-12-28 至 2024-06-30）。请核对日期或名单。',
        ],
    ),
    "X06": (
        {'suggestions/2024/2024-y01.md': '---\ntitle: 关于设立镇级养老服务中心的议案\nnumber: 1\nkind: 议案\nproposer: zhang-wei\ncosigners: [li-fang]\nsubmitted: 2024-01-15\ncategory: 社会保障\n---\n'},
        [
            'records/suggestions/2024/2024-y01.md:6:1: error X06: 议案需要至少 10 名代表联名附议，这里只有 1 名。人数不够请把 kind 改为“建议”，或补齐附议代表。',
        ],
    ),
    "X07": (
        {'meetings/2024/2024-03-01-xz.md': '---\nkind: 代表小组会议\ndate: 2024-03-01\ngroup: 第二代表小组\nattendance:\n  expected: 1\n  present: 2\n---\n'},
        [
            'records/meetings/2024/2024-03-01-xz.md:7:3: error X07: attendance.present（实到人数）是 2 人，多于 2024-03-01 在任的第二代表小组代表 1 人。请核对人数。',
        ],
    ),
    "X08": (
        {'suggestions/2024/2024-002.md': '---\ntitle: 关于修缮村道的建议\nnumber: 1\nkind: 建议\nproposer: li-fang\nsubmitted: 2024-02-01\ncategory: 交通运输\n---\n'},
        [
            'records/suggestions/2024/2024-002.md:3:1: error X08: 2024 年建议编号 1 重复：records/suggestions/2024/2024-001.md 也用了它。请改用下一个未用的编号。',
        ],
    ),
    "X09": (
        {'replies/2024/2024-001-b.md': '---\nsuggestion: 2024-001\nhandler: 镇农业农村办\ndate: 2024-05-10\nresult: A\n---\n'},
        [
            'records/replies/2024/2024-001-b.md:4:1: warning X09: 建议 2024-001 已于 2024-04-10 作出最终答复，这条答复（2024-05-10）又在其后。如果之前那条只是阶段性答复，请把它改为 final: false。',
        ],
    ),
    "X10": (
        {'replies/2024/2024-001-a.md': '---\nsuggestion: 2024-001\nhandler: 镇水利站\ndate: 2024-04-10\nresult: A\n---\n'},
        [
            'records/replies/2024/2024-001-a.md:3:1: warning X10: 答复单位“镇水利站”不在建议 2024-001 的承办单位（镇农业农村办、镇财政所）之中。请核对单位名称。',
        ],
    ),
    "X11": (
        {'projects/2024/2024-01.md': '---\ntitle: 项目\nnumber: 1\nyear: 2024\nresponsible: 镇政府\nprogress:\n  - date: 2024-06-30\n    percent: 60\n  - date: 2024-09-30\n    percent: 40\n---\n'},
        [
            'records/projects/2024/2024-01.md:9:5: error X11: 进度 2024-09-30 的 40% 比前一条（2024-06-30，60%）百分比还低。进度应按日期先后写，且百分比不减少。',
        ],
    ),
    "X12": (
        {'suggestions/2024/2024-002.md': '---\ntitle: 关于修缮村道的建议\nnumber: 2\nkind: 建议\nproposer: li-fang\ncosigners: [zhang-wei, li-fang]\nsubmitted: 2024-02-01\ncategory: 交通运输\n---\n'},
        [
            'records/suggestions/2024/2024-002.md:6:24: warning X12: 领衔代表“li-fang”同时写在了附议代表 cosigners 里。请从 cosigners 中删去。',
        ],
    ),
    "X13": (
        {'meetings/2024/2024-03-01-zxt.md': '---\nkind: 主席团会议\ndate: 2024-03-01\nattendees: [zhang-wei, li-fang]\nvotes:\n  - item: 关于召开代表小组活动的决定\n    for: 2\n    against: 0\n    abstain: 1\n---\n'},
        [
            'records/meetings/2024/2024-03-01-zxt.md:6:5: error X13: 表决“关于召开代表小组活动的决定”赞成、反对、弃权合计 3 票，多于出席代表 2 人。请核对票数。',
        ],
    ),
    "X14": (
        {'meetings/2024/2024-07-01-rd.md': '---\nkind: 人民代表大会\ndate: 2024-07-01\nsession: 第十八届人民代表大会第四次会议\nattendees: [zhang-wei, li-fang]\nvotes:\n  - item: 关于补选镇人民代表大会主席团成员的决定\n    for: 1\n    abstain: 1\n    passed: 是\n---\n'},
        [
            'records/meetings/2024/2024-07-01-rd.md:10:5: warning X14: 表决“关于补选镇人民代表大会主席团成员的决定”写的是通过，但赞成 1 票未超过全体代表 2 人的半数。请核对 passed 或票数。',
        ],
    ),
    "X15": (
        {'meetings/2024/2024-03-01-zxt.md': '---\nkind: 主席团会议\ndate: 2024-03-01\nattendees: [zhang-wei, li-fang]\nabsent:\n  - deputy: li-fang\n    reason: 因病请假\n---\n'},
        [
            'records/meetings/2024/2024-03-01-zxt.md:6:5: error X15: 代表“li-fang”同时在出席名单 attendees 和缺席名单 absent 里。请删去一处。',
        ],
    ),
    "X16": (
        {'suggestions/2024/2024-002.md': '---\ntitle: 关于修缮村道的建议\nnumber: 2\nkind: 建议\nproposer: li-fang\nsubmitted: 2024-02-01\ncategory: 交通运输\n---\n', 'replies/2024/2024-002-a.md': '---\nsuggestion: 2024-002\nhandler: 镇村镇建设办\ndate: 2024-05-10\nresult: B\n---\n'},
        [
            'records/replies/2024/2024-002-a.md:2:1: error X16: 建议 2024-002 没有交办日期 assigned，却已有答复。请在建议里补上交办日期。',
        ],
    ),
    "X18": (
        {'activities/2024/2024.md': '---\ntitle: 年度走访\nkind: 联系选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2024/2024.md:1:1: error X18: 编号“2024”和网站上的2024年履职活动列表同名，两个页面会占用同一个网址。请换一个编号，例如在前面加上日期或地名。',
        ],
    ),
    "P01": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n---\n赵磊，身份证号430102199003071234，红星村人。\n'},
        [
            'records/deputies/zhao-lei.md:7:8: error P01: 正文里有身份证号 430***********1234。公开的记录不能有身份证号，请删去（写姓名即可）。',
        ],
    ),
    "P02": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n群众王某（电话 138-0013-8000）反映路灯损坏。\n'},
        [
            'records/activities/2024/2024-05-01.md:7:9: error P02: 正文里有手机号码 138****8000。公开的记录不能有私人手机号，请删去；确需公布的办公电话，在记录里写 allow_personal_data: 原因。',
        ],
    ),
    "P03": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\nopinions:\n  - summary: 补助款打到银行卡号6222021234567890128，请核实\n    status: 办理中\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:7:5: error P03: opinions[0].summary（意见内容）里有银行卡号 622************0128。公开的记录不能有银行卡号或账号，请删去。',
        ],
    ),
    "P04": (
        {'stations/hongxing.md': '---\nname: 红星村代表联络室\nlevel: 室\naddress: 红星村村委会二楼（电话0731-84561234）\n---\n'},
        [
            'records/stations/hongxing.md:4:1: warning P04: address（地址）里有固定电话 073*****1234。私人电话请删去；办公电话请加入设置 office_phones，或在记录里写 allow_personal_data: 原因。',
        ],
    ),
    "P05": (
        {'deputies/zhao-lei.md': '---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n---\n联系邮箱 zhaolei1975@example.com。\n'},
        [
            'records/deputies/zhao-lei.md:7:6: warning P05: 正文里有电子邮箱 z***@example.com。个人邮箱请删去；单位邮箱请在记录里写 allow_personal_data: 原因。',
        ],
    ),
    "P06": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\nplace: 红星村三组12号\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:6:1: warning P06: place（地点）里有具体到门牌号的地址 红星村三****。私人住址不能公开，请只写到村、组；单位地址请在记录里写 allow_personal_data: 原因。',
        ],
    ),
    "H06": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动情况。\n{: style="position:fixed;top:0" }\n'},
        [
            'records/activities/2024/2024-05-01.md:8:4: error H06: 正文里有 style 样式属性，网站不允许（可以把内容盖在整个页面上，或从别的网站加载文件）。请删去，用 Markdown 写格式。',
        ],
    ),
    "H07": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动照片：![现场](https://img.example.com/a.jpg)\n'},
        [
            'records/activities/2024/2024-05-01.md:7:20: error H07: 正文里引用了外部网站 img.example.com 的图片，每位访问者的浏览器都会去连接那个网站，网站承诺不这样做。请把图片放进 records/attachments/ 作为附件，或删去；确需引用的网站请加入设置 remote_hosts。',
        ],
    ),
    "H08": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动情况。\n\n<!-- 内部：来访人情绪激动 -->\n'},
        [
            'records/activities/2024/2024-05-01.md:9:1: error H08: 正文里有 HTML 注释 <!-- -->。注释在网页上看不见，但会原样留在网页源代码里，任何人都能看到。请删去；内部说明请写进标为 internal 的记录。',
        ],
    ),
    "H09": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动情况。\n{: .md-dialog }\n'},
        [
            'records/activities/2024/2024-05-01.md:8:4: error H09: 正文里有 class（.md-dialog） 属性，网站不允许（可以冒充或遮住网站自己的按钮和栏目）。请删去，用 Markdown 写格式。',
        ],
    ),
    "H01": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动情况。\n\n<script>alert(1)</script>\n'},
        [
            'records/activities/2024/2024-05-01.md:9:1: error H01: 正文里有 HTML 标签 <script>，网站不允许（可能执行脚本或改变页面）。请删去，用 Markdown 写格式。',
        ],
    ),
    "H02": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n活动情况。\n{: onclick="alert(1)" }\n'},
        [
            'records/activities/2024/2024-05-01.md:8:4: error H02: 正文里有事件属性 onclick，网站不允许（会执行脚本）。请删去。',
        ],
    ),
    "H03": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待选民\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n详见[通知](javascript:alert(1))。\n'},
        [
            'records/activities/2024/2024-05-01.md:7:8: error H03: 正文里有 javascript: 链接，网站不允许（点击会执行脚本）。请改成普通网址或删去。',
        ],
    ),
    "H04": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 接待<b>选民</b>\nkind: 接待选民\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:2:1: error H04: title（标题）里有 HTML 标签“<b>”。标题只能是文字，请删去尖括号里的内容。',
        ],
    ),
    "X17": (
        {'suggestions/2024/2024-001.md': '---\ntitle: 关于加快红星村饮水工程建设的建议\nnumber: 1\nkind: 建议\nproposer: zhang-wei\ncosigners: [li-fang]\nsubmitted: 2024-01-15\nmeeting: 2024-01-15-rd\ncategory: 农业农村\ndisclosure: internal\nhandlers:\n  lead: 镇农业农村办\n  assist: [镇财政所]\nassigned: 2024-01-25\n---\n建议内容。\n', 'replies/2024/2024-001-a.md': '---\nsuggestion: 2024-001\nhandler: 镇农业农村办\ndate: 2024-04-10\nconsulted: 2024-03-28\nresult: A\ndisclosure: internal\nfeedback:\n  date: 2024-04-20\n  satisfaction: 满意\n---\n答复函。\n'},
        [
            'records/activities/2024/2024-03-12-shicha.md:12:15: error X17: suggestions[0]（形成的建议）引用的议案建议“2024-001”是内部记录（disclosure: internal），公开的记录不能引用它。请把这条记录也标为 internal，或删去这个引用。',
        ],
    ),
    "R17": (
        {'deputies/zhao-lei.md': '---\n<<<<<<< HEAD\nname: 赵磊\n=======\nname: 赵雷\n>>>>>>> zhao\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n---\n'},
        [
            'records/deputies/zhao-lei.md:2:1: error R17: 第 2 行是合并冲突标记（<<<<<<<）：两个版本的内容还没有合并。请保留正确的内容，删去 <<<<<<<、======= 和 >>>>>>> 这几行。',
        ],
    ),
    "R18": (
        {'deputies/zhao-lei.md': DEP + "---\ndisclosure: internal\n---\n简历。\n"},
        [
            'records/deputies/zhao-lei.md:7:1: error R18: front-matter 在第 6 行就结束了，但这里的“disclosure: internal”看起来还是字段或分隔线，会被当成正文公开发布。如果它是字段，请把它移到两行 --- 之间（中间不能再有 --- 或 ...）；如果是正文，请在 front-matter 结束线后先空一行，标题写成 ## 标题。',
        ],
    ),
    "R19": (
        {'deputies/zhao-lei.md': DEP + "...\n---\n简历。\n"},
        [
            'records/deputies/zhao-lei.md:6:1: error R19: 这一行的三个点 ... 在 YAML 里表示“到此结束”，它后面的字段会被丢掉。请删去这一行。',
        ],
    ),
    "R20": (
        {'deputies/zhao-lei.md': DEP + "occupation: 红星村 #3 组组长\n---\n"},
        [
            'records/deputies/zhao-lei.md:6:16: error R20: occupation 的值在 # 处被截断了：YAML 把空格后面的 # 当作注释，现在的值只有“红星村”，“#3 组组长”会丢失。如果 # 是值的一部分，请给整个值加引号，写成 occupation: "红星村 #3 组组长"；如果是注释，请把注释另起一行写。',
        ],
    ),
    "R21": (
        {'deputies/zhao-lei.md': DEP + "---\n简历\u202e。\n"},
        [
            'records/deputies/zhao-lei.md:7:3: error R21: 这里有看不见的字符 U+202E（从右到左强制），网页显示的文字会和文件里写的不一样。请删去它（可在编辑器里用“显示不可见字符”找到）。',
        ],
    ),
    "X19": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 述职\nkind: 述职\ndate: 2024-05-01\ndeputies: [zhang-wei]\nreporters: [li-fang]\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:6:13: error X19: reporters[0]（述职代表）里的代表“li-fang”不在这次活动的参加代表 deputies 里。述职、反映意见、提问的代表必须参加了活动：请把他加进 deputies，或改正编号。',
        ],
    ),
    "X20": (
        {'activities/2024/2024-05-01.md': '---\ntitle: 述职\nkind: 述职\ndate: 2024-05-01\ndeputies: [zhang-wei]\n---\n'},
        [
            'records/activities/2024/2024-05-01.md:3:1: warning X20: 这是一次述职活动，但没有写述职代表 reporters：述职的积分不会计给任何人，参加代表都按参加计分。请写明谁作了述职报告，例如 reporters: [zhang-wei]。',
        ],
    ),
    "X23": (
        {PINGYI: PINGYI_TEXT.replace("satisfied: 1\n", "satisfied: 2\n  dissatisfied: 1\n")},
        [
            'records/activities/2024/2024-05-28-pingyi.md:6:1: error X23: 测评结果满意、基本满意、不满意合计 3 票，多于参加代表 2 人。请核对票数，或把参加测评的代表都写进 deputies。',
        ],
    ),
    "X24": (
        {PINGYI: PINGYI_TEXT, REPORT: REPORT_TEXT.replace("items: [1]", "items: [1, 3]")},
        [
            'records/rectifications/2024/2024-05-28-pingyi-a.md:5:12: error X24: items[1]（已完成的整改事项）写的第 3 项，在监督活动“评议镇财政所”的整改事项 rectifications 里没有（那里共 2 项）。请核对序号：第 1 项是活动记录 rectifications 下的第一条。',
        ],
    ),
    "X25": (
        {PINGYI: PINGYI_TEXT, REPORT: REPORT_TEXT.replace("items: [1]", "items: [2]")},
        [
            'records/rectifications/2024/2024-05-28-pingyi-a.md:5:9: error X25: items[0]（已完成的整改事项）写的第 2 项，责任单位是“镇农业农村办”，本报告的报告单位却是“镇财政所”。请改正报告单位 unit，或把这一项从 items 里删去。',
        ],
    ),
    "X26": (
        {"projects/2024/2024-01.md": PROJECT_TEXT + "from_opinions:\n  - activity: 2024-03-12-shicha\n    number: 2\n---\n"},
        [
            'records/projects/2024/2024-01.md:14:5: error X26: from_opinions[0].number（第几条）写的第 2 条，在活动“视察农村饮水安全工程”的群众意见 opinions 里没有（那里共 1 条）。请核对：第 1 条是活动记录 opinions 下的第一条。',
        ],
    ),
    "X27": (
        {"projects/2024/2024-01.md": PROJECT_TEXT.replace("  - date: 2024-12-20\n    percent: 100\n", "")
         + "accepted: 2024-12-20\n---\n"},
        [
            'records/projects/2024/2024-01.md:10:1: warning X27: 写了验收日期 2024-12-20，但最近一次进度只有 60%。请补上完成 100% 的进度，或核对验收日期。',
        ],
    ),
    "X28": (
        {PLAN: PLAN_TEXT, "plans/2024/2024-yaodian-2.md": PLAN_TEXT},
        [
            'records/plans/2024/2024-yaodian.md:3:1: error X28: 2024 年已经有一份工作要点：records/plans/2024/2024-yaodian-2.md。每年只写一份工作要点，请把两份合并成一份，或改正年度 year。',
        ],
    ),
    "X29": (
        {PLAN: PLAN_TEXT.replace("    target: 4\n", "").replace("建设\n", "建设\n    target: 2\n")
         .replace("---\n工作", "  - text: 开会\n    kind: 视察\n    meeting: 主席团会议\n    target: 4\n---\n工作")},
        [
            'records/plans/2024/2024-yaodian.md:5:5: error X29: items[0]（任务）：任务“组织代表视察”写了活动类型 kind，却没有写计划次数 target。能用次数衡量的任务写活动类型 kind 或会议类型 meeting 之一，再写计划次数 target，例如 kind: 视察 和 target: 4；不能用次数衡量的任务只写任务内容 text。',
            'records/plans/2024/2024-yaodian.md:7:5: error X29: items[1]（任务）：任务“加强代表之家建设”写了计划次数 target，却没有写按哪类活动（kind）或会议（meeting）计数。能用次数衡量的任务写活动类型 kind 或会议类型 meeting 之一，再写计划次数 target，例如 kind: 视察 和 target: 4；不能用次数衡量的任务只写任务内容 text。',
            'records/plans/2024/2024-yaodian.md:9:5: error X29: items[2]（任务）：任务“开会”同时写了活动类型 kind 和会议类型 meeting，只能写其中一个。能用次数衡量的任务写活动类型 kind 或会议类型 meeting 之一，再写计划次数 target，例如 kind: 视察 和 target: 4；不能用次数衡量的任务只写任务内容 text。',
        ],
    ),
    "X30": (
        {'meetings/2024/2024-01-05-zxt.md': '---\nkind: 主席团会议\ndate: 2024-01-05\n---\n',
         PLAN: PLAN_TEXT.replace("year: 2024\n", "year: 2024\nadopted: 2024-01-06\nadopted_at: 2024-01-05-zxt\n")},
        [
            'records/plans/2024/2024-yaodian.md:4:1: warning X30: 通过日期 2024-01-06 和通过会议“2024-01-05 主席团会议”的日期 2024-01-05 不同。请核对通过日期 adopted 或通过会议 adopted_at。',
        ],
    ),
    "X31": (
        {"suggestions/2024/2024-002.md": "---\ntitle: 无人提出\nnumber: 2\nkind: 建议\nsubmitted: 2024-02-01\n"
                                         "category: 其他\n---\n",
         "suggestions/2024/2024-yian-01.md": "---\ntitle: 交办议案\nnumber: 1\nkind: 议案\nproposer: zhang-wei\n"
                                             "cosigners: [li-fang]\nsubmitted: 2024-02-01\ncategory: 其他\n"
                                             "outside:\n  name: 王建国\n  role: 县人大代表\n---\n"},
        [
            'records/suggestions/2024/2024-002.md:1:1: error X31: proposer（领衔代表）和 outside（交办件的提出人）：两项都没有写。本镇代表领衔的写领衔代表 proposer（代表编号）；上级人大代表建议、政协委员提案交本镇办理的写 outside（提出人的姓名和身份）。',
            'records/suggestions/2024/2024-yian-01.md:4:1: error X31: kind（类别）：议案只能由本镇代表联名提出，上级交办的请写 kind: 建议。',
            'records/suggestions/2024/2024-yian-01.md:5:1: error X31: proposer（领衔代表）：写了交办件的提出人 outside，就不写领衔代表。本镇代表领衔的删去 outside，上级交办的删去 proposer。',
            'records/suggestions/2024/2024-yian-01.md:6:1: error X31: cosigners（附议代表）：上级交办的建议提案没有本镇的附议代表，请删去 cosigners。',
        ],
    ),
    "X32": (
        {"deputies/zhao-lei.md": "---\nname: 赵磊\nlevels: [镇]\ngender: 男\nterm_start: 2021-12-28\n"
                                 "term_end: 2024-03-31\nleft_reason: 调离\nreflections:\n"
                                 "  - date: 2021-11-01\n    title: 当选前\n  - date: 2023-06-01\n    title: 任内\n"
                                 "  - date: 2024-05-01\n    title: 离任后\n---\n"},
        [
            'records/deputies/zhao-lei.md:9:5: warning X32: reflections[0].date（日期）2021-11-01 不在这位代表的任期内（2021-12-28 至 2024-03-31）。请核对心得体会的日期，或核对任职日期、离任日期。',
            'records/deputies/zhao-lei.md:13:5: warning X32: reflections[2].date（日期）2024-05-01 不在这位代表的任期内（2021-12-28 至 2024-03-31）。请核对心得体会的日期，或核对任职日期、离任日期。',
        ],
    ),
    "A01": (
        {'deputies/zhao-lei.md': Link('/etc/hostname')},
        [
            'records/deputies/zhao-lei.md:1:1: error A01: 这个文件是符号链接（快捷方式），不会被读取或发布。请放真实的文件。',
        ],
    ),
    "A02": (
        {ACTIVITY: ATTACHING.format('../../mkdocs.yml')},
        [
            'records/activities/2024/2024-05-01.md:7:5: error A02: 附件路径“../../mkdocs.yml”不安全：路径里有 .. 或 .，不能跳出 attachments 文件夹。请写 records/attachments/ 下的相对路径，例如 2024/会议材料.pdf。',
        ],
    ),
    "A03": (
        {ACTIVITY: ATTACHING.format('2024/视察照片.jpg')},
        [
            'records/activities/2024/2024-05-01.md:7:5: error A03: 附件“2024/视察照片.jpg”找不到（应在 records/attachments/2024/视察照片.jpg）。请把文件放进去，或改正路径。',
        ],
    ),
    "A05": (
        {ACTIVITY: ATTACHING.format('2024/通知.html'), 'attachments/2024/通知.html': '<p>通知</p>'},
        [
            'records/activities/2024/2024-05-01.md:7:5: error A05: 附件“2024/通知.html”是 .html 文件（网页或矢量图可以带脚本），不能发布。请转成 PDF 或图片后再附上。',
        ],
    ),
    "A06": (
        {ACTIVITY: ATTACHING.format('2024/录像.pdf'),
         'attachments/2024/录像.pdf': b"%PDF" + b"0" * (20 * 1048576)},
        [
            'records/activities/2024/2024-05-01.md:7:5: error A06: 附件“2024/录像.pdf”有 20971524 字节，超过上限 20971520 字节。请压缩或拆分后再附上。',
        ],
    ),
}

#: Codes with tests of their own: H05 and A07 (a file of docs/) need a site build
#: (test_safety.py), A04 and the release checks G01–G03 a Git repository (test_safety.py,
#: test_provenance.py), and the ledger import's L01/L02 a workbook (test_ledgers.py).
BUILD_ONLY = {"H05", "A04", "A07", "G01", "G02", "G03", "L01", "L02"}


#: Codes that need settings from mkdocs.yml: their cases are in test_validate.py (named there).
WITH_SETTINGS = {"X21", "X22"}


def test_every_code_has_a_case():
    """A new diagnostic without a test here fails the suite."""
    assert sorted(set(CASES) | BUILD_ONLY | WITH_SETTINGS) == sorted(CATALOGUE)
    elsewhere = (Path(__file__).parent / "test_validate.py").read_text(encoding="utf-8")
    assert all(f"warning {code}:" in elsewhere or f"error {code}:" in elsewhere for code in WITH_SETTINGS)


@pytest.mark.parametrize("code", sorted(CASES))
def test_diagnostic(code, tree):
    overrides, expected = CASES[code]
    root = tree(overrides)
    outcome = validate(root, Settings(today=TODAY), display_root="records")
    assert [p.format() for p in outcome.problems] == expected
    assert code in {p.code for p in outcome.problems}
