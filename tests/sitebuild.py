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
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=_generated_docs)
    # The repository's mkdocs.yml, with the paths that must point back to the repository
    # (INHERIT keeps its !!python/name tags, which a YAML round trip would lose).
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    overrides = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "hooks": [str(ROOT / hook) for hook in config.get("hooks", [])],
        "watch": [str(ROOT / w) if not (tmp / w).exists() else w for w in config.get("watch", [])],
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(overrides, allow_unicode=True), encoding="utf-8")
    return Layout(tmp)


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its !!python/name tags name."""


_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_TaggedLoader.add_constructor("!ENV", lambda loader, node: None)


def _generated_docs(folder: str, names: list[str]) -> set[str]:
    """Files `chronicle render` wrote into the repository's docs/ (listed in its manifest): not copied."""
    manifest = ROOT / "docs" / ".generated-pages"
    generated = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    generated |= {"index.md", ".generated-pages"}
    rel = Path(folder).resolve().relative_to((ROOT / "docs").resolve()).as_posix()
    prefix = "" if rel == "." else rel + "/"
    skipped = set()
    for name in names:
        path = prefix + name
        if path in generated or any(g.startswith(path + "/") for g in generated) and not _has_hand_written(ROOT / "docs" / path, generated):
            skipped.add(name)
    return skipped


def _has_hand_written(folder: Path, generated: set[str]) -> bool:
    docs = (ROOT / "docs").resolve()
    return folder.is_dir() and any(
        f.is_file() and f.resolve().relative_to(docs).as_posix() not in generated for f in folder.rglob("*")
    )


def build_site(layout: Layout) -> Path:
    """Run every stage, then a strict MkDocs build; return the site folder."""
    reports = list(pipeline.run_all(layout))
    errors = [e for r in reports for e in r.errors]
    assert not errors, errors
    site = layout.root / "site"
    config = load_config(str(layout.root / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    return site
