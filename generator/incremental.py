"""Incremental and parallel building: redo only the work whose inputs changed.

Used by the stages of :mod:`generator.pipeline`; the rules
of each stage stay in its own module, this one only decides what to run again
and spreads the work over the machine's cores.

* Ingest cleans a page again only when its bytes, its entry in
  ``data/sources.yaml`` or the ingest code changed, and its record is still the
  one written from it. What each record was made from is kept in
  ``data/generated/cache/ingest.pickle``.
* Extract keeps the events each article tells, before they are merged across
  articles, in ``data/generated/cache/extract/<article>.json``, keyed by the
  article record, the gazetteer and topics, and the extraction code. Only
  articles whose key changed are read again; the merge and the ids are then
  made over all articles, as in :func:`generator.extract.extract`, and come out
  the same byte for byte.
* When every article's events are the ones the last merge was made from, the
  merge is not made again: the extract stage's files stand as long as they are
  the files it wrote (:func:`outputs_stand`). The curate stage and the render
  do the same with their own inputs (``pipeline.run_curate``, ``run_render``).
* Whether a file changed is told by its hash, which is taken again only when
  its size, time or inode changed (:class:`FileHashes`, as git's index does).
* Pages and articles that must be done again are spread over a pool of
  processes (one per core; ``CHRONICLE_WORKERS=1`` turns it off) when there are
  enough of them to pay for starting it.

Everything under ``data/generated/cache/`` may be deleted at any time: the
next run is then a full one.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import pickle
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import store
from .dates import sort_key
from .extract import Extraction, Merger, article_mentions, assign_ids, extract_article
from .gazetteer import Gazetteer, Topics
from .ingest import (
    IngestError,
    RegistryEntry,
    UpToDate,
    seed_files,
    ingest_file,
    ingest_folder,
    load_registry,
)
from .models import Article, Event, StageReport
from .store import Layout, remove_stale, write_if_changed

CACHE_FORMAT = 2  # bump when the layout of the cache files changes
# The stages' manifests are pickles (store.read_kept): at 10,000 articles the JSON ones took a
# tenth of a second each to write and to compare on every rebuild. Bump when their shape changes.
MANIFEST_FORMAT = "manifest-1"
PARALLEL_FROM = 50  # below this many items a pool costs more than it saves
_GENERATOR = Path(__file__).parent



# --------------------------------------------------------------------------
# Keys.


# `from .module import ...` and `from . import a, b` (one line or in brackets), anywhere in a module
_RELATIVE_IMPORT = re.compile(r"^[ \t]*from \.(\w*) import (\([^)]*\)|[^\n]*)", re.M)


@functools.lru_cache(maxsize=None)
def _imports(name: str) -> tuple[str, ...]:
    """The generator's modules that ``name`` imports (anywhere in it), as file names."""
    found: list[str] = []
    for module, names in _RELATIVE_IMPORT.findall((_GENERATOR / name).read_text(encoding="utf-8")):
        candidates = [module] if module else re.findall(r"\w+", names.split("#")[0])
        found += [f"{n}.py" for n in candidates if (_GENERATOR / f"{n}.py").exists()]
    return tuple(found)


def code_closure(*modules: str, plus: Iterable[str] = ()) -> tuple[str, ...]:
    """The source files whose rules decide a stage's output: ``modules``, every generator
    module they import, directly or not, ``plus`` (files taken alone, not what they import),
    and the schemas records and editors' files are checked against. Editing one makes the
    stage redo everything (the hash of their text is in every key); a list kept by hand
    missed some."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imports(name))
    schemas = [f"schemas/{p.name}" for p in sorted((_GENERATOR / "schemas").glob("*.json"))]
    return (*sorted(seen | set(plus)), *schemas)


# The libraries whose versions decide what a stage reads and writes.
LIBRARIES = ("PyYAML", "jsonschema")

# incremental.py itself, not all it imports: it drives the stages
INGEST_CODE = code_closure("ingest.py", plus=("incremental.py",))
EXTRACT_CODE = code_closure("extract.py", plus=("incremental.py",))
# what writes the merge's files (the merge-log, mentions, unknown names and the records)
MERGE_CODE = code_closure("extract.py", plus=("incremental.py", "pipeline.py", "store.py"))


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_version(files: Iterable[str], *extra: str) -> str:
    """A hash of the generator's source files (and any library versions given), with the
    versions of :data:`LIBRARIES`."""
    extra = (*extra, *library_versions(*LIBRARIES))
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{sys.version_info[:2]}|{'|'.join(extra)}".encode())
    for name in files:
        digest.update(name.encode())
        digest.update((_GENERATOR / name).read_bytes())
    return digest.hexdigest()


def files_version(*paths: Path) -> str:
    """A hash of the editors' files a stage reads (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def library_versions(*distributions: str) -> list[str]:
    """"name=version" of installed distributions (PyPI names: beautifulsoup4, PyYAML, Jinja2)."""
    return [f"{name}={_distribution_version(name)}" for name in distributions]


