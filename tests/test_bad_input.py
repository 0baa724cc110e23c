"""Bad input: every broken or hostile file is reported with its file (and line)
and what to do, and costs nothing else.

For each bad input the tests pin what the user sees (the message), and that
the real seeds' articles still build beside it, that nothing is written
outside ``data/generated/`` and ``docs/``, and that no editors' file changes.

One project holds all the bad pages and bad editors' files that can share a
run, next to the five real seeds, and goes through the whole pipeline once
for the module. A broken ``data/sources.yaml`` or gazetteer takes a whole file
of the editors' down, so each of those gets a project of its own.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import cli, pipeline
from generator.build import BuildError, build_site_atomically
from generator.check import check_project
from generator.ingest import (
    MAX_INPUT_BYTES,
    SAFE_ID,
    IngestError,
    article_id,
    ingest_file,
    ingest_page,
    repair_mojibake,
)
from generator.store import MAX_EXPANDED_VALUES, DataError, Layout, expanded_size, load_yaml, parse_yaml
from tests.sitebuild import ROOT, make_project

SEED_IDS = sorted(article_id(p) for p in (ROOT / "seeds").iterdir() if p.is_file())
OUTPUTS = ("project/data/generated/", "project/docs/")
EDITORS_FILES = ("project/data/curated/", "project/data/sources.yaml", "project/data/gazetteer.yaml",
                 "project/data/translations/", "project/data/topics.yaml", "project/data/glossary.yaml")

# --------------------------------------------------------------------------
# Pages written for these tests.

ARTICLE_VI = """Ngoại trưởng Nga và Mỹ điện đàm về Ukraine

Tổng thống Mỹ Donald Trump và Tổng thống Nga Vladimir Putin đã điện đàm hôm thứ Ba về xung đột ở Ukraine.

Hai bên nhất trí tiếp tục trao đổi trong những tuần tới, Điện Kremlin cho biết.
"""

ARTICLE_EN = """Envoys agree to meet again in Riyadh

The American and Russian delegations agreed on Tuesday to hold another round of talks in Riyadh, officials said.

A State Department spokesperson declined to give a date for the next meeting.
"""


def windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: vowel letters composed, tone marks as combining signs."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += letter.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return out


def as_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, as a browser shows it (undefined bytes as control signs)."""
    def sign(byte: int) -> str:
        try:
            return bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(byte)
    return "".join(sign(b) for b in text.encode("utf-8"))


HOSTILE_HTML = """<!doctype html><html lang="en"><head><title>Talks</title>
<meta property="og:url" content="javascript:alert('url')">
<script>alert('head')</script></head>
<body onload="alert('body')"><article>
<h1>Talks resume <img src=x onerror=alert('h1')></h1>
<p onclick="alert('p')">The delegations met in Geneva on Monday, <a href="javascript:alert('a')">the ministry</a> said in a statement.</p>
<iframe src="https://evil.example/frame"></iframe>
<p>Both sides described the talks as constructive and agreed to meet again next month.</p>
<script>alert('body-script')</script>
</article></body></html>
"""

MARKUP_TEXT = """Talks resume in Geneva <script>alert('title')</script>

The delegations met in Geneva on Monday <script>alert('p')</script> and [clicked](javascript:alert('md')) the {{ config }} button, officials said.

Both sides agreed {% include '/etc/passwd' %} to meet again <img src=x onerror=alert('img')> next month in the same city.
"""

PYTHON_TAG = """corrections:
  - event: !!python/object/apply:os.system ["touch PWNED"]
    set: {status: confirmed}
    why: a tag that would run a command
"""

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)

# Entries of the right sections with values of the wrong shape: each once crashed a stage.
MALFORMED_ENTRIES = """suppress: not a list
corrections:
  - event: {article: 000_cbd8a5b9abaed145, type: phone_call}
    set: {participants: [{role: host}]}
    why: a participant without an id
text_fixes:
  - article: 004_aeeb56263c09fa58
    paragraph: six
    text: Palace
    should_be: House
    why: a paragraph that is not a number
annotations:
  - paragraph: ../../etc/passwd
    text_en: a note on no paragraph
    why: a target that is not {article, paragraph}
"""

