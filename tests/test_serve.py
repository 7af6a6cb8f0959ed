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


def test_dirty_serve_rebuilds_only_the_pages_that_show_the_edited_record(tmp_path):
    project = make_project(tmp_path, BASE_TREE)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/deputies/li-fang/", "<h1>李芳</h1>")
        def article(url: str) -> str:  # the page without the serve-time live-reload script
            return fetch(url).split("<article", 1)[1].split("</article>", 1)[0]

        project_page = article(f"{base}/projects/2024-01/")
        record = project / "records" / "deputies" / "li-fang.md"
        record.write_text(BASE_TREE["deputies/li-fang.md"] + "李芳代表是村医。\n", encoding="utf-8")
        wait_for(f"{base}/deputies/li-fang/", "李芳代表是村医。")
        # The meeting page names 李芳 among its attendees and is rebuilt; the project page does not.
        assert article(f"{base}/projects/2024-01/") == project_page
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    rebuilt = [line for line in stderr.splitlines() if "条记录有改动" in line]
    assert rebuilt, stderr[-2000:]
    # In this small tree most pages are indexes, which may show any record; at scale the
    # record pages, which show only their own, are nearly all of them.
    assert rebuilt[-1].endswith("renda：1 条记录有改动，重建 28 个页面，其余 6 个不变")
