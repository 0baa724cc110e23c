"""Building the languages at once (generator/mkdocs_hook.py) gives the site the plugin gives alone.

mkdocs-static-i18n builds the Vietnamese pages after the English ones, in the
same process. The hook forks a process per further language instead; what the
plugin's loop kept in memory (search entries, each language's 404 page, the
sitemap of every page) comes back from the child. These tests build the seeds
both ways, strict, and compare every file of the two sites byte for byte, and
check that a language whose build fails fails the whole build.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import pipeline
from tests.sitebuild import make_project

pytestmark = pytest.mark.slow


def _mkdocs(root: Path, site: Path, jobs: int, monkeypatch) -> None:
    monkeypatch.setenv("CHRONICLE_MKDOCS_JOBS", str(jobs))
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _children_left() -> list[int]:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return []
    return [pid] if pid else []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="building languages at once needs os.fork")
def test_languages_built_at_once_give_the_same_site_byte_for_byte(tmp_path: Path, monkeypatch):
    layout = make_project(tmp_path / "project")
    errors = [e for r in pipeline.run_all(layout) for e in r.errors]
    assert not errors, errors
    one_by_one, at_once = tmp_path / "one-by-one", tmp_path / "at-once"
    _mkdocs(layout.root, one_by_one, 1, monkeypatch)
    _mkdocs(layout.root, at_once, 2, monkeypatch)

    names = _files(one_by_one)
    assert names == _files(at_once)
    # the parts the child hands back are there: both languages, one search index of both, one sitemap
    assert {"index.html", "vi/index.html", "404.html", "vi/404.html", "sitemap.xml", "vi/sitemap.xml"} <= names
    _, mismatch, errors = filecmp.cmpfiles(one_by_one, at_once, sorted(names), shallow=False)
    assert (mismatch, errors) == ([], [])
    index = (at_once / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"vi/' in index.replace(" ", "") and '"location":"events/' in index.replace(" ", "")
    sitemap = (at_once / "sitemap.xml").read_text(encoding="utf-8")
    pages = [n for n in names if n.endswith("index.html")]
    assert "vi/events/" in sitemap and sitemap.count("<url>") == len(pages)
    assert _children_left() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="building languages at once needs os.fork")
def test_a_failing_language_built_apart_fails_the_whole_build_and_names_it(tmp_path: Path, monkeypatch):
    layout = make_project(tmp_path / "project")
    errors = [e for r in pipeline.run_all(layout) for e in r.errors]
    assert not errors, errors
    # a hand-written page whose Vietnamese version links a page that does not exist:
    # a warning in the Vietnamese build only, which strict mode turns into a failure
    (layout.root / "docs" / "about.md").write_text("# About\n\nThe [timeline](timeline.md).\n", encoding="utf-8")
    (layout.root / "docs" / "about.vi.md").write_text("# Giới thiệu\n\n[Không có](missing-page.md).\n", encoding="utf-8")
    with pytest.raises(Abort, match="'vi'"):
        _mkdocs(layout.root, tmp_path / "site", 2, monkeypatch)
    assert _children_left() == []
