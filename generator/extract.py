"""Extract stage: cleaned articles -> event records.

Takes the article records of the ingest stage and the gazetteer; gives one
event record per event, with its type and CAMEO code, date and precision,
participants and roles, place, duration, status, topics, outcomes, quotes,
confirmations and denials, and the paragraphs of every article that support
it. One event told by several articles becomes one record with several
sources; the merge log says which and why.

The rules are about Vietnamese and English news prose in general, in steps
that each can be tested:

1. split each paragraph into sentences and find quoted speech and speakers;
2. find event words (``lexicon.TRIGGERS``); each sentence is cut into one
   clause per event word, and the names, dates, places, durations and status
   cues of a clause belong to its event;
3. generic words ("cuộc trao đổi", "the call") and clauses without enough
   people add facts to the event in hand instead of making a new one;
4. events of one article that are the same (kind, people, date, place) are
   merged; the article's news is told apart from background and plans;
5. events of several articles are merged when kind, parties and dates agree
   (an undated report never merges with another article's).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple, Protocol

from . import lexicon as lx
from .dates import (
    DateMention,
    anchor_from_published,
    dates_compatible,
    find_dates,
    known_bounds,
    resolve_relative_date,
    sort_key,
)
from .gazetteer import Gazetteer, Topics
from .models import (
    EVENT_TYPES,
    Article,
    Attribution,
    DateValue,
    EntityMention,
    Event,
    Outcome,
    Participant,
    Quote,
    SourceRef,
)

STATUS_RANK = {"proposed": 1, "planned": 2, "held": 3, "reported_unconfirmed": 4, "postponed": 5, "cancelled": 6}
FUTURE = {"planned", "proposed"}
_RELATIVE = re.compile(
    r"\b(?:tomorrow|yesterday|today|tonight|next|last|this|coming)\b|"
    r"hôm nay|hôm qua|ngày mai|tuần (?:tới|sau|trước|này)|tháng (?:tới|sau|trước|này)|năm (?:tới|sau|ngoái|nay)|sáng nay|tối qua|chiều nay",
    re.I,
)
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|No|vs|etc|TS|ThS|PGS|GS|TP|Tp|Q)\.|\b[A-Z]\.)$")
_FORUM = re.compile(r"diễn đàn|forum|hội nghị(?! thượng đỉnh)|conference|đại hội|assembly|bên lề|sidelines", re.I)
_HEAD_OFFICES = {"president", "prime_minister", "head_of_state", "king", "chancellor", "pope"}


# --- Text structure ----------------------------------------------------------


_DEMONYMS: dict[int, tuple[dict[str, str], re.Pattern]] = {}


def _demonym_index(gazetteer: Gazetteer) -> dict[str, str]:
    return _demonym_entry(gazetteer)[0]


def _demonym_pattern(gazetteer: Gazetteer) -> re.Pattern:
    return _demonym_entry(gazetteer)[1]


def _demonym_entry(gazetteer: Gazetteer) -> tuple[dict[str, str], re.Pattern]:
    key = id(gazetteer)
    if key not in _DEMONYMS:
        index = {d: e.id for e in gazetteer.of_kind("country") for d in e.demonyms_en if d[:1].isupper() and len(d) > 3}
        words = "|".join(sorted(map(re.escape, index), key=len, reverse=True)) or "(?!)"
        # "Russian and Ukrainian delegations" / "the Russian side"
        pattern = re.compile(rf"\b({words})(?=(?:\s+and\s+(?:{words}))?\s+{lx.DEMONYM_GROUPS}\b|\s+and\s+(?:{words})\s+{lx.DEMONYM_GROUPS}\b)")
        _DEMONYMS[key] = (index, pattern)
    return _DEMONYMS[key]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


_CLOSING = {opening: closing for opening, closing in reversed(_QUOTE_PAIRS)}
_OPENING = re.compile("|".join(map(re.escape, _CLOSING)))


def quote_spans(text: str) -> list[Span]:
    """Quoted speech in a paragraph (the marks excluded), in order."""
    spans: list[Span] = []
    i = 0
    # jump from opening mark to opening mark: a loop over every character was a tenth of extraction
    while (m := _OPENING.search(text, i)) is not None:
        i = m.start()
        j = text.find(_CLOSING[text[i]], i + 1)
        if j > i + 1:
            spans.append(Span(i + 1, j))
            i = j
        i += 1
    return spans


def sentence_spans(text: str) -> list[Span]:
    """Sentences of a paragraph; quotes, numbers (1.550) and abbreviations do not end one."""
    quotes = quote_spans(text)
    spans, start = [], 0
    for match in re.finditer(r"[.!?]+[\"”»]?(?=\s+[\"“«(]?[A-ZÀ-Ỹ0-9Đ]|\s*$)", text):
        end = match.end()
        # a short quote stays whole with its attribution; a long one is prose of its own
        if any(q.start <= match.start() and match.end() <= q.end and q.end - q.start < 120 for q in quotes):
            continue
        if _ABBREVIATIONS.search(text[start : match.end()]):
            continue
        spans.append(Span(start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append(Span(start, len(text)))
    return [s for s in spans if text[s.start : s.end].strip()]


def find_triggers(text: str, lang: str) -> list[tuple[int, int, lx.Trigger]]:
    """Event words in order; where two overlap the longer wins."""
    found = []
    for trigger in lx.TRIGGERS.get(lang, lx.TRIGGERS["en"]):
        for m in trigger.pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), trigger))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, lx.Trigger]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


# --- Candidates: one event as one article tells it ----------------------------


@dataclass
class Candidate:
    type: str
    creates: bool
    article: str
    paragraph: int  # 0 = the title
    caption: int | None
    trigger: str
    people: list[str] = field(default_factory=list)  # entity ids in text order
    place: str | None = None
    date: DateValue | None = None
    date_relation: str = "on"
    status: str | None = None
    duration: tuple[int, bool] | None = None
    count: int | None = None
    medium: str | None = None
    from_context: bool = False
    caller: str | None = None
    window: str = ""
    reference: bool = False  # "cuộc gặp này", "that meeting": points back to an event named before
    delegates: bool = False  # "senior advisers", "đại diện hai nước": not the leaders themselves
    additive: bool = False  # "X also took part": people joining an event already named


@dataclass
class Found:
    """An event found in one article, before articles are merged."""

    event: Event
    paragraphs: set[int]
    captions: set[int]
    evidence: list[str]
    explicit_status: set[str] = field(default_factory=set)
    order: int = 0
    from_context: bool = False
    place_status: str | None = None
    delegates: bool = False
    last_touch: int = 0


@dataclass
class Extraction:
    events: list[Event]
    merge_log: list[dict]
    candidates: list[dict]
    warnings: list[str]


class ArticleReader:
    """Reads one article: keeps the context (section, event in hand, last speaker)."""

    def __init__(self, article: Article, gazetteer: Gazetteer, topics: Topics):
        self.article = article
        self.lang = article.language if article.language in lx.TRIGGERS else "en"
        self.gaz = gazetteer
        self.topics = topics
        self.anchor = anchor_from_published(article.published)
        self.on = self.anchor.start if self.anchor and self.anchor.start else None
        self.found: list[Found] = []
        self.current: Found | None = None
        self.section_people: list[str] = []
        self.last_subject: str | None = None
        self.unknown_names: list[dict] = []
        self.title_people: list[str] = []
        self.title_types: set[str] = set()

    # -- entities -----------------------------------------------------------

    def entity(self, entity_id: str):
        return self.gaz.get(entity_id) if entity_id in self.gaz else None

    def kind(self, entity_id: str) -> str:
        ent = self.entity(entity_id)
        return ent.kind if ent else "unknown"

    def party(self, entity_id: str) -> str | None:
        """The country an entity acts for."""
        ent = self.entity(entity_id)
        if ent is None:
            return None
        if ent.kind == "country":
            return ent.id
        return ent.stands_for or ent.country

    def mentions(self, text: str) -> list[EntityMention]:
        found = self.gaz.find_mentions(text, self.lang, on=self.on)
        if self.lang != "en":
            return found
        # "Russian and Ukrainian delegations": countries named by their adjectives
        taken = [(m.start, m.end) for m in found]
        extra = []
        for match in _demonym_pattern(self.gaz).finditer(text):
            a, b = match.span(1)
            if any(s <= a < e for s, e in taken):
                continue
            extra.append(EntityMention(_demonym_index(self.gaz)[match.group(1)], a, b, match.group(1), "demonym"))
        return sorted(found + extra, key=lambda m: m.start) if extra else found

    def country_of_place(self, place: str | None) -> str | None:
        ent = self.entity(place) if place else None
        if ent is None:
            return None
        if ent.kind == "country":
            return ent.id
        return ent.located_in or ent.country or ent.stands_for

    def is_head(self, person: str, day: str | None) -> bool:
        ent = self.entity(person)
        if not ent or ent.kind != "person":
            return False
        role = ent.role_on(day)
        return bool(role and role.office in _HEAD_OFFICES)

    # -- reading --------------------------------------------------------------

    def read(self) -> list[Found]:
        title = nfc(self.article.title or "")
        if title and not self.article.title_generated:
            # the headline's first event word is its news; later ones are its context
            first = next((t for _s, _e, t in find_triggers(title, self.lang) if t.creates and (t.requires is None or t.requires.search(title))), None)
            if first is not None:
                self.title_types.add(lx.FAMILIES.get(first.type, first.type))
            self.title_people = self._participants_of(self.mentions(title), title)
        for paragraph in self.article.paragraphs:
            text = nfc(paragraph.text)
            if paragraph.kind == "subheading":
                people = self._participants_of(self.mentions(text), text)
                self.section_people = people
                self.current = None
                continue
            self.read_paragraph(text, paragraph.n, caption=None)
            self.unknown_names.extend(
                {"article": self.article.id, "paragraph": paragraph.n, "name": name}
                for name in self.gaz.candidates(text, self.lang)
            )
        # Captions are read last and never become the event in hand: a photo
        # caption tells of the photo, not of the article's story.
        saved = self.current
        for index, caption in enumerate(self.article.captions):
            self.current = None
            self.read_paragraph(nfc(caption.text), caption.after_paragraph, caption=index)
        self.current = saved
        return self.found

    def _participants_of(self, mentions: list[EntityMention], text: str) -> list[str]:
        out: list[str] = []
        for m in mentions:
            ent = self.entity(m.id)
            if not ent or ent.kind in ("media", "place"):
                continue
            before = text[max(0, m.start - 25) : m.start]
            if ent.kind == "country" and lx.LOCATIVE[self.lang].search(before):
                continue
            if m.id not in out:
                out.append(m.id)
        return out

    def read_paragraph(self, text: str, n: int, caption: int | None) -> None:
        mentions = self.mentions(text)
        quotes = quote_spans(text)
        speakers = self.quote_speakers(text, quotes, mentions)
        for sentence in sentence_spans(text):
            self.read_sentence(text, sentence, n, caption, mentions, quotes, speakers)
        # Quotes go to the event in hand, preferably one their speaker took part in.
        for span, speaker in zip(quotes, speakers):
            words = text[span.start : span.end].split()
            if speaker is None or len(words) < 4 or caption is not None:
                continue
            target = self.event_for_speaker(speaker)
            if target is None:
                continue
            quote = Quote(speaker=speaker, text=text[span.start : span.end].strip(), article=self.article.id, paragraph=n, language=self.lang)
            if all(q.text != quote.text for q in target.event.quotes):
                target.event.quotes.append(quote)
                target.paragraphs.add(n)
        for m in mentions:
            if self.kind(m.id) == "person" and not any(q.start <= m.start < q.end for q in quotes):
                self.last_subject = m.id
                break

    def event_for_speaker(self, speaker: str) -> Found | None:
        recent = [f for f in self.found if f.event.sources and f.order >= 0][-3:]
        for found in reversed(recent):
            if speaker in found.event.participant_ids:
                return found
        return self.current

    def quote_speakers(self, text: str, quotes: list[Span], mentions: list[EntityMention]) -> list[str | None]:
        """Who says each quote: the name next to a speech verb around it, else the last subject."""
        verbs = lx.SPEECH_VERBS[self.lang]
        out: list[str | None] = []
        people = [m for m in mentions if self.kind(m.id) in ("person", "organisation")]
        for i, span in enumerate(quotes):
            speaker = None
            after = text[span.end + 1 : span.end + 60]
            verb_after = verbs.search(after)
            if verb_after and re.search(r"[.!?]\s", after[: verb_after.start()]):
                verb_after = None
            if verb_after:
                close = [m for m in people if span.end < m.start <= span.end + 1 + verb_after.end() + 30 and m.start - span.end < 60]
                if close:
                    speaker = close[0].id
                elif lx.PRONOUN_SUBJECT[self.lang].search(after[: verb_after.start() + 1]) or re.match(r"\W*(?:ông|bà|he|she)\b", after, re.I):
                    speaker = self.last_subject_before(text, span.start, people)
            if speaker is None:
                floor = quotes[i - 1].end if i else 0
                before = text[floor : span.start]
                verb_before = list(verbs.finditer(before))
                if verb_before:
                    cut = floor + verb_before[0].start()
                    subject = [m for m in people if floor <= m.start < cut]
                    if subject:
                        speaker = subject[0].id
                    else:
                        speaker = self.last_subject_before(text, span.start, people)
            if speaker is None and i > 0 and out and span.start - quotes[i - 1].end < 40:
                speaker = out[-1]
            out.append(speaker)
        return out

    def last_subject_before(self, text: str, position: int, people: list[EntityMention]) -> str | None:
        earlier = [m for m in people if m.start < position and self.kind(m.id) == "person"]
        return earlier[-1].id if earlier else self.last_subject

    def read_sentence(self, text, sentence: Span, n, caption, mentions, quotes, speakers) -> None:
        lang = self.lang
        s_text = text[sentence.start : sentence.end]
        triggers = [
            (sentence.start + a, sentence.start + b, t)
            for a, b, t in find_triggers(s_text, lang)
            if t.requires is None or t.requires.search(s_text)
        ]
        # generic words only matter where nothing more specific names the event
        if any(t.creates for _a, _b, t in triggers):
            triggers = [t for t in triggers if t[2].creates]
        triggers = [t for t in triggers if not lx.ABSTRACT[lang].search(text[max(sentence.start, t[0] - 25) : t[1] + 25])
                    or t[2].type not in ("negotiation_round",)]
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        self.record_attributions(text, sentence, n, in_sentence, triggers)
        if not triggers:
            self.add_led_by(text, sentence, in_sentence)
            self.add_outcomes(s_text, n)
            return
        habitual = lx.HABITUAL[lang].search(s_text)
        dates = self.sentence_dates(s_text, sentence.start, quotes)
        speaker = self.sentence_speaker(text, sentence, in_sentence)
        verb = lx.SPEECH_VERBS[lang].search(s_text)
        verb_at = sentence.start + verb.start() if verb else None
        candidates: list[Candidate] = []
        for i, (start, end, trig) in enumerate(triggers):
            lo = triggers[i - 1][1] if i else sentence.start
            hi = triggers[i + 1][0] if i + 1 < len(triggers) else sentence.end
            window = text[lo:hi]
            cand = Candidate(
                type=trig.type,
                creates=trig.creates and not habitual,
                article=self.article.id,
                paragraph=n,
                caption=caption,
                trigger=text[start:end].strip(" ,;:"),
                window=window,
            )
            before = text[max(sentence.start, start - 40) : start]
            if lx.NOT_AN_EVENT[lang].search(before) or lx.INVITATION[lang].search(text[max(sentence.start, start - 60) : end]):
                cand.creates = False
            if lx.DEMONSTRATIVE_AFTER[lang].match(text[end : end + 12]) or (
                lx.DEMONSTRATIVE_BEFORE[lang].search(before[-12:]) and not lx.DEFINITE_INTRODUCES[lang].match(text[end : end + 20])
            ):
                cand.creates, cand.reference = False, True
            quote = next((q for q, _ in zip(quotes, speakers) if q.start <= start < q.end), None)
            quote_speaker = speakers[quotes.index(quote)] if quote else None
            # names between two event words belong to the first ("meet Zelensky ... to discuss a call"),
            # unless the second is told relative to the first ("first call between A and B since the meeting")
            people_lo = lo
            if i and not lx.TEMPORAL_LINK[lang].search(text[max(lo, start - 25) : start]):
                people_lo = start
            self.fill_people(cand, text, people_lo, hi, start, in_sentence, speaker, quote_speaker, verb_at)
            self.fill_place(cand, text, people_lo, hi, start, in_sentence)
            self.fill_numbers(cand, text[start if i else lo : hi])
            cand.delegates = bool(lx.DELEGATES[lang].search(text[people_lo:hi]))
            cand.additive = bool(lx.ALSO_JOINED[lang].search(text[lo:hi]))
            if cand.type == "interview":
                cand.medium = self.interview_medium(text, in_sentence)
            candidates.append(cand)
        self.assign_dates(candidates, triggers, dates, text)
        self.assign_status(candidates, triggers, text, sentence)
        for prev, cand in zip(candidates, candidates[1:]):
            # "Trump called Putin and agreed to meet him": the second event shares the first one's people
            if cand.type in lx.INTERACTIONS and cand.creates and not cand.people and len(prev.people) >= 2:
                cand.people = list(prev.people)
        for cand in candidates:
            self.place_candidate(cand, s_text)
        self.add_outcomes(s_text, n)

    # -- facts of a clause ------------------------------------------------------

    def sentence_dates(self, s_text: str, offset: int, quotes: list[Span]) -> list[DateMention]:
        """Dates of a sentence; relative ones ("tomorrow") hang on the date said just before them."""
        found = find_dates(s_text, self.lang, self.anchor)
        out: list[DateMention] = []
        local_anchor = None
        in_quote = any(q.start <= offset < q.end or offset <= q.start < offset + len(s_text) for q in quotes)
        if in_quote:
            # words said on the day of the event being told: "Tomorrow, I will meet ..."
            dated = [f.event for f in self.found if f.event.date and f.event.date.precision in ("day", "year_unknown")
                     and f.event.type in ("phone_call", "interview", "statement", "meeting", "summit")]
            if dated:
                local_anchor = dated[-1].date
        for mention in found:
            value = mention.value
            if _RELATIVE.search(value.text or s_text[mention.start : mention.end]):
                anchor = local_anchor or self.anchor
                resolved = resolve_relative_date(s_text[mention.start : mention.end], self.lang, anchor) if anchor else None
                if resolved is not None:
                    value = resolved
            elif value.precision == "day":
                local_anchor = value
            out.append(replace(mention, start=mention.start + offset, end=mention.end + offset, value=value))
        return out

    def sentence_speaker(self, text: str, sentence: Span, in_sentence: list[EntityMention]) -> str | None:
        """Who speaks in a sentence: the person (else organisation) nearest before its speech verb."""
        s_text = text[sentence.start : sentence.end]
        verb = lx.SPEECH_VERBS[self.lang].search(s_text)
        if not verb:
            return None
        cut = sentence.start + verb.start()
        subjects = [m for m in in_sentence if m.start < cut and self.kind(m.id) in ("person", "organisation")]
        persons = [m for m in subjects if self.kind(m.id) == "person"]
        if persons:
            return persons[-1].id
        if subjects:
            return subjects[-1].id
        if lx.PRONOUN_SUBJECT[self.lang].search(text[sentence.start : cut + 1]):
            return self.last_subject
        return None

    def fill_people(self, cand: Candidate, text, lo, hi, trig_start, in_sentence, speaker, quote_speaker, verb_at=None) -> None:
        lang = self.lang
        window = text[lo:hi]
        if cand.type in ("statement", "announcement"):
            subject = [m.id for m in in_sentence if lo <= m.start < trig_start and self.kind(m.id) in ("person", "organisation", "country")]
            who = speaker or (subject[-1] if subject else None)
            if who is None:
                after = [m.id for m in in_sentence if trig_start <= m.start < hi and self.kind(m.id) in ("person", "organisation")]
                who = after[0] if after and re.match(r"\s*(?:bởi|của|by)\b", text[trig_start:].split(" ", 1)[-1][:6] or "") else None
            cand.people = [who] if who else []
            return
        # a purpose or relative clause after the event word ("để tìm hiểu những gì Mỹ và Nga đã thỏa thuận",
        # "to discuss what Russia wants") names other things, once the event has its own people
        cut = lx.CLAUSE_BREAK[lang].search(text, trig_start, hi)
        if cut:
            before_cut = [m for m in in_sentence if lo <= m.start < cut.start() and self.kind(m.id) in ("person", "country", "organisation")]
            named = {m.id for m in before_cut}
            if speaker and lx.PRONOUN_SUBJECT[lang].search(" " + text[max(lo, trig_start - 30) : trig_start]):
                named.add(speaker)
            if len(named) >= 2:
                hi = cut.start()
                window = text[lo:hi]
        places = [m for m in in_sentence if lo <= m.start < hi and self.kind(m.id) == "place"]
        place_countries = {self.entity(m.id).located_in for m in places if self.entity(m.id)}
        between = lx.BETWEEN[lang].search(window)
        if between and lx.CONFLICT_OF[lang].search(window[max(0, between.start() - 20) : between.start()] + " in "):
            between = None
        span = (lo + between.start(1), lo + between.end(1)) if between else None
        people: list[str] = []
        for m in in_sentence:
            if not (lo <= m.start < hi):
                continue
            if span and not (span[0] <= m.start < span[1]) and self.kind(m.id) != "person":
                continue
            ent = self.entity(m.id)
            if ent is None or ent.kind in ("media", "place"):
                continue
            before = text[max(lo, m.start - 30) : m.start]
            if ent.kind != "person" and lx.LOCATIVE[lang].search(before):
                continue
            # "Helsinki, Phần Lan", "Miami (Mỹ)": the country of a place just named
            place_right_before = any(0 <= m.start - p.end <= 3 for p in places)
            if ent.kind == "country" and ((m.id in place_countries and place_right_before) or lx.CONFLICT_OF[lang].search(before)
                                          or lx.CONFLICT_AFTER[lang].match(text[m.end : m.end + 15]) or lx.TIME_ZONE_NOTE[lang].search(before)):
                continue
            if ent.kind == "person" and (lx.ROLE_OF["vi"].search(before) if lang == "vi" else lx.ROLE_OF["en"].match(text[m.end : m.end + 40])):
                continue
            if lx.WITHOUT[lang].search(before) or lx.ACCORDING_TO[lang].search(before):
                continue
            # ", the Turkish ministry said." — the source of the sentence, not a party to the event
            if re.search(r",\s*(?:\S+\s+){0,4}$", before) and lx.TRAILING_SPEECH[lang].match(text[m.end : m.end + 40]):
                continue
            if m.id not in people:
                people.append(m.id)
        if span:
            inside = [m.id for m in in_sentence if span[0] <= m.start < span[1] and m.id in people]
            if len(inside) >= 2:
                people = inside
        # reported speech: "Peskov said the call ..." — the speaker tells of the event, he is not in it,
        # unless he says he was ("ông đã có cuộc điện đàm", "he had spoken")
        near = text[max(lo, trig_start - 30) : trig_start]
        self_ref = bool(lx.PRONOUN_SUBJECT[lang].search(" " + near)) and not re.search(r"[\"“”]", near)
        if speaker and verb_at is not None and verb_at < trig_start and cand.type in lx.INTERACTIONS:
            if self_ref and self.kind(speaker) == "person":
                if speaker not in people:
                    people.insert(0, speaker)
            elif speaker in people:
                people.remove(speaker)
            after_trigger = text[trig_start:hi].split(maxsplit=2)
            with_other = len(after_trigger) > 2 and lx.WITH[lang].match(after_trigger[2]) or lx.WITH[lang].search(text[trig_start:trig_start + 30])
            if speaker not in people and len(people) == 1 and self.kind(speaker) == "person" and with_other:
                people.insert(0, speaker)
        elif speaker and speaker not in people and self_ref and self.kind(speaker) == "person" and cand.type in lx.INTERACTIONS:
            people.insert(0, speaker)
        subject_zone = text[max(lo - 25, 0) : hi] if lo > 0 else window
        if quote_speaker and lx.FIRST_PERSON[lang].search(subject_zone):
            if quote_speaker not in people:
                people.insert(0, quote_speaker)
        elif quote_speaker and lx.FIRST_PERSON_PLURAL[lang].search(subject_zone):
            # "we" is the speaker's side
            side = self.party(quote_speaker)
            if side and side not in people and side not in {self.party(p) for p in people}:
                people.insert(0, side)
        explicit = span is not None and len(people) >= 2
        both = lx.BOTH_PARTIES[lang].search(window)
        if both and self.current is not None and not explicit and (len(people) < 2 or lx.LEADERS[lang].search(window)):
            context = self.current.event.participant_ids
            if lx.LEADERS[lang].search(window):
                context = [p for p in context if self.kind(p) == "person"][:2]
                people = [p for p in people if self.kind(p) == "person"]
            elif re.search(r"hai nước|hai bên|hai phía|two sides|both sides|two countries|đại diện", window, re.I):
                context = sorted({self.party(p) for p in context if self.party(p)})
            for p in context:
                if p not in people and self.party(p) not in {self.party(x) for x in people if self.kind(x) == "person"}:
                    people.append(p)
            cand.from_context = True
        if cand.type == "interview" and speaker and speaker not in people:
            people.insert(0, speaker)
        if cand.type == "interview":
            people = [p for p in people if self.kind(p) == "person"][:1]
        if re.search(r"gọi điện(?: thoại)? cho|\bcalled\b|\bphoned\b", window, re.I) and people:
            cand.caller = people[0]
        cand.people = people

    def add_led_by(self, text: str, sentence: Span, in_sentence: list[EntityMention]) -> None:
        """"The US side will be led by Marco Rubio", "joined by Macron": they join the meeting in hand."""
        s_text = text[sentence.start : sentence.end]
        match = lx.LED_BY[self.lang].search(s_text) or lx.JOINED[self.lang].search(s_text)
        if not match or self.current is None or lx.FAMILIES.get(self.current.event.type) != "meeting":
            return
        a, b = sentence.start + match.start(), sentence.start + match.end()
        ev = self.current.event
        for m in in_sentence:
            if a <= m.start < b and self.kind(m.id) == "person" and m.id not in ev.participant_ids:
                ev.participants.append(Participant(m.id))

    def fill_place(self, cand: Candidate, text, lo, hi, trig_start, in_sentence) -> None:
        if cand.type in ("phone_call", "hotline_contact", "statement", "announcement"):
            return
        best = None
        for m in in_sentence:
            if not (lo <= m.start < hi):
                continue
            ent = self.entity(m.id)
            if ent is None:
                continue
            before = text[max(lo, m.start - 25) : m.start]
            if lx.CONFLICT_OF[self.lang].search(before) or abs(m.start - trig_start) > 160:
                continue
            locative = bool(lx.LOCATIVE[self.lang].search(before))
            attributive = 0 <= trig_start - m.end <= 2 and self.lang == "en"  # "the Alaska summit", "Geneva talks"
            venue_after = self.lang == "vi" and 0 <= m.start - (trig_start + len(cand.trigger)) <= 2  # "hội nghị Geneva"
            building = ent.kind == "organisation" and ent.stands_for and locative  # "tại Điện Kremlin", "at the White House"
            if (ent.kind == "place" and (locative or attributive or venue_after)) or building or (ent.kind == "country" and locative):
                distance = abs(m.start - trig_start)
                # the city wins over the country it is in ("Helsinki, Phần Lan")
                if best is None or (ent.kind != "country" and self.kind(best[1]) == "country") or (
                    ent.kind == self.kind(best[1]) and distance < best[0]
                ):
                    best = (distance, m.id)
        cand.place = best[1] if best else None

    def assign_status(self, candidates: list[Candidate], triggers, text: str, sentence: Span) -> None:
        """Each status word goes to the event word nearest to it; the strongest word of each wins."""
        s_text = text[sentence.start : sentence.end]
        cues: list[list[str]] = [[] for _ in candidates]
        order = [status for status, _p in lx.STATUS_CUES[self.lang]]
        for status, pattern in lx.STATUS_CUES[self.lang]:
            for m in pattern.finditer(s_text):
                a, b = sentence.start + m.start(), sentence.start + m.end()
                gaps = [(max(a - t_end, t_start - b, 0), i) for i, (t_start, t_end, _t) in enumerate(triggers)]
                gap, index = min(gaps)
                if gap <= 60 or len(triggers) == 1 or status in ("postponed", "cancelled", "reported_unconfirmed"):
                    cues[index].append(status)
        for i, cand in enumerate(candidates):
            lo = triggers[i - 1][1] if i else sentence.start
            hi = triggers[i + 1][0] if i + 1 < len(triggers) else sentence.end
            if lx.NEITHER[self.lang].search(text[lo:hi]):
                cues[i].insert(0, "reported_unconfirmed")
            found = sorted(set(cues[i]), key=order.index)
            cand.status = found[0] if found else None

    def fill_status(self, cand: Candidate, window: str) -> None:
        found = [status for status, pattern in lx.STATUS_CUES[self.lang] if pattern.search(window)]
        if lx.NEITHER[self.lang].search(window):
            found.insert(0, "reported_unconfirmed")
        cand.status = found[0] if found else None
        if cand.status == "proposed" and "planned" in found:
            cand.status = "proposed"

    def fill_numbers(self, cand: Candidate, window: str) -> None:
        duration = next((d for d in lx.DURATION[self.lang].finditer(window) if d.group("lead") or d.group("approx")
                         or re.match(r"[\s-]*(?:long|of talks|call|meeting|talks|cuộc)", window[d.end():d.end() + 12])), None)
        if duration and cand.type in ("phone_call", "meeting", "summit", "negotiation_round", "any"):
            value = duration.group("num").lower().replace(",", ".")
            number = lx.NUMBERS[self.lang].get(value)
            try:
                number = float(value) if number is None else number
            except ValueError:
                number = None
            if number:
                if duration.group("half"):
                    number += 0.5
                unit = duration.group("unit").lower()
                minutes = number if unit.startswith(("phút", "min")) else number * 60
                cand.duration = (int(round(minutes)), bool(duration.group("approx")))
        count = lx.COUNT[self.lang].search(window)
        if count:
            if count.groupdict().get("twice"):
                cand.count = 2
            else:
                raw = count.group("num").lower()
                number = lx.NUMBERS[self.lang].get(raw)
                if number is None and raw.isdigit():
                    number = int(raw)
                if number and number >= 2 and number == int(number):
                    cand.count = int(number)

    def interview_medium(self, text: str, in_sentence: list[EntityMention]) -> str | None:
        for m in in_sentence:
            if self.kind(m.id) == "media" and lx.INTERVIEW_MEDIUM[self.lang].search(text[max(0, m.start - 40) : m.start]):
                return m.id
        return None

    def assign_dates(self, candidates: list[Candidate], triggers, dates: list[DateMention], text: str) -> None:
        """Each date goes to the event word it follows ("cuộc gặp ngày 7/2", "met on Monday"),
        else to the next one, unless a speech verb stands between ("Ngày 7/2, ông nói sẽ gặp"):
        then it is the day of the saying. "Since" dates count only where no other date is."""
        verbs = lx.SPEECH_VERBS[self.lang]
        for mention in dates:
            before = [i for i, (_s, e, _t) in enumerate(triggers) if e <= mention.start]
            after = [i for i, (s_, _e, _t) in enumerate(triggers) if s_ >= mention.end]
            index = None
            if before and mention.start - triggers[before[-1]][1] <= 90:
                index = before[-1]
            elif after:
                i = after[0]
                between = text[mention.end : triggers[i][0]]
                if not verbs.search(between) or candidates[i].type in ("statement", "announcement", "interview"):
                    index = i
            elif before:
                index = before[-1]
            if index is None:
                continue
            cand = candidates[index]
            if mention.value.edtf is None:
                continue
            if mention.relation == "on" and (cand.date is None or cand.date_relation != "on"):
                cand.date, cand.date_relation = mention.value, "on"
            elif mention.relation == "since" and cand.date is None:
                value = mention.value
                if value.edtf and not value.edtf.endswith("~") and "/" not in value.edtf:
                    value = replace(value, edtf=value.edtf + "~", approximate=True)
                cand.date, cand.date_relation = value, "since"

    # -- from clause to event ----------------------------------------------------

    def place_candidate(self, cand: Candidate, s_text: str) -> None:
        persons = [p for p in cand.people if self.kind(p) == "person"]
        needs_two = cand.type in lx.INTERACTIONS and cand.type != "visit"
        enough = (len(cand.people) >= 2 or (cand.type not in lx.INTERACTIONS and cand.people)) if needs_two or cand.type not in lx.INTERACTIONS else bool(cand.people)
        if cand.type in ("statement", "announcement"):
            # a speech act that reports another event is an attribute of that event
            if re.match(r"\s*(?:,|:|rằng|that)", cand.window.split(cand.trigger, 1)[-1] if cand.trigger in cand.window else ""):
                self.attribute_announcement(cand)
                return
            if cand.date is None or not cand.people:
                return
        if re.match(r"(?:các|những)\s", cand.trigger, re.I) and not (cand.date or cand.place or cand.count):
            cand.creates = False
        if cand.type == "negotiation_round" and not (cand.date or cand.place or cand.count or lx.BETWEEN[self.lang].search(cand.window) or len(cand.people) >= 2):
            cand.creates = False
        if not cand.creates or cand.type == "any" or not enough:
            target = self.attach_target(cand)
            if target is not None:
                self.attach(target, cand)
                return
            if not cand.creates or cand.type == "any":
                return
            if cand.type in lx.INTERACTIONS and not cand.people and (self.section_people or self.title_people):
                context = self.section_people or self.title_people
                if len(context) >= 2:
                    cand.people = list(context)
                    cand.from_context = True
                    enough = True
            if not enough and not (cand.type in lx.INTERACTIONS and persons and cand.place and cand.date):
                return
        target = self.same_event(cand)
        if target is not None:
            self.attach(target, cand, full=True)
            return
        self.create(cand)

    def attach_target(self, cand: Candidate) -> Found | None:
        """The event a generic or incomplete mention adds to: a recent one it fits, else the one in hand."""
        recent = [f for f in self.found if f.paragraphs][-6:]
        if cand.type == "any":
            if cand.people:
                for found in reversed(recent):
                    ids = set(found.event.participant_ids)
                    if ids & set(cand.people) and self.people_compatible(cand.people, found.event.participant_ids):
                        return found
            return self.current
        family = lx.FAMILIES.get(cand.type)
        if cand.reference:
            # "cuộc gặp này": the event just told, in this paragraph
            here = [f for f in recent if cand.paragraph in f.paragraphs and lx.FAMILIES.get(f.event.type) == family]
            if here:
                return max(here, key=lambda f: f.last_touch)
        fitting = []
        for age, found in enumerate(reversed(recent)):
            ev = found.event
            if lx.FAMILIES.get(ev.type) != family:
                continue
            if cand.place and ev.place and cand.place != ev.place:
                continue
            if cand.date and ev.date and not same_dates(cand.date, ev.date):
                continue
            if cand.people and not self.people_compatible(cand.people, ev.participant_ids):
                continue
            if cand.type != ev.type and "meeting" not in (cand.type, ev.type) and not cand.reference:
                continue
            if cand.type == "summit" and found.delegates:
                continue
            # the same place, then the same kind, then the most recent
            fitting.append(((bool(cand.place) and cand.place == ev.place), cand.type == ev.type, -age, found))
        if fitting:
            return max(fitting, key=lambda item: item[:3])[3]
        return None

    def same_event(self, cand: Candidate) -> Found | None:
        """An event of this article that the clause tells again (same kind, people, date, place)."""
        family = lx.FAMILIES.get(cand.type)
        for found in reversed(self.found):
            ev = found.event
            if lx.FAMILIES.get(ev.type) != family:
                continue
            if cand.type != ev.type and "meeting" not in (cand.type, ev.type):
                continue
            if cand.type != ev.type and (cand.date is None) != (ev.date is None):
                continue
            if cand.place and ev.place and cand.place != ev.place:
                continue
            if cand.date and ev.date and not same_dates(cand.date, ev.date):
                continue
            if cand.additive and cand.type == ev.type and not cand.date:
                sides_c = {self.party(x) for x in cand.people} - {None}
                sides_e = {self.party(x) for x in ev.participant_ids} - {None}
                if sides_c <= sides_e:
                    return found
            if not self.people_compatible(cand.people, ev.participant_ids, strict=True):
                continue
            if not self.same_sides(cand.people, ev.participant_ids):
                continue
            if (cand.delegates and not self.has_heads(cand.people) and self.has_heads(ev.participant_ids)) or (
                found.delegates and self.has_heads(cand.people) and not self.has_heads(ev.participant_ids)
            ):
                continue
            cand_status = cand.status or "held"
            if (cand_status in FUTURE) != (ev.status in FUTURE) and cand.status not in ("postponed", "cancelled", "reported_unconfirmed", None):
                continue
            return found
        return None

    def same_sides(self, a: list[str], b: list[str]) -> bool:
        """Two tellings of one event have the same sides, or share a named person and one's sides are within the other's."""
        if not a or not b:
            return True
        sides_a = {self.party(x) for x in a} - {None}
        sides_b = {self.party(x) for x in b} - {None}
        if sides_a == sides_b:
            return True
        persons_a = {x for x in a if self.kind(x) == "person"}
        persons_b = {x for x in b if self.kind(x) == "person"}
        return bool(persons_a & persons_b) and (sides_a <= sides_b or sides_b <= sides_a)

    def has_heads(self, ids: list[str]) -> bool:
        return any(self.is_head(p, self.on) for p in ids)

    def people_compatible(self, a: list[str], b: list[str], strict: bool = False) -> bool:
        """One side's parties within the other's, and the named people not strangers."""
        if not a or not b:
            return not strict or (bool(a) == bool(b))
        parties_a = {self.party(x) for x in a} - {None}
        parties_b = {self.party(x) for x in b} - {None}
        if parties_a and parties_b and not (parties_a <= parties_b or parties_b <= parties_a):
            return False
        persons_a = {x for x in a if self.kind(x) == "person"}
        persons_b = {x for x in b if self.kind(x) == "person"}
        if persons_a and persons_b and not (persons_a & persons_b):
            return False
        if strict and not (persons_a and persons_b) and not (parties_a and parties_b):
            return set(a) & set(b) != set()
        return True

    def create(self, cand: Candidate) -> None:
        ev = Event(id="", type=cand.type, cameo=EVENT_TYPES[cand.type], status=cand.status or "held", date=cand.date)
        found = Found(event=ev, paragraphs=set(), captions=set(), evidence=[], order=len(self.found), delegates=cand.delegates)
        self.found.append(found)
        self.attach(found, cand, full=True)
        if cand.caption is None and ev.type not in ("statement", "announcement"):
            self.current = found

    def attach(self, found: Found, cand: Candidate, full: bool = False) -> None:
        ev = found.event
        self._touches = getattr(self, "_touches", 0) + 1
        found.last_touch = self._touches
        if cand.caption is None:
            found.paragraphs.add(cand.paragraph)
        else:
            found.captions.add(cand.caption)
        if cand.trigger not in found.evidence:
            found.evidence.append(cand.trigger)
        generic = cand.type == "any" or cand.reference
        adds_people = not generic and (full or len(ev.participants) < 2)
        for person in cand.people if adds_people else []:
            if person not in ev.participant_ids:
                ev.participants.append(Participant(person))
        if cand.from_context:
            found.from_context = True
        if cand.caller:
            for p in ev.participants:
                if p.id == cand.caller:
                    p.role = "caller"
        if cand.status:
            found.explicit_status.add(cand.status)
        if full or cand.status in ("postponed", "cancelled", "reported_unconfirmed"):
            if cand.status and (not full or STATUS_RANK[cand.status] > STATUS_RANK.get(ev.status, 0) or ev.status == "held" and not found.explicit_status - {cand.status}):
                ev.status = cand.status
        if cand.date and not generic and (ev.date is None or (ev.date.precision in ("year_unknown", "approximate") and cand.date.precision in ("day", "range"))):
            ev.date = cand.date
        if cand.place and not ev.place and not generic and ev.type not in ("phone_call", "hotline_contact", "statement", "announcement", "interview"):
            ev.place = cand.place
            # the clause that says where tells best how sure the plan is
            found.place_status = cand.status
        if cand.duration and ev.duration_minutes is None:
            ev.duration_minutes, ev.duration_approximate = cand.duration
        if cand.count and ev.count is None:
            ev.count = cand.count
        if cand.medium and not ev.medium:
            ev.medium = cand.medium
        if cand.type == "summit" and ev.type in ("meeting",) and not found.delegates and (
            self.has_heads(ev.participant_ids) or not any(self.kind(p) == "person" for p in ev.participant_ids)
        ):
            ev.type = "summit"
        if cand.type == "negotiation_round" and ev.type == "meeting" and not any(self.kind(p) == "person" for p in ev.participant_ids):
            ev.type = "negotiation_round"
        if cand.caption is None and cand.creates and ev.type not in ("statement", "announcement"):
            self.current = found

    def attribute_announcement(self, cand: Candidate) -> None:
        """'X announced that the talks are postponed': X and the day go to the talks."""
        self._pending_announcement = cand

    def record_attributions(self, text, sentence: Span, n, in_sentence, triggers) -> None:
        s_text = text[sentence.start : sentence.end]
        lang = self.lang
        who = self.sentence_speaker(text, sentence, in_sentence)
        targets: list[Found] = []
        # the events this sentence names, else the event in hand
        self._sentence_targets = targets
        neither = lx.NEITHER[lang].search(s_text)
        confirm = lx.CONFIRM[lang].search(s_text)
        deny = lx.DENY[lang].search(s_text)
        media = [m for m in in_sentence if self.kind(m.id) == "media"]
        self._attribution = (who, bool(neither), bool(confirm) and not neither, bool(deny) and not neither, media, n)

    def add_outcomes(self, s_text: str, n: int) -> None:
        """Apply the sentence's attributions and outcomes to the events it touched."""
        who, neither, confirm, deny, media, _ = getattr(self, "_attribution", (None, False, False, False, [], n))
        touched = [f for f in self.found if n in f.paragraphs and f.event.sources is not None]
        target = self.current
        if target is None:
            return
        ev = target.event
        lang = self.lang
        if who and neither and who not in ev.participant_ids:
            _add(ev.disputed_by, Attribution(who, self.article.id, n))
            ev.status = "reported_unconfirmed"
        elif who and confirm and (who not in ev.participant_ids or True):
            _add(ev.confirmed_by, Attribution(who, self.article.id, n))
        elif who and deny:
            _add(ev.denied_by, Attribution(who, self.article.id, n))
        for m in media:
            if m.id != ev.medium and lx.REPORTING[lang].search(s_text):
                _add(ev.reported_by, Attribution(m.id, self.article.id, n))
        pending = getattr(self, "_pending_announcement", None)
        if pending is not None and pending.paragraph == n:
            announcer = next((p for p in pending.people), None)
            if announcer:
                _add(ev.announced_by, Attribution(announcer, self.article.id, n))
            self._pending_announcement = None
        invitation = lx.INVITATION[lang].search(s_text)
        agreement = lx.AGREEMENT[lang].search(s_text)
        for match in (agreement, invitation):
            if match and ev.type in lx.INTERACTIONS:
                clause = s_text[max(0, match.start() - 60) : match.end()].strip()
                clause = re.sub(r"^[^,]*?,\s*", "", clause) if len(clause) > 200 else clause
                if all(o.text != clause for o in ev.outcomes):
                    ev.outcomes.append(Outcome(clause, self.article.id, n, lang))
        if re.search(r"thảo luận|bàn về|đề cập|discuss|talked about|topics", s_text, re.I) or n in target.paragraphs:
            for topic in self.topics.find(s_text, lang):
                if topic not in ev.topics:
                    ev.topics.append(topic)
        del touched


