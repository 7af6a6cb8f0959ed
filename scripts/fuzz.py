#!/usr/bin/env python3
"""Fuzz the strict reader and the validator with mutated records.

    python scripts/fuzz.py [--cases 100000] [--seed 1] [--records records]

Takes every record file of the records tree, mutates copies of them (byte flips and inserts,
lines deleted, duplicated, swapped or re-indented, tabs, full-width colons, YAML tags, anchors
and flow brackets, stray quotes and fences, truncation, GBK re-encoding, BOMs, CRLF, huge
nesting, control and zero-width characters) and runs each through the whole check: read,
type by the schema, and the rules on that record against the tree it came from (every
hundredth case, every rule over the whole tree). Every input
must either be accepted or be answered with at least one diagnostic naming that file; an
exception anywhere is a failure. Prints a summary and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from renda.core.catalogue import CATALOGUE
from renda.core.config import Settings
from renda.core.corpus import Corpus
from renda.core.frontmatter import read_bytes
from renda.core.loader import load, type_document
from renda.core.problems import ERROR
from renda.core.schema import RECORD_TYPES
from renda.core.validate import check, check_record

SNIPPETS = ["\t", "：", ": ", "!!python/object:os.system", "&a ", "*a", "[", "]", "{", "}", "'",
            '"', "---", "...", "- ", "? ", "#", "|", ">", "\u200b", "\x00", "\x07", "\ufeff",
            "010", "no", "14:30", "2024-02-30", "1e9", "-1", "~", "null", "<script>", "%2e%2e/",
            "<<<<<<< HEAD", "deputies: [", "\n  - ", "\n    x: ", "身份证号430102199003071234",
            "😀", "\r", "\\", "\u2028"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random mutations of a record file."""
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(12)
        if choice == 0 and data:  # flip a byte
            i = rng.randrange(len(data))
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
        elif choice == 1:  # insert a snippet
            i = rng.randrange(len(data) + 1)
            data = data[:i] + rng.choice(SNIPPETS).encode("utf-8") + data[i:]
        elif choice in (2, 3, 4, 5):  # line operations
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            if choice == 2:
                del lines[i]
            elif choice == 3:
                lines.insert(i, lines[rng.randrange(len(lines))])
            elif choice == 4:
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * rng.randint(1, 6) + lines[i]
            data = b"\n".join(lines)
        elif choice == 6 and data:  # truncate
            data = data[:rng.randrange(len(data))]
        elif choice == 7:  # re-encode as GBK where possible
            try:
                data = data.decode("utf-8").encode("gbk", errors="replace")
            except UnicodeDecodeError:
                pass
        elif choice == 8:
            data = data.replace(b"\n", b"\r\n")
        elif choice == 9:
            data = b"\xef\xbb\xbf" + data
        elif choice == 10:  # deep nesting
            i = rng.randrange(len(data) + 1)
            depth = rng.randint(5, 300)
            data = data[:i] + b"k: " + b"[" * depth + b"]" * rng.randint(0, depth) + b"\n" + data[i:]
        else:  # replace a value after a colon with a random snippet
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            if b": " in lines[i]:
                key = lines[i].split(b": ", 1)[0]
                lines[i] = key + b": " + rng.choice(SNIPPETS).encode("utf-8")
            data = b"\n".join(lines)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--records", default="records")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    settings = Settings()
    root = Path(args.records)
    base, _ = load(root, settings)
    files = []
    for record in base:
        rel = record.path[len(str(root)) + 1:] if record.path.startswith(str(root)) else record.path
        files.append((record, rel, (root / rel).read_bytes()))
    accepted = rejected = failures = 0
    start = time.perf_counter()
    for number in range(args.cases):
        original, rel, data = rng.choice(files)
        mutated = mutate(data, rng)
        display = f"fuzz/{rel}"
        try:
            problems = []
            document = read_bytes(mutated, display, settings.limits)
            record = type_document(document, Path(rel).stem, RECORD_TYPES[original.type], settings,
                                   problems, rel)
            corpus = Corpus([r for r in base if r is not original] + [record], settings)
            problems += check_record(corpus, record)
            if number % 100 == 0:  # now and then, every rule over the whole tree
                problems += check(corpus)
            mine = [p for p in problems if p.path == display]
            assert all(p.code in CATALOGUE and p.line >= 1 and p.column >= 1 and p.message
                       for p in problems), "malformed problem"
            if any(p.level == ERROR for p in mine) or not record.valid:
                assert mine, "record refused without a diagnostic on its file"
                rejected += 1
            else:
                accepted += 1
        except Exception:  # noqa: BLE001 - any exception is the finding
            failures += 1
            print(f"FAILED case {number} ({rel}):", file=sys.stderr)
            traceback.print_exc()
            print(repr(mutated[:400]), file=sys.stderr)
            if failures >= 5:
                break
    elapsed = time.perf_counter() - start
    print(f"fuzz: {args.cases:,} mutated records from {len(files)} files (seed {args.seed}): "
          f"{accepted:,} accepted, {rejected:,} refused with a diagnostic, {failures} failures; "
          f"{elapsed:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
