"""The catalogue of every diagnostic: code, level, a short title and the Chinese message.

Messages say what is wrong and how to fix it, in words a staff member understands. The staff
guide lists this catalogue, so the guide and the messages never drift apart. Codes are stable:
``R`` the reader (the file itself), ``S`` where a file sits, ``F`` one field, ``X`` rules
across records.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import ERROR, WARNING, Problem


@dataclass(frozen=True)
class Diagnostic:
    """One kind of problem: its code, level, a title for the guide and the message template."""

    code: str
    level: str
    title: str
    template: str


_ENTRIES = [
    # The reader: the file as text and its YAML header.
    ("R01", ERROR, "文件太大",
     "文件有 {size} 字节，超过上限 {limit} 字节。一条记录不应这么大：请把长材料拆成几条记录或作为附件。"),
    ("R02", ERROR, "文件是 GBK 编码",
     "文件不是 UTF-8 编码，看起来是 GBK（WPS、记事本“ANSI”的默认编码）。请在编辑器里“另存为”UTF-8 编码后再提交。"),
    ("R03", ERROR, "文件不是 UTF-8 文本",
     "第 {at} 行有无法识别的字节，文件不是 UTF-8 文本。请在编辑器里“另存为”UTF-8 编码后再提交。"),
    ("R04", ERROR, "缺少 front-matter",
     "文件开头缺少 front-matter：第一行必须是三个减号 ---，接着每行写一个字段，再用一行 --- 结束。"),
    ("R05", ERROR, "front-matter 没有结束",
     "front-matter 没有结束：请在最后一个字段后另起一行，写三个减号 ---，再写正文。"),
    ("R06", ERROR, "front-matter 是空的",
     "front-matter 是空的：请在两行 --- 之间写上这条记录的字段，例如 title: 标题。"),
    ("R07", ERROR, "front-matter 不是字段表",
     "front-matter 必须是每行一个“字段: 值”，这里却是{kind}。请改成 title: 标题 这样的写法。"),
    ("R08", ERROR, "YAML 格式错误",
     "YAML 格式错误：{detail}。常见原因：冒号后少了空格、引号没有成对、缩进不一致。"),
    ("R09", ERROR, "用了制表符",
     "这一行有制表符（Tab）。YAML 只能用空格缩进：请把 Tab 换成两个空格。"),
    ("R10", ERROR, "全角冒号",
     "字段名 {field} 后面是全角冒号“：”。请改成半角冒号加一个空格“: ”。"),
    ("R11", ERROR, "字段重复",
     "字段 {field} 写了两次（另一次在第 {other} 行），只会留下其中一个值。请删去一处。"),
    ("R12", ERROR, "用了锚点或引用",
     "不支持 YAML 的锚点和引用（{token}）：请把内容直接写出来。"),
    ("R13", ERROR, "用了 YAML 标签",
     "不支持 YAML 标签 {tag}：请去掉它，直接写值。"),
    ("R14", ERROR, "嵌套太深",
     "嵌套超过 {limit} 层。记录的字段最多到“列表里的字段”这一级，请检查缩进。"),
    ("R15", ERROR, "字段名不是文字",
     "字段名必须是简单的文字，这里却是{kind}。请检查这一行的写法。"),
    ("R16", ERROR, "front-matter 太大",
     "front-matter 有 {size} 字节，超过上限 {limit} 字节。长文字请写进正文（第二行 --- 之后）。"),
    ("R17", ERROR, "合并冲突标记",
     "第 {at} 行是合并冲突标记（<<<<<<<）：两个版本的内容还没有合并。请保留正确的内容，删去 <<<<<<<、======= 和 >>>>>>> 这几行。"),
    ("R18", ERROR, "front-matter 提前结束",
     "front-matter 在第 {at} 行就结束了，但这里的“{text}”看起来还是字段或分隔线，会被当成正文公开发布。"
     "如果它是字段，请把它移到两行 --- 之间（中间不能再有 --- 或 ...）；如果是正文，请在 front-matter 结束线后先空一行，标题写成 ## 标题。"),
    ("R19", ERROR, "front-matter 里有 ...",
     "这一行的三个点 ... 在 YAML 里表示“到此结束”，它后面的字段会被丢掉。请删去这一行。"),
    ("R20", ERROR, "# 把值截断了",
     "{field} 的值在 # 处被截断了：YAML 把空格后面的 # 当作注释，现在的值只有“{value}”，“{rest}”会丢失。"
     "如果 # 是值的一部分，请给整个值加引号，写成 {field}: \"{value} {rest}\"；如果是注释，请把注释另起一行写。"),
    ("R21", ERROR, "看不见的控制字符",
     "这里有看不见的字符 U+{char}（{what}），网页显示的文字会和文件里写的不一样。请删去它（可在编辑器里用“显示不可见字符”找到）。"),
    # Where a file sits.
    ("S01", WARNING, "文件不在记录文件夹里",
     "这个文件不属于任何记录类型，不会被发布。记录应放在 {folders} 之一的文件夹里。"),
    ("S02", WARNING, "缺少年份文件夹",
     "{type}记录应放在年份文件夹里，例如 {expected}。"),
    ("S03", WARNING, "年份文件夹不对",
     "文件放在 {folder}/ 文件夹，但 {field}（{label}）是 {value}。请把文件移到 {expected}/ 文件夹，或改正日期。"),
    # One field.
    ("F01", ERROR, "没有这个字段",
     "{type}记录没有 {field} 这个字段。{hint}"),
    ("F02", ERROR, "缺少必填字段",
     "缺少必填字段 {field}（{label}），请补上。例如：{example}"),
    ("F03", ERROR, "字段的写法不对",
     "{field}（{label}）应当是{expected}，这里却是{actual}。例如：{example}"),
    ("F04", ERROR, "不在可选范围内",
     "{field}（{label}）的值“{value}”不在可选范围内。{hint}可选：{choices}。"),
    ("F05", ERROR, "日期不对",
     "{field}（{label}）的日期“{value}”不对：{why}。请写成 YYYY-MM-DD，例如 2024-03-15。"),
    ("F06", ERROR, "不是整数",
     "{field}（{label}）应当是整数，“{value}”不是：{why}。"),
    ("F07", ERROR, "不能是负数",
     "{field}（{label}）不能是负数，现在是 {value}。"),
    ("F08", ERROR, "是/否 写法不对",
     "{field}（{label}）只能写 true/false 或 是/否，“{value}”不行。"),
    ("F09", ERROR, "编号写法不对",
     "{field}（{label}）“{value}”不能用作编号：只能用汉字、字母、数字和 - _ . 三种符号，且以汉字、字母或数字开头。"),
    ("F10", ERROR, "不是数字",
     "{field}（{label}）应当是数字，例如 120 或 35.5，“{value}”不是。"),
    ("F11", ERROR, "超出范围",
     "{field}（{label}）应当在 {low} 到 {high} 之间，现在是 {value}。"),
    ("F12", ERROR, "接待日写法不对",
     "{field}（{label}）的“{value}”看不懂。请写成“每月15日”“每周三”或“每月第一个周三”这样的形式。"),
    ("F13", ERROR, "字段要成对填写",
     "写了 {field}（{label}）就要同时写 {other}（{other_label}）。"),
    ("F14", WARNING, "列表里有重复",
     "{field}（{label}）里“{value}”出现了两次（另一次在第 {other} 行）。请删去重复的一项。"),
    # Hostile files and attachments.
    ("A01", ERROR, "符号链接",
     "{what}是符号链接（快捷方式），不会被读取或发布。请放真实的文件。"),
    ("A02", ERROR, "附件路径不安全",
     "附件路径“{value}”不安全：{why}。请写 records/attachments/ 下的相对路径，例如 2024/会议材料.pdf。"),
    ("A03", ERROR, "附件不存在",
     "附件“{value}”找不到（应在 records/attachments/{value}）。请把文件放进去，或改正路径。"),
    ("A04", ERROR, "附件没有提交",
     "附件“{value}”还没有提交到版本库（git add），合并后网站上会缺这个文件。请一起提交。"),
    ("A05", ERROR, "附件类型不允许",
     "附件“{value}”{why}，不能发布。请转成 PDF 或图片后再附上。"),
    ("A06", ERROR, "附件太大",
     "附件“{value}”有 {size} 字节，超过上限 {limit} 字节。请压缩或拆分后再附上。"),
    ("A07", ERROR, "会执行代码的文件",
     "这是 {suffix} 文件（网页、矢量图或脚本，浏览器会执行其中的代码），会原样发布。请改写成 Markdown 页面；"
     "网站确需的样式表或脚本，请在 mkdocs.yml 的 extra_css 或 extra_javascript 里列出。"),
    # Excel ledgers (renda import): the sheet and row stand in for the file and line.
    ("L01", ERROR, "台账里的问题", "{detail}"),
    ("L02", WARNING, "台账里的提醒", "{detail}"),
    # Release checks from Git (errors when building for publication, warnings otherwise).
    ("G01", ERROR, "浅克隆",
     "版本库是浅克隆（只取了部分历史），无法确认每条记录何时发布、由谁审核。请运行 git fetch --unshallow 取回完整历史后再构建。"),
    ("G02", ERROR, "有未提交的改动",
     "工作区有未提交的改动（{files}）。发布的网站必须和版本库里审核过的内容一致：请先提交（经合并请求审核）或撤销这些改动。"),
    ("G03", ERROR, "未经审核就进入主分支",
     "这条记录由提交 {commit}（{subject}）直接进入主分支，没有经过合并请求审核。请通过合并请求（pull request）提交，审核合并后再发布。"),
    # Personal data in public text (the value itself is masked in the message).
    ("P01", ERROR, "身份证号",
     "{place}里有身份证号 {masked}。公开的记录不能有身份证号，请删去（写姓名即可）。"),
    ("P02", ERROR, "手机号码",
     "{place}里有手机号码 {masked}。公开的记录不能有私人手机号，请删去；确需公布的办公电话，在记录里写 allow_personal_data: 原因。"),
    ("P03", ERROR, "银行卡号",
     "{place}里有银行卡号 {masked}。公开的记录不能有银行卡号或账号，请删去。"),
    ("P04", WARNING, "固定电话",
     "{place}里有固定电话 {masked}。私人电话请删去；办公电话请加入设置 office_phones，或在记录里写 allow_personal_data: 原因。"),
    ("P05", WARNING, "电子邮箱",
     "{place}里有电子邮箱 {masked}。个人邮箱请删去；单位邮箱请在记录里写 allow_personal_data: 原因。"),
    ("P06", WARNING, "具体住址",
     "{place}里有具体到门牌号的地址 {masked}。私人住址不能公开，请只写到村、组；单位地址请在记录里写 allow_personal_data: 原因。"),
    # Unsafe HTML.
    ("H01", ERROR, "不安全的 HTML 标签",
     "{place}里有 HTML 标签 <{tag}>，网站不允许（可能执行脚本或改变页面）。请删去，用 Markdown 写格式。"),
    ("H02", ERROR, "事件属性",
     "{place}里有事件属性 {attribute}，网站不允许（会执行脚本）。请删去。"),
    ("H03", ERROR, "脚本链接",
     "{place}里有 {scheme} 链接，网站不允许（点击会执行脚本）。请改成普通网址或删去。"),
    ("H04", ERROR, "标题里有 HTML",
     "{field}（{label}）里有 HTML 标签“{value}”。标题只能是文字，请删去尖括号里的内容。"),
    ("H05", ERROR, "发布时被清除的内容",
     "正文转成网页后含有网站不允许的内容（{removed}），已停止发布。请删去正文里的 HTML，只用 Markdown。"),
    ("H06", ERROR, "样式属性",
     "{place}里有 style 样式属性，网站不允许（可以把内容盖在整个页面上，或从别的网站加载文件）。请删去，用 Markdown 写格式。"),
    ("H07", ERROR, "外部网站的资源",
     "{place}里引用了外部网站 {host} 的图片，每位访问者的浏览器都会去连接那个网站，网站承诺不这样做。"
     "请把图片放进 records/attachments/ 作为附件，或删去；确需引用的网站请加入设置 remote_hosts。"),
    ("H08", ERROR, "HTML 注释",
     "{place}里有 HTML 注释 <!-- -->。注释在网页上看不见，但会原样留在网页源代码里，任何人都能看到。"
     "请删去；内部说明请写进标为 internal 的记录。"),
    ("H09", ERROR, "class 或 id 属性",
     "{place}里有 {what} 属性，网站不允许（可以冒充或遮住网站自己的按钮和栏目）。请删去，用 Markdown 写格式。"),
    # Rules across records.
    ("X01", ERROR, "编号重复",
     "{type}编号 id“{value}”重复：{other} 也用了它。请改其中一个（id 默认取文件名）。"),
    ("X02", ERROR, "找不到引用的记录",
     "{field}（{label}）写的{target}“{value}”找不到。{hint}"),
    ("X03", ERROR, "日期先后不对",
     "{field}（{label}）{value} 早于{other_label} {other_value}，先后顺序不对。请核对这两个日期。"),
    ("X04", ERROR, "日期在将来",
     "{field}（{label}）{value} 还没到（今天是 {today}）。只记录已经发生的事，请核对日期。"),
    ("X05", ERROR, "代表当时不在任",
     "{field}（{label}）里的代表“{value}”（{name}）在 {date} 不在任期内（任期 {start} 至 {end}）。请核对日期或名单。"),
    ("X06", ERROR, "议案联名人数不够",
     "议案需要至少 {need} 名代表联名附议，这里只有 {have} 名。人数不够请把 kind 改为“建议”，或补齐附议代表。"),
    ("X07", ERROR, "人数多于在任代表",
     "{field}（{label}）是 {value} 人，多于 {date} 在任的{scope} {count} 人。请核对人数。"),
    ("X08", ERROR, "建议编号重复",
     "{year} 年{kind}编号 {value} 重复：{other} 也用了它。请改用下一个未用的编号。"),
    ("X09", WARNING, "最终答复之后又有答复",
     "{suggestion} 已于 {closed} 作出最终答复，这条答复（{date}）又在其后。如果之前那条只是阶段性答复，请把它改为 final: false。"),
    ("X10", WARNING, "答复单位不是承办单位",
     "答复单位“{value}”不在{suggestion} 的承办单位（{handlers}）之中。请核对单位名称。"),
    ("X11", ERROR, "项目进度倒退",
     "进度 {date} 的 {percent}% 比前一条（{prev_date}，{prev}%）{why}。进度应按日期先后写，且百分比不减少。"),
    ("X12", WARNING, "领衔代表又在附议里",
     "领衔代表“{value}”同时写在了附议代表 cosigners 里。请从 cosigners 中删去。"),
    ("X13", ERROR, "票数多于人数",
     "表决“{item}”赞成、反对、弃权合计 {total} 票，多于{scope} {count} 人。请核对票数。"),
    ("X14", WARNING, "表决结果与票数不符",
     "表决“{item}”写的是{stated}，但赞成 {yes} 票{rule}。请核对 passed 或票数。"),
    ("X15", ERROR, "既出席又缺席",
     "代表“{value}”同时在出席名单 attendees 和缺席名单 absent 里。请删去一处。"),
    ("X17", ERROR, "公开记录引用了内部记录",
     "{field}（{label}）引用的{target}“{value}”是内部记录（disclosure: internal），公开的记录不能引用它。请把这条记录也标为 internal，或删去这个引用。"),
    ("X16", ERROR, "未交办就有答复",
     "{suggestion} 没有交办日期 assigned，却已有答复。请在建议里补上交办日期。"),
    ("X19", ERROR, "不是参加代表",
     "{field}（{label}）里的代表“{value}”不在这次活动的参加代表 deputies 里。述职、反映意见、提问的代表必须参加了活动：请把他加进 deputies，或改正编号。"),
    ("X20", WARNING, "述职活动没有写述职代表",
     "这是一次{value}活动，但没有写述职代表 reporters：{value}的积分不会计给任何人，参加代表都按参加计分。请写明谁作了述职报告，例如 reporters: [zhang-wei]。"),
    ("X18", ERROR, "编号与网站页面重名",
     "编号“{value}”和网站上的{page}同名，两个页面会占用同一个网址。请换一个编号，例如在前面加上日期或地名。"),
    ("X21", WARNING, "选区没有列出村",
     "{field}（{label}）“{value}”不在 mkdocs.yml 的 constituencies（选区和它包括的村、社区）里，居民在“我的代表”页按村查找时找不到这位代表。{hint}"),
    ("X23", ERROR, "测评票数多于参加代表",
     "测评结果满意、基本满意、不满意合计 {total} 票，多于参加代表 {count} 人。请核对票数，或把参加测评的代表都写进 deputies。"),
    ("X24", ERROR, "整改报告里的事项不存在",
     "{field}（{label}）写的第 {value} 项，在监督活动“{activity}”的整改事项 rectifications 里没有（那里共 {count} 项）。请核对序号：第 1 项是活动记录 rectifications 下的第一条。"),
    ("X25", ERROR, "报告单位不是责任单位",
     "{field}（{label}）写的第 {value} 项，责任单位是“{unit}”，本报告的报告单位却是“{reporter}”。请改正报告单位 unit，或把这一项从 items 里删去。"),
    ("X26", ERROR, "来源意见不存在",
     "{field}（{label}）写的第 {value} 条，在活动“{activity}”的群众意见 opinions 里没有（那里共 {count} 条）。请核对：第 1 条是活动记录 opinions 下的第一条。"),
    ("X27", WARNING, "验收了却没有完成",
     "写了验收日期 {value}，但最近一次进度只有 {percent}%。请补上完成 100% 的进度，或核对验收日期。"),
    ("X28", ERROR, "同一年有两份工作要点",
     "{year} 年已经有一份工作要点：{other}。每年只写一份工作要点，请把两份合并成一份，或改正年度 year。"),
    ("X29", ERROR, "任务的计划次数写得不对",
     "{field}（{label}）：任务“{value}”{why}。能用次数衡量的任务写活动类型 kind 或会议类型 meeting 之一，再写计划次数 target，例如 kind: 视察 和 target: 4；"
     "不能用次数衡量的任务只写任务内容 text。"),
    ("X30", WARNING, "通过日期和会议日期不同",
     "通过日期 {value} 和通过会议“{meeting}”的日期 {date} 不同。请核对通过日期 adopted 或通过会议 adopted_at。"),
    ("X31", ERROR, "提出人写得不对",
     "{subject}：{why}。"),
    ("X32", WARNING, "心得体会不在任期内",
     "{field}（{label}）{value} 不在这位代表的任期内（{start} 至 {end}）。请核对心得体会的日期，或核对任职日期、离任日期。"),
    ("X22", WARNING, "服务的村不在选区里",
     "{field}（{label}）里的“{value}”不是 mkdocs.yml 的 constituencies 里列出的村（社区）。{hint}“我的代表”页按 constituencies 里的村名查找。"),
]

CATALOGUE: dict[str, Diagnostic] = {code: Diagnostic(code, level, title, template)
                                    for code, level, title, template in _ENTRIES}


def make(code: str, path: str, line: int, column: int, field: str = "", level: str | None = None,
         **values) -> Problem:
    """A problem of catalogue ``code`` at ``path:line:column``, its message filled in.

    ``level`` overrides the catalogue's level where a setting decides (release checks)."""
    entry = CATALOGUE[code]
    message = entry.template.format(field=field, **values)
    return Problem(path=path, line=line, column=column, code=code, level=level or entry.level,
                   field=field, message=message)