class FileHashes:
    """The sha256 of files, read again only when a file's size, time or inode changed.

    What git's index does: a build that finds nothing changed stats every input
    instead of reading it (10,000 articles and their records: 0.05 s instead of
    seconds). A hash taken less than two seconds after the file's last change
    is not trusted, since a change within the same tick of a coarse clock would
    leave size and time as they were: the file is read again next time it is
    asked for (git's "racily clean" entries). Kept in
    ``data/generated/cache/hashes.pickle``; deleting it only costs a read.
    """

    RACY_NS = 2_000_000_000
    FORMAT = "file-hashes-3"

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, list] = {}  # path -> [size, mtime_ns, inode, sha256, when hashed (ns)]
        self.dirty = False
        self.present: set[str] = set()  # files stat-ed by this process: they need no second look when saving
        self.deferred = 0  # while above 0, save() waits for the end of the whole run (see deferred_saves)
        # pickled, not JSON: at 10,000 articles the index of 45,000 files was a fifth of a
        # second to write and a tenth to read again on each run
        self.entries = store.read_kept(path, self.FORMAT).get("files", {})
        self.dirty = not self.entries

    def __call__(self, file: Path | str) -> str | None:
        """The hash of the file's bytes, or None when it cannot be read. Within a run, a file is
        looked at once (:class:`store.RunMemo`) until this process writes it."""
        key = str(file)
        memo = store.run_memo()
        if memo is None:
            return self._hash(key)
        where = memo.file(key)
        if where in memo.hashes:
            return memo.hashes[where]
        digest = memo.hashes[where] = self._hash(key)
        return digest

    def _hash(self, key: str) -> str | None:
        try:
            st = os.stat(key)
        except OSError:
            if self.entries.pop(key, None) is not None:
                self.dirty = True
            return None
        self.present.add(key)
        seen = self.entries.get(key)
        if (seen is not None and seen[0] == st.st_size and seen[1] == st.st_mtime_ns and seen[2] == st.st_ino
                and st.st_mtime_ns < seen[4] - self.RACY_NS):
            return seen[3]
        hashed_at = time.time_ns()
        try:
            with open(key, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None
        self.entries[key] = [st.st_size, st.st_mtime_ns, st.st_ino, digest, hashed_at]
        self.dirty = True
        return digest

    def folder(self, folder: Path, pattern: str = "*.yaml") -> dict[str, str]:
        """File name -> hash, for the files of ``folder`` that match ``pattern``, by name (within
        a run, worked out once until this process writes a file of the folder)."""
        base = str(folder)
        memo = store.run_memo()
        if memo is not None:
            known = memo.folders.get(memo.folder(base), {}).get(pattern)
            if known is not None:
                return dict(known)
        found = {}
        for name in store.names_in(folder, pattern):
            digest = self(os.path.join(base, name))
            if digest is not None:
                found[name] = digest
        if memo is not None:
            memo.folders.setdefault(memo.folder(base), {})[pattern] = dict(found)
        return found

    def save(self, force: bool = False) -> None:
        if not self.dirty or (self.deferred and not force):
            return
        # entries of files that no longer exist are dropped (those stat-ed by this run do exist,
        # or were dropped when they could not be)
        present = self.present
        listed: dict[str, frozenset[str]] = {}

        def exists(path: str) -> bool:
            # each folder listed once: tens of thousands of files were not looked at by this run
            folder, name = os.path.split(path)
            if folder not in listed:
                try:
                    with os.scandir(folder or ".") as entries:
                        listed[folder] = frozenset(e.name for e in entries)
                except OSError:
                    listed[folder] = frozenset()
            return name in listed[folder]

        live = {k: v for k, v in self.entries.items() if k in present or exists(k)} \
            if len(self.entries) < 200_000 else self.entries
        # a cache: one that cannot be written only makes the next run read the files again
        if store.write_kept(self.path, self.FORMAT, {"files": live}):
            self.dirty = False


_FILE_HASHES: dict[Path, FileHashes] = {}


def file_hashes(layout: Layout) -> FileHashes:
    """The project's :class:`FileHashes`, one per process."""
    path = layout.generated / "cache" / "hashes.pickle"
    if path not in _FILE_HASHES:
        _FILE_HASHES[path] = FileHashes(path)
    return _FILE_HASHES[path]


def save_file_hashes(layout: Layout) -> None:
    hashes = _FILE_HASHES.get(layout.generated / "cache" / "hashes.pickle")
    if hashes is not None:
        hashes.save()


# A run holds every record of the chronicle at once (at 10,000 articles, millions of objects),
# and the cycle collector's default of a collection every 700 allocations walked them again
# and again: with these thresholds a rebuild after a typo took a fifth less time. Records
# hold no cycles, so nearly all garbage is freed by reference counting as before.
RUN_GC_THRESHOLDS = (100_000, 50, 100)


@contextlib.contextmanager
def fewer_collections():
    """The cycle collector run less often while a build runs (:data:`RUN_GC_THRESHOLDS`), and
    as it was afterwards (a long ``mkdocs serve`` goes back to its own settings between builds)."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(RUN_GC_THRESHOLDS, before)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextlib.contextmanager
def deferred_saves(layout: Layout):
    """The file hashes saved once, when the whole run ends (or stops on an error), instead of
    after each stage: at 10,000 articles, writing them is a tenth of a second per stage."""
    hashes = file_hashes(layout)
    hashes.deferred += 1
    try:
        with store.one_look_per_run():
            yield hashes
    finally:
        hashes.deferred -= 1
        if not hashes.deferred:
            hashes.save()


# --------------------------------------------------------------------------
# Processes.


def env_count(name: str) -> int | None:
    """The number of processes the environment variable ``name`` asks for (at least 1); None when
    it is unset; a ValueError that names it when it is not a whole number."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return max(1, int(raw))
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number: set it to a number of processes "
                         "(1 or more), or unset it") from None


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count() -> int:
    """How many processes to use: ``CHRONICLE_WORKERS``, or one per core we may use."""
    try:
        return env_count("CHRONICLE_WORKERS") or cores()
    except ValueError:
        return cores()


