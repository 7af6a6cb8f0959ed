// Regenerates plugins/renda/data/strokes.tsv: each character of GB 2312 with its strokes as the
// five stroke classes of the official stroke-order standard (GB 13000.1 笔顺规范):
// 1 横 (with 提), 2 竖, 3 撇, 4 点 (with 捺), 5 折 (every turning or hooked stroke).
// Used to sort names in surname-stroke order (姓氏笔画). Data: cnchar-order (MIT licence).
//
//   cd "$(mktemp -d)" && npm install cnchar@3.2.6 cnchar-order@3.2.6 && \
//     NODE_PATH=$PWD/node_modules node /path/to/scripts/stroke_table.js > plugins/renda/data/strokes.tsv
const cnchar = require("cnchar");
cnchar.use(require("cnchar-order"));

const CLASS = { 横: "1", 提: "1", 竖: "2", 撇: "3", 点: "4", 捺: "4" };
const decoder = new TextDecoder("gb18030");
const lines = [
  "# character<TAB>stroke classes (1 横 2 竖 3 撇 4 点 5 折), from cnchar-order 3.2.6 (MIT licence)",
];
for (let hi = 0xb0; hi <= 0xf7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const ch = decoder.decode(new Uint8Array([hi, lo]));
    if (ch.length !== 1 || ch === "\ufffd" || ch.codePointAt(0) < 0x4e00) continue;
    const names = cnchar.stroke(ch, "order", "name")[0];
    if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== "string")) continue;
    lines.push(ch + "\t" + names.map((n) => CLASS[n] || "5").join(""));
  }
}
process.stdout.write(lines.join("\n") + "\n");
