"""Find date expressions and normalise them against the publication date, keeping precision."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DateMention, Precision

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_WEEKDAYS = {calendar.day_name[n].lower(): n for n in range(7)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
}  # fmt: skip

# Month names are matched case-sensitively in running text: "may" and "march" are also words.
_MONTH_RE = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![A-Za-z])"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_PART_RE = (
    r"(?:(?:early|mid|late|earlier|later|the end of|end of|the beginning of|beginning of"
    r"|the start of|start of|the middle of|middle of|the summer of|the winter of|the spring of"
    r"|the autumn of|the fall of)[\s-]+)"
)
_YEAR_RE = r"(?<![\d,.])(?:19|20)\d\d(?![\d,]|s\b)"
_NUM_RE = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
_PREP_RE = r"(?:in|since|until|till|before|after|by|from|during|through|throughout|to|and|of)"

# Bare "then" is mostly "next"; it refers back to a date only before a title or a former name.
_THEN = (
    r"\bthen(?=[\s-]+(?:known|called|named|led|headed|commander|leader|head|chief|minister"
    r"|president|governor|spokesman)\b)"
)
# Expressions the statistical model tends to miss (or cuts short, as "March" of "early March").
_FINDERS = [
    re.compile(p)
    for p in (
        rf"{_PART_RE}?(?:(?:last|this|next|past) )?{_MONTH_RE}"
        rf"(?: \d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}}\b)?)?(?:,? {_YEAR_RE})?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})? (?:of )?{_MONTH_RE}(?:,? {_YEAR_RE})?",
        rf"\b{_PREP_RE} ((?:the (?:year )?)?{_YEAR_RE})",
        rf"(?i:\b{_PART_RE}){_YEAR_RE}",
        rf"(?i:\b{_PART_RE}?(?:this|last|next) (?:year|month|week)\b)",
        r"(?i:\b(?:the day before yesterday|yesterday|today|tomorrow|last night)\b)",
        r"(?i:\b(?:this|last|past) weekend\b)",
        r"(?i:\b(?:the )?(?:past|last|previous) (?:24|48|72|twenty-four|forty-eight) hours\b)",
        rf"(?i:\b(?:{_NUM_RE}|a few|several) (?:days?|weeks?|months?|years?|decades?) ago\b)",
        rf"(?i:\b(?:(?:last|this|next|past) )?){_WEEKDAY_RE}",
        r"(?i:\b(?:at (?:the|that) time|at that point|back then)\b)",
        rf"(?i:{_THEN})",
    )
]
_REFERENCE = re.compile(r"(?i)(?:at (?:the|that) time|at that point|back then|then)")
_LEADING = re.compile(r"(?i)^(?:(since|from)|(until|till|til|up to|up until|before))\s+")
_BEFORE_SPAN = re.compile(
    r"(?i)(?:\b(since|from|between)|(\buntil|\btill|\btil|\bup to|\bup until|\bbefore"
    r"|\bbetween\s[^,;.]{1,30}?\sand|\bfrom\s[^,;.]{1,30}?\s(?:to|through)))\s+$"
)
# "since the fall of the Assad regime in December 2024": the event's date bounds the span.
_SINCE_EVENT = re.compile(r"(?i)\bsince\s+(?!then\b)(?:[\w'’-]+\s+){1,7}?(?:in|on)\s+$")
# Parts of a day before a day ("the early hours of Sunday", "late on Tuesday", "early Monday").
_DAY_PART = re.compile(
    r"(?i)^(?:(?:the )?(?:early|small|late|first) hours of|(?:the )?(?:morning|afternoon|evening"
    r"|night|dawn) of|(?:early|late) on|early|late)\s+"
)
_STRIP = re.compile(r"(?i)^(?:in|on|at|during|of|by|the)\s+")
# Durations, ages and vague periods name no point in time; they stay unresolved.
_VAGUE = re.compile(
    rf"(?i)^(?:for )?(?:the )?(?:(?:past|last|next|coming|previous|following|recent|these|those"
    rf"|many|few|several|\d+|{_NUM_RE})\s*)+(?:few )?(?:days?|weeks?|months?|years?|decades?)$"
    r"|year-old|years? old|^(?:the )?\d{2,4}s$|annual|daily|weekly|monthly"
)


@dataclass(frozen=True, slots=True)
class _Base:
    """The publication date as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> _Base:
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published or "")
        if not match:
            return cls()
        year, month, day = (int(g) if g else None for g in match.groups())
        # An impossible publication date ("2019-13-45") keeps only its parts that exist.
        if month is not None and not 1 <= month <= 12:
            month = day = None
        if day is not None and month is not None:
            try:
                date(year or 1, month, day)
            except ValueError:
                day = None
        return cls(year, month, day)

    def as_date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