def _pool(workers: int, initializer=None, initargs=()) -> ProcessPoolExecutor:
    # fork is cheapest (the workers inherit the loaded gazetteer), but forking a
    # process that runs other threads (the preview server, a progress bar's
    # monitor) can deadlock the child; forkserver starts from a clean process.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    elif "forkserver" in methods:
        method = "forkserver"
    else:
        method = "spawn"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=initializer, initargs=initargs
    )


def _run(func: Callable, items: list, workers: int, progress: Callable | None = None,
         initializer=None, initargs=()) -> Iterator:
    """``map(func, items)`` in order: in this process, or over a pool when it pays."""
    if workers <= 1 or len(items) < PARALLEL_FROM:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, progress(items) if progress else items)
        return
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with _pool(workers, initializer, initargs) as pool:
        results = pool.map(func, items, chunksize=chunk)
        yield from (progress(results) if progress else results)


# --------------------------------------------------------------------------
# Ingest.


def _ingest_manifest_path(layout: Layout) -> Path:
    return layout.generated / "cache" / "ingest.pickle"


@dataclass
class IngestRun:
    report: StageReport
    cleaned: list[str] = field(default_factory=list)  # file names cleaned in this run
    reused: list[str] = field(default_factory=list)  # file names whose record was kept


def _clean_page(item: tuple[str, RegistryEntry | None]) -> tuple[str, Any, str | None]:
    """A page cleaned, with the text of its record: turning an article into YAML costs as much as
    cleaning it, so it is done here, in the worker, not in the process that writes the files."""
    path, entry = item
    try:
        article = ingest_file(Path(path), entry)
    except (IngestError, OSError) as err:
        return "error", err, None
    return "ok", article, None if isinstance(article, UpToDate) else store.dump_yaml(article.to_dict())


