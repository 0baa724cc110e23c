"""``chronicle check``: every YAML file of the project against its JSON Schema.

Takes the project folder; gives a list of problems, each naming the file, the
line, the field and what is expected, so they can all be fixed in one pass.
The schemas live in ``generator/schemas/`` so that editors' IDEs (for
example the YAML extension of VS Code) can check files as they are typed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .store import DataError, Layout, did_you_mean, load_yaml, strip_lines

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = Path(__file__).parent / "schemas"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@cache
def validator(name: str) -> Draft202012Validator:
    # imported when a file is checked: jsonschema is a tenth of the generator's start-up, and a
    # rebuild that finds every editors' file as it was checks none
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def files_to_check(layout: Layout) -> list[tuple[Path, str]]:
    """Each YAML file of the project with the schema it follows."""
    pairs: list[tuple[Path, str]] = []
    fixed = [
        (layout.sources_registry, "sources.schema.json"),
        (layout.gazetteer, "gazetteer.schema.json"),
        (layout.topics, "topics.schema.json"),
        (layout.glossary, "glossary.schema.json"),
        (layout.translate_config, "translate-config.schema.json"),
    ]
    pairs.extend((p, s) for p, s in fixed if p.exists())
    for folder, schema in (
        (layout.curated, "curated.schema.json"),
        (layout.articles, "article.schema.json"),
        (layout.extracted, "event.schema.json"),
        (layout.events, "event.schema.json"),
    ):
        if folder.exists():
            pairs.extend((p, schema) for p in sorted(folder.glob("*.y*ml")))
    for translations in (layout.translations, layout.machine_translations):
        if translations.exists():
            pairs.extend((p, "translations.schema.json") for p in sorted(translations.glob("*.yaml")))
    return pairs


def _line_of(data: Any, path: list) -> int:
    """The line of the deepest mapping on the way to the failing field."""
    line = data.get("__line__", 0) if isinstance(data, dict) else 0
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and node.get("__line__"):
            line = node["__line__"]
    return line


def _field(path: list) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in error.schema.get("properties", {}) and k != "__line__"]
        return "; ".join(f"field '{k}' is unknown{did_you_mean(k, allowed)}" for k in extra)
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}{did_you_mean(str(error.instance), [str(v) for v in error.validator_value])}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required but missing")
    if error.validator == "oneOf" and error.context:
        best = min(error.context, key=lambda e: len(list(e.absolute_path)))
        return _message(best)
    return error.message


def _plain(value: Any) -> Any:
    """YAML reads 2025-02-12 as a date; the schemas speak of ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def check_file(path: Path, schema: str, root: Path) -> list[Problem]:
    shown = str(path.relative_to(root)) if root in path.parents else str(path)
    try:
        data = load_yaml(path, with_lines=True)
    except DataError as err:
        # the message starts with the file (and line), which Problem shows itself
        return [Problem(shown, err.line, "", str(err).split(": ", 1)[-1])]
    if not (SCHEMAS / schema).exists():
        return []
    clean = _plain(strip_lines(data))
    problems = []
    for error in sorted(validator(schema).iter_errors(clean), key=lambda e: list(map(str, e.absolute_path))):
        path_list = list(error.absolute_path)
        problems.append(Problem(shown, _line_of(data, path_list), _field(path_list), _message(error)))
    return problems


def check_project(layout: Layout) -> tuple[int, list[Problem]]:
    """(files checked, problems) for every YAML file of the project."""
    problems: list[Problem] = []
    pairs = files_to_check(layout)
    for path, schema in pairs:
        problems.extend(check_file(path, schema, layout.root))
    return len(pairs), problems
