"""Files on disk: where each kind of data lives, and how it is read and written.

Generated files are written atomically (a temporary file, then a rename) and
only when their content changes, so a preview server watching ``data/`` sees
no event for a rebuild that changed nothing, and an interrupted run never
leaves half a file. Editors' files are only ever read here.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """A data file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Layout:
    """Where the project's files are, relative to one root folder."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def generated(self) -> Path:
        """Rebuilt from scratch on every run; never edited by hand."""
        return self.data / "generated"

    @property
    def articles(self) -> Path:
        return self.generated / "articles"

    @property
    def extracted(self) -> Path:
        """Events as the extractor finds them, before the editors' files."""
        return self.generated / "extracted"

    @property
    def events(self) -> Path:
        """The chronicle's events: extracted events with the editors' files applied."""
        return self.generated / "events"

    @property
    def gazetteer(self) -> Path:
        return self.data / "gazetteer.yaml"

    @property
    def topics(self) -> Path:
        return self.data / "topics.yaml"

    @property
    def glossary(self) -> Path:
        return self.data / "glossary.yaml"

    @property
    def curated(self) -> Path:
        """Editors' files: the generator reads them and never writes them."""
        return self.data / "curated"

    @property
    def sources_registry(self) -> Path:
        return self.data / "sources.yaml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def templates(self) -> Path:
        return Path(__file__).parent / "templates"


class _SafeLoaderWithLines(yaml.SafeLoader):
    """Safe YAML that remembers the line of each mapping, for error messages."""


def _construct_mapping(loader: _SafeLoaderWithLines, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_SafeLoaderWithLines.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, with_lines: bool = False) -> Any:
    """Read YAML safely; errors name the file and line and say what to do."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err.reason}). Re-save the file as UTF-8.") from None
    try:
        return yaml.load(text, Loader=_SafeLoaderWithLines if with_lines else yaml.SafeLoader)  # noqa: S506
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(f"{where}: this is not valid YAML ({problem}). Fix the file and run again.") from None


def strip_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically when the content differs; return whether it was written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_stale(folder: Path, keep: set[str], pattern: str = "*.yaml") -> list[Path]:
    """Delete generated files that no input produces any more."""
    stale = [p for p in folder.glob(pattern) if p.name not in keep] if folder.exists() else []
    for path in stale:
        path.unlink()
    return stale
