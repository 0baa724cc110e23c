"""Translate stage: every article in the chronicle's other language, honestly labelled.

Takes the cleaned articles (``data/generated/articles/``), the quotes of the
curated events (``data/generated/events/``), the editors' reviewed
translations (``data/translations/<article>.<lang>.yaml``) and, when one is
configured, a machine translation backend. Gives machine translations of
what no editor has translated (``data/generated/translations/<article>.<lang>.yaml``)
and, through :func:`resolve`, the text to show for each unit of an article
with its status.

A *unit* is the title, a paragraph (by number), a caption (by index, from 0)
or a quote (by paragraph, in the order the quotes appear in it). Each stored
translation of a unit is an *entry* with the ``source_hash`` of the text it
translates (sha256 of the NFC source text, first 16 hex digits), its
``text`` and its ``status``:

- ``reviewed``: written or checked by an editor (``by``, optional ``note``);
- ``machine``: made by a backend (``engine``, ``engine_version``, ``date``);
- ``missing``: a placeholder, as ``chronicle translate --scaffold`` writes it.

Two stores, never mixed:

- ``data/translations/`` is the editors'. The generator reads it and never
  writes, renames or deletes a file there; ``--scaffold`` creates a missing
  file once and refuses to touch one that exists.
- ``data/generated/translations/`` is the generator's: machine output, a cache
  keyed by ``source_hash`` (a unit is sent to the backend only when no fresh
  translation of the same text is stored), rebuilt from the units on each run.

What a unit shows (:func:`resolve`): a reviewed entry whose hash matches the
source (``reviewed``); else a reviewed entry whose hash does not (``stale``:
shown, flagged, never passed off as fresh, and never replaced by a machine
translation); else a fresh machine entry (``machine``); else nothing
(``missing``: "translation pending"). An entry is found by its place and
checked by its hash; an entry whose source moved (paragraphs renumbered) is
still found by its hash.

Backends are chosen in ``data/translate.yaml`` (``backend: libretranslate`` +
``url``, or ``backend: ctranslate2`` + ``model_dir``) or by the environment,
which wins over the file: ``CHRONICLE_LIBRETRANSLATE_URL`` (with
``CHRONICLE_LIBRETRANSLATE_API_KEY``) or ``CHRONICLE_CT2_MODEL_DIR``. With
none, nothing is translated and the build goes on.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import socket
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .check import check_file
from .models import Article, Quote, StageReport
from . import store
from .store import DataError, Layout, did_you_mean, dump_yaml, load_yaml, remove_stale, write_if_changed

LANGUAGES = ("en", "vi")
ENTRY_STATUSES = ("reviewed", "machine", "missing")  # on disk
SHOWN_STATUSES = ("reviewed", "stale", "machine", "missing")  # what resolve() gives
PENDING_LABEL = {"en": "translation pending", "vi": "đang chờ bản dịch"}
SCHEMA = "translations.schema.json"
CONFIG_SCHEMA = "translate-config.schema.json"
ENV_LIBRETRANSLATE_URL = "CHRONICLE_LIBRETRANSLATE_URL"
ENV_LIBRETRANSLATE_API_KEY = "CHRONICLE_LIBRETRANSLATE_API_KEY"
ENV_CT2_MODEL_DIR = "CHRONICLE_CT2_MODEL_DIR"
NO_BACKEND = (
    "no machine translation backend configured; set CHRONICLE_LIBRETRANSLATE_URL "
    "(or CHRONICLE_CT2_MODEL_DIR) or write data/translate.yaml (backend: libretranslate, url: ...)"
)


def source_hash(text: str) -> str:
    """What a translation was made from: sha256 of the NFC text, first 16 hex digits."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:16]


# --- Units of an article --------------------------------------------------------


@dataclass(frozen=True)
class SourceUnit:
    """One piece of an article that is translated on its own."""

    key: str  # title | p<n> | c<index> | p<n>.q<k>
    kind: str  # title | paragraph | caption | quote
    text: str
    paragraph: int | None = None  # paragraphs and quotes
    index: int | None = None  # captions: index into Article.captions; quotes: k, from 1 within the paragraph

    @property
    def source_hash(self) -> str:
        return source_hash(self.text)


def article_quotes(article: Article, quotes: Iterable[Quote]) -> dict[int, list[str]]:
    """The article's distinct quotes per paragraph, in the order they appear in it."""
    texts = {p.n: p.text for p in article.paragraphs}
    found: dict[int, list[str]] = {}
    for quote in quotes:
        if quote.article != article.id or quote.paragraph not in texts or not quote.text.strip():
            continue
        if quote.text not in found.setdefault(quote.paragraph, []):
            found[quote.paragraph].append(quote.text)
    for n, items in found.items():
        # a quote the paragraph does not contain (an editor's fix) goes last
        items.sort(key=lambda t: (texts[n].find(t) if t in texts[n] else len(texts[n]), t))
    return found


