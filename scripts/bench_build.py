#!/usr/bin/env python3
"""Benchmark: the whole site build at county scale, against plain MkDocs on the same machine.

    python scripts/bench_build.py [--sizes 1000,5000,20000] [--serve-size 5000] [--repeat 2] [--readme]

For each size it writes a synthetic records tree (scripts/synth.py, seed 1) into a project with
this repository's mkdocs.yml and docs/, then measures in one run on one machine:

- *build*: ``mkdocs build`` with the renda plugin (wall time; peak memory: the largest PSS of
  the build's processes together, which counts the memory a forked process shares once); the
  plugin reports its own phases (validate, provenance, plan, templates, downloads, search
  index) through ``RENDA_TIMINGS``; the first build of a project also makes its QR codes,
  which later builds take from ``.cache/renda/`` (*first build*);
- *plain*: plain MkDocs + Material (no plugin, no search) building the same number of
  ready-made pages — each page holding the text our page shows — with the same navigation;
  *ratio* = build ÷ plain, the figure that counts. A build that replaces an earlier site
  returns once the new one is in place; the old one is removed by a process of its own (see
  ``renda/mkdocs_adapter/publishing.py``), and each run waits for that before the next one
  starts (the longest such wait is reported as *removal*). Plain MkDocs empties ``site/``
  at the start of its build, within its time;
- *own work*: the plugin's phases in MkDocs' process (validate, provenance, plan, and any
  wait for the side process), as a share of the build; *beside the build*: the layouts of
  the generated pages (our templates), the data files and the search index, made in a second
  process on the other core while MkDocs renders and writes the pages, and the output gate's
  checks of the pages' bodies MkDocs' process hands it;
- *first search*: the bytes a browser (Debian chromium) downloads to run a Chinese query,
  how many results it finds and how many of the first ten pages hold the whole phrase;
- *output gate*: the seconds the last check of every published file adds to the build (see
  ``gate_cost``) and its whole work in both processes;
- and, at ``--serve-size``, *serve*: seconds from saving an edited record to the served page
  showing the change under ``mkdocs serve --dirty`` (as ``scripts/serve`` runs it), for an
  edit of a record's text and of a field shown on many pages.

Each build runs ``--repeat`` times, alternating with plain MkDocs, each once the system has
written out what the run before wrote (``os.sync``, not timed), and the fastest of each
counts (a shared machine varies by a fifth from one minute to the next); the memory is sampled
in the first turn only (sampling slows a build), and the peak memory is the largest seen.
``--readme`` rewrites the README's build and targets sections (and, with ``--commands``, the
commands section). Timings are of this machine in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchlib import cpu, measured, rewrite_readme, settled, synthetic_config

REPO = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def project(folder: Path, records: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "scripts" / "synth.py"), "--out", str(folder / "records"),
                    "--records", str(records), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(REPO / "docs", folder / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(synthetic_config(config), encoding="utf-8")
    return folder


def timed(command: list[str], cwd: Path, env: dict, memory: bool) -> tuple[float, float]:
    """Wall seconds and (with ``memory``) peak memory (MB: the largest PSS of the build's
    processes together). The caller first has the system write out what the run before
    wrote (``os.sync``): 28,000 files of a build still being written out slowed the reading
    of the records in the next by half (validation 2.3 s to 4.0 s at 20,000 records)."""
    return measured(command, cwd, env, memory)


def plain_project(site: Path, folder: Path) -> int:
    """Ready-made Markdown pages with the text of every page of the built site."""
    docs = folder / "docs"
    count = 0
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site)
        if rel.parts[:1] == ("search",):
            continue
        html = page.read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        text = re.sub(r"<[^>]+>", " ", article)
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in text.split("\n\n")]
        target = docs / "index.md" if rel == Path(".") else docs / rel / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# 页面\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n", encoding="utf-8")
        count += 1
    sections = ["deputies", "activities", "meetings", "suggestions", "projects", "stations", "stats"]
    nav = "\n".join(f"  - {name}: {name}/index.md" for name in sections if (docs / name / "index.md").exists())
    (folder / "mkdocs.yml").write_text(
        "site_name: 对照\ntheme:\n  name: material\n  language: zh\n  font: false\n  features: [navigation.tabs]\n"
        "plugins: []\nnav:\n  - 首页: index.md\n" + nav + "\n", encoding="utf-8")
    return count


def first_search(site: Path, phrase: str = "饮水安全") -> dict:
    """In Chromium: the bytes the first search for ``phrase`` downloads, how many results it
    finds, and how many of the first ten pages hold the whole phrase."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            sizes: list[int] = []
            searching = re.compile(r"/search/(meta\.json|t/|d/)|/renda-search\.js$")
            page.on("response", lambda r: sizes.append(len(r.body())) if searching.search(r.url) and r.ok else None)
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search/")
            page.fill("#renda-search-input", phrase)
            page.wait_for_selector(".renda-search-title a", timeout=30000)
            page.wait_for_timeout(1500)
            total = sum(sizes)
            status = page.locator(".renda-search-status").inner_text()
            links = page.locator(".renda-search-title a").evaluate_all("els => els.map(e => e.href)")[:10]
            holding = 0
            for link in links:
                with urllib.request.urlopen(link, timeout=10) as response:
                    html = response.read().decode("utf-8")
                article = html.split("<article", 1)[-1].split("</article>", 1)[0]
                holding += phrase in re.sub(r"<[^>]+>", "", article)
            browser.close()
    finally:
        httpd.shutdown()
    return {"bytes": total, "found": int(re.search(r"找到 (\d+)", status).group(1)),
            "top": holding, "shown": len(links)}