def ingest(layout: Layout, progress: Callable | None = None, workers: int | None = None) -> IngestRun:
    """The ingest stage, cleaning only the pages whose inputs changed."""
    workers = worker_count() if workers is None else workers
    manifest_path = _ingest_manifest_path(layout)
    code = code_version(INGEST_CODE, *library_versions("beautifulsoup4", "PyYAML"))
    manifest: dict[str, Any] = store.read_kept(manifest_path, code)
    as_read: dict[str, Any] | None = manifest if manifest else None

    try:
        registry, _ = load_registry(layout.sources_registry)
    except store.DataError:
        registry = {}  # ingest_folder reports it; nothing is reused then
        manifest = {}
    files = seed_files(layout.seeds)

    hashes = file_hashes(layout)
    records = str(layout.articles)  # joined as strings: one record path for each of thousands of pages
    byte_hashes: dict[str, str] = {}
    current: dict[str, UpToDate] = {}
    todo: list[Path] = []
    for path in files:
        digest = hashes(path)
        if digest is None:
            todo.append(path)  # ingest_folder reports it
            continue
        byte_hashes[path.name] = digest
        entry = registry.get(path.name)
        seen = manifest.get(path.name)
        if (
            seen
            and seen.get("bytes") == digest
            and seen.get("registry") == (asdict(entry) if entry else None)
            and hashes(os.path.join(records, f"{seen.get('id')}.yaml")) == seen.get("record")
        ):
            current[path.name] = UpToDate(seen["id"], list(seen.get("warnings", [])))
        else:
            todo.append(path)

    cleaned = dict(zip(
        (p.name for p in todo),
        _run(_clean_page, [(str(p), registry.get(p.name)) for p in todo], workers),
    ))

    def clean(path: Path, entry: RegistryEntry | None):
        if path.name in current:
            return current[path.name]
        if path.name in cleaned:
            status, value, _ = cleaned[path.name]
            if status == "error":
                raise value
            return value
        return ingest_file(path, entry)

    texts = {name: text for name, (status, _, text) in cleaned.items() if status == "ok" and text is not None}

    def dump(article: Article) -> str:
        return texts.get(article.source_file) or store.dump_yaml(article.to_dict())

    articles, report = ingest_folder(layout, progress=progress, clean=clean, dump=dump)

    pages: dict[str, Any] = {name: manifest[name] for name in current}
    for article in articles:
        name = article.source_file
        record = hashes(os.path.join(records, f"{article.id}.yaml"))
        if name not in byte_hashes or record is None:
            continue
        entry = registry.get(name)
        pages[name] = {
            "bytes": byte_hashes[name],
            "registry": asdict(entry) if entry else None,
            "id": article.id,
            "record": record,
            "warnings": list(article.warnings),
        }
    if pages != as_read:
        store.write_kept(manifest_path, code, pages)
    return IngestRun(report, cleaned=[a.source_file for a in articles], reused=sorted(current))


# --------------------------------------------------------------------------
# Extract.

# The gazetteer and topics of a worker process, loaded once per process.
_WORKER: dict[str, Any] = {}


def _init_extract_worker(gazetteer_path: str, topics_path: str, data_key: str) -> None:
    if _WORKER.get("key") != data_key:
        _WORKER.update(key=data_key, gazetteer=Gazetteer.load(Path(gazetteer_path)), topics=Topics.load(Path(topics_path)))


def _extract_one(item: tuple[str, Any]) -> tuple[str, dict | None, str | None]:
    """One article's events (as dicts) and unknown names, or why it failed."""
    name, payload = item
    data = payload if isinstance(payload, dict) else store.parse_yaml(payload, name)
    article = Article.from_dict(data)
    try:
        events, unknown = extract_article(article, _WORKER["gazetteer"], _WORKER["topics"])
    except Exception as err:  # one article never stops the others (as in extract.extract)
        return name, None, f"{article.source_file}: extraction failed ({type(err).__name__}: {err}); its events are missing"
    mentions = article_mentions(article, _WORKER["gazetteer"])
    return name, {"events": [e.to_dict() for e in events], "unknown": unknown, "mentions": mentions}, None


