"""MkDocs hook: the preview server and the build use the same render function.

On ``mkdocs serve`` every rebuild first runs the data stages (which only write
files whose content changed, so the watcher sees no event for a rebuild that
changed nothing: no rebuild loop), then adds the rendered files in memory:
Markdown pages, and the generated SVG pictures and exports (``render_site``
returns them all). On ``mkdocs build`` the files come from the same function,
so the published site and the preview cannot differ.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, Files

from generator import pipeline
from generator.render import render_site
from generator.store import Layout

log = logging.getLogger("mkdocs.plugins.chronicle")
_state = {"serve": False}


def _layout(config) -> Layout:
    return Layout(Path(config["config_file_path"]).resolve().parent)


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"] = command == "serve"


def on_pre_build(config) -> None:
    if not _state["serve"]:
        return
    for report in pipeline.run_data_stages(_layout(config)):
        log.info(report.summary())
        for error in report.errors:
            log.warning(error)


def on_files(files: Files, config) -> Files:
    pages = render_site(pipeline.site_data(_layout(config)))
    for path, text in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=text))
    return files
