"""The translate stage: reviewed translations are editors' data, machine ones fill gaps, nothing stale passes as fresh."""

from __future__ import annotations

import json
import shutil
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from generator import cli, pipeline
from generator.check import check_project
from generator.ingest import ingest_file, load_registry
from generator.models import Article, Caption, Paragraph, Quote
from generator.store import DataError, Layout
from generator.translate import (
    NO_BACKEND,
    BackendError,
    CTranslate2Backend,
    Entry,
    LibreTranslateBackend,
    TranslateConfig,
    TranslationFile,
    TranslationStore,
    load_config,
    make_backend,
    resolve,
    scaffold_text,
    source_hash,
    source_units,
    split_sentences,
    translate_project,
    write_scaffold,
)
from tests.conftest import ROOT
from tests.sitebuild import make_project

BY = "editor (seed translations)"


@pytest.fixture(autouse=True)
def no_backend_from_the_environment(monkeypatch):
    for name in ("CHRONICLE_LIBRETRANSLATE_URL", "CHRONICLE_LIBRETRANSLATE_API_KEY", "CHRONICLE_CT2_MODEL_DIR"):
        monkeypatch.delenv(name, raising=False)


def make_article(paragraphs=("Câu thứ nhất.", "Câu thứ hai."), title="Tiêu đề", captions=(), lang="vi", id_="a1") -> Article:
    return Article(
        id=id_, source_file=f"{id_}.txt", title=title, title_generated=False, language=lang,
        paragraphs=[Paragraph(n, text) for n, text in enumerate(paragraphs, 1)],
        captions=[Caption(text) for text in captions],
    )


def reviewed(text: str, source: str) -> Entry:
    return Entry(source_hash(source), text, "reviewed", by="tester")


def machine(text: str, source: str) -> Entry:
    return Entry(source_hash(source), text, "machine", engine="fake", engine_version="1", date="2026-01-01")


def statuses(units) -> dict[str, str]:
    return {u.key: u.status for u in units}


class FakeBackend:
    """Translates by tagging; remembers every batch it was sent."""

    engine = "fake"

    def __init__(self):
        self.batches: list[list[str]] = []

    def version(self) -> str:
        return "1.0"

    def translate(self, texts, source, target):
        self.batches.append(list(texts))
        return [f"[{source}->{target}] {t}" for t in texts]


# --- Status rules ---------------------------------------------------------------


def test_reviewed_entry_with_matching_hash_is_shown_as_reviewed():
    article = make_article()
    store = TranslationFile("a1", "en", paragraphs={1: reviewed("First sentence.", "Câu thứ nhất.")})
    units = {u.key: u for u in resolve(article, "en", store, None)}
    assert units["p1"].status == "reviewed"
    assert units["p1"].text == "First sentence."
    assert not units["p1"].stale


def test_unit_with_no_translation_is_missing_and_shows_translation_pending():
    units = {u.key: u for u in resolve(make_article(), "en", None, None)}
    assert units["p2"].status == "missing"
    assert units["p2"].text is None
    assert units["p2"].display == "translation pending"
    assert {u.status for u in resolve(make_article(), "en", None, None)} == {"missing"}


def test_fresh_machine_translation_fills_a_unit_no_editor_translated():
    article = make_article()
    reviewed_file = TranslationFile("a1", "en", paragraphs={1: reviewed("First sentence.", "Câu thứ nhất.")})
    machine_file = TranslationFile("a1", "en", paragraphs={2: machine("Sentence two.", "Câu thứ hai.")})
    assert statuses(resolve(article, "en", reviewed_file, machine_file)) == {"title": "missing", "p1": "reviewed", "p2": "machine"}


def test_placeholder_from_the_scaffold_is_not_shown():
    article = make_article()
    store = TranslationFile("a1", "en", paragraphs={1: Entry(source_hash("Câu thứ nhất."), "", "missing")})
    assert statuses(resolve(article, "en", store, None))["p1"] == "missing"