Resolved = tuple[str | None, Precision | None]
_UNRESOLVED: Resolved = (None, None)


def _ym(year: int, month: int) -> Resolved:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}", "month"


def _day(day: date) -> Resolved:
    return day.isoformat(), "day"


def _span_of(first: date, last: date) -> Resolved:
    """The narrowest honest prefix covering every day of a range."""
    if (first.year, first.month) == (last.year, last.month):
        return _ym(first.year, first.month)
    if first.year == last.year:
        return str(first.year), "year"
    return _UNRESOLVED


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip(" ,.;:()'\"“”")
    text = re.sub(r"(?i)\bmid-", "mid ", text)
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)
    while True:
        stripped = _STRIP.sub("", text)
        if stripped == text:
            return text.lower().replace(".", "")
        text = stripped


def _month_year(month: int, base: _Base, which: str | None) -> Resolved:
    """A month named without a year: the latest one not after publication, unless told next."""
    if base.year is None:
        return _UNRESOLVED
    if which == "this":
        return _ym(base.year, month)
    if base.month is None:
        return _UNRESOLVED
    if which == "next":
        return _ym(base.year + (month <= base.month), month)
    if which in ("last", "past"):
        return _ym(base.year - (month >= base.month), month)
    return _ym(base.year - (month > base.month), month)


def _relative_unit(count: int, unit: str, base: _Base, sign: int = -1) -> Resolved:
    unit = unit.rstrip("s")
    if unit in ("year", "decade"):
        years = count * (10 if unit == "decade" else 1)
        return (str(base.year + sign * years), "year") if base.year else _UNRESOLVED
    if unit == "month":
        return (
            _ym(base.year, base.month + sign * count) if base.year and base.month else _UNRESOLVED
        )
    day = base.as_date()
    if day is None:
        return _near(base) if unit == "day" and count == 1 else _UNRESOLVED
    if unit == "week":
        return _span_of(day + timedelta(weeks=sign * count, days=-day.weekday()),
                        day + timedelta(weeks=sign * count, days=6 - day.weekday()))  # fmt: skip
    return _day(day + timedelta(days=sign * count))


