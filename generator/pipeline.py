"""The stages in order, each reading the previous stage's files from disk.

Used by the CLI and by the MkDocs hook; holds no logic of its own beyond
reading and writing each stage's files and collecting their reports.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from pathlib import Path

from . import export, store, translate
from .curate import check_text_fixes, curate, load_curation
from . import incremental
from .gazetteer import Gazetteer, Glossary, Topics
from .extract import article_mentions
from .i18n import fill_summaries
from .ingest import article_from, load_article, load_articles
from .models import Article, BodyNotLoaded, Event, Quote, StageReport, head_from_row, head_row, plain
from .render import SiteData, finish_pages, head_fingerprints, render_changed
from .store import DataError, Layout, dump_yaml, load_yaml, write_if_changed


MENTIONS_FILE = "mentions.json"  # where the extract stage leaves entity id -> [(article, paragraph)]


def _progress(enabled: bool, desc: str):
    if not enabled:
        return None
    from tqdm import tqdm

    # tqdm only draws when the work takes longer than a moment (delay)
    return lambda items: tqdm(items, desc=desc, unit="file", leave=False, delay=1.0, file=sys.stderr)


# Cache files of earlier versions, which nothing reads any more (the manifests were JSON): a
# project built before keeps megabytes of them otherwise.
OLD_CACHE_FILES = ("hashes.json", "ingest.json", "extract.json", "translate.json", "render.json",
                   "outputs/extract.json", "outputs/curate.json",
                   "written/events.json", "written/extracted.json", "written/merge-log.yaml.json",
                   "written/unknown-names.yaml.json")


def _open(layout: Layout) -> None:
    # generated records parsed by one run are not parsed again by the next (store.parse_yaml)
    store.use_parse_cache(layout.generated / "cache" / "parsed")
    cache = layout.generated / "cache"
    for name in OLD_CACHE_FILES:
        with contextlib.suppress(OSError):
            (cache / name).unlink()


def _stage(func):
    """A stage: the caches opened first, the file hashes it took kept for the next run. Each
    folder it reads is listed and hashed once (:class:`store.RunMemo`; in a run of every stage,
    once for the whole run)."""

    @functools.wraps(func)
    def run(layout: Layout, *args, **kwargs):
        _open(layout)
        try:
            with store.one_look_per_run():
                return func(layout, *args, **kwargs)
        finally:
            incremental.save_file_hashes(layout)

    return run


@_stage
def run_ingest(layout: Layout, progress: bool = False) -> StageReport:
    # only pages whose bytes, registry entry or ingest code changed are cleaned again
    return incremental.ingest(layout, progress=_progress(progress, "ingest")).report


_LOADED: dict[tuple[str, str], tuple[bytes, object]] = {}


def _load_once(kind, path: Path):
    """``kind.load(path)``, once per process for the same bytes: every stage reads the gazetteer,
    topics and glossary, and building their patterns takes a third of a second."""
    try:
        content = path.read_bytes()
    except OSError:
        return kind.load(path)  # it names the problem
    key = (kind.__name__, str(path))
    if key not in _LOADED or _LOADED[key][0] != content:
        _LOADED[key] = (content, kind.load(path))
    return _LOADED[key][1]


def load_gazetteer(layout: Layout) -> tuple[Gazetteer, Topics]:
    return _load_once(Gazetteer, layout.gazetteer), _load_once(Topics, layout.topics)


def _write_events(folder: Path, events: list[Event], report: StageReport, layout: Layout) -> None:
    incremental.write_records(layout, folder, {f"{e.id}.yaml": e for e in events}, report, Event.to_dict)


def load_events(folder: Path) -> list[Event]:
    return [load_event(path) for path in store.files_in(folder)]


# The code that decides what a record file becomes once loaded (see load_records).
RECORD_CODE = incremental.code_closure("models.py", "ingest.py", plus=("pipeline.py",))
RECORD_SHARDS = 16


def load_records(layout: Layout, folder: Path, make) -> list:
    """``make(data, path)`` for every record of ``folder``, in order, kept between runs.

    The loaded records are kept (pickled, in shards by file name) under the hash
    of each file's bytes: after one article or event changed, a stage reads that
    file alone instead of parsing thousands of records and building their objects
    again (at 10,000 articles, seconds of every rebuild). Each shard is written as
    soon as its records are loaded, before any stage changes them in place.
    """
    hashes = _hashes(layout, folder)
    for name in store.names_in(folder):
        if name not in hashes:  # listed but not readable: said, as reading it would have
            raise DataError(f"{folder / name}: cannot be read. Delete it (or data/generated/) and run again.")
    kept = _kept_records(layout, folder)
    out = [_load_record(kept, folder, name, digest, make) for name, digest in hashes.items()]
    kept.save(hashes)
    return out


def load_some_records(folder: Path, names: list[str], make) -> dict[str, object]:
    """:func:`load_records` of the files named only (file name -> record). Each is read from its
    file (its parsed document kept by :func:`store.parse_yaml`): for a few records, quicker
    than the shards of kept records, which hold hundreds each."""
    return {name: _read_record(folder, name, make)[1] for name in names}


# What a translations file is loaded and checked with (translate.TranslationStore.load).
TRANSLATION_FILE_CODE = incremental.code_closure("translate.py")


def kept_translations(layout: Layout, folder: Path) -> store.KeptShards:
    """The translations files of ``folder`` as loaded by an earlier run, by the hash of their bytes."""
    # both folders are called "translations": the reviewed ones and the machine's
    kind = "machine" if folder == layout.machine_translations else "reviewed"
    return store.KeptShards(layout.generated / "cache" / "records" / f"translations-{kind}",
                            incremental.code_version(TRANSLATION_FILE_CODE))


def _kept_records(layout: Layout, folder: Path) -> store.KeptShards:
    return store.KeptShards(layout.generated / "cache" / "records" / folder.name,
                            incremental.code_version(RECORD_CODE), RECORD_SHARDS)


def _load_record(kept: store.KeptShards, folder: Path, name: str, digest: str, make):
    record = kept.get(name, digest)
    if record is None:
        raw, record = _read_record(folder, name, make)
        # kept under the hash of the bytes read: a file saved meanwhile is read again next time
        kept.put(name, incremental.sha256_bytes(raw), record)
    return record


def _read_record(folder: Path, name: str, make) -> tuple[bytes, Any]:
    path = folder / name
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DataError(f"{path}: cannot be read ({err.strerror}). Delete it (or data/generated/) and run again.") from None
    return raw, make(_parsed(raw, path), path)


def _parsed(raw: bytes, path: Path):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err.reason}). Re-save the file as UTF-8.") from None
    return store.parse_yaml(text, path)


def load_event(path: Path) -> Event:
    return _event_from(load_yaml(path), path)


def _event_from_text(raw: bytes, path: Path) -> Event:
    return _event_from(_parsed(raw, path), path)


def _event_from(data, path: Path) -> Event:
    if not isinstance(data, dict):
        raise DataError(f"{path}: not an event record; run `chronicle extract` again")
    return Event.from_dict(data)


@_stage
def run_extract(layout: Layout, progress: bool = False) -> StageReport:
    # only articles whose record, gazetteer, topics or extraction code changed are read again;
    # when what they tell is what the last merge was made from, its files stand
    report = StageReport("extract")
    gazetteer, topics = load_gazetteer(layout)
    generated = layout.generated
    outputs = [generated / "merge-log.yaml", generated / MENTIONS_FILE, generated / "unknown-names.yaml"]
    kept: dict = {}

    def reuse(key: str) -> bool:
        kept.update(incremental.outputs_stand(layout, "extract", key) or {})
        return bool(kept)

    run = incremental.extract(layout, gazetteer, topics, progress=_progress(progress, "extract"), reuse_outputs=reuse)
    report.read = len(run.extracted) + len(run.reused)
    if run.extraction is None:
        report.unchanged, report.warnings = kept["events"], list(kept["warnings"])
        return report
    result = run.extraction
    report.warnings.extend(result.warnings)
    incremental.write_records(layout, layout.extracted, {f"{e.id}.yaml": e for e in result.events}, report, Event.to_dict)
    incremental.write_yaml(layout, generated / "merge-log.yaml", {"merged": result.merge_log})
    mentions = {"articles": sorted(run.mentions), "mentions": collect_mentions(run.mentions.items())}
    write_if_changed(generated / MENTIONS_FILE, json.dumps(mentions, ensure_ascii=False) + "\n")
    unknown: dict[str, list[str]] = {}
    for item in result.candidates:
        unknown.setdefault(item["name"], []).append(f"{item['article']}#p{item['paragraph']}")
    incremental.write_yaml(layout, generated / "unknown-names.yaml",
                           {"names": [{"name": k, "seen_at": v} for k, v in sorted(unknown.items())]})
    if unknown:
        report.warnings.append(
            f"{len(unknown)} capitalised names are not in data/gazetteer.yaml; see data/generated/unknown-names.yaml"
        )
    if not result.warnings:  # a failed article is tried again next time, and said again
        incremental.record_outputs(layout, "extract", run.merge_key, outputs, [(layout.extracted, "*.yaml")],
                                   {"events": len(result.events), "warnings": report.warnings})
    return report


TRANSLATE_CODE = incremental.code_closure("translate.py", "ingest.py", plus=("pipeline.py", "incremental.py"))
EXPORT_CODE = incremental.code_closure("export.py", plus=("pipeline.py", "incremental.py", "gazetteer.py"))
CURATE_CODE = incremental.code_closure("curate.py", "i18n.py", plus=("pipeline.py", "incremental.py", "gazetteer.py"))


def _curate_key(layout: Layout, curation, ids: list[str]) -> str:
    """A hash of what the curate stage reads: the extracted events, the editors' files, the
    gazetteer (summaries), the article ids, and the records of the articles the editors' files name."""
    hashes = incremental.file_hashes(layout)
    editors = {**_hashes(layout, layout.curated, "*.yaml"), **_hashes(layout, layout.curated, "*.yml")}
    named = sorted({str(entry.data.get("article")) for entry in curation.of("text_fixes")})
    named_records = "|".join(f"{i}={hashes(layout.articles / f'{i}.yaml')}" for i in named)
    return incremental.code_version(
        CURATE_CODE, incremental.files_version(layout.gazetteer), incremental.sha256_text("|".join(ids)), named_records,
        *(f"{k}={v}" for k, v in editors.items()),
        *(f"{k}={v}" for k, v in _hashes(layout, layout.extracted).items()))