def source_units(article: Article, quotes: Iterable[Quote] = ()) -> list[SourceUnit]:
    """Title, paragraphs, captions and quotes of an article, in that order."""
    units = [SourceUnit("title", "title", article.title)]
    units += [SourceUnit(f"p{p.n}", "paragraph", p.text, paragraph=p.n) for p in article.paragraphs]
    units += [SourceUnit(f"c{i}", "caption", c.text, index=i) for i, c in enumerate(article.captions)]
    for n, texts in sorted(article_quotes(article, quotes).items()):
        units += [SourceUnit(f"p{n}.q{k}", "quote", t, paragraph=n, index=k) for k, t in enumerate(texts, 1)]
    return units


# --- Entries and files ----------------------------------------------------------


@dataclass
class Entry:
    """A stored translation of one unit (see the module docstring for the statuses)."""

    source_hash: str
    text: str = ""
    status: str = "missing"
    by: str | None = None
    note: str | None = None
    engine: str | None = None
    engine_version: str | None = None
    date: str | None = None
    source: str | None = None  # the source text, for the reader's eye; the hash decides
    line: int = 0  # where the entry is in its file, for messages

    @property
    def usable(self) -> bool:
        return self.status in ("reviewed", "machine") and bool(self.text.strip())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source_hash": self.source_hash, "status": self.status}
        for name in ("by", "note", "engine", "engine_version", "date"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.source is not None:
            data["source"] = self.source
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entry:
        date = data.get("date")
        if isinstance(date, (datetime.date, datetime.datetime)):
            date = date.isoformat()
        return cls(
            source_hash=str(data.get("source_hash", "")),
            text=str(data.get("text") or ""),
            status=str(data.get("status", "missing")),
            by=data.get("by"),
            note=data.get("note"),
            engine=data.get("engine"),
            engine_version=None if data.get("engine_version") is None else str(data["engine_version"]),
            date=date,
            source=data.get("source"),
            line=int(data.get("__line__", 0)),
        )


@dataclass
class TranslationFile:
    """The translations of one article into one language, as stored in one file."""

    article: str
    language: str
    source_language: str | None = None
    title: Entry | None = None
    paragraphs: dict[int, Entry] = field(default_factory=dict)
    captions: dict[int, Entry] = field(default_factory=dict)
    quotes: dict[int, list[Entry]] = field(default_factory=dict)  # by paragraph, in file order
    path: Path | None = None

    def keyed(self) -> list[tuple[str, str, Entry]]:
        """(key, kind, entry) for every entry, keys as in SourceUnit."""
        out = [("title", "title", self.title)] if self.title else []
        out += [(f"p{n}", "paragraph", e) for n, e in sorted(self.paragraphs.items())]
        out += [(f"c{i}", "caption", e) for i, e in sorted(self.captions.items())]
        for n, entries in sorted(self.quotes.items()):
            out += [(f"p{n}.q{k}", "quote", e) for k, e in enumerate(entries, 1)]
        return out

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"article": self.article}
        if self.source_language:
            data["source_language"] = self.source_language
        data["language"] = self.language
        if self.title:
            data["title"] = self.title.to_dict()
        if self.paragraphs:
            data["paragraphs"] = [{"n": n, **e.to_dict()} for n, e in sorted(self.paragraphs.items())]
        if self.captions:
            data["captions"] = [{"index": i, **e.to_dict()} for i, e in sorted(self.captions.items())]
        if self.quotes:
            data["quotes"] = [{"paragraph": n, **e.to_dict()} for n, es in sorted(self.quotes.items()) for e in es]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: Path | None = None) -> TranslationFile:
        out = cls(article=str(data.get("article", "")), language=str(data.get("language", "")),
                  source_language=data.get("source_language"), path=path)
        if isinstance(data.get("title"), Mapping):
            out.title = Entry.from_dict(data["title"])
        for item in data.get("paragraphs") or []:
            out.paragraphs[int(item["n"])] = Entry.from_dict(item)
        for item in data.get("captions") or []:
            out.captions[int(item["index"])] = Entry.from_dict(item)
        for item in data.get("quotes") or []:
            out.quotes.setdefault(int(item["paragraph"]), []).append(Entry.from_dict(item))
        return out

    @classmethod
    def from_units(cls, article: Article, language: str, entries: Mapping[str, Entry], units: Sequence[SourceUnit]) -> TranslationFile:
        """A file holding the given entries (by unit key), laid out like the article."""
        out = cls(article=article.id, language=language, source_language=article.language)
        for unit in units:
            entry = entries.get(unit.key)
            if entry is None:
                continue
            if unit.kind == "title":
                out.title = entry
            elif unit.kind == "paragraph":
                out.paragraphs[unit.paragraph] = entry
            elif unit.kind == "caption":
                out.captions[unit.index] = entry
            else:
                out.quotes.setdefault(unit.paragraph, []).append(entry)
        return out