def test_resolve_takes_whole_stores_keyed_by_article_and_language():
    article = make_article()
    store = TranslationStore([TranslationFile("a1", "en", paragraphs={1: reviewed("First sentence.", "Câu thứ nhất.")}),
                              TranslationFile("other", "en", paragraphs={1: reviewed("Other.", "Câu thứ nhất.")})])
    units = {u.key: u for u in resolve(article, "en", store, TranslationStore())}
    assert units["p1"].text == "First sentence."


# --- Staleness --------------------------------------------------------------------


def test_reviewed_translation_becomes_stale_when_the_source_text_changes():
    before = make_article(paragraphs=("Câu thứ nhất.", "Câu thứ hai."), captions=("Ảnh: Reuters",))
    store = TranslationFile("a1", "en", title=reviewed("Title", "Tiêu đề"),
                            paragraphs={1: reviewed("First sentence.", "Câu thứ nhất."), 2: reviewed("Second sentence.", "Câu thứ hai.")},
                            captions={0: reviewed("Photo: Reuters", "Ảnh: Reuters")})
    assert set(statuses(resolve(before, "en", store, None)).values()) == {"reviewed"}
    after = make_article(paragraphs=("Câu thứ nhất.", "Câu thứ hai, đã sửa."), title="Tiêu đề mới", captions=("Ảnh: AFP",))
    units = {u.key: u for u in resolve(after, "en", store, None)}
    assert statuses(units.values()) == {"title": "stale", "p1": "reviewed", "p2": "stale", "c0": "stale"}
    # shown, flagged, never silently fresh
    assert units["p2"].text == "Second sentence."
    assert units["p2"].stale


def test_nfc_and_nfd_spellings_of_the_same_text_have_the_same_hash():
    nfc = "Tổng thống"
    nfd = "To\u0302\u0309ng tho\u0302\u0301ng"
    assert nfc != nfd
    assert source_hash(nfc) == source_hash(nfd)
    assert len(source_hash(nfc)) == 16


def test_renumbered_paragraph_keeps_its_reviewed_translation_fresh():
    store = TranslationFile("a1", "en", paragraphs={1: reviewed("First sentence.", "Câu thứ nhất."), 2: reviewed("Second sentence.", "Câu thứ hai.")})
    inserted = make_article(paragraphs=("Câu mới chèn vào.", "Câu thứ nhất.", "Câu thứ hai."))
    units = {u.key: u for u in resolve(inserted, "en", store, None)}
    assert (units["p2"].status, units["p2"].text) == ("reviewed", "First sentence.")
    assert (units["p3"].status, units["p3"].text) == ("reviewed", "Second sentence.")
    # the new paragraph is not passed off as a translation of another
    assert units["p1"].status == "missing"


def test_quote_translation_is_found_by_its_hash_within_its_paragraph():
    article = make_article(paragraphs=('Ông nói: "Một." Rồi: "Hai."',))
    quotes = [Quote("x", "Hai.", "a1", 1, "vi"), Quote("x", "Một.", "a1", 1, "vi"), Quote("x", "Một.", "a1", 1, "vi")]
    units = source_units(article, quotes)
    assert [(u.key, u.text) for u in units if u.kind == "quote"] == [("p1.q1", "Một."), ("p1.q2", "Hai.")]
    store = TranslationFile("a1", "en", quotes={1: [reviewed("Two.", "Hai."), reviewed("One, before.", "Một, trước.")]})
    resolved = {u.key: u for u in resolve(article, "en", store, None, quotes)}
    assert (resolved["p1.q2"].status, resolved["p1.q2"].text) == ("reviewed", "Two.")
    assert (resolved["p1.q1"].status, resolved["p1.q1"].text) == ("stale", "One, before.")


# --- Machine never over reviewed -----------------------------------------------