def same_dates(a: DateValue, b: DateValue) -> bool:
    """Within one article: the same date, or one inside the other ("early March" is not "26 February")."""
    if a.edtf == b.edtf:
        return True
    if a.precision == "year_unknown" or b.precision == "year_unknown":
        return dates_compatible(a, b)
    if not (a.start and a.end and b.start and b.end):
        return False
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def _add(items: list[Attribution], item: Attribution) -> None:
    if all(i.who != item.who for i in items):
        items.append(item)


# --- Per article: finish the events -------------------------------------------


def finish_article(reader: ArticleReader) -> list[Event]:
    """Type, CAMEO code, roles, the article's news and confidence for each event found."""
    article = reader.article
    events: list[Event] = []
    news_marked = False
    ordered = sorted(reader.found, key=lambda f: (min(f.paragraphs) if f.paragraphs else 10_000, f.order))
    for found in ordered:
        ev = found.event
        if len(ev.participants) < (2 if ev.type in lx.INTERACTIONS and ev.type != "visit" else 1):
            continue
        drop_redundant_parties(reader, ev)
        refine_status(ev, found)
        refine_type(reader, ev, found)
        ev.cameo = cameo_for(reader, ev)
        assign_roles(reader, ev)
        is_news = is_the_news(reader, found, news_marked)
        ev.mentioned = not is_news
        news_marked = news_marked or is_news
        if is_news and ev.date is None and ev.status == "held" and reader.anchor and reader.anchor.start:
            day = reader.anchor.start
            ev.date = DateValue(edtf=day + "~", precision="approximate", text="", start=_shift(day, -2), end=day, approximate=True)
            ev.notes.append("date not stated: on or just before the publication date")
        ev.sources = [
            SourceRef(article=article.id, paragraphs=sorted(found.paragraphs), captions=sorted(found.captions), evidence=list(found.evidence))
        ]
        ev.confidence = confidence(found)
        events.append(ev)
    return events


