"""Validity intervals from dated claims: start when first asserted, end only on evidence."""

from __future__ import annotations

import pytest

from factionmap.history.grades import credibility, load_outlets
from factionmap.history.intervals import history_key, intervals
from factionmap.history.periods import holds_at, parse_prefix
from factionmap.records import Assertion


def claim(n: int, **fields: object) -> Assertion:
    base: dict[str, object] = dict(
        id=n, subject="a", predicate="member_of", object="b", polarity="asserted",
        start=None, end=None, as_of=None, reported="2022-05", doc=f"d{n}", outlet=f"outlet{n}",
    )  # fmt: skip
    base.update(fields)
    return Assertion(**base)  # type: ignore[arg-type]


def spans(*claims: Assertion) -> list[tuple]:
    return [(i.start, i.end, i.start_evidence, i.end_evidence) for i in intervals(claims)]


def test_history_interval_starts_at_the_text_date_and_stays_open() -> None:
    assert spans(claim(1, start="2019-10"), claim(2)) == [("2019-10", None, 1, None)]


def test_history_undated_claim_starts_at_its_report_date() -> None:
    assert spans(claim(1, reported="2021-03-04")) == [("2021-03-04", None, 1, None)]


def test_history_explicit_end_closes_the_interval_with_its_evidence() -> None:
    assert spans(claim(1, start="2019"), claim(2, end="2022-03")) == [("2019", "2022-03", 1, 2)]


def test_history_end_without_known_start_is_open_in_the_past() -> None:
    assert spans(claim(1, end="2017-07")) == [(None, "2017-07", None, 1)]


def test_history_two_reports_of_one_end_keep_the_more_precise() -> None:
    assert spans(claim(1, start="2019"), claim(2, end="2022"), claim(3, end="2022-03")) == [
        ("2019", "2022-03", 1, 3)
    ]


def test_history_claim_after_the_end_reopens() -> None:
    found = spans(claim(1, start="2015"), claim(2, end="2017"), claim(3, start="2020-02"))
    assert found == [("2015", "2017", 1, 2), ("2020-02", None, 3, None)]


@pytest.mark.parametrize("polarity", ["negated", "possible"])
def test_history_denial_or_possibility_never_ends_a_relation(polarity: str) -> None:
    found = spans(claim(1, start="2019"), claim(2, polarity=polarity, end="2020"))
    assert found == [("2019", None, 1, None)]


def test_history_symmetric_facts_share_one_key() -> None:
    assert history_key("sna", "hostile_to", "hts") == history_key("hts", "hostile_to", "sna")
    assert history_key("sna", "part_of", "hts") != history_key("hts", "part_of", "sna")


@pytest.mark.parametrize(
    ("start", "end", "moment", "holds"),
    [
        (None, "2017-07", "2017-06", True),
        (None, "2017-07", "2017-08", False),
        ("2017-07", None, "2017-06", False),
        ("2017-07", None, "2017-08", True),
        ("2017", None, "2017-01-15", True),
        ("2019-10-03", None, "2019-10", True),
    ],
)
def test_history_periods_hold_at(start, end, moment, holds) -> None:
    assert holds_at(start, end, moment) is holds


@pytest.mark.parametrize("value", ["2019-3", "2019-13", "2019-02-30", "19", "May 2019", ""])
def test_history_invalid_prefixes_are_refused(value: str) -> None:
    assert parse_prefix(value) is None


def test_grades_credibility_from_independent_sources() -> None:
    outlets = load_outlets()
    one = [claim(1, outlet="Reuters")]
    # A wire's copy republished under another name counts once.
    syndicated = one + [claim(2, outlet="Reuters")]
    two = one + [claim(3, outlet="Enab Baladi")]
    three = two + [claim(4, outlet="Syria Direct")]
    denied = two + [claim(5, outlet="SANA", polarity="negated")]
    outweighed = one + [
        claim(6, outlet="SANA", polarity="negated"),
        claim(7, outlet="AFP", polarity="negated"),
    ]
    assert [credibility(c, outlets) for c in (one, syndicated, two, three, denied, outweighed)] == [
        3, 3, 2, 1, 4, 5,
    ]  # fmt: skip


def test_grades_reliability_from_outlets_file_lowered_when_unverified() -> None:
    outlets = load_outlets()
    assert outlets.reliability("Reuters") == "B"
    assert outlets.reliability("reuters", verified=False) == "C"
    assert outlets.reliability("Some Blog") == "F"
    assert outlets.reliability(None) == "F"


def test_history_leaving_ends_membership_at_its_date_with_its_evidence() -> None:
    member = claim(1, predicate="part_of", as_of="2019-05")
    left = claim(2, predicate="split_from", start="2020-03")
    found = intervals([member], endings=[left])
    assert [(i.start, i.end, i.end_evidence) for i in found] == [("2019-05", "2020-03", 2)]
    assert not holds_at(found[0].start, found[0].end, "2020-06")


def test_history_leaving_reported_undated_ends_at_its_report_date() -> None:
    found = intervals([claim(1, start="2018")], endings=[claim(2, reported="2021-07-02")])
    assert [(i.start, i.end) for i in found] == [("2018", "2021-07-02")]


def test_history_denied_leaving_ends_nothing() -> None:
    denied = claim(2, predicate="split_from", start="2020-03", polarity="negated")
    assert [(i.start, i.end) for i in intervals([claim(1, start="2018")], [denied])] == [
        ("2018", None)
    ]


def test_history_rejoining_after_leaving_reopens() -> None:
    found = intervals(
        [claim(1, start="2018"), claim(3, start="2022-01")], endings=[claim(2, start="2020")]
    )
    assert [(i.start, i.end) for i in found] == [("2018", "2020"), ("2022-01", None)]


@pytest.mark.parametrize(
    ("opening", "independent"),
    [
        ("Town falls\n\nBEIRUT (Reuters) - The group took the town.", False),
        ("Town falls\n\nAMMAN (AP) — The group took the town.", False),
        ("Town falls\n\nThe group took the town, Reuters reported.", True),  # cited, not carried
        ("Town falls\n\nThe group (AFP's sources said) took the town.", True),
    ],
)
def test_grades_a_wire_copy_credited_in_its_dateline_counts_as_the_wire(
    opening: str, independent: bool
) -> None:
    outlets = load_outlets()
    wire = claim(1, outlet="Reuters" if "Reuters" in opening else "AP")
    republished = claim(2, outlet="Asharq Al-Awsat", opening=opening)
    assert credibility([wire, republished], outlets) == (2 if independent else 3)