def test_machine_translation_never_replaces_a_stale_reviewed_one():
    article = make_article(paragraphs=("Câu thứ nhất, đã sửa.",))
    reviewed_file = TranslationFile("a1", "en", paragraphs={1: reviewed("First sentence.", "Câu thứ nhất.")})
    machine_file = TranslationFile("a1", "en", paragraphs={1: machine("First sentence, corrected.", "Câu thứ nhất, đã sửa.")})
    unit = {u.key: u for u in resolve(article, "en", reviewed_file, machine_file)}["p1"]
    assert (unit.status, unit.text) == ("stale", "First sentence.")


def test_stale_machine_translation_is_not_shown():
    article = make_article(paragraphs=("Câu thứ nhất, đã sửa.",))
    machine_file = TranslationFile("a1", "en", paragraphs={1: machine("First sentence.", "Câu thứ nhất.")})
    assert statuses(resolve(article, "en", None, machine_file))["p1"] == "missing"


def test_machine_draft_in_an_editors_file_is_shown_as_machine_not_reviewed():
    article = make_article(paragraphs=("Câu thứ nhất.",))
    draft = TranslationFile("a1", "en", paragraphs={1: machine("First sentence (draft).", "Câu thứ nhất.")})
    unit = {u.key: u for u in resolve(article, "en", draft, None)}["p1"]
    assert (unit.status, unit.text) == ("machine", "First sentence (draft).")


def _write_reviewed(layout: Layout, stored: TranslationFile) -> Path:
    path = layout.translations / f"{stored.article}.{stored.language}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(stored.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_translate_sends_only_missing_units_and_never_touches_the_editors_file(tmp_path):
    layout = Layout(tmp_path)
    article = make_article(paragraphs=("Câu thứ nhất, đã sửa.", "Câu thứ hai.", "Câu thứ ba."))
    path = _write_reviewed(layout, TranslationFile("a1", "en", paragraphs={
        1: reviewed("First sentence.", "Câu thứ nhất."),  # stale: not re-translated
        2: reviewed("Second sentence.", "Câu thứ hai."),  # fresh
    }))
    before = path.read_bytes()
    backend = FakeBackend()
    run = translate_project(layout, [article], [], backend, today="2026-11-23")
    assert [t for batch in backend.batches for t in batch] == ["Tiêu đề", "Câu thứ ba."]
    assert path.read_bytes() == before
    assert run.counts["en"] == {"stale": 1, "reviewed": 1, "machine": 2}
    assert any("p1 is stale" in w and f"set source_hash: {source_hash('Câu thứ nhất, đã sửa.')}" in w for w in run.report.warnings)
    written = yaml.safe_load((layout.machine_translations / "a1.en.yaml").read_text(encoding="utf-8"))
    assert written["paragraphs"] == [{
        "n": 3, "source_hash": source_hash("Câu thứ ba."), "status": "machine", "engine": "fake", "engine_version": "1.0",
        "date": "2026-11-23", "source": "Câu thứ ba.", "text": "[vi->en] Câu thứ ba.",
    }]


def test_stale_machine_translation_is_translated_again(tmp_path):
    layout = Layout(tmp_path)
    first = make_article(paragraphs=("Câu thứ nhất.",), title="T")
    translate_project(layout, [first], [], FakeBackend())
    changed = make_article(paragraphs=("Câu thứ nhất, đã sửa.",), title="T")
    backend = FakeBackend()
    translate_project(layout, [changed], [], backend)
    assert backend.batches == [["Câu thứ nhất, đã sửa."]]


def test_machine_translations_are_cached_by_source_hash_and_sent_in_batches(tmp_path):
    layout = Layout(tmp_path)
    articles = [make_article(paragraphs=[f"Câu số {i}." for i in range(5)] + ["Câu chung."], id_="a1"),
                make_article(paragraphs=["Câu chung."], id_="a2")]
    backend = FakeBackend()
    run = translate_project(layout, articles, [], backend, TranslateConfig(batch_size=2))
    sent = [t for batch in backend.batches for t in batch]
    assert sorted(sent) == sorted({"Tiêu đề", "Câu chung."} | {f"Câu số {i}." for i in range(5)})
    assert all(len(batch) <= 2 for batch in backend.batches)
    assert run.counts["en"]["machine"] == 2 * 1 + 6 + 1  # two titles, six + one paragraphs
    again = FakeBackend()
    rerun = translate_project(layout, articles, [], again, TranslateConfig(batch_size=2))
    assert again.batches == []
    assert rerun.report.written == 0 and rerun.report.unchanged == 2


