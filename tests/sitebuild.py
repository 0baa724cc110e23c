"""Build a whole site from a folder of pages, as `make site` does, for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import pipeline
from generator.store import Layout

ROOT = Path(__file__).resolve().parent.parent


def make_project(tmp: Path, seeds: dict[str, str | bytes] | None = None, copy_seeds: bool = True) -> Layout:
    """A project folder like the repository's, with the given pages as seeds."""
    (tmp / "seeds").mkdir(parents=True)
    if copy_seeds:
        for page in (ROOT / "seeds").iterdir():
            shutil.copy(page, tmp / "seeds" / page.name)
    for name, content in (seeds or {}).items():
        target = tmp / "seeds" / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    shutil.copytree(ROOT / "data", tmp / "data", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns("index.md", "sources", ".generated-pages"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    config["watch"] = [str(ROOT / w) if not (tmp / w).exists() else w for w in config.get("watch", [])]
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return Layout(tmp)


def build_site(layout: Layout) -> Path:
    """Run every stage, then a strict MkDocs build; return the site folder."""
    reports = list(pipeline.run_all(layout))
    errors = [e for r in reports for e in r.errors]
    assert not errors, errors
    site = layout.root / "site"
    config = load_config(str(layout.root / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    return site