@dataclass
class ExtractRun:
    extraction: Extraction | None  # None: nothing changed, and reuse_outputs said the outputs stand
    extracted: list[str] = field(default_factory=list)  # article ids read again in this run
    reused: list[str] = field(default_factory=list)  # article ids taken from the cache
    # article id -> [(entity id, paragraph)] where it names a gazetteer entity, in article order
    mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    merge_key: str = ""  # a hash of everything the merge is made from


def _key_hash(key: dict) -> str:
    return sha256_text("|".join(f"{k}={key[k]}" for k in sorted(key)))


def extract_cache_folder(layout: Layout) -> Path:
    return layout.generated / "cache" / "extract"


class MergeGroups:
    """The records :meth:`Merger.merge` made of each group of reports, a file per group named
    by the hash of its reports' identities (``Merger.merge``'s ``kept``): after one article's
    events changed, the groups they are not in are read, not merged again (two seconds of
    merging at 10,000 articles). Files of groups this run did not use are removed."""

    def __init__(self, folder: Path, version: str):
        self.folder, self.version = folder, version
        self.used: set[str] = set()

    def get(self, key: str):
        self.used.add(f"{key}.pickle")
        saved = store.read_kept(self.folder / f"{key}.pickle", self.version)
        return saved.get("group")

    def put(self, key: str, value) -> None:
        # written now, before the records are changed in place (plans linked, ids given)
        self.used.add(f"{key}.pickle")
        store.write_kept(self.folder / f"{key}.pickle", self.version, {"group": value})
        store.changed(self.folder / f"{key}.pickle")

    def finish(self) -> None:
        if self.folder.is_dir():
            remove_stale(self.folder, self.used, "*.pickle")