@_stage
def run_curate(layout: Layout) -> StageReport:
    """The editors' files over the extracted events; nothing is done when neither changed
    and the files written last time are as they were."""
    report = StageReport("curate")
    curation = load_curation(layout.curated, layout.root)
    ids = [name[: -len(".yaml")] for name in store.names_in(layout.articles)]
    key = _curate_key(layout, curation, ids)
    kept = incremental.outputs_stand(layout, "curate", key)
    if kept is not None:
        report.read, report.unchanged = kept["read"], kept["events"]
        report.errors, report.warnings = list(kept["errors"]), list(kept["warnings"])
        return report
    generated = load_records(layout, layout.extracted, _event_from)
    gazetteer, _ = load_gazetteer(layout)
    report.read = len(generated)
    result = curate(generated, curation, copy_events=False)
    # only the few articles the editors' text fixes name are read
    check_text_fixes(result, ids, lambda i: Article.from_dict(load_yaml(layout.articles / f"{i}.yaml")))
    fill_summaries(result.events, gazetteer)
    report.errors.extend(result.errors)
    report.warnings.extend(result.unmatched)
    _write_events(layout.events, result.events, report, layout)
    write_if_changed(
        layout.generated / "curation.yaml",
        dump_yaml({"applied": result.applied, "unmatched": result.unmatched, "errors": result.errors,
                   "annotations": result.annotations, "text_fixes": result.text_fixes}),
    )
    incremental.record_outputs(layout, "curate", key, [layout.generated / "curation.yaml"], [(layout.events, "*.yaml")],
                               {"read": report.read, "events": len(result.events), "errors": report.errors,
                                "warnings": report.warnings})
    return report