REGISTRY_ADDITIONS = """  ../../etc/passwd:
    outlet: Nowhere
    why: a name that tries to leave seeds/
  002_2586bed3a80c014e.txt:
    published: "2025-02-30"
    url: "javascript:alert('registry')"
    why: a quoted impossible date and a script address
"""


def bad_pages_project(root: Path) -> Layout:
    """The real seeds and the editors' data, with every bad page and editors' file that can share a run."""
    layout = make_project(root, {
        "empty.txt": "  \n\n",
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "windows-1258.txt": windows_1258(ARTICLE_VI),
        "utf-16.txt": "\ufeff".encode("utf-16-le") + ARTICLE_EN.encode("utf-16-le"),
        "mojibake.txt": ARTICLE_VI.splitlines()[0] + "\n\n" + as_mojibake(ARTICLE_VI.split("\n\n", 1)[1]),
        "garbled.txt": "Tin thế giới hôm nay\n\nTá»?ng thá»?ng Nga và Má»¹ điện đàm về chiến sự ở Ukraine hôm thứ Ba, theo Điện Kremlin.\n",
        "hostile.html": HOSTILE_HTML,
        "markup.txt": MARKUP_TEXT,
        "one-line.txt": "A page whose text is one line\n\n" + "The talks went on for hours. " * 37_000 + "\n",
        "Same ID.html": "<html><body><h1>Talks in Geneva</h1><p>The delegations met in Geneva on Monday, officials said.</p></body></html>",
        "same-id.txt": ARTICLE_EN,
        "..%2f..%2fetc.txt": ARTICLE_EN,
    })
    with open(layout.seeds / "too-big.txt", "wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 2**20)  # sparse: made at once, takes no disk
    curated = layout.curated
    (curated / "broken.yaml").write_text("corrections:\n  - event: {article: x\n    why: [unclosed\n", encoding="utf-8")
    (curated / "python-tag.yaml").write_text(PYTHON_TAG, encoding="utf-8")
    (curated / "alias-bomb.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    (curated / "impossible-date.yaml").write_text(
        "corrections:\n  - event: {article: 000_cbd8a5b9abaed145, type: phone_call}\n"
        "    set:\n      date: 2025-02-30\n    why: an impossible date, unquoted\n", encoding="utf-8")
    (curated / "quoted-date.yaml").write_text(
        "corrections:\n  - event: {article: 000_cbd8a5b9abaed145, type: phone_call}\n"
        "    set: {date: \"2025-02-30\"}\n    why: an impossible date, quoted\n", encoding="utf-8")
    (curated / "traversal.yaml").write_text(
        "suppress:\n  - event: ../../etc/passwd\n    why: a selector that tries to leave the project\n"
        "text_fixes:\n  - article: ../../etc/passwd\n    paragraph: 1\n    text: root\n    should_be: toor\n"
        "    why: an article id that tries to leave the project\n", encoding="utf-8")
    (curated / "nowhere.yaml").write_text(
        "corrections:\n  - event: {article: 000_cbd8a5b9abaed145, type: summit, participants: [nobody-at-all]}\n"
        "    set: {status: confirmed}\n    why: an entry that selects no event\n", encoding="utf-8")
    (curated / "malformed-entries.yaml").write_text(MALFORMED_ENTRIES, encoding="utf-8")
    registry = layout.sources_registry
    registry.write_text(registry.read_text(encoding="utf-8") + REGISTRY_ADDITIONS, encoding="utf-8")
    return layout


# --------------------------------------------------------------------------
# A run of the pipeline, and what it changed.


def line_of(path: Path, text: str) -> int:
    """The number of the line of ``path`` that holds ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (path relative to it -> sha256)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.stat().st_size < 2**24 else "big"
        for p in folder.rglob("*") if p.is_file()
    }


@dataclass
class Run:
    layout: Layout
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failure: DataError | None = None  # a whole-project file that stops the run
    changed: set[str] = field(default_factory=set)
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)

    def error_about(self, name: str) -> str:
        found = [e for e in self.errors if name in e]
        assert len(found) == 1, (name, found)
        return found[0]

    def warnings_about(self, name: str) -> list[str]:
        return [w for w in self.warnings if name in w]

    def article(self, article: str) -> dict:
        return load_yaml(self.layout.articles / f"{article}.yaml")


def run_pipeline(tmp: Path, layout: Layout) -> Run:
    """Every stage, in a working folder inside ``tmp`` (a stray relative path would land there, and be seen)."""
    run = Run(layout, before=snapshot(tmp))
    workdir = tmp / "cwd"
    workdir.mkdir(exist_ok=True)
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        for report in pipeline.run_all(layout):
            run.errors.extend(report.errors)
            run.warnings.extend(report.warnings)
    except DataError as err:
        run.failure = err
    finally:
        os.chdir(cwd)
    run.after = snapshot(tmp)
    run.changed = {p for p in run.before.keys() | run.after.keys() if run.before.get(p) != run.after.get(p)}
    return run


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("bad")
    return run_pipeline(tmp, bad_pages_project(tmp / "project"))


@pytest.fixture(scope="module")
def broken_registry(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("registry")
    layout = make_project(tmp / "project")
    registry = layout.sources_registry
    registry.write_text(registry.read_text(encoding="utf-8") + "  broken.txt: [outlet: x\n", encoding="utf-8")
    return run_pipeline(tmp, layout)


@pytest.fixture(scope="module")
def impossible_registry_date(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("registry-date")
    layout = make_project(tmp / "project")
    registry = layout.sources_registry
    registry.write_text(registry.read_text(encoding="utf-8") +
                        "  002_2586bed3a80c014e.txt:\n    published: 2025-02-30\n    why: an impossible date\n", encoding="utf-8")
    return run_pipeline(tmp, layout)


@pytest.fixture(scope="module")
def broken_gazetteer(tmp_path_factory) -> Run:
    """A project built once as it should be; then an editor breaks the gazetteer and builds again."""
    tmp = tmp_path_factory.mktemp("gazetteer")
    layout = make_project(tmp / "project")
    list(pipeline.run_all(layout))
    gazetteer = layout.gazetteer
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n  - id: sergei-lavrov\n   kind: [person\n", encoding="utf-8")
    return run_pipeline(tmp, layout)


PROJECTS = ["bad", "broken_registry", "impossible_registry_date", "broken_gazetteer"]


# --------------------------------------------------------------------------
# What holds for every bad input.


@pytest.mark.parametrize("project", PROJECTS)
def test_the_seeds_articles_still_build(project, request):
    run: Run = request.getfixturevalue(project)
    layout = run.layout
    for seed in SEED_IDS:
        assert (layout.articles / f"{seed}.yaml").is_file(), seed
        assert list(layout.docs.rglob(f"sources/{seed}.md")), f"no source page for {seed}"
    assert list(layout.docs.rglob("events/*.md"))


@pytest.mark.parametrize("project", PROJECTS)
def test_nothing_is_written_outside_the_output_folders(project, request):
    run: Run = request.getfixturevalue(project)
    assert sorted(p for p in run.changed if not p.startswith(OUTPUTS)) == []
    assert not list(run.layout.root.parent.rglob("PWNED"))


@pytest.mark.parametrize("project", PROJECTS)
def test_no_editors_file_changes(project, request):
    run: Run = request.getfixturevalue(project)
    editors = [p for p in run.before if p.startswith(EDITORS_FILES)]
    assert len(editors) > 5
    assert {p: run.after.get(p) for p in editors} == {p: run.before[p] for p in editors}


def test_every_article_id_is_a_safe_slug_and_every_page_is_under_docs(bad: Run):
    ids = [p.stem for p in bad.layout.articles.glob("*.yaml")]
    assert ids and all(SAFE_ID.fullmatch(i) for i in ids)
    assert all(bad.article(i)["id"] == i for i in ids)
    docs = bad.layout.docs.resolve()
    assert all(docs in p.resolve().parents for p in bad.layout.docs.rglob("*"))


# --------------------------------------------------------------------------
# Pages that cannot be read.


def test_an_empty_file_is_reported_and_skipped(bad: Run):
    assert bad.error_about("empty.txt") == "empty.txt: the file is empty. Remove it or replace it with the article's text."
    assert not (bad.layout.articles / "empty.yaml").exists()


def test_a_binary_file_is_reported_and_skipped(bad: Run):
    assert bad.error_about("binary.html") == "binary.html: this is a binary file, not an article. Save the page as text or HTML."
    assert not (bad.layout.articles / "binary.yaml").exists()


def test_a_windows_1258_page_is_reported_with_its_line_and_how_to_convert_it(bad: Run):
    message = bad.error_about("windows-1258.txt")
    assert message.startswith("windows-1258.txt:1: the text is not UTF-8 (byte 0x")
    assert message.endswith("Re-save the file as UTF-8 (for Vietnamese pages saved as Windows-1258, convert with "
                            "`iconv -f CP1258 -t UTF-8`).")
    assert not (bad.layout.articles / "windows-1258.yaml").exists()


def test_what_the_windows_1258_message_says_to_do_works(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(windows_1258(ARTICLE_VI))
    converted = tmp_path / "converted.txt"
    converted.write_text(page.read_bytes().decode("cp1258"), encoding="utf-8")  # what iconv does
    article = ingest_file(converted)
    assert unicodedata.normalize("NFC", article.paragraphs[0].text).startswith("Tổng thống Mỹ Donald Trump")


def test_a_utf16_page_with_a_byte_order_mark_is_read(bad: Run):
    article = bad.article("utf-16")
    assert article["title"] == "Envoys agree to meet again in Riyadh"
    assert article["paragraphs"][0]["text"].startswith("The American and Russian delegations")


def test_mojibake_is_repaired_and_the_article_says_so(bad: Run):
    article = bad.article("mojibake")
    assert article["paragraphs"][0]["text"] == ARTICLE_VI.split("\n\n")[1]
    assert article["warnings"] == [
        "line 3, 5: text that was UTF-8 read as Windows-1252 (like 'Tá»•ng' for 'Tổng') was repaired; "
        "check it against the original page, or save the page again as UTF-8"
    ]
    assert "mojibake.txt: line 3, 5: text that was UTF-8 read as Windows-1252" in bad.warnings_about("mojibake.txt")[0]


def test_mojibake_that_lost_bytes_is_flagged(bad: Run):
    article = bad.article("garbled")
    assert "Mỹ" in article["paragraphs"][0]["text"]  # what could be repaired is
    assert ("line 3: the text looks mis-decoded (like 'Ã©' for 'é') and could not be repaired; "
            "save the page again from its source as UTF-8") in article["warnings"]


def test_mojibake_repair_leaves_real_latin_text_alone():
    text = "Café « crème », naïve Élysée — “quotes” and São Paulo; Tổng thống"
    assert repair_mojibake(text) == (text, [], [])


def test_a_file_over_the_size_limit_is_refused_with_its_size(bad: Run):
    size = MAX_INPUT_BYTES + 2**20
    assert bad.error_about("too-big.txt") == (
        f"too-big.txt: the file is {size:,} bytes (21.0 MB), over the limit of {MAX_INPUT_BYTES:,} bytes (20 MB) "
        "for one article. Check that it is a single article page, and remove it or cut it down."
    )
    assert not (bad.layout.articles / "too-big.yaml").exists()


def test_a_one_megabyte_line_builds_as_one_paragraph(bad: Run):
    article = bad.article("one-line")
    assert len(article["paragraphs"]) == 1
    assert len(article["paragraphs"][0]["text"]) > 1_000_000


def test_a_one_megabyte_line_is_cleaned_in_linear_time(tmp_path):
    page = tmp_path / "line.txt"
    page.write_text("Title\n\n" + "The talks went on for hours. " * 37_000, encoding="utf-8")
    start = time.perf_counter()
    ingest_file(page)
    assert time.perf_counter() - start < 5


# --------------------------------------------------------------------------
# Hostile pages: kept as text, never as markup.


def test_scripts_frames_handlers_and_javascript_links_of_an_html_page_are_removed_and_reported(bad: Run):
    article = bad.article("hostile")
    text = " ".join(p["text"] for p in article["paragraphs"]) + article["title"]
    assert "alert" not in text and "javascript" not in text
    assert article["paragraphs"][0]["text"] == "The delegations met in Geneva on Monday, the ministry said in a statement."
    removed = {(block["reason"], block["lines"][0].split(">")[0] + ">") for block in article["removed"]}
    assert {("script", "<script>"), ("script", "<iframe>")} <= removed
    assert article["url"] is None
    assert article["warnings"] == ["the page gives its address as \"javascript:alert('url')\", not an http(s) address; it is ignored"]


def test_markdown_html_and_template_syntax_in_article_text_stay_text(bad: Run):
    article = bad.article("markup")
    assert article["title"] == "Talks resume in Geneva <script>alert('title')</script>"
    assert "[clicked](javascript:alert('md')) the {{ config }} button" in article["paragraphs"][0]["text"]
    page = next(bad.layout.docs.rglob("sources/markup.md")).read_text(encoding="utf-8")
    for words in ("The delegations met", "Both sides agreed"):
        line = next(line for line in page.splitlines() if words in line)
        text = line.split(" [¶](#p")[0]  # the paragraph, before the anchor the template adds
        assert re.findall(r"(?<!\\)[<>{}\[\]()]", text) == [], text  # every sign of markup escaped
    assert r"\<script\>alert\(\'p\'\)\</script\>" in page
    assert r"\{\{ config \}\}" in page


# --------------------------------------------------------------------------
# Ids.


def test_two_pages_with_one_id_are_reported_and_the_first_one_builds(bad: Run):
    assert bad.error_about("same-id.txt") == "same-id.txt: gives the id 'same-id', already used by Same ID.html. Rename one file."
    assert bad.article("same-id")["source_file"] == "Same ID.html"


def test_a_page_name_that_tries_path_traversal_gets_a_safe_id(bad: Run):
    assert article_id(Path("..%2f..%2fetc.txt")) == "2f-2fetc"
    assert bad.article("2f-2fetc")["source_file"] == "..%2f..%2fetc.txt"
    assert list(bad.layout.docs.rglob("sources/2f-2fetc.md"))


@given(st.text(min_size=1, max_size=40))
def test_any_file_name_gives_a_safe_id_or_a_clear_error(name):
    try:
        ident = article_id(Path(name.replace("/", "_").replace("\x00", "") + ".txt"))
    except IngestError as err:
        assert "gives no usable id. Rename it with letters or digits." in str(err)
    else:
        assert SAFE_ID.fullmatch(ident) and ".." not in ident


def test_a_registry_entry_that_tries_path_traversal_names_no_page(bad: Run):
    assert bad.warnings_about("sources.../../etc/passwd") == [
        f"{bad.layout.sources_registry}: sources.../../etc/passwd names no page under seeds/ (.txt, .html)"
    ]


def test_editors_selectors_that_try_path_traversal_match_nothing(bad: Run):
    assert bad.warnings_about("traversal.yaml") == [
        "data/curated/traversal.yaml:2: suppress entry matches no event ('../../etc/passwd'); "
        "see data/generated/extracted/ for the ids",
        "data/curated/traversal.yaml:5: article '../../etc/passwd' does not exist",
    ]


def test_a_stored_record_with_an_unsafe_id_is_refused(tmp_path):
    layout = make_project(tmp_path, copy_seeds=False)
    layout.articles.mkdir(parents=True)
    record = ingest_page(ARTICLE_EN, "x.txt").to_dict() | {"id": "../../outside"}
    (layout.articles / "x.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.yaml: id '\.\./\.\./outside' is not this record's safe id 'x'"):
        pipeline.load_articles(layout)


# --------------------------------------------------------------------------
# Editors' files that cannot be used.


def test_a_malformed_editors_file_is_reported_with_its_line_and_the_others_apply(bad: Run):
    assert bad.error_about("broken.yaml") == (
        "data/curated/broken.yaml:3: this is not valid YAML (did not find expected ',' or '}'). Fix the file and run again."
    )
    curation = yaml.safe_load((bad.layout.generated / "curation.yaml").read_text(encoding="utf-8"))
    assert any(a["entry"].startswith("data/curated/seed-facts.yaml") for a in curation["applied"])


def test_chronicle_check_names_the_line_of_a_malformed_file(bad: Run):
    _, problems = check_project(bad.layout)
    broken = [str(p) for p in problems if p.file == "data/curated/broken.yaml"]
    assert broken == ["data/curated/broken.yaml:3: this is not valid YAML (did not find expected ',' or '}'). "
                      "Fix the file and run again."]


def test_a_python_tag_is_refused_and_runs_nothing(bad: Run):
    assert bad.error_about("python-tag.yaml") == (
        "data/curated/python-tag.yaml:2: the tag '!!python/object/apply:os.system' is not allowed: data files hold "
        "only text, numbers, dates, lists and mappings. Remove the tag and write the value itself."
    )
    assert not list(bad.layout.root.parent.rglob("PWNED"))


def test_a_yaml_alias_bomb_is_refused(bad: Run):
    assert bad.error_about("alias-bomb.yaml") == (
        f"data/curated/alias-bomb.yaml: the document's aliases (*name) repeat its anchors (&name) into more than "
        f"{MAX_EXPANDED_VALUES:,} values, or an anchor contains itself (a YAML 'billion laughs'). "
        "Write the values out, or use fewer aliases."
    )


def test_load_yaml_refuses_an_alias_bomb_at_once(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DataError, match="billion laughs"):
        load_yaml(path, with_lines=True)
    with pytest.raises(DataError, match="billion laughs"):
        load_yaml(path)
    assert time.perf_counter() - start < 1


def test_aliases_within_the_bound_are_read():
    data = parse_yaml("base: &b {outlet: X}\nfirst: *b\nsecond: {<<: *b, url: null}\n", "ok.yaml")
    assert data == {"base": {"outlet": "X"}, "first": {"outlet": "X"}, "second": {"outlet": "X", "url": None}}
    assert expanded_size(data) == 8


def test_a_document_that_contains_itself_is_refused():
    with pytest.raises(DataError, match="an anchor contains itself"):
        parse_yaml("a: &a [*a]\n", "loop.yaml")


@pytest.mark.parametrize("text", ["[" * 50_000 + "]" * 50_000, "- " * 50_000 + "x", "[" * 900 + "]" * 900])
def test_a_document_nested_too_deeply_is_refused_not_a_crash(text):
    with pytest.raises(DataError, match=r"deep\.yaml: lists and mappings nest more than 100 levels deep"):
        parse_yaml(text, "deep.yaml")


def test_a_tag_that_reads_like_the_depth_error_is_still_a_tag_error():
    with pytest.raises(DataError, match="the tag .* is not allowed"):
        parse_yaml("a: !maximum%20nesting%20depth x\n", "tag.yaml")


def test_editors_entries_of_the_wrong_shape_are_reported_with_their_line(bad: Run):
    assert [e for e in bad.errors if "malformed-entries.yaml" in e] == [
        "data/curated/malformed-entries.yaml:1: 'suppress' is a list of entries (each line starting with '- ')",
        "data/curated/malformed-entries.yaml:3: a participant is an id or {id, role}, not {'role': 'host'}",
        "data/curated/malformed-entries.yaml:13: an annotation's quote or paragraph is {article: <id>, paragraph: <number>}",
        "data/curated/malformed-entries.yaml:7: text fix: paragraph 'six' is not a paragraph number",
    ]


def test_an_impossible_unquoted_date_in_a_correction_names_file_and_line(bad: Run):
    assert bad.error_about("impossible-date.yaml") == (
        "data/curated/impossible-date.yaml:4: a date is not a real day ('2025-02-30': day is out of range for month). "
        "Fix it, or write null when unknown."
    )


def test_an_impossible_quoted_date_in_a_correction_is_reported_once(bad: Run):
    assert bad.error_about("quoted-date.yaml") == (
        "data/curated/quoted-date.yaml:2: date '2025-02-30' is not an ISO 8601 / EDTF date "
        "(e.g. 2025-02-12, 2026-01~, 2022-11-29/2022-12-06)"
    )


def test_an_editors_entry_that_points_nowhere_is_reported_with_file_and_line(bad: Run):
    assert bad.warnings_about("nowhere.yaml") == [
        "data/curated/nowhere.yaml:2: corrections entry matches no event ({'article': '000_cbd8a5b9abaed145', "
        "'type': 'summit', 'participants': ['nobody-at-all']}); see data/generated/extracted/ for the ids"
    ]


def test_an_impossible_quoted_date_and_a_script_address_in_sources_yaml_are_ignored_with_a_warning(bad: Run):
    registry = str(bad.layout.sources_registry)
    line = line_of(bad.layout.sources_registry, 'published: "2025-02-30"')  # where the entry's fields start
    assert bad.warnings_about("sources.002_2586bed3a80c014e.txt") == [
        f"{registry}:{line}: sources.002_2586bed3a80c014e.txt.published: '2025-02-30' is not an ISO 8601 date or time "
        "that exists (like 2025-02-12 or 2025-02-12T09:30); it is ignored until fixed",
        f"{registry}:{line}: sources.002_2586bed3a80c014e.txt.url: 'javascript:alert('registry')' is not an http(s) "
        "address; it is ignored until fixed",
    ]
    article = bad.article("002_2586bed3a80c014e")
    assert article["published"] != "2025-02-30" and article["url"] is None


def test_a_malformed_sources_yaml_is_reported_and_the_pages_build_without_it(broken_registry: Run):
    registry = broken_registry.layout.sources_registry
    line = line_of(registry, "broken.txt") + 1  # the end of the file, where the bracket should have closed
    assert broken_registry.errors == [
        f"{registry}:{line}: this is not valid YAML (did not find expected ',' or ']'). Fix the file and run again. "
        "Until then no page gets its outlet, address or date from it."
    ]
    assert broken_registry.article("000_cbd8a5b9abaed145")["outlet_from"] != "sources.yaml"


def test_an_impossible_unquoted_date_in_sources_yaml_names_file_and_line(impossible_registry_date: Run):
    registry = impossible_registry_date.layout.sources_registry
    line = line_of(registry, "published: 2025-02-30")
    assert impossible_registry_date.errors == [
        f"{registry}:{line}: a date is not a real day ('2025-02-30': day is out of range for month). "
        "Fix it, or write null when unknown. Until then no page gets its outlet, address or date from it."
    ]


def test_a_malformed_gazetteer_stops_the_run_with_file_and_line_and_keeps_the_last_pages(broken_gazetteer: Run):
    gazetteer = broken_gazetteer.layout.gazetteer
    lines = gazetteer.read_text(encoding="utf-8").count("\n")
    assert str(broken_gazetteer.failure) == (
        f"{gazetteer}:{lines}: this is not valid YAML (did not find expected '-' indicator). Fix the file and run again."
    )
    assert not [p for p in broken_gazetteer.changed if p.startswith("project/docs/")]


def test_chronicle_build_exits_with_the_gazetteer_message(broken_gazetteer: Run, capsys):
    status = cli.main(["--root", str(broken_gazetteer.layout.root), "-q", "build"])
    assert status == 2
    assert f"chronicle build: {broken_gazetteer.layout.gazetteer}:" in capsys.readouterr().err


def test_chronicle_build_goes_on_past_a_bad_page_and_strict_makes_it_fail(tmp_path, capsys):
    layout = make_project(tmp_path, {"empty.txt": "", "fine.txt": ARTICLE_EN}, copy_seeds=False)
    assert cli.main(["--root", str(layout.root), "-q", "build"]) == 0
    assert "error: empty.txt: the file is empty." in capsys.readouterr().err
    assert (layout.articles / "fine.yaml").exists()
    assert cli.main(["--root", str(layout.root), "-q", "--strict", "build"]) == 1


# --------------------------------------------------------------------------
# A failed site build leaves the previous site.


def _site(root: Path, text: str) -> None:
    (root / "site" / "events").mkdir(parents=True)
    (root / "site" / "index.html").write_text(text, encoding="utf-8")
    (root / "site" / "events" / "index.html").write_text(text, encoding="utf-8")


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path):
    _site(tmp_path, "previous")
    before = snapshot(tmp_path / "site")

    def failing(root: Path, out: Path) -> None:
        (out / "events").mkdir(parents=True)
        (out / "index.html").write_text("half", encoding="utf-8")
        raise BuildError("mkdocs build failed (exit status 1)")

    with pytest.raises(BuildError):
        build_site_atomically(tmp_path, failing)
    assert snapshot(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_interrupted_build_leaves_the_previous_site_intact(tmp_path):
    _site(tmp_path, "previous")
    before = snapshot(tmp_path / "site")

    def interrupted(root: Path, out: Path) -> None:
        out.mkdir()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_site_atomically(tmp_path, interrupted)
    assert snapshot(tmp_path / "site") == before


def test_a_build_that_makes_no_home_page_is_a_failure(tmp_path):
    _site(tmp_path, "previous")
    with pytest.raises(BuildError, match="left no site.tmp/index.html"):
        build_site_atomically(tmp_path, lambda root, out: out.mkdir())
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "previous"


def test_a_build_that_succeeds_replaces_the_whole_site(tmp_path):
    _site(tmp_path, "previous")

    def working(root: Path, out: Path) -> None:
        out.mkdir()
        (out / "index.html").write_text("new", encoding="utf-8")

    site = build_site_atomically(tmp_path, working)
    assert snapshot(site) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


MINIMAL_MKDOCS = "site_name: Test\nnav:\n  - Home: index.md\n"


def test_chronicle_site_keeps_the_previous_site_when_mkdocs_fails(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[a page that is missing](missing.md)\n", encoding="utf-8")
    _site(tmp_path, "previous")
    before = snapshot(tmp_path / "site")
    assert cli.main(["--root", str(tmp_path), "--strict", "site"]) == 1  # as `make site` runs it
    assert "the previous site/ is unchanged" in capsys.readouterr().err
    assert snapshot(tmp_path / "site") == before
    assert not (tmp_path / "site.tmp").exists()


def test_chronicle_site_swaps_in_a_site_mkdocs_built(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nBuilt.\n", encoding="utf-8")
    _site(tmp_path, "previous")
    assert cli.main(["--root", str(tmp_path), "site"]) == 0
    assert "site built: site/index.html" in capsys.readouterr().out
    assert "Built." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "site" / "events").exists()