FILE_NAME = re.compile(r"^(?P<article>.+)\.(?P<lang>[a-z]{2})\.yaml$")


def file_name(article_id: str, language: str) -> str:
    return f"{article_id}.{language}.yaml"


def load_translation_file(path: Path, root: Path | None = None) -> TranslationFile:
    """Read one translations file; a file that breaks its schema is a DataError naming file, line and field."""
    problems = check_file(path, SCHEMA, root or path.parent)
    if problems:
        raise DataError("; ".join(str(p) for p in problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    data = load_yaml(path, with_lines=True) or {}
    match = FILE_NAME.match(path.name)
    if not match or (match["article"], match["lang"]) != (data.get("article"), data.get("language")):
        raise DataError(
            f"{path}: the file name says article '{match['article'] if match else path.stem}', language "
            f"'{match['lang'] if match else '?'}' but the file says article '{data.get('article')}', language "
            f"'{data.get('language')}'; name the file <article>.<language>.yaml"
        )
    return TranslationFile.from_dict(data, path)


class TranslationStore:
    """The translation files of one folder, by (article id, language)."""

    def __init__(self, files: Iterable[TranslationFile] = ()):
        self.files = {(f.article, f.language): f for f in files}

    def get(self, article_id: str, language: str) -> TranslationFile | None:
        return self.files.get((article_id, language))

    def __iter__(self) -> Iterator[TranslationFile]:
        return iter(self.files.values())

    @classmethod
    def load(cls, folder: Path, root: Path | None = None, kept: store.KeptShards | None = None
             ) -> tuple[TranslationStore, list[str]]:
        """Every ``*.yaml`` file of the folder; a bad file is reported and left out, the others load.

        With ``kept``, a file whose bytes are as when it was last loaded is not parsed and
        checked against its schema again (its :class:`TranslationFile` is kept under the hash
        of its bytes): every stage from translate on reads every translations file, and a
        newsroom's machine translations are one file per article and language."""
        files, errors = [], []
        live: dict[str, str] = {}
        for path in sorted(folder.glob("*.yaml")) if folder.exists() else []:
            try:
                if kept is None:
                    files.append(load_translation_file(path, root))
                    continue
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                loaded = kept.get(path.name, digest)
                if loaded is None:
                    loaded = load_translation_file(path, root)
                    kept.put(path.name, digest, loaded)
                loaded.path = path  # the project may have been moved since it was kept
                files.append(loaded)
                live[path.name] = digest
            except DataError as err:
                errors.append(str(err))
            except OSError as err:
                errors.append(f"{path}: cannot be read ({err.strerror})")
        if kept is not None:
            kept.save(live)  # a bad file is not kept: it is checked, and named, on every run
        return cls(files), errors


# --- Resolution -----------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    entry: Entry
    fresh: bool


def align(units: Sequence[SourceUnit], stored: TranslationFile | None) -> tuple[dict[str, Match], list[tuple[str, Entry]]]:
    """Which stored entry belongs to which unit, and the entries that belong to none.

    First the entry in the unit's place with the unit's hash; then an entry of
    the same kind with that hash elsewhere (the source moved); then the entry
    left in the unit's place, which translates an older source (not fresh).
    """
    if stored is None:
        return {}, []
    entries = stored.keyed()
    used: set[int] = set()
    matches: dict[str, Match] = {}
    by_key = {key: (i, entry) for i, (key, _, entry) in enumerate(entries)}
    for unit in units:  # in place, same source
        hit = by_key.get(unit.key)
        if hit and hit[1].source_hash == unit.source_hash:
            used.add(hit[0])
            matches[unit.key] = Match(hit[1], True)
    for unit in units:  # moved, same source
        if unit.key in matches:
            continue
        for i, (_, kind, entry) in enumerate(entries):
            if i not in used and kind == unit.kind and entry.source_hash == unit.source_hash:
                used.add(i)
                matches[unit.key] = Match(entry, True)
                break
    for unit in units:  # in place, older source
        hit = by_key.get(unit.key)
        if unit.key not in matches and hit and hit[0] not in used:
            used.add(hit[0])
            matches[unit.key] = Match(hit[1], False)
    if any(kind == "quote" for _, kind, _ in entries):
        # quotes are numbered within their paragraph: a quote entry left over in
        # a paragraph goes to the paragraph's first quote still unmatched
        for unit in units:
            if unit.kind != "quote" or unit.key in matches:
                continue
            for i, (key, kind, entry) in enumerate(entries):
                if i not in used and kind == "quote" and key.split(".")[0] == f"p{unit.paragraph}":
                    used.add(i)
                    matches[unit.key] = Match(entry, False)
                    break
    orphans = [(key, entry) for i, (key, _, entry) in enumerate(entries) if i not in used]
    return matches, orphans


@dataclass(frozen=True)
class TranslatedUnit:
    """What to show for one unit in one language, and how far to trust it."""

    unit: SourceUnit
    language: str
    status: str  # reviewed | stale | machine | missing
    text: str | None  # None when missing
    entry: Entry | None = None  # the entry shown
    file: Path | None = None  # where that entry is

    @property
    def key(self) -> str:
        return self.unit.key

    @property
    def stale(self) -> bool:
        return self.status == "stale"

    @property
    def pending(self) -> bool:
        return self.status == "missing"

    @property
    def display(self) -> str:
        """The text, or the "translation pending" label in the target language."""
        return self.text if self.text is not None else PENDING_LABEL.get(self.language, PENDING_LABEL["en"])


def _get(store: TranslationStore | TranslationFile | None, article_id: str, lang: str) -> TranslationFile | None:
    if store is None or isinstance(store, TranslationFile):
        return store
    return store.get(article_id, lang)


def resolve(
    article: Article,
    lang: str,
    reviewed_store: TranslationStore | TranslationFile | None,
    machine_store: TranslationStore | TranslationFile | None,
    quotes: Iterable[Quote] = (),
) -> list[TranslatedUnit]:
    """Per unit of the article (title, paragraphs, captions, quotes), the text to show in ``lang``.

    Reviewed and fresh, else reviewed and stale (flagged), else machine and
    fresh, else missing. A machine translation never stands in for a reviewed
    one, stale or not; a stale machine translation is never shown.
    """
    units = source_units(article, quotes)
    reviewed_file = _get(reviewed_store, article.id, lang)
    machine_file = _get(machine_store, article.id, lang)
    reviewed, _ = align(units, reviewed_file)
    machine, _ = align(units, machine_file)
    out = []
    for unit in units:
        out.append(_resolve_unit(unit, lang, reviewed.get(unit.key), machine.get(unit.key), reviewed_file, machine_file))
    return out


def _resolve_unit(unit: SourceUnit, lang: str, reviewed: Match | None, machine: Match | None,
                  reviewed_file: TranslationFile | None, machine_file: TranslationFile | None) -> TranslatedUnit:
    if reviewed and reviewed.entry.status == "reviewed" and reviewed.entry.usable:
        status = "reviewed" if reviewed.fresh else "stale"
        return TranslatedUnit(unit, lang, status, reviewed.entry.text, reviewed.entry, reviewed_file and reviewed_file.path)
    # an editor may keep a machine draft in their file: shown as machine, never as reviewed
    candidates = [(reviewed, reviewed_file), (machine, machine_file)]
    for match, where in candidates:
        if match and match.fresh and match.entry.status == "machine" and match.entry.usable:
            return TranslatedUnit(unit, lang, "machine", match.entry.text, match.entry, where and where.path)
    return TranslatedUnit(unit, lang, "missing", None)


def target_languages(article: Article) -> list[str]:
    return [lang for lang in LANGUAGES if lang != article.language]


# --- Machine translation backends -----------------------------------------------


class BackendError(RuntimeError):
    """A backend that cannot translate now; the message says which and what to do."""


class MachineTranslator(Protocol):
    engine: str

    def version(self) -> str: ...

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """One batch: the translations of ``texts``, in order."""
        ...


class LibreTranslateBackend:
    """A LibreTranslate server: ``POST {url}/translate`` with a batch of texts."""

    engine = "libretranslate"

    def __init__(self, url: str, api_key: str | None = None, timeout: float = 60.0):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self._version: str | None = None

    def _request(self, path: str, body: dict | None = None, timeout: float | None = None) -> Any:
        address = f"{self.url}{path}"
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(address, data=data, method="POST" if body is not None else "GET",
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:  # noqa: S310 (the editors' URL)
                raw = response.read()
        except urllib.error.HTTPError as err:
            detail = err.reason
            try:
                detail = json.loads(err.read().decode("utf-8")).get("error") or detail
            except (ValueError, AttributeError, OSError):
                pass
            hint = " (check CHRONICLE_LIBRETRANSLATE_API_KEY)" if err.code in (401, 403) else ""
            raise BackendError(f"LibreTranslate at {address} answered HTTP {err.code}: {detail}{hint}") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (socket.timeout, TimeoutError)):
                raise BackendError(f"LibreTranslate at {address} did not answer within {timeout or self.timeout:g} s") from None
            raise BackendError(
                f"LibreTranslate at {address} cannot be reached ({err.reason}); is the server running? "
                f"The URL comes from {ENV_LIBRETRANSLATE_URL} or 'url' in data/translate.yaml"
            ) from None
        except (socket.timeout, TimeoutError):
            raise BackendError(f"LibreTranslate at {address} did not answer within {timeout or self.timeout:g} s") from None
        except (ValueError, OSError) as err:
            raise BackendError(f"LibreTranslate at {address}: {err}") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BackendError(f"LibreTranslate at {address} did not answer with JSON: {raw[:80]!r}") from None

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        body: dict[str, Any] = {"q": list(texts), "source": source, "target": target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        answer = self._request("/translate", body)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts) or not all(isinstance(t, str) for t in translated):
            raise BackendError(
                f"LibreTranslate at {self.url}/translate answered without one 'translatedText' per text "
                f"({len(texts)} sent): {str(answer)[:120]}"
            )
        return translated

    def version(self) -> str:
        """The server's version from its API description, when it gives one."""
        if self._version is None:
            try:
                spec = self._request("/spec", timeout=min(self.timeout, 5.0))
                self._version = str(spec.get("info", {}).get("version") or "unknown")
            except (BackendError, AttributeError):
                self._version = "unknown"
        return self._version


ABBREVIATIONS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Gen.", "Lt.", "Col.", "Sen.", "Rep.", "Gov.", "No.", "Jr.", "Sr.", "TS.", "ThS.", "GS."}
SENTENCE_GAP = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’»)]))\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (OPUS-MT models are trained on sentences).

    A sentence ends at . ! ? or … (and any closing quote) followed by a space
    and a capital letter or a digit, so "1.550" and "ông Putin." + lower case
    stay whole.
    """
    out, start = [], 0
    for gap in SENTENCE_GAP.finditer(text):
        following = text[gap.end():].lstrip("\"“‘«(")
        word = text[:gap.start()].rsplit(None, 1)[-1]
        if word in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", word):
            continue  # "Mr. Trump", "J. D. Vance", "U.S. officials"
        if following[:1].isupper() or following[:1].isdigit():
            out.append(text[start:gap.start()])
            start = gap.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


class CTranslate2Backend:
    """A local OPUS-MT model converted for CTranslate2, one folder per direction.

    ``model_dir`` holds ``vi-en/`` and ``en-vi/`` (or ``opus-mt-vi-en/``…), each
    with ``model.bin`` and the SentencePiece models ``source.spm`` and
    ``target.spm`` (as ``ct2-transformers-converter --copy_files source.spm
    target.spm`` leaves them); a folder without them needs ``transformers``
    for the tokenizer.
    """

    engine = "ctranslate2"

    def __init__(self, model_dir: str | Path, beam_size: int = 4, device: str = "cpu"):
        self.model_dir = Path(model_dir)
        self.beam_size = beam_size
        self.device = device
        self._loaded: dict[tuple[str, str], tuple[Any, Any, Any]] = {}
        self._model_names: set[str] = set()

    @staticmethod
    def _import(name: str) -> Any:
        import importlib

        try:
            return importlib.import_module(name)
        except ImportError:
            raise BackendError(
                f"the ctranslate2 backend needs the Python package '{name}', which is not installed; "
                "install the optional 'mt' extra: .venv/bin/pip install -e '.[mt]'"
            ) from None

    def model_folder(self, source: str, target: str) -> Path:
        candidates = [self.model_dir / f"{source}-{target}", self.model_dir / f"opus-mt-{source}-{target}"]
        if self.model_dir.name.endswith(f"{source}-{target}"):
            candidates.insert(0, self.model_dir)
        for folder in candidates:
            if (folder / "model.bin").exists():
                return folder
        if not self.model_dir.is_dir():
            raise BackendError(f"the CTranslate2 model folder {self.model_dir} does not exist ({ENV_CT2_MODEL_DIR} or 'model_dir' in data/translate.yaml)")
        raise BackendError(
            f"no CTranslate2 model for {source}->{target} under {self.model_dir}: looked for "
            + ", ".join(str(c / "model.bin") for c in candidates)
        )

    def _load(self, source: str, target: str) -> tuple[Any, Any, Any]:
        if (source, target) not in self._loaded:
            ctranslate2 = self._import("ctranslate2")
            folder = self.model_folder(source, target)
            if (folder / "source.spm").exists() and (folder / "target.spm").exists():
                spm = self._import("sentencepiece")
                encode_model = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
                decode_model = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))

                def encode(text: str) -> list[str]:
                    return list(encode_model.encode(text, out_type=str)) + ["</s>"]

                def decode(tokens: list[str]) -> str:
                    return decode_model.decode([t for t in tokens if t not in ("</s>", "<pad>")])
            else:
                tokenizer = self._import("transformers").AutoTokenizer.from_pretrained(str(folder))

                def encode(text: str) -> list[str]:
                    return tokenizer.convert_ids_to_tokens(tokenizer.encode(text))

                def decode(tokens: list[str]) -> str:
                    return tokenizer.decode(tokenizer.convert_tokens_to_ids(tokens), skip_special_tokens=True)

            translator = ctranslate2.Translator(str(folder), device=self.device)
            self._loaded[(source, target)] = (translator, encode, decode)
            self._model_names.add(folder.name)
        return self._loaded[(source, target)]

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        translator, encode, decode = self._load(source, target)
        sentences = [split_sentences(t) or [t] for t in texts]
        flat = [s for group in sentences for s in group]
        try:
            results = translator.translate_batch([encode(s) for s in flat], beam_size=self.beam_size)
        except Exception as err:  # noqa: BLE001 (ctranslate2 raises plain RuntimeError/ValueError)
            raise BackendError(f"CTranslate2 failed on the model under {self.model_dir}: {err}") from None
        translated = iter(decode(r.hypotheses[0]) for r in results)
        return [" ".join(next(translated) for _ in group) for group in sentences]

    def version(self) -> str:
        ctranslate2 = self._import("ctranslate2")
        models = ", ".join(sorted(self._model_names)) or self.model_dir.name
        return f"{getattr(ctranslate2, '__version__', 'unknown')} ({models})"


# --- Configuration --------------------------------------------------------------


@dataclass(frozen=True)
class TranslateConfig:
    """Which backend, and how to reach it (``data/translate.yaml``, then the environment)."""

    backend: str | None = None  # libretranslate | ctranslate2 | None
    url: str | None = None
    api_key: str | None = None
    model_dir: str | None = None
    timeout: float = 60.0
    batch_size: int = 16
    max_chars: int = 4000  # per request: public servers limit the characters of one call
    source: str = "defaults"  # where the backend choice came from, for messages


def load_config(layout: Layout, env: Mapping[str, str] | None = None) -> TranslateConfig:
    """The editors' file, overridden by the environment; a bad file is a DataError naming the field."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    path = layout.translate_config
    if path.exists():
        problems = check_file(path, CONFIG_SCHEMA, layout.root)
        if problems:
            raise DataError("; ".join(map(str, problems)))
        data = {k: v for k, v in (load_yaml(path) or {}).items()}
    backend = data.get("backend")
    backend = None if backend in (None, "none") else backend
    where = str(path.relative_to(layout.root)) if backend else "defaults"
    url, model_dir = data.get("url"), data.get("model_dir")
    if env.get(ENV_LIBRETRANSLATE_URL):
        backend, url, where = "libretranslate", env[ENV_LIBRETRANSLATE_URL], ENV_LIBRETRANSLATE_URL
    elif env.get(ENV_CT2_MODEL_DIR):
        backend, model_dir, where = "ctranslate2", env[ENV_CT2_MODEL_DIR], ENV_CT2_MODEL_DIR
    if model_dir and not Path(model_dir).is_absolute():
        model_dir = str(layout.root / model_dir)
    return TranslateConfig(
        backend=backend, url=url, model_dir=model_dir,
        api_key=env.get(ENV_LIBRETRANSLATE_API_KEY) or data.get("api_key"),
        timeout=float(data.get("timeout", 60.0)), batch_size=int(data.get("batch_size", 16)),
        max_chars=int(data.get("max_chars", 4000)), source=where,
    )


