"""``mkdocs serve`` while a staff member edits a record: the served page follows the file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import BASE_TREE, make_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = fetch(url)
        if html and text in html:
            return html
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def test_editing_a_record_updates_the_served_page(tmp_path):
    project = make_project(tmp_path, BASE_TREE)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve",
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/deputies/li-fang/"
        wait_for(url, "<h1>李芳</h1>")
        record = project / "records" / "deputies" / "li-fang.md"
        record.write_text(BASE_TREE["deputies/li-fang.md"].replace(
            "group: 第一代表小组", "group: 第一代表小组\noccupation: 红星村卫生室医生"), encoding="utf-8")
        html = wait_for(url, "红星村卫生室医生")
        assert "<dt>工作单位及职务</dt><dd>红星村卫生室医生</dd>" in html
        # A mistake while serving is reported and the record left out; the server stays up.
        record.write_text("---\nname: 李芳\nlevels: [镇\n---\n", encoding="utf-8")
        wait_for(f"http://127.0.0.1:{port}/deputies/", "代表", 30)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "红星村卫生室医生" in (fetch(url) or ""):
            time.sleep(0.3)
        assert "红星村卫生室医生" not in (fetch(url) or "")
        assert server.poll() is None
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "records/deputies/li-fang.md:3:9: error R08:" in stderr


ACTIVITY_2025 = """---
title: 走访红星村选民
kind: 联系选民
date: 2025-05-20
deputies: [li-fang]
voters: 4
---
走访了四户选民。
"""


def _rebuilt(server_log: list[str], count: int, seconds: float = 60) -> str:
    """The plugin's line about the ``count``-th partial rebuild (waits for it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines = [line for line in server_log if "条记录有改动" in line]
        if len(lines) >= count:
            return lines[count - 1].split("renda：", 1)[1].strip()
        time.sleep(0.2)
    raise AssertionError("no partial rebuild reported:\n" + "\n".join(server_log[-20:]))


def test_dirty_serve_rebuilds_only_the_pages_that_show_the_edited_record(tmp_path):
    import threading

    tree = dict(BASE_TREE, **{"activities/2025/2025-05-20-zoufang.md": ACTIVITY_2025})
    project = make_project(tmp_path, tree)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
    records = project / "records"
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/deputies/li-fang/", "<h1>李芳</h1>")

        def article(url: str) -> str:  # the page without the serve-time live-reload script
            return fetch(f"{base}/{url}").split("<article", 1)[1].split("</article>", 1)[0]

        meeting, list_2024 = article("meetings/2024-01-15-rd/"), article("activities/2024/")
        # 1. Her text alone changed: only her own page shows it.
        (records / "deputies" / "li-fang.md").write_text(BASE_TREE["deputies/li-fang.md"] + "李芳代表是村医。\n",
                                                         encoding="utf-8")
        wait_for(f"{base}/deputies/li-fang/", "李芳代表是村医。")
        assert _rebuilt(log, 1) == "1 条记录有改动，重建 1 个页面，其余 45 个不变"
        assert article("meetings/2024-01-15-rd/") == meeting  # names her, shows none of her text

        # 2. A field of a 2025 activity: the pages that show it and the 2025 figures; the 2024
        #    lists, figures and dossiers stay as they are.
        activity = records / "activities" / "2025" / "2025-05-20-zoufang.md"
        activity.write_text(ACTIVITY_2025.replace("走访红星村选民", "走访红星村留守老人"), encoding="utf-8")
        wait_for(f"{base}/activities/2025/", "走访红星村留守老人")
        assert _rebuilt(log, 2) == "1 条记录有改动，重建 20 个页面，其余 26 个不变"
        assert "走访红星村留守老人" in fetch(f"{base}/deputies/li-fang/")
        assert article("activities/2024/") == list_2024

        # 2b. The activity now names 张伟 instead of her: her page, which no longer shows it,
        #     is rebuilt too; then back as it was.
        activity.write_text(ACTIVITY_2025.replace("走访红星村选民", "走访红星村留守老人").replace(
            "deputies: [li-fang]", "deputies: [zhang-wei]"), encoding="utf-8")
        wait_for(f"{base}/deputies/zhang-wei/", "走访红星村留守老人")
        assert "走访红星村留守老人" not in fetch(f"{base}/deputies/li-fang/")
        activity.write_text(ACTIVITY_2025.replace("走访红星村选民", "走访红星村留守老人"), encoding="utf-8")
        wait_for(f"{base}/deputies/li-fang/", "走访红星村留守老人")

        # 3. Her term is recorded as ended in 2024: the activity file is unchanged on disk but
        #    now names a deputy out of office (an error), so its page leaves the site.
        (records / "deputies" / "li-fang.md").write_text(BASE_TREE["deputies/li-fang.md"].replace(
            "term_start: 2021-12-28", "term_start: 2021-12-28\nterm_end: 2024-12-31\nleft_reason: 调离"),
            encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and fetch(f"{base}/activities/2025-05-20-zoufang/") is not None:
            time.sleep(0.3)
        assert "error X05" in "".join(log)
        # Its page and the 2025 list (it was the only activity) are no longer served: the
        # dirty build removes what it no longer makes.
        assert fetch(f"{base}/activities/2025-05-20-zoufang/") is None
        assert fetch(f"{base}/activities/2025/") is None
        assert "走访红星村留守老人" not in fetch(f"{base}/deputies/li-fang/")

        # 4. mkdocs.yml changes (the township's name): every page is made again.
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config.replace("township: 青石镇", "township: 白石镇"), encoding="utf-8")
        wait_for(f"{base}/", "白石镇人大代表履职公开")
        assert "2024年白石镇人大代表履职统计报告" in fetch(f"{base}/print/stats/2024/")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_collector_is_given_back_everything_after_a_build():
    import gc

    from renda.mkdocs_adapter.serving import Collector

    collector = Collector()
    collector.set_aside()
    assert gc.get_freeze_count() > 0
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert (gc.get_freeze_count(), gc.isenabled()) == (0, True)
    collector.resume()  # once more (a build error after post_build): nothing changes
    assert (gc.get_freeze_count(), gc.isenabled()) == (0, True)
    # Held from the records read to the pages planned: no pass in between, and then again.
    collector.set_aside(hold=True)
    assert not gc.isenabled()
    collector.set_aside()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    collector.set_aside(hold=True)  # a build that fails meanwhile gives it all back too
    collector.resume()
    assert (gc.get_freeze_count(), gc.isenabled()) == (0, True)
    # A whole build holds it from before the records are read, through the same steps.
    collector.hold()
    assert not gc.isenabled()
    collector.set_aside(hold=True)
    assert not gc.isenabled()
    collector.set_aside()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    collector.resume()
    collector.hold()  # and a build stopped by an invalid record before anything is set aside
    collector.resume()
    assert (gc.get_freeze_count(), gc.isenabled()) == (0, True)


def test_what_is_alive_when_mkdocs_exits_is_set_aside_from_the_last_collections():
    import gc

    from renda.mkdocs_adapter.plugin import RendaPlugin

    kept = [[n] for n in range(1000)]  # alive, as the build's pages and records are at exit
    try:
        assert gc.get_freeze_count() == 0
        RendaPlugin().on_shutdown()  # MkDocs calls it last, before the interpreter exits
        assert gc.get_freeze_count() >= len(kept)
        assert gc.is_tracked(kept[0]) and not any(o is kept[0] for o in gc.get_objects())  # the collector skips it
    finally:
        gc.unfreeze()
