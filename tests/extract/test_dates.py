"""Date expressions: normalisation against the publication date and the date governing a span."""

from __future__ import annotations

import pytest

from factionmap.extract.dates import date_for_span, normalise, resolve_dates

# (expression, published, expected value, expected precision)
NORMALISE_CASES = [
    # absolute dates keep the precision the text states
    ("in September 2021", None, "2021-09", "month"),
    ("July 14, 2017", None, "2017-07-14", "day"),
    ("14 July 2017", None, "2017-07-14", "day"),
    ("the 3rd of March, 2019", None, "2019-03-03", "day"),
    ("in 2014", None, "2014", "year"),
    ("mid-2020", None, "2020", "year"),
    ("late 2019", None, "2019", "year"),
    ("the end of 2018", None, "2018", "year"),
    ("early March 2022", None, "2022-03", "month"),
    ("Sept. 3, 2019", None, "2019-09-03", "day"),
    # months without a year: the latest such month not after publication
    ("last April", "2022-05", "2022-04", "month"),
    ("last April", "2022-04", "2021-04", "month"),
    ("last April", "2022-03-10", "2021-04", "month"),
    ("early March", "2023-05", "2023-03", "month"),
    ("in November", "2023-05", "2022-11", "month"),
    ("this April", "2022", "2022-04", "month"),
    ("last April", "2022", None, None),  # which April depends on the unknown month
    ("early March", None, None, None),
    ("on 3 March", "2022-05-03", "2022-03-03", "day"),
    # relative to a day-precision publication date; a day next to a month-only one is that
    # month, no more precise
    ("yesterday", "2023-03-14", "2023-03-13", "day"),
    ("yesterday", "2023-03-01", "2023-02-28", "day"),
    ("yesterday", "2023-03", "2023-03", "month"),
    ("on Sunday", "2023-03", "2023-03", "month"),
    ("last night", "2023-03", "2023-03", "month"),
    ("yesterday", None, None, None),
    ("two days ago", "2023-03-01", "2023-02-27", "day"),
    ("2 days ago", "2023-03", None, None),
    ("on Tuesday", "2023-03-16", "2023-03-14", "day"),
    ("last Friday", "2023-03-17", "2023-03-10", "day"),
    ("Tuesday", "2023-03", "2023-03", "month"),
    ("last week", "2023-03-16", "2023-03", "month"),  # Monday 6 to Sunday 12 March
    ("last week", "2023-03-07", "2023", "year"),  # 27 February to 5 March: no single month
    # relative months and years
    ("last month", "2023-01", "2022-12", "month"),
    ("three months ago", "2022-05", "2022-02", "month"),
    ("this year", "2022-05", "2022", "year"),
    ("last year", "2022-05", "2021", "year"),
    ("earlier this year", "2022-05-12", "2022", "year"),
    ("the end of last year", "2022-05-03", "2021", "year"),
    ("last year", None, None, None),
    ("today", "2023-03", "2023-03", "month"),  # true for whichever day of March
    # periods, durations and ages name no point in time
    ("these years", "2022-05", None, None),
    ("recent years", "2022-05", None, None),
    ("the past two years", "2022-05", None, None),
    ("the following year", "2022", None, None),
    ("the 1990s", None, None, None),
    ("25-year-old", None, None, None),
    ("43", "2023-10-06", None, None),  # "Abu Khaled, 43, said": an age
    # wire styles: weekdays are the latest such day on or before publication
    ("on Tuesday", "2023-10-10", "2023-10-10", "day"),  # published on a Tuesday: that day
    ("on Tuesday", "2023-10-06", "2023-10-03", "day"),
    ("in the early hours of Sunday", "2023-10-06", "2023-10-01", "day"),
    ("late on Tuesday", "2023-10-06", "2023-10-03", "day"),
    ("early Monday", "2023-10-06", "2023-10-02", "day"),
    ("Sunday night", "2023-10-06", "2023-10-01", "day"),
    ("last night", "2023-10-06", "2023-10-05", "day"),
    ("last night", "2023-10", "2023-10", "month"),
    # abbreviated months, day-month order, ordinals
    ("Oct. 5", "2023-10-06", "2023-10-05", "day"),
    ("Oct 5", "2023-10-06", "2023-10-05", "day"),
    ("Sept. 12, 2023", None, "2023-09-12", "day"),
    ("Sept 12", "2023-10-06", "2023-09-12", "day"),
    ("Dec. 8", "2025-01-10", "2024-12-08", "day"),
    ("5 October", "2023-10-06", "2023-10-05", "day"),
    ("the 5th of October", "2023-10-06", "2023-10-05", "day"),
    # a range of days is the month; a night is named by its first date
    ("March 3-4", "2023-10-06", "2023-03", "month"),
    ("3-4 March 2022", None, "2022-03", "month"),
    ("Oct. 5-6", "2023-10-06", "2023-10", "month"),
    ("the night of March 3-4", "2023-10-06", "2023-03-03", "day"),
    # relative periods
    ("earlier this month", "2023-10-06", "2023-10", "month"),
    ("late last month", "2023-10-06", "2023-09", "month"),
    ("late last year", "2023-10-06", "2022", "year"),
    ("earlier this week", "2023-10-06", "2023-10", "month"),
    ("two years ago", "2023-10-06", "2021", "year"),
    ("13 years ago", "2024-12-08", "2011", "year"),
    ("a decade ago", "2023-10-06", "2013", "year"),
    ("the first week of March", "2023-10-06", "2023-03", "month"),
    ("the first half of 2024", None, "2024", "year"),
    ("by the end of the year", "2025-05-20", "2025", "year"),
    ("last weekend", "2023-10-09", "2023-10", "month"),  # Saturday 7 and Sunday 8
    # the past 24 hours: the days it covers, never padded into one of them
    ("in the past 24 hours", "2023-10-06", "2023-10", "month"),
    ("the last 48 hours", "2023-10-01", "2023", "year"),  # 29 September to 1 October
    ("the past 24 hours", "2023", None, None),
    # seasons and mid-years are the year
    ("mid-2024", None, "2024", "year"),
    ("the summer of 2019", None, "2019", "year"),
    ("spring 2018", None, "2018", "year"),
    # religious calendars and vague times are left alone
    ("Ramadan", "2023-10-06", None, None),
    ("during Ramadan", "2024-05-01", None, None),
    ("overnight", "2023-10-06", None, None),
    ("in recent days", "2023-10-06", None, None),
    ("the previous day", "2023-10-06", None, None),
]


