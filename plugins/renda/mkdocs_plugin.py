"""The MkDocs plugin: a thin adapter that runs the core once per build.

It validates the records tree and reports every problem through MkDocs' log: errors as
``log.error`` and warnings as ``log.warning``, so ``mkdocs build --strict`` fails on either.
Page generation from the records comes on top of this adapter; the core stays MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .config import Settings
from .problems import ERROR
from .validate import Outcome, validate

log = logging.getLogger("mkdocs.plugins.renda")


class RendaConfig(Config):
    """Options of the ``renda`` plugin in ``mkdocs.yml`` (the CLI reads the same options)."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it."""
    records_dir = c.Type(str, default="records")
    """The records folder, relative to ``mkdocs.yml``."""
    township = c.Type(str, default="示例镇")
    """The township's name, shown on the site."""
    term = c.Optional(c.Type(int))
    """The current term (届) number, e.g. 18 for 第十八届."""
    today = c.Optional(c.Type((str, dt.date)))
    """Pretend today is this date (YYYY-MM-DD); for reproducible builds and tests."""
    vocabularies = c.Type(dict, default={})
    """Replacements for the default vocabularies (activity_kinds, categories, …)."""
    rules = c.Type(dict, default={})
    """Rules of office, e.g. motion_min_cosigners, reply_months."""
    limits = c.Type(dict, default={})
    """Reader limits: max_file_bytes, max_header_bytes, max_depth."""
    default_disclosure = c.Type(dict, default={})
    """Default disclosure per record type: public or internal."""


class RendaPlugin(BasePlugin[RendaConfig]):
    """Validates ``records/`` on every build; problems fail ``mkdocs build --strict``."""

    def __init__(self):
        self.outcome: Outcome | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        options = {k: v for k, v in self.config.items() if k not in ("enabled", "records_dir")}
        try:
            self.settings = Settings.from_mapping(options)
        except ValueError as exc:
            raise PluginError(f"renda 插件设置有误：{exc}") from exc
        self.root = Path(config.config_file_path).parent / self.config.records_dir
        if not self.root.is_dir():
            raise PluginError(f"找不到记录文件夹 {self.root}")
        return config

    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.outcome = validate(self.root, self.settings, display_root=self.config.records_dir)
        for problem in self.outcome.problems:
            (log.error if problem.level == ERROR else log.warning)(problem.format())
        return files

    def on_serve(self, server, config, builder):
        if self.config.enabled:
            server.watch(str(self.root))
        return server