@_stage
def translate_run(layout: Layout, env: dict[str, str] | None = None) -> translate.TranslateRun:
    """The translate stage; a missing or unreachable backend is reported, never fatal."""
    try:
        config = translate.load_config(layout, env)
        backend = translate.make_backend(config)
    except DataError as err:
        run = translate.TranslateRun(StageReport("translate", errors=[str(err)]))
        return run
    if backend is not None:
        quotes = [q for event in load_events(layout.events) for q in event.quotes]
        return translate.translate_project(layout, load_articles(layout), quotes, backend, config,
                                           kept=functools.partial(kept_translations, layout))
    # With no backend to call, the stage only sorts what is reviewed, machine-made and pending,
    # article by article: an article whose record and quotes are as last time, while no
    # translations file changed, is not looked at again; only changed events are read.
    key = incremental.code_version(
        TRANSLATE_CODE, repr(config),
        *(f"{folder.name}/{name}={digest}" for folder in (layout.translations, layout.machine_translations)
          for name, digest in _hashes(layout, folder).items()))
    records = _hashes(layout, layout.articles)
    cache = layout.generated / "cache" / "translate.pickle"
    saved = store.read_kept(cache, key)
    # each event file's quotes, read again only when the file changed
    known_events = saved.get("events", {})
    events: dict[str, dict] = {}
    events_same = True
    for name, digest in _hashes(layout, layout.events).items():
        seen = known_events.get(name)
        if seen is None or seen["hash"] != digest:
            seen = {"hash": digest, "quotes": [plain(q) for q in load_event(layout.events / name).quotes]}
            events_same = False
        events[name] = seen
    events_same = events_same and len(events) == len(known_events)
    quotes_of: dict[str, list[dict]] = {}  # in the order load_events gives them
    for entry in events.values():
        for quote in entry["quotes"]:
            quotes_of.setdefault(quote["article"], []).append(quote)

    def quotes_hash(article_id: str) -> str | None:
        quotes = quotes_of.get(article_id)
        return incremental.sha256_text(json.dumps(quotes, ensure_ascii=False)) if quotes is not None else None

    before = saved.get("articles", {})
    if events_same:
        # every article's quotes are those its entry was kept with: only records are compared
        # (hashing the quotes of 10,000 articles again took a third of a second)
        reuse = {k: v for k, v in before.items() if records.get(f"{k}.yaml") == v.get("record")}
    else:
        reuse = {k: v for k, v in before.items()
                 if records.get(f"{k}.yaml") == v.get("record") and quotes_hash(k) == v.get("quotes")}
    ids = [name[: -len(".yaml")] for name in records]
    articles = [load_article(layout.articles / f"{i}.yaml") for i in ids if i not in reuse]
    quotes = [Quote(**q) for a in articles for q in quotes_of.get(a.id, [])]
    run = translate.translate_project(layout, articles, quotes, None, config, reuse=reuse, order=ids,
                                      kept=functools.partial(kept_translations, layout))
    if not run.report.errors:
        per_article = {**reuse, **{i: {**r, "record": records.get(f"{i}.yaml"), "quotes": quotes_hash(i)}
                                   for i, r in run.per_article.items()}}
        kept = {"events": events, "articles": {i: per_article[i] for i in ids if i in per_article}}
        if kept != saved:
            store.write_kept(cache, key, kept)
    return run