def serve_delays(folder: Path) -> dict[str, float]:
    """Seconds from saving an edited record to the served page showing the change, under
    ``mkdocs serve --dirty``: for an edit of a deputy's text (body) and of an activity's title
    (a field, shown on many pages)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=folder,
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deputy = sorted((folder / "records" / "deputies").glob("*.md"))[0]
    activity = sorted((folder / "records" / "activities").glob("*/*.md"))[-1]
    base = f"http://127.0.0.1:{port}/"

    def fetch(url: str) -> str:
        try:
            with urllib.request.urlopen(base + url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def shown(record: Path, url: str, edit) -> float:
        text = record.read_text(encoding="utf-8")
        marker = f"基准测试标记{time.time_ns()}"
        start = time.perf_counter()
        record.write_text(edit(text, marker), encoding="utf-8")
        try:
            while marker not in fetch(url):
                if time.monotonic() > deadline:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.05)
            return time.perf_counter() - start
        finally:
            record.write_text(text, encoding="utf-8")
            time.sleep(5)  # let the server rebuild the original before the next edit

    try:
        deadline = time.monotonic() + 900
        while "<h1>" not in fetch(f"deputies/{deputy.stem}/"):
            if time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.5)
        return {
            "body": shown(deputy, f"deputies/{deputy.stem}/",
                          lambda text, marker: text.rstrip("\n") + f"\n\n{marker}\n"),
            "field": shown(activity, f"activities/{activity.stem}/",
                           lambda text, marker: re.sub(r"^title: (.*)$", rf"title: \1{marker}", text,
                                                       count=1, flags=re.M)),
        }
    finally:
        server.terminate()
        server.wait(timeout=60)


def run(sizes: list[int], serve_size: int | None, repeat: int = 1) -> list[dict]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="renda-build-") as tmp:
            folder = project(Path(tmp) / "site-project", size)
            timings_file = Path(tmp) / "timings.json"
            plain_folder = Path(tmp) / "plain"
            builds, plains, peak, pages, removal = [], [], 0.0, 0, 0.0
            for turn in range(repeat):  # the two alternate, so that both see the machine alike
                # The first turn also samples the memory (which slows a build a little).
                os.sync()  # each build starts with the last one's files on disk (see timed)
                build, build_peak = timed([sys.executable, "-m", "mkdocs", "build"], folder,
                                          dict(ENV, RENDA_TIMINGS=str(timings_file)), memory=not turn)
                builds.append((build, json.loads(timings_file.read_text())))
                removal = max(removal, settled(folder))
                peak = max(peak, build_peak)
                if not pages:
                    pages = plain_project(folder / "site", plain_folder)
                os.sync()
                plains.append(timed([sys.executable, "-m", "mkdocs", "build"], plain_folder, ENV, memory=not turn))
            first = builds[0][0]  # no QR codes kept yet (see site/qrcodes.py)
            build, timings = min(builds, key=lambda b: b[0])
            plain, plain_peak = min(p[0] for p in plains), max(p[1] for p in plains)
            own = sum(timings["main"].values())
            row = {"records": size, "pages": pages, "build": build, "first": first, "plain": plain,
                   "ratio": build / plain,
                   "own": own, "own_share": own / build,
                   # the side's other checks are within its templates, downloads and search
                   "side": sum(v for k, v in timings["side"].items() if not k.startswith("gate"))
                   + timings["side"].get("gate: pages", 0.0),
                   "gate": gate_cost(timings),
                   "search": timings["side"].get("search", 0.0), "peak": peak,
                   "plain_peak": plain_peak, "timings": timings, "repeat": repeat, "removal": removal,
                   "first_search": first_search(folder / "site")}
            if serve_size == size:
                row["serve"] = serve_delays(folder)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return rows


def gate_cost(timings: dict) -> dict:
    """The output gate's seconds: all of its work (CPU), and what it adds to the build's wall
    time. Before the side process starts it prepares (on the path of both); MkDocs' process
    checks the first page of each folder whole as it is written and hands the others' bodies
    to the side process (and checks the data files it makes when it is done with the pages
    first); the side process checks each page's layout, each data file and, after its own
    work, the bodies handed over; at the end the build process checks what nobody handed over
    (on the path). Between the two, the build
    ends when the later of the two processes does: the gate delays it by the side process's
    checks, or by the pages' checks plus the time the build process then waited for the side
    process, whichever is less."""
    main, side = timings["main"], timings["side"]
    prepare, pages, rest = (main.get(f"gate: {k}", 0.0) for k in ("prepare", "pages", "rest"))
    pages += main.get("gate: shared files", 0.0)  # data files MkDocs' process made instead of waiting
    beside = side.get("gate: data files", 0.0) + side.get("gate: layouts", 0.0) + side.get("gate: pages", 0.0)
    path = prepare + rest + min(main.get("waited", 0.0) + pages, beside)
    return {"cpu": prepare + pages + rest + beside, "path": path}


def table(rows: list[dict]) -> str:
    lines = [f"Measured by `python scripts/bench_build.py --readme` on {time.strftime('%Y-%m-%d')}: {cpu()}"
             f"; fastest of {rows[0].get('repeat', 1)} builds of each kind. "
             "Plain = MkDocs + Material without the plugin building the same pages.", "",
             "| records | pages | build (s) | first build (s) | plain (s) | build ÷ plain | plugin's own work "
             "| beside the build (s) | of which templates | peak memory, PSS (MB) "
             "| first search for 饮水安全: KB, results, first ten holding it | serve: text / field edit shown (s) "
             "| output gate: on the build's path (CPU) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        serve = f"{r['serve']['body']:.1f} / {r['serve']['field']:.1f}" if r.get("serve") else "—"
        search = r["first_search"]
        lines.append(f"| {r['records']:,} | {r['pages']:,} | {r['build']:.1f} | {r['first']:.1f} | {r['plain']:.1f} | "
                     f"{r['ratio']:.2f} | {r['own']:.1f} s ({r['own_share']:.1%}) | {r['side']:.1f} | "
                     f"{r['timings']['side'].get('templates', 0):.1f} | {r['peak']:.0f} | "
                     f"{search['bytes'] / 1024:.0f} KB, {search['found']:,}, {search['top']}/{search['shown']} | {serve} | "
                     f"{r['gate']['path']:.1f} s = {r['gate']['path'] / r['build']:.1%} ({r['gate']['cpu']:.1f} s) |")
    lines += ["", "First build: the project's first, which also makes the QR codes that later builds take from "
              "`.cache/renda/`. Peak memory: the largest proportional set size of the build's processes together "
              "(memory the forked process shares with MkDocs' is counted once). A build that replaces an earlier "
              "site returns once the new one is in place; a process of its own then removes the old one (up to "
              f"{max(r.get('removal', 0.0) for r in rows):.1f} s after the build in this run), and the next run "
              "waited for it. Plain MkDocs empties `site/` at the start of its build, within its time."]
    return "\n".join(lines)


def targets(rows: list[dict], commands: list[dict] | None = None) -> list[tuple[str, str, bool]]:
    """Issue 20's targets as (target, measured in this run, met), from the largest size (and
    the serve figures at the size that has them)."""
    big = max(rows, key=lambda r: r["records"])
    found = []
    if commands:
        warm = next(c for c in commands if c["cache"] == "warm")
        found.append(("`renda validate` ≥ 0.8 × the floor's records/s (warm file cache)",
                      f"{warm['ratio']:.2f}", warm["ratio"] >= 0.8))
    found += [
        ("plugin's own share of `mkdocs build` ≤ 10 %", f"{big['own_share']:.1%}", big["own_share"] <= 0.10),
        ("build ≤ 1.0 × plain MkDocs per page", f"{big['ratio']:.2f}", big["ratio"] <= 1.0),
        ("peak memory ≤ 1 GB (PSS)", f"{big['peak']:.0f} MB", big["peak"] <= 1024),
        ("output gate ≤ 5 % of the build", f"{big['gate']['path'] / big['build']:.1%}",
         big["gate"]["path"] / big["build"] <= 0.05),
    ]
    served = [r for r in rows if r.get("serve")]
    if served:
        slowest = max(served[0]["serve"].values())
        found.append((f"`mkdocs serve` shows an edit in ≤ 1.5 s at {served[0]['records']:,} records",
                      f"{slowest:.1f} s", slowest <= 1.5))
    return found


def targets_table(rows: list[dict], commands: list[dict] | None = None) -> str:
    big = max(r["records"] for r in rows)
    lines = [f"Issue 20's targets at {big:,} records, from the run above:", "",
             "| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {target} | {value} | {'yes' if met else '**no**'} |" for target, value, met in targets(rows, commands)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--serve-size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=2,
                        help="builds of each kind, alternating; the fastest of each counts")
    parser.add_argument("--commands", action="store_true",
                        help="also time renda validate at the largest size (scripts/bench_commands.py)")
    parser.add_argument("--readme", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = run(sizes, args.serve_size, args.repeat)
    commands = None
    if args.commands:
        import bench_commands

        commands, can_drop = bench_commands.run(max(sizes), repeat=3)
    summary = targets_table(rows, commands)
    print(summary, file=sys.stderr)
    if args.readme:
        rewrite_readme("build", table(rows))
        rewrite_readme("targets", summary)
        if commands:
            rewrite_readme("commands", bench_commands.table(commands, can_drop,
                                                                "scripts/bench_build.py --commands --readme"))

if __name__ == "__main__":
    main()
