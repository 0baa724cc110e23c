"""A synthetic corpus of news pages for the benchmark: deterministic and realistic.

``generate(n, seed)`` gives ``n`` pages (file name -> text) about calls,
meetings, summits and rounds of talks between the people of
``data/gazetteer.yaml``, in Vietnamese and English, as text and HTML, with the
furniture real pages carry: datelines, bylines, image lines and captions,
"Tin liên quan" / "Có thể bạn quan tâm" / "RELATED NEWS" blocks with teaser
titles and timestamps, navigation and footers. Every page reports one event
as its news, often with an earlier event as background and a plan for the
next one; each event is reported by one to five pages (different outlets,
languages and days), so the cross-article merge has work to do. The number of
distinct events grows with ``n`` (about one for every three pages).

The same ``(n, seed)`` always gives the same pages, byte for byte, so timings
of two runs compare like with like.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

# --------------------------------------------------------------------------
# People, with the names and titles the gazetteer knows. ``rank`` pairs like
# with like: heads of state talk to heads, ministers to ministers, envoys to
# envoys or heads.


@dataclass(frozen=True)
class Person:
    name: str  # as the gazetteer spells it
    short: str  # surname as the press uses it
    side: str  # country key in COUNTRIES
    rank: str  # head | minister | envoy
    title_vi: str  # with the country: "Tổng thống Nga"
    title_en: str  # "Russian President"
    office: str  # counterparts share an office: "người đồng cấp Nga"


@dataclass(frozen=True)
class Country:
    vi: str
    en: str
    demonym: str


COUNTRIES = {
    "us": Country("Mỹ", "the US", "US"),
    "ru": Country("Nga", "Russia", "Russian"),
    "ua": Country("Ukraine", "Ukraine", "Ukrainian"),
    "fr": Country("Pháp", "France", "French"),
    "uk": Country("Anh", "the UK", "British"),
    "de": Country("Đức", "Germany", "German"),
    "tr": Country("Thổ Nhĩ Kỳ", "Turkey", "Turkish"),
    "fi": Country("Phần Lan", "Finland", "Finnish"),
    "hu": Country("Hungary", "Hungary", "Hungarian"),
    "sa": Country("Arab Saudi", "Saudi Arabia", "Saudi"),
}

PEOPLE = [
    Person("Donald Trump", "Trump", "us", "head", "Tổng thống Mỹ", "US President", "president"),
    Person("Vladimir Putin", "Putin", "ru", "head", "Tổng thống Nga", "Russian President", "president"),
    Person("Volodymyr Zelensky", "Zelensky", "ua", "head", "Tổng thống Ukraine", "Ukrainian President", "president"),
    Person("Emmanuel Macron", "Macron", "fr", "head", "Tổng thống Pháp", "French President", "president"),
    Person("Keir Starmer", "Starmer", "uk", "head", "Thủ tướng Anh", "British Prime Minister", "prime_minister"),
    Person("Friedrich Merz", "Merz", "de", "head", "Thủ tướng Đức", "German Chancellor", "chancellor"),
    Person("Recep Tayyip Erdogan", "Erdogan", "tr", "head", "Tổng thống Thổ Nhĩ Kỳ", "Turkish President", "president"),
    Person("Alexander Stubb", "Stubb", "fi", "head", "Tổng thống Phần Lan", "Finnish President", "president"),
    Person("Viktor Orban", "Orban", "hu", "head", "Thủ tướng Hungary", "Hungarian Prime Minister", "prime_minister"),
    Person("Marco Rubio", "Rubio", "us", "minister", "Ngoại trưởng Mỹ", "US Secretary of State", "foreign_minister"),
    Person("Sergei Lavrov", "Lavrov", "ru", "minister", "Ngoại trưởng Nga", "Russian Foreign Minister", "foreign_minister"),
    Person("Andrii Sybiha", "Sybiha", "ua", "minister", "Ngoại trưởng Ukraine", "Ukrainian Foreign Minister", "foreign_minister"),
    Person("Hakan Fidan", "Fidan", "tr", "minister", "Ngoại trưởng Thổ Nhĩ Kỳ", "Turkish Foreign Minister", "foreign_minister"),
    Person("Pete Hegseth", "Hegseth", "us", "minister", "Bộ trưởng Quốc phòng Mỹ", "US Secretary of Defense", "defence_minister"),
    Person("Andrei Belousov", "Belousov", "ru", "minister", "Bộ trưởng Quốc phòng Nga", "Russian Defence Minister", "defence_minister"),
    Person("Denys Shmyhal", "Shmyhal", "ua", "minister", "Bộ trưởng Quốc phòng Ukraine", "Ukrainian Defence Minister", "defence_minister"),
    Person("Steve Witkoff", "Witkoff", "us", "envoy", "Đặc phái viên Mỹ", "US Special Envoy", "special_envoy"),
    Person("Kirill Dmitriev", "Dmitriev", "ru", "envoy", "Đặc phái viên Nga", "Russian envoy", "special_envoy"),
    Person("Rustem Umerov", "Umerov", "ua", "envoy", "Thư ký Hội đồng An ninh và Quốc phòng Quốc gia Ukraine",
           "Ukraine's chief negotiator", "nsdc_secretary"),
    Person("Yury Ushakov", "Ushakov", "ru", "envoy", "Trợ lý Tổng thống Nga về chính sách đối ngoại",
           "Kremlin foreign policy aide", "aide"),
]
MAIN_SIDES = {"us", "ru", "ua"}


@dataclass(frozen=True)
class Place:
    vi: str
    en: str


PLACES = [
    Place("Riyadh, Arab Saudi", "Riyadh, Saudi Arabia"),
    Place("Istanbul, Thổ Nhĩ Kỳ", "Istanbul, Turkey"),
    Place("Geneva, Thụy Sĩ", "Geneva, Switzerland"),
    Place("Abu Dhabi", "Abu Dhabi"),
    Place("Budapest, Hungary", "Budapest, Hungary"),
    Place("Miami", "Miami"),
    Place("Jeddah", "Jeddah"),
    Place("Doha", "Doha"),
    Place("Paris", "Paris"),
    Place("London", "London"),
    Place("Berlin", "Berlin"),
    Place("Moscow", "Moscow"),
    Place("Kiev", "Kyiv"),
    Place("Washington", "Washington"),
    Place("Helsinki", "Helsinki"),
]

# Topic phrases the topics file knows (vi, en).
TOPICS = [
    ("lệnh ngừng bắn", "a ceasefire"),
    ("trao đổi tù binh", "a prisoner exchange"),
    ("cơ sở hạ tầng năng lượng", "energy infrastructure"),
    ("thỏa thuận khoáng sản", "the minerals deal"),
    ("bảo đảm an ninh cho Ukraine", "security guarantees for Ukraine"),
    ("vấn đề lãnh thổ", "territorial issues"),
    ("các lệnh trừng phạt", "sanctions"),
    ("an ninh hàng hải ở Biển Đen", "safe navigation in the Black Sea"),
    ("kế hoạch hòa bình 20 điểm", "the 20-point plan"),
    ("tái thiết Ukraine", "the reconstruction of Ukraine"),
    ("hợp tác kinh tế", "economic cooperation"),
    ("nhà máy điện hạt nhân Zaporizhzhia", "the Zaporizhzhia nuclear power plant"),
]

OUTLETS_VI = [
    ("Báo Thế giới và Việt Nam", "baoquocte.vn"),
    ("Thời Đại", "thoidai.com.vn"),
    ("VnExpress", "vnexpress.net"),
    ("Tuổi Trẻ", "tuoitre.vn"),
    ("Dân trí", "dantri.com.vn"),
    ("VietnamPlus", "vietnamplus.vn"),
]
OUTLETS_EN = [
    ("Lao Dong", "laodong.vn"),
    ("VnExpress International", "e.vnexpress.net"),
    ("Vietnam News", "vietnamnews.vn"),
    ("Tuoi Tre News", "tuoitrenews.vn"),
]
BYLINES = ["Khánh Minh", "Minh Anh", "Thanh Hà", "Hồng Nhung", "Quang Huy", "Bảo Châu", "Phương Linh", "Đức Trung"]
AGENCIES = ["Reuters", "AFP", "AP", "TASS", "Sputnik", "Getty"]

TEASERS_VI = [
    "Điểm tin thế giới sáng {d}/{m}: Nhóm Squad tính kế mở rộng, Thủ tướng Serbia từ chức",
    "Bài toán an ninh năng lượng cùng cuộc chia tay giằng xé giữa EU và khí đốt Nga",
    "Giá vàng hôm nay {d}/{m}: Vàng thế giới lập đỉnh mới",
    "Hungary chẳng ngại nhận việc nắm giữ tương lai của quá trình mở rộng EU",
    "Chiến thuật đàm phán của ông Putin khi điện đàm với ông Trump",
    "Đẩy mạnh hợp tác giữa các cơ quan báo chí Việt Nam và Lào",
    "Fansipan phủ trắng băng tuyết trong đợt rét đậm",
    "Thị trường chứng khoán châu Á đồng loạt tăng điểm",
    "Bão số {d} đổ bộ, nhiều tỉnh miền Trung mưa lớn",
    "Nhật Bản công bố gói kích thích kinh tế mới",
    "Quan chức Mỹ nói gì về khả năng gặp thượng đỉnh Nga - Mỹ",
    "Liên minh châu Âu thông qua gói trừng phạt thứ {d} đối với Nga",
]
SUMMARIES_VI = [
    "Báo Thế giới và Việt Nam điểm một số tin tức thế giới đáng chú ý sáng nay.",
    "Giới phân tích cho rằng diễn biến này có thể tác động mạnh tới thị trường khu vực.",
    "Nhiệt độ tại đỉnh núi giảm xuống khoảng 0 độ C, băng giá phủ kín các lối đi.",
    "Theo các chuyên gia, xu hướng này có thể kéo dài đến hết quý.",
]
TEASERS_EN = [
    "Bowel customers suddenly suffer a heavy blow to Russian gas",
    "Fansipan white with snow and ice during severe cold spell",
    "Gold prices hit a record high on {m}/{d}",
    "Asian stock markets rise across the board",
    "Mr. Trump considers exchanges with Russia before sending Tomahawk missiles to Ukraine",
    "EU adopts its {d}th package of sanctions against Russia",
    "Typhoon brings heavy rain to central provinces",
    "Japan unveils a new economic stimulus package",
]
SUMMARIES_EN = [
    "Hungary, a major Russian customer in the EU, unexpectedly supported the ban on Russian gas.",
    "Lao Cai - Fansipan peak is submerged in ice when the temperature drops to about 0 degrees Celsius.",
    "Analysts say the trend could last until the end of the quarter.",
    "The move is expected to weigh on markets across the region.",
]

VI_MONTH_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm"}
EN_NUMBER = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


# --------------------------------------------------------------------------
# Events.


@dataclass
class Event:
    n: int
    kind: str  # phone_call | meeting | summit | negotiation_round
    a: Person
    b: Person
    day: date
    place: Place | None
    minutes: int
    topics: list[tuple[str, str]]
    reports: int  # how many pages tell it
    background: Event | None = None
    plan_place: Place | None = None
    extra: dict = field(default_factory=dict)


HANOI = timezone(timedelta(hours=7))  # the outlets are Vietnamese
FIRST_DAY = date(2025, 8, 1)  # every title below is held from this day on
DAYS = 240


def _pairs() -> dict[str, list[tuple[Person, Person]]]:
    heads = [p for p in PEOPLE if p.rank == "head"]
    ministers = [p for p in PEOPLE if p.rank == "minister"]
    envoys = [p for p in PEOPLE if p.rank == "envoy"]

    def across(group_a, group_b, main_only=False):
        out = []
        for a in group_a:
            for b in group_b:
                if a.side == b.side or a is b:
                    continue
                if main_only and not (a.side in MAIN_SIDES and b.side in MAIN_SIDES):
                    continue
                if a.side not in MAIN_SIDES and b.side not in MAIN_SIDES:
                    continue
                if (b, a) not in out:
                    out.append((a, b))
        return out

    return {
        "phone_call": across(heads, heads) + across(ministers, ministers),
        "meeting": across(heads, heads) + across(ministers, ministers) + across(envoys, heads, main_only=True),
        "summit": across(heads, heads, main_only=True),
        "negotiation_round": across(envoys, envoys, main_only=True),
    }


def make_events(count: int, rng: random.Random) -> list[Event]:
    pairs = _pairs()
    kinds = ["phone_call"] * 4 + ["meeting"] * 3 + ["negotiation_round"] * 2 + ["summit"]
    events: list[Event] = []
    for n in range(count):
        kind = rng.choice(kinds)
        a, b = rng.choice(pairs[kind])
        if rng.random() < 0.5:
            a, b = b, a
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        place = None if kind == "phone_call" else rng.choice(PLACES)
        minutes = rng.choice([40, 60, 75, 90, 120, 150, 180]) if kind == "phone_call" else rng.choice([120, 180, 240, 300])
        topics = rng.sample(TOPICS, rng.randint(2, 3))
        reports = rng.choices([1, 2, 3, 4, 5], weights=[2, 3, 3, 2, 1])[0]
        ev = Event(n, kind, a, b, day, place, minutes, topics, reports)
        earlier = [e for e in events[-40:] if e.day < day and ({e.a, e.b} & {a, b})]
        ev.background = rng.choice(earlier) if earlier and rng.random() < 0.7 else None
        ev.plan_place = rng.choice(PLACES) if rng.random() < 0.4 else None
        events.append(ev)
    return events


# --------------------------------------------------------------------------
# Prose. Each function gives one paragraph; choices vary the wording so that
# reports of one event are not copies of each other.


def _vi_day(d: date) -> str:
    return f"{d.day}/{d.month}"


def _en_day(d: date) -> str:
    return d.strftime("%B ") + str(d.day)


def _vi_duration(minutes: int, rng: random.Random) -> str:
    if minutes % 60 == 0:
        return rng.choice([f"{minutes // 60} giờ", f"khoảng {minutes // 60} giờ", f"hơn {minutes // 60} giờ"])
    if minutes > 60:
        return f"{minutes // 60},{5 if minutes % 60 == 30 else 25} giờ" if minutes % 30 == 0 else f"{minutes} phút"
    return f"{minutes} phút"


def _en_duration(minutes: int, rng: random.Random) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return rng.choice([f"{EN_NUMBER.get(hours, hours)} hours" if hours > 1 else "an hour", f"about {minutes} minutes"])
    return rng.choice([f"{minutes} minutes", f"about {minutes} minutes", f"nearly {minutes} minutes"])


def _vi_named(p: Person, counterpart_of: Person | None = None) -> str:
    if counterpart_of is not None and counterpart_of.office == p.office and p.rank != "envoy":
        return f"người đồng cấp {COUNTRIES[p.side].vi} {p.name}"
    return f"{p.title_vi} {p.name}"


def _en_named(p: Person, counterpart_of: Person | None = None) -> str:
    if counterpart_of is not None and counterpart_of.office == p.office and p.rank != "envoy":
        return f"his {COUNTRIES[p.side].demonym} counterpart {p.name}"
    return f"{p.title_en} {p.name}"


def _vi_when(ev: Event, published: date, rng: random.Random) -> str:
    delta = (published - ev.day).days
    if delta == 1 and rng.random() < 0.4:
        return "hôm qua"
    if delta == 0 and rng.random() < 0.4:
        return rng.choice(["sáng nay", "chiều nay"])
    return rng.choice([f"ngày {_vi_day(ev.day)}", f"hôm {_vi_day(ev.day)}", f"tối {_vi_day(ev.day)}", f"sáng {_vi_day(ev.day)}"])


def _en_when(ev: Event, published: date, rng: random.Random) -> str:
    delta = (published - ev.day).days
    if delta == 1 and rng.random() < 0.4:
        return "yesterday"
    return f"on {_en_day(ev.day)}"


def vi_title(ev: Event, rng: random.Random) -> str:
    a, b = ev.a, ev.b
    match ev.kind:
        case "phone_call":
            return rng.choice([
                f"{a.title_vi} {a.name} điện đàm với {b.title_vi} {b.name}",
                f"Ông {a.short} và ông {b.short} điện đàm về xung đột Ukraine",
                f"{a.short} điện đàm với {b.short}, thảo luận {ev.topics[0][0]}",
            ])
        case "meeting":
            return rng.choice([
                f"{a.title_vi} {a.name} hội đàm với {b.title_vi} {b.name} tại {ev.place.vi.split(',')[0]}",
                f"Ông {a.short} gặp ông {b.short}: hai bên bàn về {ev.topics[0][0]}",
            ])
        case "summit":
            return rng.choice([
                f"Thượng đỉnh {COUNTRIES[a.side].vi} - {COUNTRIES[b.side].vi} tại {ev.place.vi.split(',')[0]}: những điểm chính",
                f"Ông {a.short} và ông {b.short} gặp thượng đỉnh tại {ev.place.vi.split(',')[0]}",
            ])
        case _:
            return rng.choice([
                f"{COUNTRIES[a.side].vi} và {COUNTRIES[b.side].vi} bước vào vòng đàm phán mới tại {ev.place.vi.split(',')[0]}",
                f"Vòng đàm phán {COUNTRIES[a.side].vi} - {COUNTRIES[b.side].vi}: chưa có đột phá về {ev.topics[0][0]}",
            ])


def en_title(ev: Event, rng: random.Random) -> str:
    a, b = ev.a, ev.b
    match ev.kind:
        case "phone_call":
            return rng.choice([
                f"Mr. {a.short} talks by phone with Mr. {b.short}",
                f"{a.short} and {b.short} hold phone call on Ukraine",
            ])
        case "meeting":
            return rng.choice([
                f"{a.short} meets {b.short} in {ev.place.en.split(',')[0]}",
                f"{a.title_en} {a.name} holds talks with {b.name}",
            ])
        case "summit":
            return f"{COUNTRIES[a.side].demonym}-{COUNTRIES[b.side].demonym} summit in {ev.place.en.split(',')[0]}: key takeaways"
        case _:
            return f"New round of talks between {COUNTRIES[a.side].en} and {COUNTRIES[b.side].en} opens in {ev.place.en.split(',')[0]}"


def vi_lead(ev: Event, published: date, rng: random.Random) -> str:
    a, b = ev.a, ev.b
    when = _vi_when(ev, published, rng)
    topics = " và ".join(t[0] for t in ev.topics[:2])
    match ev.kind:
        case "phone_call":
            return rng.choice([
                f"{_vi_named(a)} {when} đã điện đàm với {_vi_named(b, a)}, thảo luận về {topics}.",
                f"Theo thông báo của hai bên, {_vi_named(a)} và {_vi_named(b)} đã có cuộc điện đàm {when}, "
                f"tập trung vào {topics}.",
            ])
        case "meeting":
            return (f"{_vi_named(a)} {when} đã có cuộc gặp với {_vi_named(b, a)} tại {ev.place.vi}, "
                    f"trong bối cảnh các nỗ lực ngoại giao nhằm chấm dứt xung đột ở Ukraine được đẩy mạnh.")
        case "summit":
            return (f"Hội nghị thượng đỉnh giữa {_vi_named(a)} và {_vi_named(b, a)} đã diễn ra {when} tại {ev.place.vi}, "
                    f"với trọng tâm là {topics}.")
        case _:
            return (f"Phái đoàn {COUNTRIES[a.side].vi} do {_vi_named(a)} dẫn đầu và phái đoàn {COUNTRIES[b.side].vi} do "
                    f"{_vi_named(b)} dẫn đầu {when} đã bước vào vòng đàm phán mới tại {ev.place.vi}.")


def en_lead(ev: Event, published: date, rng: random.Random) -> str:
    a, b = ev.a, ev.b
    when = _en_when(ev, published, rng)
    topics = " and ".join(t[1] for t in ev.topics[:2])
    match ev.kind:
        case "phone_call":
            return rng.choice([
                f"{_en_named(a)} held a phone call with {_en_named(b, a)} {when}, discussing {topics}.",
                f"{_en_named(a)} and {_en_named(b)} spoke by phone {when} about {topics}.",
            ])
        case "meeting":
            return f"{_en_named(a)} met {_en_named(b, a)} in {ev.place.en} {when} to discuss {topics}."
        case "summit":
            return f"{_en_named(a)} and {_en_named(b, a)} held a summit in {ev.place.en} {when}, focusing on {topics}."
        case _:
            return (f"Delegations led by {_en_named(a)} and {_en_named(b)} opened a new round of talks in {ev.place.en} "
                    f"{when}, with {topics} on the agenda.")


def vi_details(ev: Event, rng: random.Random) -> list[str]:
    a, b = ev.a, ev.b
    out = []
    if ev.kind == "phone_call":
        out.append(rng.choice([
            f"Cuộc điện đàm kéo dài {_vi_duration(ev.minutes, rng)} được mô tả là \"thẳng thắn và mang tính xây dựng\". "
            f"Hai bên thảo luận nhiều vấn đề quan trọng, trong đó có {ev.topics[-1][0]}.",
            f"Theo Điện Kremlin, cuộc trao đổi kéo dài {_vi_duration(ev.minutes, rng)}. Hai nhà lãnh đạo nhất trí "
            f"tiếp tục liên lạc trong thời gian tới.",
        ]))
    else:
        out.append(f"Cuộc hội đàm kéo dài {_vi_duration(ev.minutes, rng)}. Hai bên đã trao đổi về {ev.topics[-1][0]} "
                   f"cũng như các bước tiếp theo để thúc đẩy tiến trình hòa bình.")
    out.append(rng.choice([
        f"\"Chúng tôi đã có một cuộc trao đổi rất hữu ích. Tôi nghĩ chúng ta đang tiến gần hơn tới hòa bình\", ông {a.short} "
        f"nói với các phóng viên sau đó.",
        f"Ông {b.short} cho biết: \"Các cuộc thảo luận diễn ra trong bầu không khí thực chất. Vẫn còn nhiều việc phải làm\".",
        f"Người phát ngôn Điện Kremlin Dmitry Peskov xác nhận thông tin trên, song không nêu chi tiết về {ev.topics[0][0]}.",
    ]))
    return out


def en_details(ev: Event, rng: random.Random) -> list[str]:
    a, b = ev.a, ev.b
    out = []
    if ev.kind == "phone_call":
        out.append(f"The call, which lasted {_en_duration(ev.minutes, rng)}, was described by both sides as "
                   f"\"frank and constructive\". The two leaders also discussed {ev.topics[-1][1]}.")
    else:
        out.append(f"The talks lasted {_en_duration(ev.minutes, rng)} and covered {ev.topics[-1][1]} as well as the "
                   f"next steps of the peace process.")
    out.append(rng.choice([
        f"\"It was a very productive conversation. I think we are getting closer to peace,\" {a.short} told reporters.",
        f"{b.short} said in a statement: \"The discussions were substantive. There is still a lot of work to do.\"",
        f"Kremlin spokesman Dmitry Peskov confirmed the contact but gave no details on {ev.topics[0][1]}.",
    ]))
    return out


def vi_background(ev: Event) -> str | None:
    bg = ev.background
    if bg is None:
        return None
    verb = {"phone_call": "đã điện đàm với", "meeting": "đã có cuộc gặp với", "summit": "đã gặp thượng đỉnh với",
            "negotiation_round": "đã đàm phán với"}[bg.kind]
    where = f" tại {bg.place.vi}" if bg.place else ""
    return f"Trước đó, ngày {_vi_day(bg.day)}, {_vi_named(bg.a)} {verb} {_vi_named(bg.b)}{where}."


def en_background(ev: Event) -> str | None:
    bg = ev.background
    if bg is None:
        return None
    verb = {"phone_call": "held a phone call with", "meeting": "met", "summit": "held a summit with",
            "negotiation_round": "held talks with"}[bg.kind]
    where = f" in {bg.place.en}" if bg.place else ""
    return f"Earlier, on {_en_day(bg.day)}, {_en_named(bg.a)} {verb} {_en_named(bg.b)}{where}."


def vi_plan(ev: Event) -> str | None:
    if ev.plan_place is None:
        return None
    return (f"Hai bên nhất trí sẽ gặp nhau tại {ev.plan_place.vi} trong thời gian tới, dù thời điểm cụ thể "
            f"chưa được công bố.")


def en_plan(ev: Event) -> str | None:
    if ev.plan_place is None:
        return None
    return f"The two sides agreed to meet in {ev.plan_place.en} soon, although no date has been set."


def vi_filler(rng: random.Random) -> list[str]:
    pool = [
        f"Giới phân tích nhận định các cuộc tiếp xúc gần đây cho thấy những tín hiệu tích cực, song khoảng cách "
        f"giữa các bên vẫn còn lớn. Nga hiện kiểm soát khoảng {rng.randint(18, 21)}% diện tích Ukraine.",
        "Trong khi đó, giao tranh vẫn tiếp diễn ở nhiều khu vực dọc tiền tuyến. Quân đội hai bên liên tục "
        "thông báo giành được thêm lợi thế trên chiến trường.",
        "Các nước châu Âu bày tỏ lo ngại rằng bất kỳ thỏa thuận nào cũng phải tính đến lợi ích an ninh lâu dài "
        "của khu vực. Nhiều quan chức kêu gọi tăng cường hỗ trợ cho Kiev.",
        f"Theo số liệu được công bố, kim ngạch thương mại giữa các bên đã giảm khoảng {rng.randint(10, 60)}% "
        f"kể từ khi xung đột nổ ra.",
        "Các chuyên gia cho rằng tiến trình hòa bình sẽ khó đạt đột phá trong ngắn hạn khi lập trường của "
        "các bên vẫn còn nhiều khác biệt.",
        "Mặc dù có tín hiệu tích cực, việc đạt được thỏa thuận hòa bình vẫn còn nhiều thách thức. Ukraine đòi "
        "hỏi được bảo đảm an ninh vững chắc trước khi tính đến bất kỳ nhượng bộ nào.",
        f"Cũng trong ngày, Bộ Quốc phòng Nga cho biết lực lượng phòng không đã bắn hạ {rng.randint(12, 140)} máy bay "
        f"không người lái của Ukraine trong đêm. Phía Ukraine chưa bình luận về thông tin này.",
        "Liên minh châu Âu đang thảo luận gói trừng phạt mới nhằm vào nguồn thu từ dầu mỏ và khí đốt của Nga, "
        "trong khi một số nước thành viên kêu gọi thận trọng vì lo ngại giá năng lượng tăng cao.",
        f"Theo Liên hợp quốc, hơn {rng.randint(5, 7)} triệu người Ukraine vẫn đang phải sơ tán ra nước ngoài. "
        f"Nhu cầu tái thiết cơ sở hạ tầng được ước tính lên tới hàng trăm tỷ USD.",
        "Tổng thư ký NATO Mark Rutte nhấn mạnh liên minh sẽ tiếp tục ủng hộ Ukraine \"chừng nào còn cần thiết\", "
        "đồng thời kêu gọi các nước thành viên tăng chi tiêu quốc phòng.",
    ]
    return rng.sample(pool, rng.randint(3, 6))


def en_filler(rng: random.Random) -> list[str]:
    pool = [
        f"Analysts said the recent contacts were a positive sign, but the gap between the parties remains wide. "
        f"Russia controls about {rng.randint(18, 21)}% of Ukraine's territory.",
        "Meanwhile, fighting continued along much of the front line, with both armies claiming gains.",
        "European countries have voiced concern that any deal must take the long-term security of the region "
        "into account.",
        f"Trade between the parties has fallen by about {rng.randint(10, 60)}% since the conflict began, "
        f"according to official figures.",
        "Experts believe a breakthrough is unlikely in the short term as the positions of the parties remain far apart.",
        f"The Russian Defence Ministry said its air defences downed {rng.randint(12, 140)} Ukrainian drones overnight. "
        f"Kyiv did not comment on the claim.",
        "The European Union is discussing a new package of sanctions aimed at Russia's oil and gas revenues, while "
        "some member states have urged caution over energy prices.",
        f"According to the United Nations, more than {rng.randint(5, 7)} million Ukrainians remain displaced abroad, "
        f"and the cost of rebuilding the country's infrastructure is estimated in the hundreds of billions of dollars.",
        "NATO Secretary General Mark Rutte said the alliance would keep supporting Ukraine \"for as long as it takes\" "
        "and urged members to raise defence spending.",
    ]
    return rng.sample(pool, rng.randint(3, 6))


# --------------------------------------------------------------------------
# Pages.


def _stamp(d: datetime) -> str:
    return d.strftime("%H:%M %d/%m/%Y")


def _image(domain: str, key: str) -> str:
    return f"https://{domain}/images/{key[:2]}/{key}.jpg"


def _vi_related_block(rng: random.Random, when: datetime) -> list[str]:
    lines = ["Tin liên quan"]
    for _ in range(rng.randint(1, 3)):
        teaser = rng.choice(TEASERS_VI).format(d=rng.randint(1, 28), m=rng.randint(1, 12))
        lines += [teaser, teaser]
    return lines


def _vi_more_block(rng: random.Random, when: datetime) -> list[str]:
    lines = [rng.choice(["Có thể bạn quan tâm", "Tin cùng chuyên mục", "Đọc nhiều"]), ""]
    for k in range(rng.randint(2, 4)):
        teaser = rng.choice(TEASERS_VI).format(d=rng.randint(1, 28), m=rng.randint(1, 12))
        stamp = _stamp(when - timedelta(hours=3 * k + 1))
        lines += [teaser, "", teaser, "", stamp, "", rng.choice(SUMMARIES_VI), ""]
    return lines


def _en_related_block(rng: random.Random) -> list[str]:
    lines = ["RELATED NEWS", ""]
    for _ in range(rng.randint(2, 3)):
        teaser = rng.choice(TEASERS_EN).format(d=rng.randint(2, 28), m=rng.randint(1, 12))
        lines += [teaser, "", "|", "", rng.choice(SUMMARIES_EN), ""]
    return lines


@dataclass
class Page:
    name: str
    text: str
    event: int  # the event it reports (index into the event list)
    language: str


def _vi_text_page(ev: Event, published: datetime, outlet: tuple[str, str], key: str, rng: random.Random) -> str:
    body = [vi_lead(ev, published.date(), rng), *vi_details(ev, rng)]
    for extra in (vi_background(ev), vi_plan(ev)):
        if extra:
            body.append(extra)
    body += vi_filler(rng)
    lines = [vi_title(ev, rng), "", _stamp(published), ""]
    lines += [body[0], ""]
    agency = rng.choice(AGENCIES)
    lines += [f"![]({_image(outlet[1], key)}) |",
              f"{_vi_named(ev.a)} và {_vi_named(ev.b)}. (Ảnh: {agency}) |", ""]
    cut = rng.randint(2, max(2, len(body) - 1))
    lines += [p for para in body[1:cut] for p in (para, "")]
    lines += _vi_related_block(rng, published) + [""]
    lines += [p for para in body[cut:] for p in (para, "")]
    if rng.random() < 0.5:
        lines += [rng.choice(BYLINES), ""]
    lines += _vi_more_block(rng, published)
    return "\n".join(lines).rstrip() + "\n"


def _en_text_page(ev: Event, published: datetime, outlet: tuple[str, str], key: str, rng: random.Random) -> str:
    body = [en_lead(ev, published.date(), rng), *en_details(ev, rng)]
    for extra in (en_background(ev), en_plan(ev)):
        if extra:
            body.append(extra)
    body += en_filler(rng)
    byline = rng.choice(BYLINES)
    url = f"https://{outlet[1]}/world/{key}.html"
    lines = [f"published {published.isoformat()} url {url}", "", en_title(ev, rng), "", f"{byline} |", ""]
    lines += [p for para in body for p in (para, "")]
    lines += [byline] + _en_related_block(rng)
    return "\n".join(lines).rstrip() + "\n"


def _html_page(ev: Event, published: datetime, outlet: tuple[str, str], key: str, rng: random.Random, lang: str) -> str:
    if lang == "vi":
        title = vi_title(ev, rng)
        body = [vi_lead(ev, published.date(), rng), *vi_details(ev, rng), vi_background(ev), vi_plan(ev), *vi_filler(rng)]
        related = ["Tin liên quan", *(rng.choice(TEASERS_VI).format(d=3, m=4) for _ in range(3))]
        caption = f"{_vi_named(ev.a)} và {_vi_named(ev.b)}. (Ảnh: {rng.choice(AGENCIES)})"
        nav = ["Trang chủ", "Thế giới", "Kinh tế", "Thể thao"]
    else:
        title = en_title(ev, rng)
        body = [en_lead(ev, published.date(), rng), *en_details(ev, rng), en_background(ev), en_plan(ev), *en_filler(rng)]
        related = ["Related news", *(rng.choice(TEASERS_EN).format(d=3, m=4) for _ in range(3))]
        caption = f"{_en_named(ev.a)} and {_en_named(ev.b)}. Photo: {rng.choice(AGENCIES)}"
        nav = ["Home", "World", "Business", "Sports"]
    paragraphs = [f"    <p>{p}</p>" for p in body if p]
    figure = [f'    <figure><img src="{_image(outlet[1], key)}" alt=""><figcaption>{caption}</figcaption></figure>']
    related_html = [f'    <div class="related-news"><h3>{related[0]}</h3><ul>',
                    *(f'      <li><a href="/{i}.html">{t}</a></li>' for i, t in enumerate(related[1:])), "    </ul></div>"]
    middle = min(2, len(paragraphs))
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{title} | {outlet[0]}</title>",
        f'  <meta property="og:title" content="{title}">',
        f'  <meta property="og:site_name" content="{outlet[0]}">',
        f'  <meta property="article:published_time" content="{published.isoformat()}">',
        f'  <link rel="canonical" href="https://{outlet[1]}/{key}.html">',
        "  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>",
        "</head>",
        "<body>",
        "  <header><nav>" + " | ".join(f'<a href="/">{n}</a>' for n in nav) + "</nav></header>",
        "  <article>",
        f"    <h1>{title}</h1>",
        *paragraphs[:middle],
        *figure,
        *related_html,
        *paragraphs[middle:],
        "  </article>",
        '  <aside class="most-read"><h3>Most read</h3><ul>'
        + "".join(f"<li>{t.format(d=5, m=6)}</li>" for t in (TEASERS_EN if lang == "en" else TEASERS_VI)[:4]) + "</ul></aside>",
        f"  <footer>© {outlet[0]}. All rights reserved.</footer>",
        "</body>",
        "</html>",
        "",
    ])


def generate(n: int, seed: int = 7) -> list[Page]:
    """``n`` pages in a fixed order; the same ``(n, seed)`` gives the same bytes."""
    rng = random.Random(f"events:{seed}:{n}")
    events = make_events(max(1, n // 3 + 1), rng)
    # Deal the reports out: event i is told by events[i].reports pages, until n pages.
    assignments: list[int] = []
    while len(assignments) < n:
        for ev in events:
            assignments.extend([ev.n] * ev.reports)
            if len(assignments) >= n:
                break
    assignments = assignments[:n]
    pages = []
    for i, event_no in enumerate(assignments):
        prng = random.Random(f"page:{seed}:{n}:{i}")
        ev = events[event_no]
        key = hashlib.sha256(f"{seed}:{n}:{i}".encode()).hexdigest()[:16]
        lang = "vi" if prng.random() < 0.6 else "en"
        published = datetime.combine(ev.day + timedelta(days=prng.choice([0, 0, 1, 1, 2])), datetime.min.time())
        published = published.replace(hour=prng.randint(6, 23), minute=prng.choice([0, 15, 30, 45]), tzinfo=HANOI)
        html = prng.random() < 0.15
        if lang == "vi":
            outlet = prng.choice(OUTLETS_VI)
            if html:
                text = _html_page(ev, published, outlet, key, prng, "vi")
            else:
                text = _vi_text_page(ev, published, outlet, key, prng)
        else:
            outlet = prng.choice(OUTLETS_EN)
            text = (_html_page(ev, published, outlet, key, prng, "en") if html
                    else _en_text_page(ev, published, outlet, key, prng))
        suffix = ".html" if html else ".txt"
        pages.append(Page(f"bench-{i:06d}_{key}{suffix}", text, event_no, lang))
    return pages


if __name__ == "__main__":  # print one page of each kind, to read
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    for page in generate(count):
        print(f"===== {page.name} ({page.language}, event {page.event})")
        print(page.text)