def extract(layout: Layout, gazetteer: Gazetteer, topics: Topics, progress: Callable | None = None,
            workers: int | None = None, reuse_outputs: Callable[[str], bool] | None = None) -> ExtractRun:
    """:func:`generator.extract.extract` over the article records, re-reading only changed articles.

    ``reuse_outputs(merge_key)`` says whether the files written from the merge
    with that key are still as they were written: when every article's events
    are the ones of that merge and it says yes, nothing is merged (``extraction``
    is None).
    """
    workers = worker_count() if workers is None else workers
    folder = extract_cache_folder(layout)
    data_key = files_version(layout.gazetteer, layout.topics)
    code_key = code_version(EXTRACT_CODE)
    hashes = file_hashes(layout)
    # which key each cache file was written for and what it holds, so that an unchanged
    # article's cache file is not read unless the merge has to be made again
    manifest_path = layout.generated / "cache" / "extract.pickle"
    manifest = store.read_kept(manifest_path, MANIFEST_FORMAT) or None

    # the order of load_articles, which the merge depends on; names and paths as strings, since
    # a rebuild that finds nothing changed does little else than look at each of 10,000 files
    names = [name[: -len(".yaml")] for name in store.names_in(layout.articles)]
    articles, cache = str(layout.articles), str(folder)
    payloads: dict[str, str] = {}  # article id -> hash of what its cache file holds
    entries: dict[str, dict] = {}
    keys: dict[str, dict] = {}
    todo: list[tuple[str, Any]] = []
    for name in names:
        path = os.path.join(articles, f"{name}.yaml")
        key = {"format": CACHE_FORMAT, "article": hashes(path), "data": data_key, "code": code_key}
        keys[name] = key
        key_hash = _key_hash(key)
        seen = (manifest or {}).get(name)
        if seen and seen.get("key") == key_hash and hashes(os.path.join(cache, f"{name}.json")) == seen.get("file"):
            payloads[name] = seen["payload"]
            entries[name] = seen
            continue
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        todo.append((name, store.parsed_yaml(text) or text))

    _WORKER.update(key=data_key, gazetteer=gazetteer, topics=topics)  # this process, and forked workers
    warnings: list[str] = []
    extracted: list[str] = []
    fresh: dict[str, dict] = {}
    for name, result, warning in _run(_extract_one, todo, workers, progress, _init_extract_worker,
                                      (str(layout.gazetteer), str(layout.topics), data_key)):
        if warning:
            warnings.append(warning)
            (folder / f"{name}.json").unlink(missing_ok=True)
            store.changed(folder / f"{name}.json")
            continue
        extracted.append(name)
        payload = json.dumps(result, ensure_ascii=False)
        result = {"key": keys[name], **result}
        fresh[name] = result
        write_if_changed(folder / f"{name}.json", json.dumps(result, ensure_ascii=False) + "\n")
        payloads[name] = sha256_text(payload)
        entries[name] = {"key": _key_hash(keys[name]), "payload": payloads[name],
                         "file": hashes(folder / f"{name}.json")}
    remove_stale(folder, {f"{name}.json" for name in payloads}, "*.json")
    if entries != manifest:
        store.write_kept(manifest_path, MANIFEST_FORMAT, entries)
    reused = sorted(set(payloads) - set(extracted))

    merge_key = code_version(MERGE_CODE, data_key, code_key, *(f"{name}={payloads.get(name)}" for name in names))
    if not warnings and reuse_outputs is not None and reuse_outputs(merge_key):
        return ExtractRun(None, extracted=extracted, reused=reused, merge_key=merge_key)

    events: list[Event] = []
    identity: list[str] = []  # what each event was made from: its article's payload, its place in it
    candidates: list[dict] = []
    mentions: dict[str, list[tuple[str, int]]] = {}
    # each article's events as objects, kept under the hash of its payload: after one article
    # changed, the merge unpickles the others' instead of reading and converting 10,000 files
    kept = store.KeptShards(layout.generated / "cache" / "records" / "extract-payloads",
                            code_version(MERGE_CODE, str(CACHE_FORMAT)))
    for name in names:
        told = kept.get(name, payloads[name]) if name in payloads and name not in fresh else None
        if told is None:
            saved = fresh.get(name)
            if saved is None and name in payloads:
                try:
                    saved = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
                except (OSError, ValueError) as err:
                    raise store.DataError(f"{folder / name}.json: unreadable ({err}); delete data/generated/cache and build again") from None
            if saved is None:
                mentions[name] = []  # failed: its warning says so
                continue
            told = ([Event.from_dict(e) for e in saved["events"]], saved["unknown"],
                    [tuple(m) for m in saved.get("mentions", [])])
            kept.put(name, payloads[name], told)
        events.extend(told[0])
        identity.extend(f"{name}:{payloads[name]}:{j}" for j in range(len(told[0])))
        candidates.extend(told[1])
        mentions[name] = told[2]
    kept.save(payloads)  # before the merge changes the events in place
    # the cross-article steps of extract.extract, over every article
    merger = Merger(gazetteer)
    groups = MergeGroups(layout.generated / "cache" / "records" / "merge-groups", code_version(MERGE_CODE, data_key))
    merged = merger.merge(events, kept=groups, identity=identity)
    groups.finish()
    assign_ids(merged)
    merged.sort(key=lambda e: (sort_key(e.date), e.id))
    extraction = Extraction(events=merged, merge_log=merger.log, candidates=candidates, warnings=warnings)
    return ExtractRun(extraction, extracted=extracted, reused=reused, mentions=mentions, merge_key=merge_key)


# --------------------------------------------------------------------------
# Stage outputs.


def _relative(layout: Layout, path: Path) -> str:
    # paths under the project are kept relative to it: a copied project checks its own files
    try:
        return path.relative_to(layout.root).as_posix()
    except ValueError:
        return str(path)