@pytest.mark.parametrize(("text", "published", "value", "precision"), NORMALISE_CASES)
def test_dates_normalise(text, published, value, precision):
    assert normalise(text, published) == (value, precision)


def test_dates_normalise_never_pads_a_month_into_a_day():
    value, precision = normalise("in October 2019", "2022-05-12")
    assert (value, precision) == ("2019-10", "month")


def _dates(text, published):
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(text, published)
    return analyzed, resolve_dates(analyzed)


def _find(dates, surface):
    found = [d for d in dates if d.text == surface]
    assert found, f"no date {surface!r} in {[d.text for d in dates]}"
    return found[0]


# (text, published, surface of the date, value, precision, relation)
RESOLVE_CASES = [
    (
        "The Levant Front has controlled the town of Azaz since 2017.",
        "2023-03-14",
        "2017",
        "2017",
        "year",
        "since",
    ),
    (
        "The truce between the two factions held until late 2019.",
        None,
        "late 2019",
        "2019",
        "year",
        "until",
    ),
    (
        "Tahrir al-Sham ruled the crossing till October 2021, when the committee took over.",
        None,
        "October 2021",
        "2021-10",
        "month",
        "until",
    ),
    (
        "Fighting resumed in mid-2020 on the outskirts of Saraqib.",
        None,
        "mid-2020",
        "2020",
        "year",
        "at",
    ),
    (
        "A delegation from the Interim Government arrived in Azaz in early March.",
        "2023-05",
        "early March",
        "2023-03",
        "month",
        "at",
    ),
    (
        "A delegation from the Interim Government arrived in Azaz in early March.",
        None,
        "early March",
        None,
        None,
        "at",
    ),
    (
        "Clashes broke out yesterday between two factions in Jindires.",
        "2023-03-14",
        "yesterday",
        "2023-03-13",
        "day",
        "at",
    ),
    (
        "Clashes broke out yesterday between two factions in Jindires.",
        "2023-03",
        "yesterday",
        "2023-03",
        "month",
        "at",
    ),
    (
        "Turkish drones struck a checkpoint near Tal Rifaat on Tuesday.",
        "2023-03-16",
        "Tuesday",
        "2023-03-14",
        "day",
        "at",
    ),
    (
        "The commander was arrested on 14 July 2017 at a checkpoint near Idlib.",
        "2023-03-16",
        "14 July 2017",
        "2017-07-14",
        "day",
        "at",
    ),
    # wire styles
    (
        "AMMAN, Oct 6 (Reuters) - Russian and Syrian warplanes struck towns on Friday.",
        "2023-10-06",
        "Friday",
        "2023-10-06",
        "day",
        "at",
    ),
    (
        "ANKARA, Sept. 12 (AP) — Turkish jets struck Kurdish positions on Monday.",
        "2023-09-12",
        "Sept. 12",
        "2023-09-12",
        "day",
        "at",
    ),
    (
        "Israeli jets struck an airbase near Damascus in the early hours of Sunday.",
        "2023-10-06",
        "Sunday",
        "2023-10-01",
        "day",
        "at",
    ),
    (
        "Israeli jets struck an airbase near Damascus on the night of March 3-4.",
        "2023-10-06",
        "March 3-4",
        "2023-03-03",
        "day",
        "at",
    ),
    (
        "At least 17 people were killed in the past 24 hours, the monitor said.",
        "2023-10-06",
        "the past 24 hours",
        "2023-10",
        "month",
        "at",
    ),
    (
        "The group was founded two years ago in Idlib.",
        "2023-10-06",
        "two years ago",
        "2021",
        "year",
        "at",
    ),
    (
        "The SNA has controlled the town since the fall of the Assad regime in December 2024.",
        "2025-05-20",
        "December 2024",
        "2024-12",
        "month",
        "since",
    ),
    (
        "The SDF has held the dam since mid-2024, residents said.",
        "2025-05-20",
        "mid-2024",
        "2024",
        "year",
        "since",
    ),
    (
        "The talks between the two sides began in the summer of 2019 in Geneva.",
        "2025-05-20",
        "the summer of 2019",
        "2019",
        "year",
        "at",
    ),
    (
        "Fighting resumed after Tuesday's attack on the academy.",
        "2023-10-06",
        "Tuesday",
        "2023-10-03",
        "day",
        "at",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "surface", "value", "precision", "relation"), RESOLVE_CASES
)
def test_dates_resolve_dates_forms(text, published, surface, value, precision, relation):
    _, dates = _dates(text, published)
    found = _find(dates, surface)
    assert (found.value, found.precision, found.relation) == (value, precision, relation)
    assert text[found.start : found.end] == found.text


