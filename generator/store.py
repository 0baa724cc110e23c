"""Files on disk: where each kind of data lives, and how it is read and written.

Generated files are written atomically (a temporary file, then a rename) and
only when their content changes, so a preview server watching ``data/`` sees
no event for a rebuild that changed nothing, and an interrupted run never
leaves half a file. Editors' files are only ever read here.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
import hashlib
import json
import os
import pickle
import re
import tempfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any

import yaml


class DataError(ValueError):
    """A data file that cannot be used; the message names the file, line and field."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line  # the line the message names, when it names one (0: none)


@dataclass(frozen=True)
class Layout:
    """Where the project's files are, relative to one root folder.

    Each path is worked out once (a stage asks for ``layout.articles`` for each of
    thousands of records, and joining paths is not free)."""

    root: Path

    @cached_property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @cached_property
    def data(self) -> Path:
        return self.root / "data"

    @cached_property
    def generated(self) -> Path:
        """Rebuilt from scratch on every run; never edited by hand."""
        return self.data / "generated"

    @cached_property
    def articles(self) -> Path:
        return self.generated / "articles"

    @cached_property
    def extracted(self) -> Path:
        """Events as the extractor finds them, before the editors' files."""
        return self.generated / "extracted"

    @cached_property
    def events(self) -> Path:
        """The chronicle's events: extracted events with the editors' files applied."""
        return self.generated / "events"

    @cached_property
    def gazetteer(self) -> Path:
        return self.data / "gazetteer.yaml"

    @cached_property
    def topics(self) -> Path:
        return self.data / "topics.yaml"

    @cached_property
    def glossary(self) -> Path:
        return self.data / "glossary.yaml"

    @cached_property
    def curated(self) -> Path:
        """Editors' files: the generator reads them and never writes them."""
        return self.data / "curated"

    @cached_property
    def translations(self) -> Path:
        """Editors' reviewed translations, ``<article>.<lang>.yaml``: read, never written."""
        return self.data / "translations"

    @cached_property
    def machine_translations(self) -> Path:
        """Machine translations, ``<article>.<lang>.yaml``: written by ``chronicle translate``."""
        return self.generated / "translations"

    @cached_property
    def translate_config(self) -> Path:
        """Editors' choice of machine translation backend (optional)."""
        return self.data / "translate.yaml"

    @cached_property
    def sources_registry(self) -> Path:
        return self.data / "sources.yaml"

    @cached_property
    def docs(self) -> Path:
        return self.root / "docs"

    @cached_property
    def templates(self) -> Path:
        return Path(__file__).parent / "templates"


# libyaml's parser and emitter (when PyYAML was built with it) read and write
# the same documents as the pure-Python ones, about ten times faster: at ten
# thousand articles YAML was most of the run's time.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if yaml.__with_libyaml__ else yaml.SafeLoader
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if yaml.__with_libyaml__ else yaml.SafeDumper


class _PlainDumper(_SafeDumper):  # type: ignore[misc,valid-type]
    """The safe dumper, with a shorter way for the plain data records are made of.

    PyYAML's representer looks up each value's type through its MRO and a table
    of representers (at 10,000 articles, seconds of the extract and curate
    stages writing events); for str, int, bool, None, dict and list this builds
    the same nodes directly (the same tags, styles and anchors for a dict or
    list given twice). Anything else, or other dump settings, goes PyYAML's way.
    """

    def represent_data(self, data: Any):
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode("tag:yaml.org,2002:str", data)
        if kind is int:
            return yaml.ScalarNode("tag:yaml.org,2002:int", str(data))
        if kind is bool:
            return yaml.ScalarNode("tag:yaml.org,2002:bool", "true" if data else "false")
        if data is None:
            return yaml.ScalarNode("tag:yaml.org,2002:null", "null")
        if (kind is dict or kind is list) and self.default_flow_style is False and not self.sort_keys:
            seen = self.represented_objects.get(id(data))
            if seen is not None:
                return seen
            self.object_keeper.append(data)
            value: list = []
            if kind is dict:
                node = yaml.MappingNode("tag:yaml.org,2002:map", value, flow_style=False)
                self.represented_objects[id(data)] = node
                for key, item in data.items():
                    value.append((self.represent_data(key), self.represent_data(item)))
            else:
                node = yaml.SequenceNode("tag:yaml.org,2002:seq", value, flow_style=False)
                self.represented_objects[id(data)] = node
                for item in data:
                    value.append(self.represent_data(item))
            return node
        return super().represent_data(data)


