"""The last step of ``make site``: MkDocs builds ``docs/`` into ``site/``, or leaves it alone.

MkDocs writes into a temporary folder (``site.tmp``); only when the build
succeeds is that folder swapped in for ``site/``. A build that fails (a broken
link in strict mode, a bad template, an interrupted run) leaves the previous
site exactly as it was, so a mistake never takes the published site down.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path


class BuildError(RuntimeError):
    """MkDocs did not build the site; ``site/`` is unchanged."""


def mkdocs_build(root: Path, site_dir: Path, strict: bool | None = True) -> None:
    """``mkdocs build`` of the project at ``root`` into ``site_dir``; warnings are printed.

    Strict (a warning fails the build) unless ``strict`` is False; None leaves
    it to ``mkdocs.yml``. Not ``mkdocs build --strict --quiet``: ``--quiet``
    silences warnings before strict mode can count them, so a broken link
    passed unnoticed.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict))
    except MkDocsException as err:
        raise BuildError(f"mkdocs build failed: {err}") from None
    finally:
        log.removeHandler(handler)


def build_site_atomically(root: Path, build: Callable[[Path, Path], None] = mkdocs_build) -> Path:
    """Build the site of the project at ``root`` into ``site/``, replacing it only on success.

    ``build(root, site_dir)`` makes the site in ``site_dir`` and raises when it
    fails (the default runs MkDocs); tests pass one of their own. Returns the
    site folder. On failure the temporary folder is removed, ``site/`` is
    untouched, and the error is raised again.
    """
    root = Path(root)
    site, tmp, old = root / "site", root / "site.tmp", root / "site.old"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        build(root, tmp)
        if not (tmp / "index.html").is_file():
            raise BuildError(f"the build left no {tmp.name}/index.html; the previous site is kept")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    try:
        tmp.rename(site)
    except OSError:
        if old.exists() and not site.exists():
            old.rename(site)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
    return site