def test_machine_store_drops_files_of_articles_that_are_gone(tmp_path):
    layout = Layout(tmp_path)
    translate_project(layout, [make_article(id_="a1"), make_article(id_="a2")], [], FakeBackend())
    run = translate_project(layout, [make_article(id_="a1")], [], FakeBackend())
    assert sorted(p.name for p in layout.machine_translations.glob("*.yaml")) == ["a1.en.yaml"]
    assert run.report.removed == 1


# --- No backend -------------------------------------------------------------------


def test_no_backend_translates_nothing_and_says_how_many_units_are_pending(tmp_path):
    layout = Layout(tmp_path)
    run = translate_project(layout, [make_article()], [], None)
    assert run.report.errors == []
    assert run.report.warnings == [f"{NO_BACKEND}; 3 units remain 'translation pending'"]
    assert not layout.machine_translations.exists()


def test_no_backend_is_configured_without_file_or_environment(tmp_path):
    assert load_config(Layout(tmp_path), env={}).backend is None
    assert make_backend(load_config(Layout(tmp_path), env={})) is None


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository's seeds and data, with every data stage run once."""
    layout = make_project(tmp_path_factory.mktemp("translate-project"))
    for report in pipeline.run_data_stages(layout):
        assert not report.errors, report.errors
    return layout


@pytest.fixture
def project_without_004(project):
    reviewed_file = project.translations / "004_aeeb56263c09fa58.vi.yaml"
    saved = reviewed_file.read_bytes()
    reviewed_file.unlink()
    yield project
    reviewed_file.write_bytes(saved)


def test_chronicle_translate_without_backend_says_so_plainly_and_exits_0(project_without_004, capsys):
    code = cli.main(["--root", str(project_without_004.root), "-q", "translate"])
    out = capsys.readouterr()
    assert code == 0
    assert "no machine translation backend configured; set CHRONICLE_LIBRETRANSLATE_URL" in out.err
    assert "data/translate.yaml" in out.err
    assert "18 units remain 'translation pending'" in out.err
    assert "vi: 0 reviewed, 0 stale, 0 machine, 18 missing" in out.out


def test_build_goes_on_without_a_backend(project_without_004, capsys):
    reports = {r.stage: r for r in pipeline.run_data_stages(project_without_004)}
    assert list(reports) == ["ingest", "extract", "curate", "translate", "export"]
    assert reports["translate"].errors == []
    assert any("translation pending" in w for w in reports["translate"].warnings)


