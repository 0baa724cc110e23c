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


def _children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists() or not hasattr(os, "fork"), reason="reads /proc (Linux)")
def test_an_interrupted_build_leaves_no_language_building_and_no_temporary_folder(tmp_path: Path):
    import signal
    import subprocess
    import sys
    import time

    layout = make_project(tmp_path / "project")
    errors = [e for r in pipeline.run_all(layout) for e in r.errors]
    assert not errors, errors
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "CHRONICLE_MKDOCS_JOBS": "2", "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"}
    script = ("from pathlib import Path\nfrom generator.build import build_site_atomically\n"
              f"build_site_atomically(Path({str(layout.root)!r}))\n")
    parent = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=Path(__file__).resolve().parent.parent,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    children: list[int] = []
    while not children and time.monotonic() < deadline and parent.poll() is None:
        children = _children_of(parent.pid)
        time.sleep(0.05)
    assert children, "the Vietnamese pages were not built in a process of their own"
    parent.send_signal(signal.SIGINT)  # Ctrl-C on the build, the child not told
    parent.wait(timeout=60)
    assert parent.returncode != 0
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{c}").exists() and "Z" not in Path(f"/proc/{c}/stat").read_text().split()[2]
              for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{c}").exists() and "Z" not in Path(f"/proc/{c}/stat").read_text().split()[2]
                   for c in children), "a language went on building after the build was interrupted"
    assert not list(temp.glob("chronicle-mkdocs-*"))
    assert not (layout.root / "site.tmp").exists() and not (layout.root / "site").exists()