def _shift(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def drop_redundant_parties(reader: ArticleReader, ev: Event) -> None:
    """A country (or its metonym) stands down when a person acting for it is named."""
    persons = [p for p in ev.participants if reader.kind(p.id) == "person"]
    represented = {reader.party(p.id) for p in persons}
    if ev.type in ("statement", "announcement", "interview"):
        return
    kept = []
    for p in ev.participants:
        if reader.kind(p.id) != "person" and reader.party(p.id) in represented:
            continue
        entity = reader.entity(p.id)
        if entity and entity.stands_for and reader.kind(p.id) != "person":
            p = Participant(entity.stands_for, p.role)
            if p.id in {k.id for k in kept} or p.id in represented:
                continue
        kept.append(p)
    ev.participants = kept


def refine_status(ev: Event, found: Found) -> None:
    """A hedged plan ("có thể", "possible") stays proposed unless it has a day and a place."""
    concrete = ev.date is not None and ev.date.precision == "day" and ev.place is not None
    if ev.status in FUTURE:
        if found.place_status in FUTURE and not concrete:
            ev.status = found.place_status
        elif "proposed" in found.explicit_status and not concrete:
            ev.status = "proposed"
        elif ev.status == "proposed" and concrete:
            ev.status = "planned"


def refine_type(reader: ArticleReader, ev: Event, found: Found) -> None:
    persons = [p.id for p in ev.participants if reader.kind(p.id) == "person"]
    if ev.type == "meeting" and not persons:
        ev.type = "negotiation_round"
    day = ev.date.start if ev.date and ev.date.start else reader.on
    if ev.type == "meeting" and any(lx.TALKS_WORDS.search(e) for e in found.evidence) and not any(reader.is_head(p, day) for p in persons):
        # talks between envoys, ministers and delegations are a round of negotiation
        ev.type = "negotiation_round"
    if ev.type == "meeting" and ev.place and len(persons) >= 2:
        day = ev.date.start if ev.date and ev.date.start else reader.on
        heads = [p for p in persons if reader.is_head(p, day)]
        place_country = reader.country_of_place(ev.place)
        parties = {reader.party(p) for p in heads}
        forum = any(_FORUM.search(e) for e in found.evidence) or any(
            _FORUM.search(reader.article.paragraphs[n - 1].text) for n in found.paragraphs if 0 < n <= len(reader.article.paragraphs)
        )
        if len(parties) >= 2 and place_country not in parties and not forum:
            ev.type = "summit"


def cameo_for(reader: ArticleReader, ev: Event) -> str:
    if ev.type in ("meeting", "summit", "visit"):
        if ev.status == "proposed":
            return "036"
        if ev.place:
            place_country = reader.country_of_place(ev.place)
            parties = {reader.party(p.id) for p in ev.participants}
            if place_country and place_country not in parties:
                return "044"
            if ev.type == "visit":
                return "042"
            return "043" if any(p.role == "host" for p in ev.participants) else "042"
    return EVENT_TYPES[ev.type]


def assign_roles(reader: ArticleReader, ev: Event) -> None:
    if ev.type in ("statement", "announcement", "interview"):
        for p in ev.participants:
            p.role = "speaker"
        return
    if ev.place and ev.type in ("meeting", "summit", "visit"):
        place_country = reader.country_of_place(ev.place)
        parties = {reader.party(p.id) for p in ev.participants}
        if place_country in parties and len(parties) >= 2:
            for p in ev.participants:
                p.role = "host" if reader.party(p.id) == place_country else "visitor"


def is_the_news(reader: ArticleReader, found: Found, news_marked: bool) -> bool:
    """The article's news: what its headline (or, failing that, its lead) reports as done."""
    ev = found.event
    if ev.status in FUTURE or not found.paragraphs:
        return False
    family = lx.FAMILIES.get(ev.type)
    if ev.date is not None and ev.date.precision != "year_unknown" and reader.anchor and reader.anchor.start and not _near_publication(reader, ev.date, days=7):
        return False  # told in a dated article, but long before it: background
    if reader.title_types:
        people = set(reader.title_people)
        ids = set(ev.participant_ids)
        parties = {reader.party(p) for p in ids}
        overlap = len(ids & people) >= 2 or (len(people) >= 2 and {reader.party(p) for p in people} <= parties and len(ids & people) >= 1) or (
            not people and family in reader.title_types
        )
        if family in reader.title_types and (overlap or ({reader.party(p) for p in people} - {None}) <= parties):
            return True
    first = min(reader.article.paragraphs[0].n for _ in [0]) if reader.article.paragraphs else 1
    lead = min(found.paragraphs) <= first + 1
    recent = (ev.date is None and min(found.paragraphs) == first) or (ev.date is not None and _near_publication(reader, ev.date))
    if not news_marked and lead and recent and not reader.title_types:
        return True
    if lead and recent and ev.date is not None and ev.date.precision == "day" and reader.anchor and ev.type in ("interview", "statement"):
        return True
    return False


def _near_publication(reader: ArticleReader, value: DateValue, days: int = 3) -> bool:
    if not reader.anchor or not reader.anchor.start or not value.end:
        return value.precision != "approximate"
    from datetime import date

    try:
        gap = (date.fromisoformat(reader.anchor.start) - date.fromisoformat(value.end[:10])).days
    except ValueError:
        return False
    return -1 <= gap <= days


def confidence(found: Found) -> str:
    ev = found.event
    score = 0
    if ev.date is not None and ev.date.precision in ("day", "range"):
        score += 1
    if len([p for p in ev.participants]) >= 2:
        score += 1
    if found.captions and not found.paragraphs:
        score -= 2
    if found.from_context:
        score -= 1
    if ev.confirmed_by:
        score += 1
    if len(found.paragraphs) >= 2:
        score += 1
    return "high" if score >= 3 else "low" if score <= 0 else "medium"


# --- Across articles ------------------------------------------------------------


def event_key_people(ev: Event) -> list[str]:
    return [p.id for p in ev.participants]


class _Profile(NamedTuple):
    """What :meth:`Merger.same` weighs of an event besides its date, worked out once per event."""

    family: str | None
    vague: bool  # a year-precision date or no stated date: never merged
    future: bool
    place: str | None
    parties: frozenset
    persons: frozenset


class Merger:
    """Merges the events of several articles; the log says what was merged and on what key."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.log: list[dict] = []

    def party(self, entity_id: str) -> str | None:
        if entity_id not in self.gaz:
            return None
        ent = self.gaz.get(entity_id)
        return ent.id if ent.kind == "country" else (ent.stands_for or ent.country)

    def profile(self, ev: Event) -> _Profile:
        ids = ev.participant_ids
        return _Profile(
            family=lx.FAMILIES.get(ev.type),
            vague=_is_vague(ev),
            future=ev.status in FUTURE,
            place=ev.place,
            parties=frozenset(self.party(p) for p in ids) - {None},
            persons=frozenset(p for p in ids if p in self.gaz and self.gaz.get(p).kind == "person"),
        )

    def same(self, a: Event, b: Event) -> str | None:
        """The key two reports share, or None when they are not one event."""
        return self._same(a, self.profile(a), b, self.profile(b))

    def _same(self, a: Event, pa: _Profile, b: Event, pb: _Profile) -> str | None:
        # the cheap tests first: most pairs differ in their participants
        if pa.family != pb.family or pa.vague or pb.vague or pa.future != pb.future:
            return None  # a vague date is too vague to say two reports are of one event
        if pa.place and pb.place and pa.place != pb.place:
            return None
        if pa.persons and pb.persons and not pa.persons & pb.persons:
            return None
        # the same sides, or a shared person and one side's parties within the other's
        if pa.parties != pb.parties and not (pa.persons & pb.persons and (pa.parties <= pb.parties or pb.parties <= pa.parties)):
            return None
        if a.date is None or b.date is None or not dates_compatible(a.date, b.date):
            return None
        if a.date.approximate and b.date.approximate and a.date.edtf != b.date.edtf:
            return None
        return f"{pa.family} | {a.date.edtf} ~ {b.date.edtf} | {', '.join(sorted(pa.parties | pb.parties))}"

    def groups(self, events: list[Event]) -> list[list[int]]:
        """The events as groups that the merge can weigh apart, each a list of indices in
        order, the groups in the order of their first event.

        A report is only ever merged into a record of its kind (family, and future or
        not) filed under a month it looks in (:func:`_month_keys`), and a record is filed
        only under its first report's months: reports whose kinds and months are not
        linked, even through others, never meet. A report with a vague date or none is
        merged with nothing: a group of its own.
        """
        parent: dict[tuple, tuple] = {}

        def root(key: tuple) -> tuple:
            while parent.setdefault(key, key) != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        firsts: list[tuple | None] = []
        for ev in events:
            stored, looked = _month_keys(ev.date)
            if not stored or _is_vague(ev):
                firsts.append(None)
                continue
            kind = (lx.FAMILIES.get(ev.type), ev.status in FUTURE)
            first = root((*kind, stored[0]))
            for month in (*stored[1:], *looked):
                other = root((*kind, month))
                if other != first:
                    parent[other] = first
            firsts.append((*kind, stored[0]))
        groups: list[list[int]] = []
        by_root: dict[tuple, list[int]] = {}
        for i, key in enumerate(firsts):
            if key is None:
                groups.append([i])
                continue
            top = root(key)
            if top not in by_root:
                by_root[top] = []
                groups.append(by_root[top])
            by_root[top].append(i)
        return groups

    def merge(self, events: Iterable[Event], kept: MergeKept | None = None,
              identity: list[str] | None = None) -> list[Event]:
        """Reports of one event become one record, the first report's record taking in the later ones.

        Linear: each event is weighed only against the records of its kind in the
        months its date spans (an undated report never merges), and within those
        only against records dated within a few days of it (:class:`_Bucket`).
        The groups of :meth:`groups` are merged one by one; with ``kept`` and each
        event's ``identity`` (what it was made from), a group whose events are all
        as in an earlier run takes that run's records: after one article changed,
        only its groups are merged again.
        """
        events = list(events)
        placed: list[tuple[int, Event]] = []  # each record, by the index of its first report
        logged: list[tuple[int, dict]] = []
        for group in self.groups(events):
            if len(group) == 1:
                placed.append((group[0], events[group[0]]))
                continue
            key = None
            if kept is not None and identity is not None:
                key = hashlib.sha256("\n".join(identity[i] for i in group).encode()).hexdigest()
                saved = kept.get(key)
                if saved is not None:
                    firsts, records, log = saved
                    placed.extend((group[f], r) for f, r in zip(firsts, records))
                    logged.extend((group[at], entry) for at, entry in log)
                    continue
            firsts, records, log = self._merge_group([events[i] for i in group])
            if key is not None:
                kept.put(key, (firsts, records, log))  # kept as they are now: link_plans changes them
            placed.extend((group[f], r) for f, r in zip(firsts, records))
            logged.extend((group[at], entry) for at, entry in log)
        placed.sort(key=lambda p: p[0])
        logged.sort(key=lambda p: p[0])
        merged = [record for _, record in placed]
        self.log.extend(entry for _, entry in logged)
        link_plans(merged, self)
        return merged

    def _merge_group(self, events: list[Event]) -> tuple[list[int], list[Event], list[tuple[int, dict]]]:
        """The records of one group (:meth:`groups`): the index of each one's first report, the
        records, and the log with the index of the report each entry merged."""
        merged: list[Event] = []
        firsts: list[int] = []
        log: list[tuple[int, dict]] = []
        profiles: list[_Profile] = []
        spans: list[tuple[int, int] | None] = []  # each record's first and last day, when its year is known
        articles: list[set[str]] = []  # each record's articles: one article's events are never merged
        homes: list[list[_Bucket]] = []  # the buckets each record is in
        buckets: dict[tuple, _Bucket] = {}
        for at, ev in enumerate(events):
            profile = self.profile(ev)
            stored, looked = _month_keys(ev.date)
            span = _known_span(ev.date)
            mine = {s.article for s in ev.sources}
            seen: set[int] = set()
            target = None
            for month in looked:
                bucket = buckets.get((profile.family, month))
                if bucket is None:
                    continue
                for index in bucket.near(span):
                    if index in seen:
                        continue
                    seen.add(index)
                    if mine & articles[index]:
                        continue  # one article's events were told apart on purpose
                    other = merged[index]
                    if _apart(spans[index], span):
                        continue  # what same() would find in the end, at a fraction of its cost
                    why = self._same(other, profiles[index], ev, profile)
                    if why:
                        log.append((at, {"into": other.sources[0].article, "merged": ev.sources[0].article, "key": why}))
                        before = other.date
                        combine(other, ev)
                        profiles[index] = self.profile(other)
                        articles[index] |= mine
                        if other.date is not before:
                            spans[index] = _known_span(other.date)
                            for home in homes[index]:
                                home.add(index, spans[index], again=True)
                        target = other
                        break
                if target is not None:
                    break
            if target is None:
                index = len(merged)
                merged.append(ev)
                firsts.append(at)
                profiles.append(profile)
                spans.append(span)
                articles.append(mine)
                homes.append([])
                for month in stored:
                    bucket = buckets.setdefault((profile.family, month), _Bucket())
                    bucket.add(index, span)
                    homes[index].append(bucket)
        return firsts, merged, log


class MergeKept(Protocol):
    """Where :meth:`Merger.merge` finds and keeps the records of each group, by the hash of
    its events' identities. ``put`` must keep the records as they are when it is called."""

    def get(self, key: str) -> tuple[list[int], list[Event], list[tuple[int, dict]]] | None: ...

    def put(self, key: str, value: tuple[list[int], list[Event], list[tuple[int, dict]]]) -> None: ...


def _is_vague(ev: Event) -> bool:
    """A year-precision date or no stated date: :meth:`Merger.same` merges it with nothing."""
    return ev.date is not None and (ev.date.precision == "year" or any(n.startswith("date not stated") for n in ev.notes))


_BLOCK_DAYS = 7
_WIDE_DAYS = 62  # a span longer than this is weighed against every record of its months


class _Bucket:
    """The records of one kind and month, indexed by week as well: a record is looked at
    only by events dated within three days of it, the most :func:`dates_compatible` allows.
    At 10,000 articles a month holds thousands of records; weighing each against every
    new event was 1.3 million pairs."""

    __slots__ = ("members", "blocks", "wide")

    def __init__(self) -> None:
        self.members: list[int] = []  # in the order added: the merge takes the first record that fits
        self.blocks: dict[int, list[int]] = {}
        self.wide: list[int] = []  # records without a known span, or with a long one

    def add(self, index: int, span: tuple[int, int] | None, again: bool = False) -> None:
        """File record ``index`` under ``span``; ``again`` when its date changed after a merge
        (it stays where it was filed too)."""
        if not again:
            self.members.append(index)
        if span is None or span[1] - span[0] > _WIDE_DAYS:
            self.wide.append(index)
            return
        for block in range(span[0] // _BLOCK_DAYS, span[1] // _BLOCK_DAYS + 1):
            self.blocks.setdefault(block, []).append(index)

    def near(self, span: tuple[int, int] | None) -> list[int]:
        """The records that may be within three days of ``span`` (every record when it is unknown
        or long), in the order they were added."""
        if span is None or span[1] - span[0] > _WIDE_DAYS:
            return self.members
        found = set(self.wide)
        for block in range((span[0] - 3) // _BLOCK_DAYS, (span[1] + 3) // _BLOCK_DAYS + 1):
            found.update(self.blocks.get(block, ()))
        return sorted(found)


def _apart(span_a: tuple[int, int] | None, span_b: tuple[int, int] | None) -> bool:
    """True when two dates of known years (:func:`_known_span`) are more than three days apart,
    the most that dates_compatible allows, so the two reports cannot be one event."""
    if span_a is None or span_b is None:
        return False
    return span_a[0] > span_b[1] + 3 or span_b[0] > span_a[1] + 3


@functools.lru_cache(maxsize=65536)
def _known_span(value: DateValue | None) -> tuple[int, int] | None:
    bounds = known_bounds(value)
    return (bounds[0].toordinal(), bounds[1].toordinal()) if bounds else None


def _month_keys(value: DateValue | None) -> tuple[list[str], list[str]]:
    """Bucket keys of a date: (where it is stored, where it looks). A date without its year
    ("?-10") meets dates of every year in that month ("*-10"), and dates of its own kind."""
    if value is None or value.edtf is None:
        return [], []
    if value.precision == "year_unknown":
        month = value.edtf[5:7]
        return ([f"?-{month}"], [f"*-{month}", f"?-{month}"]) if month.isdigit() else ([], [])
    if not value.start or not value.end:
        return [], []
    months, (y, m) = [], (int(value.start[:4]), int(value.start[5:7]))
    while f"{y:04d}-{m:02d}" <= value.end[:7] and len(months) < 24:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months + [f"*-{k[5:7]}" for k in months], months + [f"?-{k[5:7]}" for k in months]


def combine(into: Event, other: Event) -> None:
    for p in other.participants:
        if p.id not in into.participant_ids:
            into.participants.append(p)
    if into.date and other.date and into.date.precision not in ("day",) and other.date.precision == "day":
        into.date = other.date
    elif into.date and other.date and into.date.edtf and into.date.edtf.startswith("XXXX") and not other.date.edtf.startswith("XXXX"):
        into.date = other.date
    into.place = into.place or other.place
    if into.duration_minutes is None:
        into.duration_minutes, into.duration_approximate = other.duration_minutes, other.duration_approximate
    if STATUS_RANK.get(other.status, 0) > STATUS_RANK.get(into.status, 0) and other.status != "reported_unconfirmed":
        into.status = other.status
    if into.status == "reported_unconfirmed" and other.status == "held" and other.confirmed_by:
        into.status = "held"
    if into.type == "meeting" and other.type in ("summit", "negotiation_round"):
        into.type, into.cameo = other.type, other.cameo
    for name in ("topics",):
        for item in getattr(other, name):
            if item not in getattr(into, name):
                getattr(into, name).append(item)
    for name in ("outcomes", "quotes", "confirmed_by", "denied_by", "reported_by", "announced_by", "disputed_by", "sources", "notes"):
        getattr(into, name).extend(getattr(other, name))
    into.mentioned = into.mentioned and other.mentioned
    into.medium = into.medium or other.medium
    into.count = into.count or other.count
    order = {"low": 0, "medium": 1, "high": 2}
    into.confidence = max(into.confidence, other.confidence, key=order.get)
    if len(into.sources) >= 2 and into.confidence == "medium":
        into.confidence = "high"


def link_plans(events: list[Event], merger: Merger) -> None:
    """A plan and what became of it (held, postponed, cancelled) point at each other."""
    done: dict[tuple, list[Event]] = {}
    for ev in events:
        if ev.status in ("held", "postponed", "cancelled") and ev.date is not None:
            for month in _month_keys(ev.date)[0]:
                done.setdefault((lx.FAMILIES.get(ev.type), month), []).append(ev)
    for plan in (e for e in events if e.status in FUTURE and e.date is not None):
        family = lx.FAMILIES.get(plan.type)
        candidates = {id(e): e for month in _month_keys(plan.date)[1] for e in done.get((family, month), [])}
        for ev in candidates.values():
            if not dates_compatible(plan.date, ev.date):
                continue
            if merger.same(replace(plan, status=ev.status), ev):
                plan.became, ev.plan_of = ev.id or "pending", plan.id or "pending"
                plan._link = ev  # type: ignore[attr-defined]
                break


# --- Ids ------------------------------------------------------------------------

_SLUG = re.compile(r"[^a-z0-9]+")


def short_name(entity_id: str) -> str:
    return entity_id.split("-")[-1] if entity_id.count("-") >= 1 and len(entity_id.split("-")[-1]) > 2 else entity_id


def assign_ids(events: list[Event]) -> None:
    """Stable, readable ids: date, type and the first two participants.

    Events that would share an id (two calls between the same people on one
    day) are told apart by a short hash of where the later ones were first
    reported, not by a count: a count shifted with every event added or
    removed before them, and their pages' addresses with it.
    """
    taken: set[str] = set()
    for ev in sorted(events, key=lambda e: (e.sources[0].article, e.sources[0].paragraphs[:1] or [0], e.type)):
        if ev.date and ev.date.edtf:
            when = _SLUG.sub("-", ev.date.edtf.split("/")[0].lower()).strip("-")
        else:
            when = "undated"
        names = "-".join(short_name(p) for p in ev.participant_ids[:2])
        base = _SLUG.sub("-", f"{when}-{ev.type.replace('_', '-')}-{names}").strip("-")
        candidate = base
        if candidate in taken:
            first = ev.sources[0]
            tag = hashlib.sha256(f"{first.article}|{first.paragraphs[:1]}|{ev.type}".encode()).hexdigest()[:6]
            candidate, n = f"{base}-{tag}", 2
            while candidate in taken:  # reported first in the same paragraph: counted, as a last resort
                candidate, n = f"{base}-{tag}-{n}", n + 1
        ev.id = candidate
        taken.add(candidate)
    for ev in events:
        linked = getattr(ev, "_link", None)
        if linked is not None:
            ev.became = linked.id
            linked.plan_of = ev.id
            del ev._link  # type: ignore[attr-defined]


# --- The stage ---------------------------------------------------------------------


def extract_article(article: Article, gazetteer: Gazetteer, topics: Topics) -> tuple[list[Event], list[dict]]:
    """The events one article tells, and the capitalised names the gazetteer lacks."""
    reader = ArticleReader(article, gazetteer, topics)
    reader.read()
    return finish_article(reader), reader.unknown_names


def article_mentions(article: Article, gazetteer: Gazetteer) -> list[tuple[str, int]]:
    """(entity id, paragraph) wherever the article names a gazetteer entity, in reading order:
    what an entity's page lists under "named in"."""
    found: dict[tuple[str, int], None] = {}
    day = (article.published or "")[:10] or None
    for p in article.paragraphs:
        for mention in gazetteer.find_mentions(p.text, article.language, on=day):
            found[(mention.id, p.n)] = None
    return list(found)


def extract(
    articles: list[Article],
    gazetteer: Gazetteer,
    topics: Topics,
    progress: Callable | None = None,
) -> Extraction:
    """Every article's events, merged across articles, with stable ids."""
    per_article: list[Event] = []
    candidates: list[dict] = []
    warnings: list[str] = []
    items = progress(articles) if progress else articles
    for article in items:
        try:
            events, unknown = extract_article(article, gazetteer, topics)
        except Exception as err:  # one article never stops the others
            warnings.append(f"{article.source_file}: extraction failed ({type(err).__name__}: {err}); its events are missing")
            continue
        per_article.extend(events)
        candidates.extend(unknown)
    merger = Merger(gazetteer)
    merged = merger.merge(per_article)
    assign_ids(merged)
    merged.sort(key=lambda e: (sort_key(e.date), e.id))
    return Extraction(events=merged, merge_log=merger.log, candidates=candidates, warnings=warnings)


def content_digest(events: list[Event]) -> str:
    return hashlib.sha256("".join(e.id for e in events).encode()).hexdigest()[:12]