# (text, value the "at the time" reference takes)
REFERENCE_CASES = [
    # a date in the same sentence
    ("In 2015, the group, which was led by Abu Jaber at the time, seized the airbase.", "2015"),
    # the date of the sentence before
    (
        "The Hamza Division was formed in April 2016 near Marea. Its leader at the time was "
        "Sayf Abu Bakr.",
        "2016-04",
    ),
    # nearest of two dates in the same sentence
    (
        "The faction joined the army in May 2018 and, at that time, left the front in August 2019.",
        "2018-05",
    ),
    # no explicit date near enough: unresolved
    (
        "The factions fought over the crossing. Tensions at that time led to mutual arrests.",
        None,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "value"), REFERENCE_CASES)
def test_dates_resolve_dates_at_the_time(text, value):
    _, dates = _dates(text, "2023-03-14")
    reference = next(d for d in dates if d.text.lower() in ("at the time", "at that time"))
    assert reference.value == value


@pytest.mark.model
def test_dates_resolve_dates_without_publication_date_leaves_relative_dates_unresolved():
    _, dates = _dates(
        "Last year the faction lost two villages, and this month it lost a third.", None
    )
    assert [d.value for d in dates] == [None, None]
    assert len(dates) == 2


@pytest.mark.model
def test_dates_date_for_span_picks_nearest_date_in_sentence():
    text = (
        "The Sham Legion withdrew from Afrin in March 2018, and the Hamza Division entered the "
        "city in January 2019. Residents returned later."
    )
    analyzed, dates = _dates(text, "2023-03-14")
    withdrew = text.index("withdrew")
    entered = text.index("entered")
    assert date_for_span(dates, withdrew, withdrew + 8, analyzed).value == "2018-03"
    assert date_for_span(dates, entered, entered + 7, analyzed.doc).value == "2019-01"
    returned = text.index("returned")
    assert date_for_span(dates, returned, returned + 8, analyzed) is None