def outputs_stand(layout: Layout, name: str, key: str) -> dict | None:
    """What a stage saved with :func:`record_outputs` for ``key``, when every file it wrote then
    is still as it was (and no file was added to its folders); None otherwise."""
    saved = store.read_kept(_outputs_file(layout, name), key)
    if not saved:
        return None
    try:
        hashes = file_hashes(layout)
        # names joined as strings: the paths :func:`_relative` gives (thousands of records)
        root = str(layout.root)
        for folder, pattern in saved["folders"]:
            there = [f"{folder}/{name}" for name in store.names_in(Path(root, folder), pattern)]
            if there != sorted(f for f in saved["files"] if f.startswith(folder + "/")):
                return None
        if all(hashes(os.path.join(root, path)) == digest for path, digest in saved["files"].items()):
            return saved["extra"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def record_outputs(layout: Layout, name: str, key: str, files: Iterable[Path] = (),
                   folders: Iterable[tuple[Path, str]] = (), extra: Any = None) -> None:
    """Keep the hashes of the files a stage wrote for ``key`` (every file of each folder that
    matches its pattern, too), and ``extra``: what the stage must say when it next finds them unchanged."""
    hashes = file_hashes(layout)
    folders = list(folders)
    paths = [*files, *(p for folder, pattern in folders for p in store.files_in(folder, pattern))]
    saved = {"folders": [[_relative(layout, folder), pattern] for folder, pattern in folders],
             "files": {_relative(layout, p): hashes(p) for p in paths}, "extra": extra}
    path = _outputs_file(layout, name)
    if store.read_kept(path, key) != saved:
        store.write_kept(path, key, saved)


def _outputs_file(layout: Layout, name: str) -> Path:
    return layout.generated / "cache" / "outputs" / f"{name}.pickle"


# --------------------------------------------------------------------------
# Writing records.


def write_yaml(layout: Layout, path: Path, data: Any) -> bool:
    """``write_if_changed(path, store.dump_yaml(data))``, without making the YAML when the data
    (as JSON) and the file are as the last call left them: the merge log and the list of
    unknown names hold an entry for each of thousands of articles. Returns whether it wrote."""
    manifest_path = layout.generated / "cache" / "written" / f"{path.name}.pickle"
    fingerprint = code_version(("store.py",), json.dumps(data, ensure_ascii=False))
    hashes = file_hashes(layout)
    if store.read_kept(manifest_path, MANIFEST_FORMAT) == {"data": fingerprint, "file": hashes(path)}:
        return False
    if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
        # one long list: each item's YAML kept for the next call (store.dump_yaml_list)
        [(key, items)] = data.items()
        pieces_path = manifest_path.with_name(f"{path.name}.pieces.pickle")
        version = code_version(("store.py",))
        kept = store.read_kept(pieces_path, version)
        text, pieces = store.dump_yaml_list(key, items, kept)
        if pieces != kept:
            store.write_kept(pieces_path, version, pieces)
    else:
        text = store.dump_yaml(data)
    written = write_if_changed(path, text)
    store.write_kept(manifest_path, MANIFEST_FORMAT, {"data": fingerprint, "file": hashes(path)})
    return written


def write_records(layout: Layout, folder: Path, records: dict[str, Any], report: StageReport,
                  to_data: Callable[[Any], Any] | None = None) -> None:
    """Write each record (file name -> data) as YAML, only when it changed; remove the others.

    What :func:`generator.pipeline._write_events` does, without turning every
    record into YAML to find that it did not change: a record whose data (as
    JSON, which is fast to make) and file are as the last run left them is
    not dumped again. With ``to_data``, the records are objects (events) and
    ``to_data(record)`` their data: an object is compared by its pickle, and
    only the changed ones are turned into data (at 10,000 articles, turning
    every event into a dict and JSON was a second of each rebuild). Equal
    pickles hold equal data; unequal ones may not (shared strings), and then
    the record is only dumped and compared with its file.
    """
    manifest_path = layout.generated / "cache" / "written" / f"{folder.name}.pickle"
    dump_format = code_version(("store.py",), "objects" if to_data else "data")
    old: dict[str, list[str]] = store.read_kept(manifest_path, dump_format)
    new: dict[str, list[str]] = {}
    hashes = file_hashes(layout)
    for name, data in records.items():
        path = folder / name
        try:
            if to_data is not None:
                fingerprint = hashlib.sha256(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
            else:
                fingerprint = sha256_text(json.dumps(data, ensure_ascii=False))
        except (TypeError, ValueError, pickle.PicklingError):
            fingerprint = None  # not JSON (or, with to_data, not picklable): always dumped
        seen = old.get(name)
        if fingerprint is not None and seen is not None and seen[0] == fingerprint and hashes(path) == seen[1]:
            report.unchanged += 1
            new[name] = seen
            continue
        text = store.dump_yaml(to_data(data) if to_data is not None else data)
        if write_if_changed(path, text):
            report.written += 1
        else:
            report.unchanged += 1
        if fingerprint is not None:
            new[name] = [fingerprint, hashes(path)]
    report.removed += len(remove_stale(folder, set(records)))
    if new != old:
        store.write_kept(manifest_path, dump_format, new)

