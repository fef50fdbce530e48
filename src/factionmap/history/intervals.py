"""From dated assertions to validity intervals: a relation starts when first asserted (or at
the date the text gives) and ends only on evidence that ends it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factionmap.history.periods import first_day, more_precise
from factionmap.records import Assertion, Interval

SYMMETRIC = frozenset({"hostile_to", "allied_with", "negotiating_with"})

HistoryKey = tuple[str, str, str]

# Facts whose assertion is itself evidence that another fact of the same pair ended: a
# faction that left, broke away from or defected from a coalition is no longer part of it.
ENDS = {"split_from": ("member_of", "part_of", "leader_of")}
ENDED_BY = {ended: ending for ending, facts in ENDS.items() for ended in facts}


def history_key(subject: str, predicate: str, obj: str) -> HistoryKey:
    """The (subject, predicate, object) a history is kept under; symmetric pairs sorted."""
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def ending_key(key: HistoryKey) -> HistoryKey | None:
    """The fact whose assertions end the fact under `key` ("left" ends "part of"), if any."""
    ending = ENDED_BY.get(key[1])
    return (key[0], ending, key[2]) if ending else None


def ended_keys(key: HistoryKey) -> list[HistoryKey]:
    """The facts that assertions of `key` end (their histories change with it)."""
    return [(key[0], ended, key[2]) for ended in ENDS.get(key[1], ())]


def _ending_points(assertion: Assertion) -> Iterator[tuple[str, int, str, str]]:
    """The closing bound an ending fact gives: when it happened, else when it was reported."""
    date = assertion.start or assertion.as_of or assertion.reported
    if date:
        yield date, 1, "close", "text"


def _points(assertion: Assertion) -> Iterator[tuple[str, int, str, str]]:
    """(date, order, kind, basis) points: an opening or closing bound of the relation."""
    if assertion.start:
        yield assertion.start, 0, "open", "text"
    elif not assertion.end:
        # Undated claims are evidence that the relation held when they were made.
        if assertion.as_of:
            yield assertion.as_of, 0, "open", "as_of"
        elif assertion.reported:
            yield assertion.reported, 0, "open", "reported"
    if assertion.end:
        yield assertion.end, 1, "close", "text"


def intervals(assertions: Iterable[Assertion], endings: Iterable[Assertion] = ()) -> list[Interval]:
    """Validity intervals of one relation from its asserted claims, oldest first; `endings`
    are asserted claims of the fact that ends it (see ENDS), each closing it at its date.

    Denials and possibilities never end an interval (they are competing claims, shown as
    conflicts); a later claim reopens a relation only when it is dated after the end.
    """
    points = sorted(
        [
            (first_day(date), order, date, kind, basis, a.id)
            for a in assertions
            if a.polarity == "asserted"
            for date, order, kind, basis in _points(a)
        ]
        + [
            (first_day(date), order, date, kind, basis, a.id)
            for a in endings
            if a.polarity == "asserted"
            for date, order, kind, basis in _ending_points(a)
        ]
    )
    found: list[Interval] = []
    current: Interval | None = None
    for _, _, date, kind, basis, evidence in points:
        if kind == "open":
            if current is None:
                current = Interval(date, None, evidence, None, basis)
            continue
        if current is not None:
            found.append(
                Interval(current.start, date, current.start_evidence, evidence, current.start_basis)
            )
            current = None
        elif found and (known := found[-1].end) is not None and _same_end(known, date):
            # A second report of the same end: keep the more precise date and its evidence.
            last = found[-1]
            found[-1] = Interval(
                last.start, more_precise(known, date), last.start_evidence,
                evidence if len(date) > len(known) else last.end_evidence, last.start_basis,
            )  # fmt: skip
        else:
            # An end with no known beginning: the relation held from before our evidence.
            found.append(Interval(None, date, None, evidence, None))
    if current is not None:
        found.append(current)
    return found


def _same_end(known: str, other: str) -> bool:
    return known.startswith(other) or other.startswith(known)