@pytest.mark.model
def test_dates_date_for_span_falls_back_to_at_the_time():
    text = (
        "The crossing came under the control of Tahrir al-Sham in July 2017. The crossing was run "
        "at the time by a civilian administration."
    )
    analyzed, dates = _dates(text, None)
    run = text.index("was run")
    found = date_for_span(dates, run, run + 7, analyzed)
    assert found is not None
    assert (found.text, found.value, found.precision) == ("at the time", "2017-07", "month")


# (text, [(surface, value, relation)] in order)
RANGE_CASES = [
    (
        "The two factions fought over the crossing between 2014 and 2017.",
        [("2014", "2014", "since"), ("2017", "2017", "until")],
    ),
    (
        "The Levant Front ruled the town from 2015 to 2019.",
        [("2015", "2015", "since"), ("2019", "2019", "until")],
    ),
    (
        "Between March and June 2020, the road to Afrin was closed.",
        [("March", "2020-03", "since"), ("June 2020", "2020-06", "until")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_dates_resolve_dates_splits_ranges(text, expected):
    _, dates = _dates(text, "2023-03-14")
    assert [(d.text, d.value, d.relation) for d in dates] == expected


@pytest.mark.model
def test_dates_resolve_dates_then_before_a_former_name_refers_back():
    text = "In 2016 the group, then known as Jabhat Fateh al-Sham, cut its ties with al-Qaeda."
    _, dates = _dates(text, None)
    assert [(d.text, d.value) for d in dates] == [("2016", "2016"), ("then", "2016")]


@pytest.mark.model
def test_dates_resolve_dates_bare_then_is_not_a_date():
    _, dates = _dates("The fighters then withdrew to Azaz.", "2023-03-14")
    assert dates == ()


@pytest.mark.model
def test_dates_resolve_dates_since_reaches_past_a_clause_boundary_only_without_punctuation():
    text = "Since the talks, which began in Geneva, the front has moved. It stalled in May 2023."
    _, dates = _dates(text, "2024-01-10")
    assert [(d.text, d.relation) for d in dates] == [("May 2023", "at")]


@pytest.mark.model
def test_dates_resolve_dates_since_then_does_not_reach_a_later_date():
    text = "Since then the group has lost ground in Idlib in 2019."
    _, dates = _dates(text, "2024-01-10")
    assert [(d.text, d.relation) for d in dates] == [("2019", "at")]


@pytest.mark.model
def test_dates_resolve_dates_byline_date_has_no_trailing_break():
    text = "Levant Wire | May 20, 2025\n\nALEPPO — The last brigades joined the army."
    _, dates = _dates(text, "2025-05-20")
    assert [(d.text, d.value) for d in dates] == [("May 20, 2025", "2025-05-20")]


@pytest.mark.model
def test_dates_resolve_dates_ramadan_is_not_resolved():
    _, dates = _dates("Fighting eased during Ramadan in the town of Saraqib.", "2024-05-01")
    assert all(d.value is None for d in dates)


# Durations describing a thing and months that name a person are no dates (issue 7).
@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_dates"),
    [
        ("After the seven-year war, Turkey urged May to act.", {"seven-year", "May"}),
        ("Theresa May met Erdogan in Ankara.", {"May"}),
        ("The 10-day truce collapsed.", {"10-day"}),
    ],
)
def test_dates_resolve_dates_never_from_names_or_durations(text, not_dates):
    _, dates = _dates(text, "2019-03-14")
    assert not {d.text for d in dates} & not_dates, dates


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("In May, Russia struck Idlib.", "May", "2018-05"),
        ("By June the SDF had left Manbij.", "June", "2018-06"),
        ("Turkey shelled Afrin on May 5.", "May 5", "2018-05-05"),
    ],
)
def test_dates_resolve_dates_month_told_as_a_time(text, surface, value):
    _, dates = _dates(text, "2019-03-14")
    assert _find(dates, surface).value == value