# --- LibreTranslate ---------------------------------------------------------------


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """Answers /translate like LibreTranslate; the test sets the server's `mode`."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def _answer(self, code: int, payload) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: the point of the slow mode

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        self.server.requests.append((self.path, request))
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1.0)
        if mode == "error":
            return self._answer(400, {"error": "vi is not supported"})
        if mode == "short":
            return self._answer(200, {"translatedText": ["only one"]})
        return self._answer(200, {"translatedText": [f"EN:{q}" for q in request["q"]]})

    def do_GET(self):
        self._answer(200, {"info": {"version": "1.6.0"}} if self.path == "/spec" else {})


@pytest.fixture
def libretranslate():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    server.requests, server.mode = [], "ok"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_libretranslate_posts_a_batch_and_reads_the_translations(libretranslate):
    backend = LibreTranslateBackend(_url(libretranslate) + "/", api_key="k3y", timeout=5)
    assert backend.translate(["Một.", "Hai."], "vi", "en") == ["EN:Một.", "EN:Hai."]
    path, request = libretranslate.requests[0]
    assert path == "/translate"
    assert request == {"q": ["Một.", "Hai."], "source": "vi", "target": "en", "format": "text", "api_key": "k3y"}
    assert backend.version() == "1.6.0"


def test_libretranslate_error_answer_is_reported_with_the_url_and_the_reason(libretranslate):
    libretranslate.mode = "error"
    with pytest.raises(BackendError) as err:
        LibreTranslateBackend(_url(libretranslate), timeout=5).translate(["Một."], "vi", "en")
    assert f"LibreTranslate at {_url(libretranslate)}/translate answered HTTP 400: vi is not supported" in str(err.value)


def test_libretranslate_answer_without_one_translation_per_text_is_an_error(libretranslate):
    libretranslate.mode = "short"
    with pytest.raises(BackendError, match="one 'translatedText' per text"):
        LibreTranslateBackend(_url(libretranslate), timeout=5).translate(["Một.", "Hai."], "vi", "en")


def test_libretranslate_that_does_not_answer_in_time_is_reported(libretranslate):
    libretranslate.mode = "slow"
    with pytest.raises(BackendError, match=r"did not answer within 0\.2 s"):
        LibreTranslateBackend(_url(libretranslate), timeout=0.2).translate(["Một."], "vi", "en")


def test_libretranslate_server_down_is_a_clear_message_naming_the_url():
    url = _closed_port_url()
    with pytest.raises(BackendError) as err:
        LibreTranslateBackend(url, timeout=2).translate(["Một."], "vi", "en")
    message = str(err.value)
    assert f"LibreTranslate at {url}/translate cannot be reached" in message
    assert "is the server running?" in message and "CHRONICLE_LIBRETRANSLATE_URL" in message


def test_server_down_during_translate_keeps_the_build_going_and_fails_the_command(project_without_004, monkeypatch, capsys):
    url = _closed_port_url()
    monkeypatch.setenv("CHRONICLE_LIBRETRANSLATE_URL", url)
    report = pipeline.run_translate(project_without_004)
    assert len(report.errors) == 1 and url in report.errors[0]
    code = cli.main(["--root", str(project_without_004.root), "-q", "translate"])
    assert code == 1
    assert f"LibreTranslate at {url}/translate cannot be reached" in capsys.readouterr().err
    stages = [r.stage for r in pipeline.run_data_stages(project_without_004)]
    assert stages == ["ingest", "extract", "curate", "translate", "export"]


def test_translate_through_libretranslate_fills_the_machine_store(project_without_004, libretranslate, monkeypatch, capsys):
    monkeypatch.setenv("CHRONICLE_LIBRETRANSLATE_URL", _url(libretranslate))
    try:
        assert cli.main(["--root", str(project_without_004.root), "-q", "translate"]) == 0
        assert "vi: 0 reviewed, 0 stale, 0 machine, 18 missing" not in capsys.readouterr().out
        machine_file = project_without_004.machine_translations / "004_aeeb56263c09fa58.vi.yaml"
        data = yaml.safe_load(machine_file.read_text(encoding="utf-8"))
        assert data["title"]["text"].startswith("EN:") and data["title"]["engine"] == "libretranslate"
        assert all(request["source"] == "en" and request["target"] == "vi" for _, request in libretranslate.requests)
        _, problems = check_project(project_without_004)
        assert problems == []
    finally:
        shutil.rmtree(project_without_004.machine_translations, ignore_errors=True)


# --- Configuration and CTranslate2 ------------------------------------------------


def test_environment_wins_over_the_editors_config(tmp_path):
    layout = Layout(tmp_path)
    layout.data.mkdir()
    layout.translate_config.write_text("backend: ctranslate2\nmodel_dir: models/opus\n", encoding="utf-8")
    assert load_config(layout, env={}).model_dir == str(tmp_path / "models/opus")
    config = load_config(layout, env={"CHRONICLE_LIBRETRANSLATE_URL": "http://127.0.0.1:5000"})
    assert (config.backend, config.url) == ("libretranslate", "http://127.0.0.1:5000")


def test_typo_in_the_config_file_names_the_field(tmp_path):
    layout = Layout(tmp_path)
    layout.data.mkdir()
    layout.translate_config.write_text("backend: libretranslate\nulr: http://127.0.0.1:5000\n", encoding="utf-8")
    with pytest.raises(DataError, match="field 'ulr' is unknown \\(did you mean 'url'\\?\\)"):
        load_config(layout, env={})


def test_ctranslate2_backend_without_the_package_says_which_extra_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import fails as if not installed
    with pytest.raises(BackendError) as err:
        CTranslate2Backend(tmp_path).translate(["Một."], "vi", "en")
    assert "pip install -e '.[mt]'" in str(err.value) and "'ctranslate2'" in str(err.value)


def test_ctranslate2_backend_without_a_model_for_the_direction_names_what_it_looked_for(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", type(sys)("ctranslate2"))
    with pytest.raises(BackendError, match=r"no CTranslate2 model for vi->en under .*vi-en/model\.bin"):
        CTranslate2Backend(tmp_path).translate(["Một."], "vi", "en")


def test_ctranslate2_backend_translates_sentence_by_sentence_with_sentencepiece(tmp_path, monkeypatch):
    folder = tmp_path / "opus-mt-vi-en"
    folder.mkdir()
    for name in ("model.bin", "source.spm", "target.spm"):
        (folder / name).write_text("", encoding="utf-8")

    class Result:
        def __init__(self, tokens):
            self.hypotheses = [[t.upper() for t in tokens if t != "</s>"]]

    class Translator:
        def __init__(self, path, device="cpu"):
            self.path = path

        def translate_batch(self, batch, beam_size=1):
            return [Result(tokens) for tokens in batch]

    class Processor:
        def __init__(self, model_file):
            self.model_file = model_file

        def encode(self, text, out_type=str):
            return text.split()

        def decode(self, tokens):
            return " ".join(tokens)

    ct2 = type(sys)("ctranslate2")
    ct2.Translator, ct2.__version__ = Translator, "4.8.5"
    spm = type(sys)("sentencepiece")
    spm.SentencePieceProcessor = Processor
    monkeypatch.setitem(sys.modules, "ctranslate2", ct2)
    monkeypatch.setitem(sys.modules, "sentencepiece", spm)
    backend = CTranslate2Backend(tmp_path)
    assert backend.translate(["Một câu. Hai câu!", "Ba."], "vi", "en") == ["MỘT CÂU. HAI CÂU!", "BA."]
    assert backend.version() == "4.8.5 (opus-mt-vi-en)"


def test_sentences_are_split_after_end_punctuation_and_closing_quotes():
    assert split_sentences('Ông nói: "Xong." Sau đó, ông đi. 1.550 đầu đạn.') == ['Ông nói: "Xong."', "Sau đó, ông đi.", "1.550 đầu đạn."]
    assert split_sentences("Mr. Trump met U.S. officials. J. D. Vance came.") == ["Mr. Trump met U.S. officials.", "J. D. Vance came."]


# --- Scaffold -------------------------------------------------------------------


def test_scaffold_writes_hashes_and_empty_texts_that_resolve_as_missing(tmp_path):
    layout = Layout(tmp_path)
    article = make_article(captions=("Ảnh: Reuters",))
    path = write_scaffold(layout, article, "en")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["paragraphs"][1] == {"n": 2, "source_hash": source_hash("Câu thứ hai."), "status": "missing",
                                     "source": "Câu thứ hai.", "text": ""}
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../generator/schemas/translations.schema.json")
    store, errors = TranslationStore.load(layout.translations, tmp_path)
    assert errors == []
    assert {u.status for u in resolve(article, "en", store, None)} == {"missing"}


def test_scaffold_never_overwrites_an_editors_file(tmp_path):
    layout = Layout(tmp_path)
    article = make_article()
    path = write_scaffold(layout, article, "en")
    edited = path.read_text(encoding="utf-8").replace("text: ''", "text: First sentence.", 1)
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(DataError, match="exists; it is an editor's file and is not overwritten"):
        write_scaffold(layout, article, "en")
    assert path.read_text(encoding="utf-8") == edited


def test_scaffold_from_the_command_line_refuses_an_existing_file(project, capsys):
    code = cli.main(["--root", str(project.root), "translate", "--scaffold", "004", "vi"])
    assert code == 2
    assert "004_aeeb56263c09fa58.vi.yaml exists" in capsys.readouterr().err


def test_scaffold_into_the_articles_own_language_is_refused(tmp_path):
    with pytest.raises(DataError, match="choose one of en"):
        write_scaffold(Layout(tmp_path), make_article(), "vi")


def test_scaffold_text_is_valid_against_the_schema(tmp_path):
    layout = Layout(tmp_path)
    layout.translations.mkdir(parents=True)
    (layout.translations / "a1.en.yaml").write_text(scaffold_text(make_article(), "en"), encoding="utf-8")
    _, problems = check_project(layout)
    assert problems == []


# --- Schema ---------------------------------------------------------------------


def test_typo_and_missing_reviewer_in_a_reviewed_file_are_caught_by_check(tmp_path):
    layout = Layout(tmp_path)
    layout.translations.mkdir(parents=True)
    (layout.translations / "a1.en.yaml").write_text(
        "article: a1\nlanguage: en\nparagraphs:\n"
        f"  - n: 1\n    source_hash: {source_hash('Câu thứ nhất.')}\n    status: reviewed\n    text: First.\n"
        f"  - n: 2\n    source_hash: {source_hash('Câu thứ hai.')}\n    status: reviewed\n    by: me\n    txet: Second.\n",
        encoding="utf-8",
    )
    _, problems = check_project(layout)
    messages = [str(p) for p in problems]
    assert "data/translations/a1.en.yaml:4: paragraphs[0]: 'by' is required but missing" in messages
    assert any(m.startswith("data/translations/a1.en.yaml:8: paragraphs[1]: field 'txet' is unknown (did you mean 'text'?)") for m in messages)
    # the stage reports the broken file and goes on
    store, errors = TranslationStore.load(layout.translations, tmp_path)
    assert len(errors) == 1 and "a1.en.yaml" in errors[0] and not store.files


# --- The shipped seed translations -----------------------------------------------


SEEDS = sorted((ROOT / "seeds").iterdir())
REGISTRY, _ = load_registry(ROOT / "data/sources.yaml")


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_shipped_reviewed_translation_is_fresh_and_complete(seed):
    article = ingest_file(seed, REGISTRY.get(seed.name))
    target = "en" if article.language == "vi" else "vi"
    path = ROOT / "data/translations" / f"{article.id}.{target}.yaml"
    assert path.exists(), f"{path.name} is missing"
    store, errors = TranslationStore.load(ROOT / "data/translations", ROOT)
    assert errors == []
    units = [u for u in resolve(article, target, store, None) if u.unit.kind != "quote"]
    assert len(units) == 1 + len(article.paragraphs) + len(article.captions)
    not_fresh = [(u.key, u.status) for u in units if u.status != "reviewed"]
    assert not_fresh == [], f"{path.name}: run `chronicle translate` for the new hashes"
    assert all(u.text.strip() and u.entry.by for u in units)


def test_seed_004_vietnamese_translates_the_sources_machine_translation_errors_by_meaning():
    store, _ = TranslationStore.load(ROOT / "data/translations", ROOT)
    stored = store.get("004_aeeb56263c09fa58", "vi")
    assert "Nhà Trắng" in stored.paragraphs[6].text and "Buckingham" not in stored.paragraphs[6].text
    assert "Truth Social" in stored.paragraphs[5].text
    assert "tinh thần Anchorage" in stored.paragraphs[13].text and "vẫn còn" in stored.paragraphs[13].text
    assert all(stored.paragraphs[n].note for n in (5, 6, 13))
