"""Ledgers (台账): the records as the Excel workbooks staff already keep, and back again.

Three workbooks, one sheet per record type, one row per record, Chinese column headers:

- 代表名册.xlsx, sheet 代表名册: deputies/ID.md
- 履职活动台账.xlsx, sheets 履职活动: activities/YYYY/ID.md (YYYY of 日期) and 整改台账:
  rectifications/YYYY/ID.md (YYYY of 报告日期)
- 建议办理台账.xlsx, sheets 建议: suggestions/YYYY/ID.md (YYYY of 提出日期) and 答复:
  replies/YYYY/ID.md (YYYY of 答复日期)

Every workbook also has a sheet 填写说明 (how to fill each column, generated from the schema);
import skips it. ``write_templates`` writes the empty workbooks shipped in ``data/ledgers/``.

Columns (header → field; ``a.b`` is field ``b`` inside the group ``a``; ``body`` the text below
the front-matter). These are the defaults; a township renames headers with the setting
``ledger_columns`` (``{sheet: {header: field}}``: the new header replaces the one the field had):

- 代表名册: 编号 id, 姓名 name, 性别 gender, 民族 ethnicity, 政治面貌 party, 工作单位及职务
  occupation, 代表层级 levels, 选区 constituency, 代表小组 group, 职务 roles, 届次 term,
  任职日期 term_start, 离任日期 term_end, 离任原因 left_reason, 公开属性 disclosure, 简介 body.
- 履职活动: 编号 id, 日期 date, 结束日期 end, 活动类型 kind, 标题 title, 参加代表 deputies,
  述职代表 reporters, 组织单位 organizer, 代表之家 station, 代表小组 group, 地点 place, 接待选民人次 voters,
  主题 topics, 群众意见 opinions, 形成的建议 suggestions, 测评满意 evaluation.satisfied, 测评基本满意
  evaluation.basically_satisfied, 测评不满意 evaluation.dissatisfied, 审议意见 review_opinions,
  整改事项 rectifications, 询问和回答 questions, 公开属性 disclosure, 内容 body.
- 整改台账: 编号 id, 监督活动 activity, 报告单位 unit, 报告日期 date, 完成的整改事项 items, 标题 title,
  公开属性 disclosure, 报告内容 body.
- 建议: 编号 id, 序号 number, 类别 kind, 标题 title, 领衔代表 proposer, 附议代表 cosigners,
  提出日期 submitted, 提出的会议 meeting, 分类 category, 主办单位 handlers.lead, 协办单位
  handlers.assist, 交办日期 assigned, 办理期限 deadline, 交办件提出人 outside.name, 提出人身份
  outside.role, 提出人单位 outside.unit, 原编号 outside.reference, 公开属性 disclosure, 内容 body.
- 答复: 编号 id, 建议编号 suggestion, 答复单位 handler, 答复日期 date, 面商日期 consulted,
  办理结果 result, 最终答复 final, 评价日期 feedback.date, 满意度 feedback.satisfaction,
  代表意见 feedback.comment, 公开属性 disclosure, 答复内容 body.

Cells: an empty cell means the field is absent. Dates are real Excel dates or ``YYYY-MM-DD``
text (``2024/3/5`` and ``2024年3月5日`` are accepted); yes/no is 是/否; several values in one
cell are joined with “、” (“，” “,” “;” “；” and line breaks are accepted on import); 审议意见
holds one a line. Deputies are written by name, or by id where two deputies share the name;
stations by name. A list of groups of fields holds one entry a line, its parts separated by
“｜”: 群众意见 ``概要｜办理情况｜转交单位｜反映代表｜形成的建议``, 整改事项 ``整改事项｜责任单位｜整改期限``, 询问和回答
``提问代表｜问题｜应询人｜回答``. 公开属性 is written only when the record
says it (empty = the configured default); 公开/内部 are accepted for public/internal.

Import turns each row into the node tree the strict front-matter reader makes and types it
with the schema, so every field message is the validator's own; it then writes the would-be
files into a temporary copy of the records tree and runs the whole validator there. Problems
are the project's one ``Problem`` type, L01 (error) or L02 (warning), printed as
``文件!工作表:行:列: error L01: 列名: 说明`` (Excel row and column numbers; the header is row 1,
or the row below a title or two); with any error, nothing is written. A row finds its record by 编号;
without one, by its natural key (deputy: 姓名; activity: 日期, 活动类型, 标题; suggestion:
year, 类别, 提出人身份, 序号; reply: 建议编号, 答复日期, 答复单位; rectification report: 监督活动, 报告日期,
报告单位), so importing the same ledger twice
creates nothing twice. Fields the sheet has no column for (title of a deputy, attachments…)
and comment lines are kept on update. Import never deletes a record.
"""

from .columns import COLUMNS, SHEET_TYPES, WORKBOOKS, LedgerError, columns
from .export import export_xlsx, write_templates
from .importer import ImportResult, import_files
from .workbook import Sheet, read_workbook, xls_values

__all__ = ["COLUMNS", "SHEET_TYPES", "WORKBOOKS", "LedgerError", "columns", "export_xlsx", "write_templates",
           "ImportResult", "import_files", "Sheet", "read_workbook", "xls_values"]
