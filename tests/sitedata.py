"""A small, fixed chronicle for the render tests: two articles, four events.

The Vietnamese article has an English translation of every status: a reviewed
title, paragraph (with a translator's note) and quote, a stale paragraph (its
source changed after the review), a machine-translated paragraph and a
caption still pending; the English article has no Vietnamese translation yet.

Built in code, not from the seeds, so that a change of the extractor or of the
editors' files never changes what these tests see. ``hostile=True`` puts
markup, script, links and template code into every text an article or an
editor could supply.
"""

from __future__ import annotations

from generator.gazetteer import Entity, Gazetteer, Glossary, GlossaryTerm, Role, Topic, Topics
from generator.models import (
    Article,
    Attribution,
    Caption,
    DateValue,
    Event,
    Outcome,
    Paragraph,
    Participant,
    Quote,
    RemovedBlock,
    SourceRef,
)
from generator.render import SiteData
from generator.translate import Entry, TranslationFile, TranslationStore, source_hash

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {{ config }} {% raw %} *star* | pipe"


def _text(plain: str, hostile: bool) -> str:
    return f"{plain} {HOSTILE}" if hostile else plain


def gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Entity("united-states", "country", "United States", "Mỹ", aliases_en=("US",)),
            Entity("russia", "country", "Russia", "Nga"),
            Entity("hungary", "country", "Hungary", "Hungary"),
            Entity(
                "donald-trump", "person", "Donald Trump", "Donald Trump", aliases_en=("Trump",), country="united-states",
                roles=(Role("President", "Tổng thống", "united-states", "president", "2025-01-20", None),),
            ),
            Entity(
                "vladimir-putin", "person", "Vladimir Putin", "Vladimir Putin", aliases_en=("Putin",), country="russia",
                roles=(Role("President", "Tổng thống", "russia", "president", "2012-05-07", None),),
            ),
            Entity("dmitry-peskov", "person", "Dmitry Peskov", "Dmitry Peskov", country="russia"),
            Entity("kremlin", "organisation", "Kremlin", "Điện Kremlin", country="russia", stands_for="russia"),
            Entity("budapest", "place", "Budapest", "Budapest", located_in="hungary", stands_for="hungary"),
            Entity("geneva", "place", "Geneva", "Geneva"),  # named nowhere: gets no page
        ]
    )


def topics() -> Topics:
    return Topics([Topic("peace-plan", "Peace plan", "Kế hoạch hòa bình", ("peace plan",), ("kế hoạch hòa bình",))])


def glossary(hostile: bool = False) -> Glossary:
    return Glossary(
        [
            GlossaryTerm("kremlin", "Kremlin", "Điện Kremlin", ("Kremlin",), ("Điện Kremlin",),
                         _text("The seat of the Russian presidency.", hostile), "Nơi làm việc của Tổng thống Nga."),
            GlossaryTerm("cameo", "CAMEO", "CAMEO", ("CAMEO",), ("CAMEO",),
                         "A scheme for coding political events.", "Hệ thống mã hóa sự kiện chính trị."),
        ]
    )


def articles(hostile: bool = False) -> list[Article]:
    vi = Article(
        id="vi-call",
        source_file="vi-call.txt",
        title=_text("Ông Trump điện đàm với ông Putin", hostile),
        title_generated=False,
        language="vi",
        paragraphs=[
            Paragraph(1, _text("Ngày 12/2, Tổng thống Trump điện đàm với Tổng thống Putin.", hostile)),
            Paragraph(2, _text("Điện Kremlin xác nhận cuộc điện đàm kéo dài 90 phút.", hostile)),
            Paragraph(3, "Hai bên nhất trí gặp nhau tại Budapest."),
        ],
        captions=[Caption(_text("Ông Trump tại Nhà Trắng.", hostile), after_paragraph=1)],
        removed=[RemovedBlock("related_news", 12, [_text("Tin liên quan", hostile)])],
        outlet=_text("Báo Ví Dụ", hostile),
        url="https://example.org/vi-call",
        published="2025-02-13T08:00:00+07:00",
    )
    en = Article(
        id="en-summit",
        source_file="en-summit.txt",
        title=_text("Trump says Budapest summit is on", hostile),
        title_generated=False,
        language="en",
        paragraphs=[
            Paragraph(1, _text("Trump said he would meet Putin in Budapest.", hostile)),
            Paragraph(2, _text("\"We will meet soon at the Buckinghamham Palace,\" Trump said.", hostile)),
        ],
        outlet="Example News",
        url="javascript:alert(1)" if hostile else "https://example.org/en-summit",
        published="2025-10-16",
    )
    return [vi, en]


