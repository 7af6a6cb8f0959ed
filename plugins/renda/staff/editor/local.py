"""The editor on the office PC: Decap CMS's local backend, spoken by renda itself.

``renda edit`` serves the editor at ``http://localhost:8081/admin/`` and answers Decap's proxy
protocol (the one ``decap-server`` speaks) at ``/api/v1`` on the local repository. Unlike
``decap-server``, what the form saves is not written as the browser serialised it: it is read
and typed with the validator's rules, a new record gets the canonical name ``renda new`` would
give it (``records/activities/2024/2024-03-12-shicha.md``), the file is written exactly as
``renda fmt`` would write it (comments and the body's layout kept), the whole tree is checked,
and the file is committed, one commit per save. A record with an error is not written: the
form shows every problem in Chinese, and the file stays as it was.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

from ...core.config import Settings
from ...core.problems import ERROR
from . import decap, vendor
from .saving import EditorError, refusal, settle


@dataclass
class Workspace:
    """The project (the folder of ``mkdocs.yml``) whose records the editor reads and writes."""

    project: Path
    records_dir: str
    settings: Settings
    #: Provisional paths the form gave new records → the canonical paths they were saved at.
    aliases: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # Reading ------------------------------------------------------------------------------

    def inside(self, path: str) -> PurePosixPath:
        """``path`` (relative to the project) when it is inside the records folder."""
        rel = PurePosixPath(self.aliases.get(path, path))
        records = PurePosixPath(self.records_dir)
        if rel.is_absolute() or ".." in rel.parts or rel.parts[:len(records.parts)] != records.parts:
            raise EditorError(f"编辑器只能读写 {self.records_dir}/ 里的文件，不能用“{path}”。")
        return rel

    def entry(self, path: str) -> dict[str, Any]:
        """One file as Decap wants it: its text and a content hash, or no data when absent."""
        rel = self.inside(path)
        target = self.project / rel
        if not target.is_file():
            return {"data": None, "file": {"path": path, "id": None}}
        content = target.read_bytes()
        return {"data": content.decode("utf-8-sig"), "file": {"path": path, "id": hashlib.sha256(content).hexdigest()}}

    def entries(self, folder: str, extension: str, depth: int) -> list[dict[str, Any]]:
        base = self.project / self.inside(folder)
        if not base.is_dir():
            return []
        found = []
        for path in sorted(base.rglob(f"*.{extension}")):
            rel = path.relative_to(base)
            if len(rel.parts) <= depth and path.is_file():
                found.append(self.entry(f"{folder.rstrip('/')}/{rel.as_posix()}"))
        return found

    def media(self, folder: str) -> list[dict[str, Any]]:
        base = self.project / self.inside(folder)
        return [self.media_file(f"{folder.rstrip('/')}/{p.name}") for p in sorted(base.glob("*")) if p.is_file()] \
            if base.is_dir() else []

    def media_file(self, path: str) -> dict[str, Any]:
        import base64

        content = (self.project / self.inside(path)).read_bytes()
        return {"id": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode(),
                "encoding": "base64", "path": path, "name": PurePosixPath(path).name}

    # Saving ------------------------------------------------------------------------------

    def save(self, path: str, raw: str) -> str:
        """Write what the form saved at ``path`` in canonical form and commit it; the path
        (relative to the project) the record is at."""
        with self.lock:
            rel = self.inside(path)
            target = self.project / rel
            old = target.read_text(encoding="utf-8-sig") if target.is_file() else None
            settled = settle(self.project, self.records_dir, self.settings, rel, raw, old, self._corpus)
            rel, target = settled.rel, self.project / settled.rel
            if settled.text == old:
                return rel.as_posix()
            made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(settled.text, encoding="utf-8")
            mine = self._check(rel)
            if mine:  # left as it was: the file, and the folders made for it
                if old is None:
                    target.unlink()
                    for folder in made:
                        folder.rmdir()
                else:
                    target.write_text(old, encoding="utf-8")
                raise EditorError(refusal(mine))
            self._commit(rel, settled.label, settled.values, created=old is None)
            if rel.as_posix() != path:
                self.aliases[path] = rel.as_posix()
            return rel.as_posix()

    def _corpus(self):
        from ...core.validate import validate

        return validate(self.project / self.records_dir, self.settings, parallel=False).corpus

    def _check(self, rel: PurePosixPath) -> list:
        """The errors the whole tree's validation finds in the file at ``rel``."""
        from ...core.validate import validate

        root = self.project / self.records_dir
        outcome = validate(root, self.settings, display_root=self.records_dir, parallel=False)
        return [p for p in outcome.problems if p.level == ERROR and p.path == rel.as_posix()]

    def _commit(self, rel: PurePosixPath, label: str, values: dict[str, Any], created: bool) -> None:
        import git

        name = values.get("title") or values.get("name") or rel.stem
        message = f"{label}：{name}（{'新建' if created else '修改'}，网页编辑器）"
        try:
            repo = git.Repo(self.project, search_parent_directories=True)
            where = str((self.project / rel).resolve().relative_to(Path(repo.working_tree_dir).resolve()))
            repo.git.add("--", where)
            repo.git.commit("-m", message, "--", where)
        except git.GitCommandError as exc:
            if "Please tell me who you are" in str(exc) or "user.email" in str(exc):
                raise EditorError("文件已写好，但 Git 还不知道提交人是谁。请在命令行运行："
                                  "git config --global user.name \"你的名字\" 和 "
                                  "git config --global user.email \"你的邮箱\"，再点一次保存。") from exc
            raise EditorError(f"文件已写好，但提交到 Git 没有成功：{exc.stderr.strip() or exc}") from exc
        except git.InvalidGitRepositoryError as exc:
            raise EditorError(f"{self.project} 不是一个 Git 仓库：文件已写好，没有提交。") from exc

    # Decap's proxy protocol ---------------------------------------------------------------

    def answer(self, action: str, params: dict[str, Any]) -> Any:
        if action == "info":
            return {"repo": self.project.name, "publish_modes": ["simple"], "type": "local_git"}
        if action == "entriesByFolder":
            return self.entries(params["folder"], params.get("extension") or "md", int(params.get("depth") or 1))
        if action == "entriesByFiles":
            return [self.entry(f["path"]) for f in params["files"]]
        if action == "getEntry":
            return self.entry(params["path"])
        if action == "persistEntry":
            files = params.get("dataFiles") or [params["entry"]]
            if params.get("assets"):
                raise EditorError("请把附件放进 records/attachments/ 后在“附件”里写路径；编辑器不上传文件。")
            for data in files:
                self.save(data["path"], data["raw"])
            return {"message": "entry persisted"}
        if action == "getMedia":
            return self.media(params["mediaFolder"])
        if action == "getMediaFile":
            return self.media_file(params["path"])
        if action in ("deleteFile", "deleteFiles", "persistMedia"):
            raise EditorError("编辑器不删除记录、不上传文件。不再公开的记录请把“公开属性”改为 internal。")
        if action == "getDeployPreview":
            return None
        raise EditorError(f"编辑器不认识“{action}”这个操作。")