def _normalise_rules(text: str, base: _Base) -> Resolved | None:
    """Our own rules; None when the expression is not one they know."""
    t = _clean(text)
    night = bool(re.match(r"(?:the )?nights? of ", t))
    t = _DAY_PART.sub("", t)
    # "by the end of the year" is the end of this one.
    t = re.sub(r"^((?:end|beginning|start|middle) of) the (year|month)$", r"\1 this \2", t)
    months = "|".join(sorted(_MONTHS, key=len, reverse=True))
    part = r"(?:(?:early|mid|late|earlier|later|end of|beginning of|start of|middle of|summer of"
    part += r"|winter of|spring of|autumn of|fall of|summer|winter|spring|autumn|fall"
    part += r"|(?:first|second|third|fourth|last|final) (?:week|weeks|days|half|quarter) of) )?"
    if found := _day_range(t, months, base, night):
        return found
    if found := _recent(t, base):
        return found
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t):
        return (t, "day") if m.group(3) else (t, "month")
    if m := re.fullmatch(rf"(\d{{1,2}}) (?:of )?({months}),? (\d{{4}})", t):
        return _valid_day(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    if m := re.fullmatch(rf"({months}) (\d{{1,2}}),? (\d{{4}})", t):
        return _valid_day(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    if m := re.fullmatch(rf"{part}({months}),? (\d{{4}})", t):
        return _ym(int(m.group(2)), _MONTHS[m.group(1)])
    if m := re.fullmatch(rf"{part}(?:the )?(?:year )?(\d{{4}})", t):
        return m.group(1), "year"
    if m := re.fullmatch(rf"(?:({months}) (\d{{1,2}})|(\d{{1,2}}) (?:of )?({months}))", t):
        month = _MONTHS[m.group(1) or m.group(4)]
        found = _month_year(month, base, None)
        if found[0] is None:
            return _UNRESOLVED
        year = int(found[0][:4])
        return _valid_day(year, month, int(m.group(2) or m.group(3)))
    if m := re.fullmatch(rf"{part}(?:(last|this|next|past) )?({months})", t):
        return _month_year(_MONTHS[m.group(2)], base, m.group(1))
    if m := re.fullmatch(rf"{part}(?:the )?(this|last|next|past|previous) (year|month|week)", t):
        if m.group(1) in ("past", "previous"):  # "the past year" is a duration, not a point
            return _UNRESOLVED
        sign = {"this": 0, "last": -1, "next": 1}[m.group(1)]
        return _relative_unit(1, m.group(2), base, sign) if sign else _current(m.group(2), base)
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return _current("day", base)
    if t in ("yesterday", "tomorrow", "day before yesterday"):
        shift = {"yesterday": -1, "tomorrow": 1, "day before yesterday": -2}[t]
        return _relative_unit(abs(shift), "day", base, 1 if shift > 0 else -1)
    if m := re.fullmatch(rf"({_NUM_RE}|a couple of) (day|week|month|year|decade)s? ago", t):
        count = _NUMBERS.get(m.group(1)) or int(m.group(1))
        return _relative_unit(count, m.group(2), base)
    if re.fullmatch(r"(?:a few|several|some|many) \w+ ago", t):
        return _UNRESOLVED
    weekdays = "|".join(_WEEKDAYS)
    if m := re.fullmatch(rf"(?:(last|this|next|past) )?({weekdays})(?: \w+)?", t):
        return _weekday(_WEEKDAYS[m.group(2)], m.group(1), base)
    if _VAGUE.search(t):
        return _UNRESOLVED
    return None


def _day_range(t: str, months: str, base: _Base, night: bool) -> Resolved | None:
    """ "March 3-4", "3-4 March 2023": the month; "the night of March 3-4": the first day."""
    m = re.fullmatch(rf"({months}) (\d{{1,2}})[-–](\d{{1,2}}),? ?(\d{{4}})?", t) or re.fullmatch(
        rf"(?P<d1>\d{{1,2}})[-–](?P<d2>\d{{1,2}}) (?:of )?(?P<m>{months}),? ?(?P<y>\d{{4}})?", t
    )
    if m is None:
        return None
    named = m.groupdict()
    month_name, first, last, year_text = (
        (named["m"], named["d1"], named["d2"], named["y"]) if named else m.groups()
    )
    month = _MONTHS[month_name]
    if year_text:
        year = int(year_text)
    else:
        found = _month_year(month, base, None)
        if found[0] is None:
            return _UNRESOLVED
        year = int(found[0][:4])
    if night:  # a night spans two dates and is named by the first
        return _valid_day(year, month, int(first))
    return _ym(year, month)


def _recent(t: str, base: _Base) -> Resolved | None:
    """ "the past 24 hours", "last night", "last weekend": days around publication."""
    day = base.as_date()
    hours = re.fullmatch(r"(?:past|last|previous) (24|48|72|twenty-four|forty-eight) hours", t)
    if not (hours or t in ("last night", "this weekend", "last weekend", "past weekend")):
        return None
    if day is None:
        return _near(base)
    if hours:
        count = {"twenty-four": 24, "forty-eight": 48}.get(hours.group(1)) or int(hours.group(1))
        return _span_of(day - timedelta(days=count // 24), day)
    if t == "last night":
        return _day(day - timedelta(days=1))
    sunday = day - timedelta(days=(day.weekday() - 6) % 7)
    if t != "this weekend" and sunday == day:
        sunday -= timedelta(weeks=1)
    return _span_of(sunday - timedelta(days=1), sunday)


def _valid_day(year: int, month: int, day: int) -> Resolved:
    try:
        return _day(date(year, month, day))
    except ValueError:
        return _ym(year, month)


def _current(unit: str, base: _Base) -> Resolved:
    """The period containing the publication date, as precisely as both allow."""
    if unit == "year" or (base.year and not base.month):
        return (str(base.year), "year") if base.year else _UNRESOLVED
    if unit == "month" or not base.day:
        return _ym(base.year, base.month) if base.year and base.month else _UNRESOLVED
    day = base.as_date()
    if unit == "week" and day:
        return _span_of(day - timedelta(days=day.weekday()), day)
    return _day(day) if day else _UNRESOLVED


def _near(base: _Base) -> Resolved:
    """A day close to publication ("yesterday", "on Sunday") in an article dated only to the
    month: that month, no more precise than the publication date itself."""
    return _ym(base.year, base.month) if base.year and base.month else _UNRESOLVED


def _weekday(weekday: int, which: str | None, base: _Base) -> Resolved:
    day = base.as_date()
    if day is None:
        return _near(base)
    if which == "next":
        return _day(day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1))
    back = (day.weekday() - weekday) % 7
    if which in ("last", "past") and back == 0:
        back = 7
    return _day(day - timedelta(days=back))


@lru_cache(maxsize=32)
def _parser(base: date | None):  # noqa: ANN202 - dateparser has no public types
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _normalise_dateparser(text: str, base: _Base) -> Resolved:
    """Fallback for forms our rules miss, kept honest about what the text really states."""
    explicit_year = re.search(r"\b(?:19|20)\d\d\b", text)
    if not explicit_year and not re.search(r"[^\W\d_]{3}", text):
        return _UNRESOLVED  # a bare number ("Abu Khaled, 43,") is an age or a count
    anchor = base.as_date()
    if not explicit_year and anchor is None:
        return _UNRESOLVED  # dateparser would fill the gaps from today's date
    try:
        data = _parser(anchor).get_date_data(text)
    except Exception:  # noqa: BLE001 - a parser failure leaves the date unresolved
        return _UNRESOLVED
    found = data.date_obj if data else None
    if found is None:
        return _UNRESOLVED
    if data.period in ("day", "time"):
        return _day(found.date())
    if data.period == "month":
        return _ym(found.year, found.month)
    if data.period == "year":
        return str(found.year), "year"
    return _UNRESOLVED


def normalise(text: str, published: str | None) -> tuple[str | None, Precision | None]:
    """The ISO prefix and precision a date expression denotes, or (None, None)."""
    base = _Base.parse(published)
    found = _normalise_rules(text, base)
    return found if found is not None else _normalise_dateparser(text, base)


# "the seven-year war", "a 10-day truce": a duration describing a thing, never a date.
_DURATION_ADJECTIVE = re.compile(
    rf"(?i)^(?:the |a |an )?(?:{_NUM_RE}|\w+)[-‑](?:year|month|week|day|hour|decade)s?(?:[-‑]old)?$"
)
# A month named alone is a date only after a word of time ("in May", "since early March",
# "last June") or before a day or year; "urged May", "Theresa May" name a person.
_MONTH_ALONE = re.compile(rf"^{_MONTH_RE}$")
_TIME_WORDS = re.compile(
    r"(?i)\b(?:in|on|since|until|till|by|from|through|during|before|after|between|and|to|of"
    r"|early|late|mid|last|next|this|past|end|beginning|start|middle|until|,)\s*$"
)


def _is_date(text: str, start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    """False for durations used as adjectives and for a lone month that is not told as a time."""
    surface = text[start:end].strip()
    if _DURATION_ADJECTIVE.match(surface):
        return False
    if _MONTH_ALONE.match(surface):
        if any(s <= start and end <= e for s, e in persons):
            return False
        after = text[end : end + 6]
        return bool(_TIME_WORDS.search(text[max(0, start - 12) : start])) or bool(
            re.match(r"[ ,]+\d", after)
        )
    return True


def _candidate_spans(analyzed: AnalyzedDocument) -> list[tuple[int, int]]:
    text = analyzed.document.text
    spans = [(e.start_char, e.end_char) for e in analyzed.doc.ents if e.label_ == "DATE"]
    for finder in _FINDERS:
        for m in finder.finditer(text):
            group = 1 if m.re.groups and m.group(1) else 0
            spans.append((m.start(group), m.end(group)))
    persons = [
        (m.start, m.end) for e in analyzed.entities if e.type == "PERSON" for m in e.mentions
    ]
    spans = [(a, b) for a, b in spans if _is_date(text, a, b, persons)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _relation(text: str, start: int, end: int) -> tuple[int, str]:
    """Move a leading "since"/"until" out of the span into the relation."""
    span = text[start:end]
    if m := _LEADING.match(span):
        return start + m.end(), "since" if m.group(1) else "until"
    if m := _BEFORE_SPAN.search(text[max(0, start - 48) : start]):
        return start, "since" if m.group(1) else "until"
    if _SINCE_EVENT.search(text[max(0, start - 72) : start]):
        return start, "since"
    return start, "at"


class _Sentences:
    """Character offset → sentence index, for documents parsed with sentence boundaries."""

    def __init__(self, doc: Doc) -> None:
        self.bounds = [(s.start_char, s.end_char) for s in doc.sents]
        self.starts = [b[0] for b in self.bounds]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def _resolve_references(
    dates: list[DateMention], sentences: _Sentences, text: str
) -> list[DateMention]:
    """Give "at the time" the value of the nearest explicit date in its or the previous sentence."""
    explicit = [d for d in dates if d.value and not _REFERENCE.fullmatch(d.text)]
    out = []
    for item in dates:
        if not _REFERENCE.fullmatch(item.text):
            out.append(item)
            continue
        here = sentences.index(item.start)
        same = [d for d in explicit if sentences.index(d.start) == here]
        before = [d for d in explicit if sentences.index(d.start) == here - 1]
        ref: DateMention | None
        if same:
            ref = min(same, key=lambda d: min(abs(d.start - item.end), abs(item.start - d.end)))
        else:
            ref = before[-1] if before else None
        if ref is not None:
            item = DateMention(item.start, item.end, item.text, ref.value, ref.precision, "at")
        out.append(item)
    return out


_RANGE = re.compile(
    r"(?i)^(between\s+|from\s+)?(?P<a>.+?)\s*(?:\sand\s|\sto\s|\suntil\s|\still\s"
    r"|\sthrough\s|–|-)\s*(?P<b>.+)$"
)


def _split_range(surface: str, published: str | None) -> list[tuple[int, int, str, str]] | None:
    """ "between 2014 and 2017" → (start, end, relation) of each bound, when both are dates."""
    m = _RANGE.match(surface)
    if not m:
        return None
    base = _Base.parse(published)
    if _normalise_rules(m["a"], base) is None or _normalise_rules(m["b"], base) is None:
        return None
    # "between March and June 2020": the first bound borrows the year of the second.
    year = re.search(r"(?:19|20)\d\d", m["b"]) if not re.search(r"\d{4}", m["a"]) else None
    first = f"{m['a']} {year.group()}" if year else m["a"]
    return [(m.start("a"), m.end("a"), "since", first), (m.start("b"), m.end("b"), "until", m["b"])]


def resolve_dates(analyzed: AnalyzedDocument) -> tuple[DateMention, ...]:
    """Every date expression in the document, normalised against its publication date."""
    text = analyzed.document.text
    published = analyzed.document.published
    found = []
    for raw_start, raw_end in _candidate_spans(analyzed):
        start, relation = _relation(text, raw_start, raw_end)
        surface = text[start:raw_end].rstrip(" ,.;:\n\r\t")
        if not surface.strip():
            continue
        parts = _split_range(surface, published) or [(0, len(surface), relation, surface)]
        if re.search(r"(?i)\bnights? of\s+$", text[max(0, start - 16) : start]):
            parts = [(lo, hi, how, f"night of {meaning}") for lo, hi, how, meaning in parts]
        for lo, hi, how, meaning in parts:
            piece = surface[lo:hi]
            if _REFERENCE.fullmatch(piece):
                found.append(DateMention(start + lo, start + hi, piece, None, None, "at"))
                continue
            value, precision = normalise(meaning, published)
            found.append(DateMention(start + lo, start + hi, piece, value, precision, how))  # type: ignore[arg-type]
    return tuple(_resolve_references(found, _Sentences(analyzed.doc), text))


def is_reference(mention: DateMention) -> bool:
    """True for anaphoric dates ("at the time") whose value was borrowed from another date."""
    return bool(_REFERENCE.fullmatch(mention.text))


def date_for_span(
    dates: tuple[DateMention, ...] | list[DateMention],
    start: int,
    end: int,
    doc: Doc | AnalyzedDocument,
) -> DateMention | None:
    """The resolved date governing a character span: nearest in its sentence, else "at the time"."""
    spacy_doc = doc.doc if isinstance(doc, AnalyzedDocument) else doc
    span = spacy_doc.char_span(start, max(start + 1, end), alignment_mode="expand")
    if span is None or not len(span):
        return None
    lo, hi = span[0].sent.start_char, span[-1].sent.end_char
    inside = [d for d in dates if d.value and lo <= d.start < hi]

    def distance(d: DateMention) -> int:
        return max(0, d.start - end, start - d.end)

    explicit = [d for d in inside if not is_reference(d)]
    if explicit:
        return min(explicit, key=distance)
    references = [d for d in inside if is_reference(d)]
    return min(references, key=distance) if references else None