def events(hostile: bool = False) -> list[Event]:
    call = Event(
        id="2025-02-12-phone-call-trump-putin",
        type="phone_call",
        cameo="041",
        status="held",
        date=DateValue("2025-02-12", "day", "editor", "2025-02-12", "2025-02-12"),
        participants=[Participant("donald-trump", "caller"), Participant("vladimir-putin")],
        duration_minutes=90,
        duration_approximate=True,
        topics=["peace-plan"],
        outcomes=[Outcome(_text("Hai bên nhất trí gặp nhau tại Budapest.", hostile), "vi-call", 3, "vi")],
        quotes=[Quote("donald-trump", _text(CALL_QUOTE, hostile), "vi-call", 1, "vi")],
        confirmed_by=[Attribution("kremlin", "vi-call", 2)],
        mentioned=False,
        confidence="high",
        sources=[SourceRef("vi-call", [1, 2, 3], [0], ["điện đàm"])],
        became=None,
        summary_en=_text("Phone call between Donald Trump and Vladimir Putin", hostile),
        summary_vi="Điện đàm giữa Donald Trump và Vladimir Putin",
        curated_fields=["date"],
        annotations=[
            {"kind": "correction", "fields": ["date"], "why": _text("The article gives the day only.", hostile), "by": "editor"},
            {"kind": "annotation", "text_en": _text("Both sides confirmed the call.", hostile), "why": "Press releases.", "by": "editor"},
        ],
    )
    plan = Event(
        id="xxxx-summit-trump-putin",
        type="summit",
        cameo="036",
        status="planned",
        date=DateValue("XXXX-10-16", "year_unknown", "16 October", None, None),
        participants=[Participant("donald-trump"), Participant("vladimir-putin")],
        place="budapest",
        quotes=[Quote("donald-trump", _text("We will meet soon at the Buckinghamham Palace", hostile), "en-summit", 2, "en")],
        confirmed_by=[Attribution("dmitry-peskov", "en-summit", 1)],
        sources=[SourceRef("en-summit", [1, 2], [], ["meet"])],
        summary_en=_text("Summit between Donald Trump and Vladimir Putin in Budapest (planned)", hostile),
        summary_vi="Hội nghị thượng đỉnh giữa Donald Trump và Vladimir Putin tại Budapest (dự kiến)",
        became="2026-01-summit-trump-putin",
    )
    held = Event(
        id="2026-01-summit-trump-putin",
        type="summit",
        cameo="044",
        status="held",
        date=DateValue("2026-01~", "approximate", "late January", "2026-01-21", "2026-01-31", True),
        participants=[Participant("donald-trump", "host"), Participant("vladimir-putin", "visitor")],
        place="budapest",
        sources=[SourceRef("en-summit", [1], [], ["summit"])],
        summary_en="Summit between Donald Trump and Vladimir Putin in Budapest",
        summary_vi="Hội nghị thượng đỉnh giữa Donald Trump và Vladimir Putin tại Budapest",
        plan_of="xxxx-summit-trump-putin",
    )
    statement = Event(
        id="undated-statement-peskov",
        type="statement",
        cameo="010",
        status="held",
        date=None,
        participants=[Participant("dmitry-peskov", "speaker")],
        sources=[SourceRef("vi-call", [2], [], ["xác nhận"])],
        summary_en="Statement by Dmitry Peskov",
        summary_vi="Tuyên bố của Dmitry Peskov",
    )
    return [statement, held, plan, call]  # not in order: the site sorts them


def curation(hostile: bool = False) -> dict:
    return {
        "text_fixes": [
            {"article": "en-summit", "paragraph": 2, "text": "Buckinghamham Palace", "should_be": _text("the White House", hostile),
             "why": _text("Machine-translation error.", hostile), "entry": "data/curated/x.yaml:3"},
        ],
        "annotations": [
            {"target": "quote", "article": "vi-call", "paragraph": 1, "starts": "Cuộc điện đàm",
             "text_en": _text("Quoted from the White House readout.", hostile), "why": "Checked.", "by": "editor",
             "entry": "data/curated/x.yaml:9"},
        ],
    }


CALL_QUOTE = "Cuộc điện đàm rất hiệu quả."


def translations(hostile: bool = False) -> tuple[TranslationStore, TranslationStore]:
    """(reviewed, machine) translations of the Vietnamese article into English."""
    call = next(a for a in articles(hostile) if a.id == "vi-call")
    paragraph = {p.n: p.text for p in call.paragraphs}
    reviewed = TranslationFile(
        article="vi-call", language="en", source_language="vi",
        title=Entry(source_hash(call.title), _text("Mr Trump holds a phone call with Mr Putin", hostile), "reviewed", by="Lan"),
        paragraphs={
            1: Entry(source_hash(paragraph[1]), _text("On 12 February, President Trump held a phone call with President Putin.", hostile),
                     "reviewed", by="Lan", note=_text("The article writes “12/2”: day, then month.", hostile)),
            # reviewed against an older text of the paragraph: stale
            2: Entry(source_hash("Điện Kremlin xác nhận cuộc điện đàm."), _text("The Kremlin confirmed the call.", hostile),
                     "reviewed", by="Lan"),
        },
        quotes={1: [Entry(source_hash(_text(CALL_QUOTE, hostile)), _text("The call was very productive.", hostile), "reviewed", by="Lan")]},
    )
    machine = TranslationFile(
        article="vi-call", language="en", source_language="vi",
        paragraphs={3: Entry(source_hash(paragraph[3]), _text("The two sides agreed to meet in Budapest.", hostile), "machine",
                             engine="libretranslate", engine_version="1.6", date="2025-02-14")},
    )
    return TranslationStore([reviewed]), TranslationStore([machine])


def site_data(hostile: bool = False) -> SiteData:
    reviewed, machine = translations(hostile)
    return SiteData(
        articles=articles(hostile),
        events=events(hostile),
        gazetteer=gazetteer(),
        topics=topics(),
        glossary=glossary(hostile),
        curation=curation(hostile),
        mentions={
            "donald-trump": [("vi-call", 1), ("en-summit", 1), ("en-summit", 2)],
            "vladimir-putin": [("vi-call", 1), ("en-summit", 1)],
            "kremlin": [("vi-call", 2)],
            "hungary": [("en-summit", 1)],
        },
        translations=reviewed,
        machine_translations=machine,
    )