def config_text(workspace: Workspace, address: str) -> str:
    """The local editor's config.yml: the schema's collections on the local backend at
    ``address`` (the host and port the page was asked from: the same origin)."""
    found = decap.config(workspace.settings, workspace.records_dir)
    found["backend"]["proxy_url"] = f"http://{address}/api/v1"
    return decap.config_yaml(found)


#: The names the editor's page may be asked by: this computer's own.
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def serve(workspace: Workspace, host: str = "localhost", port: int = 8081) -> ThreadingHTTPServer:
    """The editor's server (not started): ``/admin/`` and ``/api/v1``."""
    scripts = vendor.folder(workspace.project)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: the terminal is for the staff's messages
            pass

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/admin"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return
            if path == "/admin/":
                self._send(200, decap.admin_page(workspace.settings).encode(), "text/html; charset=utf-8")
                return
            if path == "/admin/config.yml":
                text = config_text(workspace, self.headers.get("Host") or f"{host}:{port}")
                self._send(200, text.encode(), "text/yaml; charset=utf-8")
                return
            if path == "/favicon.ico":
                self._send(204, b"", "image/x-icon")
                return
            name = path.removeprefix("/admin/")
            candidate = scripts / name
            if path.startswith("/admin/") and "/" not in name and candidate.is_file():
                kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                self._send(200, candidate.read_bytes(), f"{kind}; charset=utf-8")
                return
            self._send(404, "没有这个页面。".encode(), "text/plain; charset=utf-8")

        def _own(self) -> bool:
            """Whether a request comes from the editor's own page: JSON (another site's page
            cannot send JSON here without a CORS permission this server never gives), from
            this origin if it says, and to a local name (no DNS rebinding)."""
            address = self.headers.get("Host") or ""
            name = address.rsplit(":", 1)[0] if not address.startswith("[") else address.split("]")[0] + "]"
            origin = self.headers.get("Origin")
            return (self.headers.get("Content-Type", "").split(";")[0].strip() == "application/json"
                    and name in LOCAL_NAMES and (origin is None or origin == f"http://{address}"))

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != "/api/v1":
                self._send(404, b"{}", "application/json")
                return
            if not self._own():
                message = {"error": "只接受编辑器自己页面的请求。"}
                self._send(403, json.dumps(message, ensure_ascii=False).encode(), "application/json; charset=utf-8")
                return
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                result = workspace.answer(request.get("action", ""), request.get("params") or {})
                status = 200
            except EditorError as exc:
                result, status = {"error": str(exc)}, 422
            except FileNotFoundError as exc:
                result, status = {"error": f"找不到文件：{exc.filename}"}, 404
            self._send(status, json.dumps(result, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    return ThreadingHTTPServer((host, port), Handler)