def make_backend(config: TranslateConfig) -> MachineTranslator | None:
    """The configured backend, or None; a half-configured one is a DataError saying what is missing."""
    if config.backend is None:
        return None
    if config.backend == "libretranslate":
        if not config.url:
            raise DataError(f"{config.source}: backend 'libretranslate' needs 'url' (or set {ENV_LIBRETRANSLATE_URL})")
        return LibreTranslateBackend(config.url, config.api_key, config.timeout)
    if config.backend == "ctranslate2":
        if not config.model_dir:
            raise DataError(f"{config.source}: backend 'ctranslate2' needs 'model_dir' (or set {ENV_CT2_MODEL_DIR})")
        return CTranslate2Backend(config.model_dir)
    raise DataError(f"{config.source}: backend '{config.backend}' is unknown{did_you_mean(config.backend, ['libretranslate', 'ctranslate2', 'none'])}")


# --- The stage ------------------------------------------------------------------


def batches(texts: Sequence[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """Runs of at most ``size`` texts and (unless one text is longer) ``max_chars`` characters."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) >= size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


@dataclass
class TranslateRun:
    """What one run of the stage found and did."""

    report: StageReport
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # language -> status -> units
    translated: int = 0  # units sent to the backend and answered
    backend: str | None = None  # engine name, or None when none is configured
    backend_error: str | None = None
    # article id -> its language, counts (language -> status -> units), warnings and machine files
    per_article: dict[str, dict] = field(default_factory=dict)

    @property
    def pending(self) -> int:
        return sum(c.get("missing", 0) for c in self.counts.values())

    def lines(self) -> list[str]:
        out = []
        for lang, counts in sorted(self.counts.items()):
            out.append(f"  {lang}: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in SHOWN_STATUSES))
        return out


def _shown(path: Path | None, root: Path) -> str:
    if path is None:
        return "?"
    return str(path.relative_to(root)) if root in path.parents else str(path)


def _check_reviewed_file(article: Article, lang: str, stored: TranslationFile, units: list[SourceUnit], root: Path) -> list[str]:
    """Warnings an editor can act on: stale entries (with the new hash), orphans, unflagged texts."""
    warnings = []
    where = _shown(stored.path, root)
    matches, orphans = align(units, stored)
    for unit in units:
        match = matches.get(unit.key)
        if match and not match.fresh and match.entry.status == "reviewed":
            warnings.append(
                f"{where}:{match.entry.line}: {unit.key} is stale: its source changed since it was reviewed"
                f"{' by ' + match.entry.by if match.entry.by else ''}; check the translation against the source and "
                f"set source_hash: {unit.source_hash}"
            )
    for key, entry in orphans:
        if entry.status == "reviewed":
            warnings.append(f"{where}:{entry.line}: {key} (source_hash {entry.source_hash}) matches nothing in {article.id} any more")
    for _, _, entry in stored.keyed():
        if entry.status == "missing" and entry.text.strip():
            warnings.append(f"{where}:{entry.line}: has a text but status 'missing'; set status: reviewed and by: to use it")
    return warnings


def translate_project(
    layout: Layout,
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    backend: MachineTranslator | None,
    config: TranslateConfig | None = None,
    today: str | None = None,
    reuse: Mapping[str, dict] | None = None,
    order: Sequence[str] | None = None,
    kept: Callable[[Path], store.KeptShards] | None = None,
) -> TranslateRun:
    """Resolve every article in its other language; machine-translate what is missing; write the machine store.

    ``reuse`` holds, for articles not among ``articles``, what an earlier run
    found for each (:attr:`TranslateRun.per_article`), when nothing it was made
    from changed; ``order`` is then every article id, in the order their
    warnings are given. Only without a backend: a backend's batches and cache
    span articles.
    """
    config = config or TranslateConfig()
    reuse = dict(reuse or {}) if backend is None else {}
    order = list(order) if order is not None else [a.id for a in articles]
    report = StageReport("translate", read=len(articles) + len(reuse))
    run = TranslateRun(report, backend=getattr(backend, "engine", None))
    reviewed_store, errors = TranslationStore.load(layout.translations, layout.root,
                                                   kept(layout.translations) if kept else None)
    report.errors.extend(errors)
    machine_store, errors = TranslationStore.load(layout.machine_translations, layout.root,
                                                  kept(layout.machine_translations) if kept else None)
    # a broken generated file is only a lost cache: it is rebuilt below
    report.warnings.extend(f"{e} (rebuilt)" for e in errors)

    language_of = {**{k: v["language"] for k, v in reuse.items()}, **{a.id: a.language for a in articles}}
    for stored in reviewed_store:
        language = language_of.get(stored.article)
        if language is None:
            report.warnings.append(f"{_shown(stored.path, layout.root)}: no article '{stored.article}'{did_you_mean(stored.article, list(language_of))}")
        elif stored.language == language or stored.language not in LANGUAGES:
            report.warnings.append(f"{_shown(stored.path, layout.root)}: '{stored.language}' is not a language to translate {stored.article} ({language}) into")

    # cache: every fresh machine translation by (source language, target language, source hash)
    cache: dict[tuple[str, str, str], Entry] = {}
    for stored in machine_store:
        source = language_of.get(stored.article) or stored.source_language
        for _, _, entry in stored.keyed():
            if entry.status == "machine" and entry.usable:
                cache.setdefault((source or "", stored.language, entry.source_hash), entry)

    plan: list[tuple[Article, str, list[SourceUnit], list[TranslatedUnit]]] = []
    wanted: dict[tuple[str, str], dict[str, str]] = {}  # (source, target) -> hash -> text
    # each article's own quotes, found once: looking through every quote for each article
    # made this stage grow with the square of the chronicle
    quotes_of: dict[str, list[Quote]] = {}
    for quote in quotes:
        quotes_of.setdefault(quote.article, []).append(quote)
    for article in articles:
        own = quotes_of.get(article.id, [])
        units = source_units(article, own)
        done = run.per_article[article.id] = {"language": article.language, "counts": {}, "warnings": [], "files": []}
        for lang in target_languages(article):
            reviewed_file = reviewed_store.get(article.id, lang)
            if reviewed_file is not None:
                done["warnings"].extend(_check_reviewed_file(article, lang, reviewed_file, units, layout.root))
            resolved = resolve(article, lang, reviewed_store, machine_store, own)
            plan.append((article, lang, units, resolved))
            for item in resolved:
                # only what nothing fresh covers: never a unit an editor reviewed, even if stale
                if item.status == "missing" and (article.language, lang, item.unit.source_hash) not in cache:
                    wanted.setdefault((article.language, lang), {})[item.unit.source_hash] = item.unit.text

    if backend is not None and wanted:
        today = today or datetime.date.today().isoformat()
        try:
            for (source, target), texts in sorted(wanted.items()):
                hashes = list(texts)
                done_units = 0
                for batch in batches([texts[h] for h in hashes], config.batch_size, config.max_chars):
                    answers = backend.translate(batch, source, target)
                    version = backend.version()
                    for h, answer in zip(hashes[done_units:done_units + len(batch)], answers):
                        if answer.strip():
                            cache[(source, target, h)] = Entry(h, answer.strip(), "machine", engine=backend.engine,
                                                               engine_version=version, date=today, source=texts[h])
                            run.translated += 1
                    done_units += len(batch)
        except BackendError as err:
            run.backend_error = str(err)
            report.errors.append(f"{err}; what was translated before is kept")

    for article, lang, units, resolved in plan:
        done = run.per_article[article.id]
        counts = done["counts"].setdefault(lang, {})
        entries: dict[str, Entry] = {}
        for item in resolved:
            status = item.status
            if status in ("missing", "machine"):
                hit = cache.get((article.language, lang, item.unit.source_hash))
                if hit is not None:
                    entries[item.unit.key] = Entry(hit.source_hash, hit.text, "machine", engine=hit.engine,
                                                   engine_version=hit.engine_version, date=hit.date, source=item.unit.text)
                    status = "machine"
            counts[status] = counts.get(status, 0) + 1
        if entries:
            name = file_name(article.id, lang)
            done["files"].append(name)
            text = (
                "# Machine translations made by `chronicle translate`; rebuilt on every run, never edited.\n"
                "# To correct one, copy the entry into data/translations/" + name + "\n"
                "# and set status: reviewed and by: (see data/translations/README.md).\n"
                + dump_yaml(TranslationFile.from_units(article, lang, entries, units).to_dict())
            )
            if write_if_changed(layout.machine_translations / name, text):
                report.written += 1
            else:
                report.unchanged += 1

    keep: set[str] = set()
    for article_id in order:
        done = run.per_article.get(article_id) or reuse.get(article_id)
        if done is None:
            continue
        report.warnings.extend(done["warnings"])
        keep.update(done["files"])
        if article_id not in run.per_article:
            report.unchanged += len(done["files"])
        for lang, counts in done["counts"].items():
            total = run.counts.setdefault(lang, {})
            for status, n in counts.items():
                total[status] = total.get(status, 0) + n
    report.removed += len(remove_stale(layout.machine_translations, keep))

    if backend is None and run.pending:
        report.warnings.append(f"{NO_BACKEND}; {run.pending} units remain 'translation pending'")
    return run


# --- Scaffold for editors -------------------------------------------------------


SCAFFOLD_HEADER = """\
# yaml-language-server: $schema=../../generator/schemas/translations.schema.json
#
# Reviewed translation of {article} ({source_language}) into {language}.
# Editors' file: the generator reads it and never writes it.
# For each entry: write `text`, then set `status: reviewed` and `by: <your name>`
# (optional `note`). `source` is the text translated; `source_hash` says which
# version of it: when the article changes, `chronicle translate` reports the
# entry as stale and gives the new hash to set once the translation is checked.
"""


def scaffold_text(article: Article, lang: str, quotes: Iterable[Quote] = ()) -> str:
    """A reviewed-translations file with every unit's hash and source, and empty texts."""
    units = source_units(article, quotes)
    entries = {u.key: Entry(u.source_hash, "", "missing", source=u.text) for u in units}
    header = SCAFFOLD_HEADER.format(article=article.id, source_language=article.language, language=lang)
    return header + "\n" + dump_yaml(TranslationFile.from_units(article, lang, entries, units).to_dict())


def find_article(articles: Sequence[Article], name: str) -> Article:
    """An article by id, by a unique prefix of it (``000``) or by its seed file name."""
    for article in articles:
        if name in (article.id, article.source_file):
            return article
    hits = [a for a in articles if a.id.startswith(name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise DataError(f"'{name}' names {len(hits)} articles ({', '.join(a.id for a in hits)}); give more of the id")
    raise DataError(f"no article '{name}'{did_you_mean(name, [a.id for a in articles])}; run `chronicle ingest` first?")


def write_scaffold(layout: Layout, article: Article, lang: str, quotes: Iterable[Quote] = ()) -> Path:
    """Create ``data/translations/<article>.<lang>.yaml`` for an editor to fill; never overwrite one."""
    if lang not in LANGUAGES or lang == article.language:
        raise DataError(f"cannot translate {article.id} ({article.language}) into '{lang}': choose one of {', '.join(target_languages(article))}")
    path = layout.translations / file_name(article.id, lang)
    text = scaffold_text(article, lang, quotes)
    layout.translations.mkdir(parents=True, exist_ok=True)
    try:
        # "x": fails if the file exists, even one created a moment ago
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise DataError(f"{path.relative_to(layout.root)} exists; it is an editor's file and is not overwritten") from None
    return path