class _PlainLoader(_SafeLoader):
    """Safe YAML, whose impossible dates are errors with a line (not PyYAML's bare ValueError)."""


class _SafeLoaderWithLines(_PlainLoader):
    """Safe YAML that remembers the line of each mapping, for error messages."""


class _ValueProblem(yaml.YAMLError):
    """A value YAML can parse but not build (2025-02-30), with where it is."""

    def __init__(self, problem: str, mark: Any):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def _construct_timestamp(loader: _PlainLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as err:
        raise _ValueProblem(
            f"a date is not a real day ('{node.value}': {err}). Fix it, or write null when unknown", node.start_mark
        ) from None


def _construct_mapping(loader: _SafeLoaderWithLines, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_PlainLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_SafeLoaderWithLines.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# A document may repeat a part of itself with anchors and aliases (&a ... *a).
# Aliases can multiply: nine levels of ten make a billion values out of a few
# lines ("billion laughs"). PyYAML shares the repeated part, but whatever walks
# the data afterwards (checks, copies, templates) would not, so a document
# whose values, counted with every repetition, pass this bound is refused.
MAX_EXPANDED_VALUES = 1_000_000


# Lists in lists in lists: libyaml builds nested values by recursion in C, and
# tens of thousands of levels crash the process instead of raising an error.
# Real data is a few levels deep; a document with more than this is refused.
MAX_NESTING = 100


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """How deeply ``text`` nests lists and mappings, read as events (no recursion); stops past ``limit``."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return deepest


def _may_nest_deeply(text: str) -> bool:
    """A cheap bound: each level of nesting needs a '[', '{', '- ' or '? ', or one more column of
    indent (and a thousand levels of indent alone take half a million characters of spaces)."""
    return text.count("[") + text.count("{") + text.count("- ") + text.count("? ") > 10 * MAX_NESTING


def expanded_size(data: Any, limit: int = MAX_EXPANDED_VALUES) -> int:
    """How many values ``data`` holds, each shared part counted every time it appears.

    Stops counting past ``limit``; a part that contains itself (``&a [*a]``)
    counts as past the limit.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def size(value: Any) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in on_path:
            return limit + 1
        on_path.add(key)
        total = 1
        for item in (value.values() if isinstance(value, dict) else value):
            total += size(item)
            if total > limit:
                break
        on_path.discard(key)
        sizes[key] = total
        return total

    return size(data)


# Documents parsed in this process, by the hash of their text: a generated
# file that several stages read in one run is parsed once, and one this process
# has just written is not parsed at all (dump_yaml remembers it). Each hit is a
# fresh copy (unpickled), so a caller may change what it gets.
_PARSED: dict[tuple[bytes, bool], bytes] = {}
_PARSED_LIMIT = 128 * 2**20  # bytes of pickles kept; past it the memo starts again
_parsed_size = 0
_PLAIN = (str, int, float, bool, type(None))


def _text_key(text: str, with_lines: bool) -> tuple[bytes, bool]:
    # sha256 of the text's bytes: for a record on disk, the hash its file is known by
    # (incremental.FileHashes), which is how prune_parse_cache tells the live documents
    return hashlib.sha256(text.encode("utf-8")).digest(), with_lines


# The same, kept between runs: a folder of JSON files named by the hash of the
# YAML text they are the document of (JSON, because reading it runs no code, and
# it is ten times quicker to read than YAML). Only documents that JSON gives back
# exactly are kept, only when a stage turned it on (:func:`use_parse_cache`).
_DISK: dict[str, Any] = {"folder": None, "seen": set()}


def use_parse_cache(folder: Path | None) -> None:
    """Keep parsed generated records in ``folder`` between runs (None: do not)."""
    _DISK["folder"] = folder


def _parser_version() -> bytes:
    # what a text parses to depends on this module's loader and on PyYAML
    if "version" not in _DISK:
        _DISK["version"] = hashlib.sha1(Path(__file__).read_bytes() + yaml.__version__.encode()).digest()
    return _DISK["version"]


def _disk_path(key: tuple[bytes, bool]) -> Path | None:
    folder = _DISK["folder"]
    if folder is None or key[1]:
        return None
    name = hashlib.sha1(_parser_version() + key[0]).hexdigest()
    _DISK["seen"].add(name)
    return folder / name[:2] / f"{name}.json"


def _disk_read(key: tuple[bytes, bool]) -> Any:
    path = _disk_path(key)
    if path is None:
        return None
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _disk_write(key: tuple[bytes, bool], data: Any) -> None:
    path = _disk_path(key)
    if path is None or path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache: the next run parses the YAML again


def prune_parse_cache(live: Iterable[str] = ()) -> int:
    """Delete the kept documents that this process neither read nor wrote, but for those of
    ``live``: the sha256 (hex) of the records that exist, which a run that found nothing
    changed has no need to read. Returns how many were deleted."""
    folder = _DISK["folder"]
    if folder is None or not folder.exists():
        return 0
    keep = set(_DISK["seen"])
    keep.update(hashlib.sha1(_parser_version() + bytes.fromhex(digest)).hexdigest() for digest in live)
    removed = 0
    # os.scandir, not Path.glob: tens of thousands of documents, and glob made a Path of each
    for sub in os.scandir(folder):
        if not sub.is_dir():
            continue
        for entry in os.scandir(sub.path):
            if entry.name.endswith(".json") and entry.name[: -len(".json")] not in keep:
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    pass
                removed += 1
    return removed


def forget_parsed() -> None:
    """Empty this process's memo of parsed documents (the disk cache stays): the render stage
    has everything it needs in hand and forks workers that would each inherit the memo."""
    global _parsed_size
    _PARSED.clear()
    _parsed_size = 0


def _remember(key: tuple[bytes, bool], data: Any) -> None:
    global _parsed_size
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    if _parsed_size + len(blob) > _PARSED_LIMIT:
        _PARSED.clear()
        _parsed_size = 0
    _PARSED[key] = blob
    _parsed_size += len(blob)


def parsed_yaml(text: str, with_lines: bool = False) -> Any:
    """The document of ``text`` if this process (or, with :func:`use_parse_cache`, an earlier one
    or a worker) parsed or wrote it already, else None."""
    key = _text_key(text, with_lines)
    blob = _PARSED.get(key)
    if blob is not None:
        return pickle.loads(blob)  # noqa: S301 (our own pickles)
    return _disk_read(key)


def _too_deep(name: Any) -> DataError:
    return DataError(f"{name}: lists and mappings nest more than {MAX_NESTING} levels deep. "
                     "Fix the file (a bracket left open?) and run again.")


def parse_yaml(text: str, name: Any, with_lines: bool = False) -> Any:
    """Parse YAML text safely; errors name the file (``name``) and line and say what to do.

    Beyond what a safe loader refuses (tags that build Python objects), a
    document is refused when it nests too deeply, when its aliases multiply
    it past :data:`MAX_EXPANDED_VALUES`, or when a date does not exist.
    """
    key = _text_key(text, with_lines)
    if key in _PARSED:
        return pickle.loads(_PARSED[key])  # noqa: S301 (our own pickles)
    if (kept := _disk_read(key)) is not None:
        return kept  # not memoised as well: reading it again is as quick, and memory is not free
    try:
        if _may_nest_deeply(text) and nesting_depth(text) > MAX_NESTING:
            raise _too_deep(name)
        data = yaml.load(text, Loader=_SafeLoaderWithLines if with_lines else _PlainLoader)  # noqa: S506
        # "*" starts every alias: a document without one has no repeated parts to count
        if "*" in text and expanded_size(data) > MAX_EXPANDED_VALUES:
            raise DataError(
                f"{name}: the document's aliases (*name) repeat its anchors (&name) into more than "
                f"{MAX_EXPANDED_VALUES:,} values, or an anchor contains itself (a YAML 'billion laughs'). "
                "Write the values out, or use fewer aliases."
            )
        _remember(key, data)
        if not with_lines and _round_trips(data):
            _disk_write(key, data)
    except RecursionError:  # nested less than _may_nest_deeply looks for, but still too deep to copy
        raise _too_deep(name) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        where = f"{name}:{line}" if mark else str(name)
        problem = getattr(err, "problem", None) or str(err)
        if isinstance(err, _ValueProblem):
            raise DataError(f"{where}: {problem}.", line) from None
        if isinstance(err, yaml.scanner.ScannerError) and problem.startswith("exceeded maximum nesting depth"):
            # libyaml's own bound (PyYAML 6.0.3 and newer)
            raise _too_deep(name) from None
        if tag := re.search(r"constructor for the tag '(?:tag:yaml\.org,2002:)?([^']*)'", problem):
            shown = f"!!{tag.group(1)}" if "yaml.org" in problem else tag.group(1)
            raise DataError(
                f"{where}: the tag '{shown}' is not allowed: data files hold only text, numbers, dates, lists and "
                "mappings. Remove the tag and write the value itself.", line
            ) from None
        raise DataError(f"{where}: this is not valid YAML ({problem}). Fix the file and run again.", line) from None
    return data


def load_yaml(path: Path, with_lines: bool = False) -> Any:
    """Read YAML safely; errors name the file and line and say what to do."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err.reason}). Re-save the file as UTF-8.") from None
    return parse_yaml(text, path, with_lines)


def strip_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    if len(choices) > 300:
        # difflib weighs every choice (a tenth of a second for a thousand article ids); a typo
        # rarely changes the first letters, so only the choices that share them are weighed
        choices = [c for c in choices if c[:2].casefold() == word[:2].casefold()]
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _round_trips(data: Any) -> bool:
    """Whether YAML gives back exactly this data (no tuples, sets, dates or other types)."""
    kind = type(data)
    if kind is dict:
        return all(type(k) is str and _round_trips(v) for k, v in data.items())
    if kind is list:
        return all(_round_trips(v) for v in data)
    return kind in _PLAIN


_DUMP_OPTIONS = dict(Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)


def dump_yaml(data: Any) -> str:
    text = yaml.dump(data, **_DUMP_OPTIONS)
    if _round_trips(data):
        key = _text_key(text, False)
        _remember(key, data)
        _disk_write(key, data)
    return text


def dump_yaml_list(key: str, items: list, kept: dict[str, str]) -> tuple[str, dict[str, str]]:
    """``dump_yaml({key: items})``, made of each item's YAML as ``kept`` (the item as JSON -> its
    text) has it from an earlier call; returns the text and the pieces of these items.

    A list of thousands (the merge log) changed in a few items is not turned into YAML nodes
    again. Items that share a list or mapping (which YAML writes as an anchor and its aliases)
    are dumped whole, as the pieces would not show the sharing.
    """
    data = {key: items}
    if not items or type(key) is not str or not _round_trips(data) or _shares_containers(items):
        return dump_yaml(data), {}
    pieces: dict[str, str] = {}
    parts = [yaml.dump({key: []}, **_DUMP_OPTIONS).replace(" []\n", "\n", 1)]  # "key:\n", as YAML writes the key
    for item in items:
        name = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        text = kept.get(name)
        if text is None:
            # a sequence at the top is written as one under a key is (PyYAML indents neither)
            text = yaml.dump([item], **_DUMP_OPTIONS)
        pieces[name] = text
        parts.append(text)
    text = "".join(parts)
    cache_key = _text_key(text, False)
    _remember(cache_key, data)
    _disk_write(cache_key, data)
    return text, pieces


def _shares_containers(value: Any) -> bool:
    seen: set[int] = set()
    todo = [value]
    while todo:
        current = todo.pop()
        if type(current) is dict:
            children = current.values()
        elif type(current) is list:
            children = current
        else:
            continue
        if id(current) in seen:
            return True
        seen.add(id(current))
        todo.extend(children)
    return False


class RunMemo:
    """What one run of the pipeline found on disk: folder listings and file hashes, looked at
    once instead of by every stage (a rebuild at 10,000 articles listed the articles folder and
    stat-ed its files a dozen times). This process's writes and deletions go through
    :func:`changed`, which drops what they make untrue; a file changed by someone else while
    the run goes on is seen by the next run, as with any file read before it changed.

    Keyed by the folder's real path, so that two spellings of one folder share their entries
    and a write through either forgets both.
    """

    def __init__(self):
        self._real: dict[str, str] = {}
        self.hashes: dict[tuple[str, str], str | None] = {}  # (folder, name) -> sha256, None: unreadable
        self.listings: dict[str, dict[str, list]] = {}  # folder -> pattern (or other kind) -> names
        self.folders: dict[str, dict[str, dict[str, str]]] = {}  # folder -> pattern -> {name: sha256}

    def folder(self, folder: str) -> str:
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.path.realpath(folder)
        return real

    def file(self, path: str) -> tuple[str, str]:
        # not os.path.split, which costs as much as the stat this saves
        folder, _, name = path.rpartition(os.sep)
        return self.folder(folder or "."), name

    def listing(self, folder: Path | str, kind: str, make: Callable[[], list]) -> list:
        """What ``make()`` lists of ``folder`` (``kind`` tells lists of one folder apart), made
        once in the run; a copy, for the caller to keep or change."""
        listed = self.listings.setdefault(self.folder(os.fspath(folder)), {})
        if kind not in listed:
            listed[kind] = make()
        return list(listed[kind])

    def forget(self, path: str) -> None:
        folder, name = self.file(path)
        self.hashes.pop((folder, name), None)
        self.listings.pop(folder, None)
        self.folders.pop(folder, None)


_RUN_MEMO: RunMemo | None = None


def run_memo() -> RunMemo | None:
    """The memo of the run going on (:func:`one_look_per_run`), or None outside a run."""
    return _RUN_MEMO


@contextlib.contextmanager
def one_look_per_run():
    """A :class:`RunMemo` while the block runs (the outermost block, when nested)."""
    global _RUN_MEMO
    if _RUN_MEMO is not None:
        yield _RUN_MEMO
        return
    _RUN_MEMO = RunMemo()
    try:
        yield _RUN_MEMO
    finally:
        _RUN_MEMO = None


def changed(path: Path | str) -> None:
    """Say that this process wrote or deleted ``path`` (what the run's memo knows of it goes)."""
    if _RUN_MEMO is not None:
        _RUN_MEMO.forget(os.fspath(path))


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically when the content differs; return whether it was written."""
    try:
        # newline="" so that CRLF files (iCalendar, CSV) compare as written
        with open(path, encoding="utf-8", newline="") as handle:
            if handle.read() == text:
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
    finally:
        changed(path)
    return True


class KeptShards:
    """Objects kept between runs under a name and a digest (the hash of what they were made
    from), pickled in ``shards`` files of ``folder`` by the name's CRC: a run that needs
    thousands of them unpickles a few files instead of parsing thousands, and a change
    rewrites one shard. Valid for ``version`` (the code that makes the objects).

    :meth:`get` gives the object kept for a name when its digest is the same (each
    call of a new run unpickles fresh objects, which the caller may change);
    :meth:`put` keeps a new one; :meth:`save` writes the shards that changed,
    keeping only the names given (in every shard): call it before the objects are
    changed in place.
    """

    def __init__(self, folder: Path, version: str, shards: int = 16):
        self.folder, self.version, self.count = folder, version, shards
        self._shards: dict[int, dict] = {}
        self._changed: set[int] = set()

    def _shard(self, name: str) -> dict:
        number = zlib.crc32(os.fsencode(name)) % self.count
        if number not in self._shards:
            self._shards[number] = read_kept(self.folder / f"{number:02d}.pickle", self.version)
        return self._shards[number]

    def get(self, name: str, digest: str):
        kept = self._shard(name).get(name)
        return kept[1] if kept is not None and kept[0] == digest else None

    def put(self, name: str, digest: str, value) -> None:
        self._shard(name)[name] = (digest, value)
        self._changed.add(zlib.crc32(os.fsencode(name)) % self.count)

    def save(self, live) -> None:
        live_by_shard: dict[int, set[str]] = {}
        for name in live:
            live_by_shard.setdefault(zlib.crc32(os.fsencode(name)) % self.count, set()).add(name)
        for number in range(self.count):  # every shard, so that no name no longer live stays kept
            if number not in self._shards and not (self.folder / f"{number:02d}.pickle").exists():
                continue
            items = self._shards.get(number)
            if items is None:
                items = self._shards[number] = read_kept(self.folder / f"{number:02d}.pickle", self.version)
            names = live_by_shard.get(number, set())
            if number in self._changed or len(items) != len(names):
                write_kept(self.folder / f"{number:02d}.pickle", self.version,
                           {name: items[name] for name in names if name in items})


def read_kept(path: Path | None, version: str) -> dict:
    """The pieces a cache file kept for ``version`` (see :func:`write_kept`); an empty
    dict when there is no such file, it is damaged, or it was kept for another version."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            saved = pickle.load(handle)  # noqa: S301 (our own file, in data/generated/cache)
        if saved.get("format") == 1 and saved.get("version") == version:
            return saved["items"]
    except (OSError, TypeError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, KeyError):
        pass
    return {}


def write_kept(path: Path, version: str, items: dict) -> bool:
    """Keep ``items`` for the next run, valid for ``version``; whether it was written. A cache:
    a file that cannot be written (disk full, read-only) is left alone, and no partial file is
    left behind."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            pickle.dump({"format": 1, "version": version, "items": items}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        return True
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    finally:
        changed(path)


def names_in(folder: Path, pattern: str = "*.yaml") -> list[str]:
    """The names of ``sorted(folder.glob(pattern))``, without comparing paths part by part:
    a run that finds nothing changed lists folders of 10,000 records several times. Within a
    run, each folder is listed once (:class:`RunMemo`); the list given is the caller's."""
    if _RUN_MEMO is not None:
        return _RUN_MEMO.listing(folder, pattern, lambda: _names_in(folder, pattern))
    return _names_in(folder, pattern)


def _names_in(folder: Path, pattern: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if fnmatch.fnmatchcase(e.name, pattern))
    except (FileNotFoundError, NotADirectoryError):
        return []


def files_in(folder: Path, pattern: str = "*.yaml") -> list[Path]:
    """``sorted(folder.glob(pattern))`` (see :func:`names_in`)."""
    return [folder / name for name in names_in(folder, pattern)]


def remove_stale(folder: Path, keep: set[str], pattern: str = "*.yaml") -> list[Path]:
    """Delete generated files that no input produces any more."""
    stale = [folder / name for name in names_in(folder, pattern) if name not in keep]
    for path in stale:
        try:
            path.unlink()
        finally:
            changed(path)
    return stale