def run_translate(layout: Layout) -> StageReport:
    return translate_run(layout).report


@_stage
def run_export(layout: Layout, out: Path | None = None) -> StageReport:
    """events.json; not made again when the events, the gazetteer and the code are as last time
    and the file is still the one written then."""
    report = StageReport("export")
    target = out or layout.generated / "events.json"
    hashes = _hashes(layout, layout.events)
    report.read = len(hashes)
    key = incremental.code_version(EXPORT_CODE, incremental.files_version(layout.gazetteer),
                                   *(f"{name}={digest}" for name, digest in hashes.items()))
    cache = layout.generated / "cache" / "export.json"
    try:
        saved = json.loads(cache.read_text(encoding="utf-8"))
        if saved == {"key": key, "target": str(target), "file": _stat(target)}:
            report.unchanged = 1
            return report
    except (OSError, ValueError):
        pass
    if write_if_changed(target, _events_json_text(layout, hashes)):
        report.written = 1
    else:
        report.unchanged = 1
    write_if_changed(cache, json.dumps({"key": key, "target": str(target), "file": _stat(target)}) + "\n")
    return report


def _events_json_text(layout: Layout, hashes: dict[str, str]) -> str:
    """``events.json`` from each event's piece, kept between runs under the hash of the
    event's file: after one event changed, one record is read instead of all of them."""
    path = layout.generated / "cache" / "export-pieces.pickle"
    version = incremental.code_version(EXPORT_CODE, incremental.files_version(layout.gazetteer))
    kept = store.read_kept(path, version)
    live: dict[str, str] = {}
    pieces: list[str] = []
    gazetteer = None
    for event_file in store.files_in(layout.events):
        digest = hashes.get(event_file.name)
        if digest not in kept:
            if gazetteer is None:
                gazetteer, _ = load_gazetteer(layout)
            # hashed from the bytes read: a file saved meanwhile is not kept under its old hash
            raw = event_file.read_bytes()
            digest = incremental.sha256_bytes(raw)
            kept[digest] = export.event_json_text(_event_from_text(raw, event_file), gazetteer)
        live[digest] = kept[digest]
        pieces.append(kept[digest])
    if gazetteer is not None or len(live) != len(kept):
        store.write_kept(path, version, live)
    return export.join_json(pieces)


def entity_mentions(articles, gazetteer: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """Where each gazetteer entity is named: (article, paragraph), for the entities' pages."""
    return collect_mentions((a.id, article_mentions(a, gazetteer)) for a in articles)


def collect_mentions(per_article) -> dict[str, list[tuple[str, int]]]:
    """Entity id -> [(article, paragraph)], from (article id, [(entity id, paragraph)]) in article order."""
    found: dict[str, list[tuple[str, int]]] = {}
    for article_id, mentions in per_article:
        for entity_id, n in mentions:
            found.setdefault(entity_id, []).append((article_id, n))
    return found


def load_mentions(layout: Layout, articles, gazetteer: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """The mentions the extract stage found (data/generated/mentions.json), when they are of
    these articles; otherwise found again."""
    saved = saved_mentions(layout, [a.id for a in articles])
    return saved if saved is not None else entity_mentions(articles, gazetteer)


def saved_mentions(layout: Layout, article_ids: list[str]) -> dict[str, list[tuple[str, int]]] | None:
    """The mentions of data/generated/mentions.json when they are of these articles, else None.
    Kept as a pickle beside the cache under the file's hash: the render after a typo reads them
    all, and 5 MB of JSON took a tenth of a second to read at 10,000 articles."""
    path = layout.generated / MENTIONS_FILE
    digest = incremental.file_hashes(layout)(path)
    if digest is None:
        return None
    kept = layout.generated / "cache" / "mentions.pickle"
    saved = store.read_kept(kept, digest)
    if not saved:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            saved = {"articles": data["articles"],
                     "mentions": {k: [tuple(x) for x in v] for k, v in data["mentions"].items()}}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return None
        store.write_kept(kept, digest, saved)
    return saved["mentions"] if saved["articles"] == sorted(article_ids) else None


# The code that shapes what the render stage shows: a change to any of it renders every page again.
RENDER_CODE = incremental.code_closure("render.py", "ingest.py", "extract.py", plus=("pipeline.py", "incremental.py"))


def _hashes(layout: Layout, folder: Path, pattern: str = "*.yaml") -> dict[str, str]:
    """File name -> hash of its bytes, for every file of the folder matching ``pattern``
    (files unchanged since the last run are not read: :class:`incremental.FileHashes`)."""
    return incremental.file_hashes(layout).folder(folder, pattern)


def fingerprints(layout: Layout) -> dict[str, str]:
    """What the render stage's pages depend on, as hashes (:func:`generator.render.page_key`)."""
    templates = sorted(f"templates/{p.name}" for p in (Path(__file__).parent / "templates").glob("*.j2"))
    editors = incremental.files_version(layout.gazetteer, layout.topics, layout.glossary,
                                        layout.generated / "curation.yaml")
    libraries = incremental.library_versions("Jinja2", "MarkupSafe")
    prints = {"*global": incremental.code_version((*RENDER_CODE, *templates), editors, *libraries)}
    # an article's pages show its translations: their files count as part of it
    translations: dict[str, list[str]] = {}
    for folder in (layout.translations, layout.machine_translations):
        for name, digest in _hashes(layout, folder).items():
            match = translate.FILE_NAME.match(name)
            translations.setdefault(match["article"] if match else name, []).append(f"{folder.name}/{name}:{digest}")
    for name, digest in _hashes(layout, layout.articles).items():
        stem = name[: -len(".yaml")]
        prints[f"a:{stem}"] = incremental.sha256_text("|".join([digest, *translations.get(stem, [])]))
    for name, digest in _hashes(layout, layout.events).items():
        prints[f"e:{name[: -len('.yaml')]}"] = digest
    # which paragraphs name each entity (the extract stage's mentions.json): entity pages show them
    prints["*mentions"] = incremental.file_hashes(layout)(layout.generated / MENTIONS_FILE) or ""
    for kind, prefix in (("*events", "e:"), ("*articles", "a:")):
        prints[kind] = incremental.sha256_text("|".join(f"{k}={v}" for k, v in prints.items() if k.startswith(prefix)))
    return prints


def site_data(layout: Layout, with_fingerprints: bool = False, prints: dict[str, str] | None = None,
              articles: list[Article] | None = None, heads: dict[str, str] | None = None,
              mentions: dict[str, list[tuple[str, int]]] | None = None) -> SiteData:
    """What the render reads. ``articles`` (some loaded as their heads alone), their
    :func:`head_fingerprints` as ``heads`` and their ``mentions``: given by a render that
    knows which it needs."""
    _open(layout)
    gazetteer, topics = load_gazetteer(layout)
    curation = {}
    path = layout.generated / "curation.yaml"
    if path.exists():
        curation = load_yaml(path) or {}
    if articles is None:
        articles = load_records(layout, layout.articles, article_from)
    # a bad translations file is left out here; `chronicle translate` and `chronicle check` name it
    reviewed, _ = translate.TranslationStore.load(layout.translations, layout.root,
                                                  kept_translations(layout, layout.translations))
    machine, _ = translate.TranslationStore.load(layout.machine_translations, layout.root,
                                                 kept_translations(layout, layout.machine_translations))
    return SiteData(
        articles=articles,
        events=load_records(layout, layout.events, _event_from),
        gazetteer=gazetteer,
        topics=topics,
        glossary=_load_once(Glossary, layout.glossary),
        curation=curation,
        mentions=mentions if mentions is not None else load_mentions(layout, articles, gazetteer),
        translations=reviewed,
        machine_translations=machine,
        fingerprints={**(prints or fingerprints(layout)), **(heads or head_fingerprints(articles))} if with_fingerprints else None,
        template_cache=_template_cache(layout),
        line_cache=layout.generated / "cache" / "render-lines" if with_fingerprints else None,
    )


# Below this many events and articles, a render that reuses most pages is quicker in one process.
PARALLEL_RENDER_FROM = 3000


def _template_cache(layout: Layout) -> Path | None:
    folder = layout.generated / "cache" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # compiled again each run, that is all
    return folder


def _stat(path: Path | str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


# What the render keeps of a run for the next one to know, without loading every article, which
# pages a changed article reaches (render-index.pickle): each page's articles, each article's head.
RENDER_INDEX_FORMAT = "1"
# Above this share of the articles changed (and this many), loading them all is as quick as
# picking them.
QUICK_RENDER_SHARE, QUICK_RENDER_MIN = 0.1, 50


@dataclass
class _QuickRender:
    data: SiteData
    only: set[str]  # the pages to make (the others stay as they are)
    index: dict  # the last run's (see _keep_render_index)
    loaded: dict[str, Article]  # the articles read in full, by file name


# The render's manifest (render.pickle): each page's key and the size and time of its file.
RENDER_MANIFEST_FORMAT = "1"


def _render_manifest_file(layout: Layout) -> Path:
    return layout.generated / "cache" / "render.pickle"


def _render_index_file(layout: Layout) -> Path:
    return layout.generated / "cache" / "render-index.pickle"


def _keep_render_index(layout: Layout, inputs: str, data: SiteData, digests: dict[str, str],
                       quick: _QuickRender | None, result) -> None:
    """What :func:`_quick_render` needs of this run: see :data:`RENDER_INDEX_FORMAT`."""
    prints = data.fingerprints
    if quick is None:
        # a head stays valid while the article's file is the same
        heads = {a.id: (digests.get(f"{a.id}.yaml"), head_row(a), prints[f"h:{a.id}"]) for a in data.articles}
        articles_of = result.articles_of
    else:  # the last run's, with the articles read again
        heads = quick.index["heads"]
        for name, article in quick.loaded.items():
            heads[article.id] = (digests.get(name), head_row(article), prints[f"h:{article.id}"])
        articles_of = {**quick.index["articles_of"], **result.articles_of}
    store.write_kept(_render_index_file(layout), RENDER_INDEX_FORMAT, {
        "inputs": inputs,
        "prints": {k: v for k, v in prints.items() if k.startswith(("a:", "*"))},
        "heads": heads,
        "articles_of": articles_of,
    })


def _quick_render(layout: Layout, prints: dict[str, str], digests: dict[str, str], saved: dict,
                  known: dict[str, str]) -> _QuickRender | None:
    """The render after a change of articles' text or translations alone: the pages that show
    those articles (and any page no longer as written) are made again, from the events, every
    article's head and the text of the articles those pages show; None when more changed.

    Every other page's inputs are the same as in the last run, so its key is too: what else
    a page shows (events, mentions, heads, editors' files, code) did not change, which
    ``*global``, ``*events``, ``*mentions`` and each changed article's head say.
    """
    index = store.read_kept(_render_index_file(layout), RENDER_INDEX_FORMAT)
    before = index.get("prints", {})
    if not index or index.get("inputs") != saved.get("inputs") \
            or any(before.get(k) != prints.get(k) for k in ("*global", "*events", "*mentions")):
        return None
    heads = index["heads"]
    ids = [name[: -len(".yaml")] for name in digests]
    if len(ids) != len(heads) or not all(i in heads for i in ids):
        return None  # an article came or went
    # the entity pages show which paragraphs name each entity: the extract stage's list of them
    # must be of these articles (a render after ingest alone would find them in the text again)
    mentions = saved_mentions(layout, ids)
    if mentions is None:
        return None
    changed = {i for i in ids if prints.get(f"a:{i}") != before.get(f"a:{i}")}
    if len(changed) > max(QUICK_RENDER_MIN, QUICK_RENDER_SHARE * len(ids)):
        return None
    articles_of = index["articles_of"]
    only = {page for page, shown in articles_of.items() if not changed.isdisjoint(shown)}
    only |= {page for page in saved.get("pages", {}) if page not in known}  # edited or deleted by hand
    needed = changed | {i for page in only for i in articles_of.get(page, ())}
    loaded = load_some_records(layout.articles, [f"{i}.yaml" for i in sorted(needed)], article_from)
    articles, head_prints = [], {}
    for name, i in zip(digests, ids):
        digest, head, head_print = heads[i]
        if name in loaded:
            article = loaded[name]
            if digest != digests[name] and head_fingerprints([article])[f"h:{i}"] != head_print:
                return None  # its title, outlet, date... changed: lists and links show them
        elif digest == digests[name]:
            article = head_from_row(head)
        else:
            return None
        articles.append(article)
        head_prints[f"h:{i}"] = head_print
    head_prints["*heads"] = before["*heads"]
    data = site_data(layout, with_fingerprints=True, prints=prints, articles=articles, heads=head_prints,
                     mentions=mentions)
    return _QuickRender(data, only, index, loaded)


@_stage
def run_render(layout: Layout) -> StageReport:
    """The render stage: only the pages whose inputs changed are rendered again.

    ``data/generated/cache/render.pickle`` keeps each page's key and the size and
    time of the file written for it; a page is left as it is when its key is
    the same and its file in docs/ is still the one written (a page edited or
    deleted by hand is made again). Deleting the cache makes a full render.
    After a change of articles' text or translations alone, only the pages that
    show those articles are looked at (:func:`_quick_render`).
    """
    return _render(layout)


def _render(layout: Layout) -> StageReport:
    prints = fingerprints(layout)
    inputs = incremental.sha256_text(json.dumps(prints, sort_keys=True))
    cache = _render_manifest_file(layout)
    docs = str(layout.docs)  # 30,000 pages stat-ed: os.path, not pathlib
    known: dict[str, str] = {}
    stats: dict[str, list[int]] = {}  # of the pages found as they were written
    saved = store.read_kept(cache, RENDER_MANIFEST_FORMAT)
    for name, (key, size, mtime) in saved.get("pages", {}).items():
        if _stat(os.path.join(docs, name)) == [size, mtime]:
            known[name] = key
            stats[name] = [size, mtime]
    same_global = saved.get("global") == prints["*global"]
    if saved.get("inputs") == inputs and known and len(known) == len(saved.get("pages", {})):
        # no record, editors' file, template or line of code the pages are made from changed,
        # and every page is as it was written: nothing to render
        return StageReport("render", read=saved.get("read", 0), unchanged=len(known))
    if not saved:
        # a full render: no line of an earlier run either
        shutil.rmtree(layout.generated / "cache" / "render-lines", ignore_errors=True)
    digests = _hashes(layout, layout.articles)
    quick = _quick_render(layout, prints, digests, saved, known) if same_global and known else None
    result = None
    if quick is not None:
        data = quick.data
        try:
            result = render_changed(data, known, docs=layout.docs, only=quick.only)
        except BodyNotLoaded:
            # a page showed an article its recorded inputs do not name (a bug): a render from
            # every article instead, which is right, only slower
            quick = None
    if result is None:
        data = site_data(layout, with_fingerprints=True, prints=prints)
        store.forget_parsed()
        # a process per language pays when most pages are made again (templates, code or editors'
        # files changed); for a few pages, starting them costs more than it saves
        small = len(data.events) + len(data.articles) < PARALLEL_RENDER_FROM
        workers = 1 if same_global and known and small else incremental.worker_count()
        result = render_changed(data, known, workers=workers, docs=layout.docs)
    written = result.written
    unchanged = len(result.made) - written + len(result.reused)
    removed = finish_pages(layout.docs, result.made | result.reused)
    pages = {}
    before = saved.get("pages", {})
    reused = result.reused
    for name, key in result.keys.items():  # not sorted: a dict, compared and pickled as one
        # a page left as it was is as it was a moment ago; only those made are looked at again
        stat = stats.get(name) if name in reused else _stat(os.path.join(docs, name))
        if stat is not None:
            entry = before.get(name)
            # the last run's entry itself when it holds the same: the manifests compare at once
            pages[name] = entry if entry is not None and entry[0] == key and entry[1:] == stat else [key, *stat]
    read = len(data.events) + (len(quick.loaded) if quick else len(data.articles))
    # the index first: one that is not of the render.pickle beside it is not used (its "inputs")
    _keep_render_index(layout, inputs, data, digests, quick, result)
    manifest = {"global": data.fingerprints["*global"], "inputs": inputs, "read": read, "pages": pages}
    if manifest != saved:
        store.write_kept(cache, RENDER_MANIFEST_FORMAT, manifest)
    return StageReport("render", read=read, written=written, unchanged=unchanged, removed=removed)


def run_data_stages(layout: Layout, progress: bool = False) -> Iterator[StageReport]:
    """Every stage that writes data/, in order (everything before render)."""
    yield run_ingest(layout, progress)
    yield run_extract(layout, progress)
    yield run_curate(layout)
    yield run_translate(layout)
    yield run_export(layout)


def run_all(layout: Layout, progress: bool = False) -> Iterator[StageReport]:
    with incremental.fewer_collections(), incremental.deferred_saves(layout) as hashes:
        def stages() -> Iterator[StageReport]:
            yield from run_data_stages(layout, progress)
            yield run_render(layout)

        changes = 0
        for stage_report in stages():
            changes += stage_report.written + stage_report.removed
            yield stage_report
        # the parses of records that no longer exist are of no use; a stage that found nothing
        # changed read none of the others, which are kept. When no stage wrote or removed a file,
        # the records are those the last run left, and so is what it kept of them
        if changes:
            live = [d for folder in (layout.articles, layout.extracted, layout.events)
                    for d in hashes.folder(folder).values()]
            if _prune_due(layout, changes, len(live)):
                store.prune_parse_cache(live)


# The parse cache is walked for stale documents once the files written or removed since the
# last walk come to this share of the records (and at least this many): the walk looks at every
# document (24,000 at 10,000 articles, a tenth of a second), and a typo leaves one or two behind,
# so the stale ones stay a small share of the cache without a walk after every edit.
PRUNE_SHARE, PRUNE_MIN = 0.05, 100


def _prune_due(layout: Layout, changes: int, records: int) -> bool:
    counter = layout.generated / "cache" / "parsed-changes"
    try:
        changes += int(counter.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    due = changes >= max(PRUNE_MIN, PRUNE_SHARE * records)
    with contextlib.suppress(OSError):  # a cache: lost, the next walk comes later, that is all
        if due:
            counter.unlink(missing_ok=True)
        else:
            write_if_changed(counter, f"{changes}\n")
    return due


def report(stage_report: StageReport) -> int:
    """Print the one-line summary, then each error and warning; return the number skipped."""
    print(stage_report.summary().split(" (")[0])
    for error in stage_report.errors:
        print(f"  error: {error}", file=sys.stderr)
    for warning in stage_report.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    return len(stage_report.errors)
