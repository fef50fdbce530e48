"""An in-memory read model of the derived validity intervals, for as-of graphs and diffs.

On a store of 10,000 documents (33,000 intervals), answering `graph --as-of` or `diff` from
SQL spent its time building the same Edge objects and sorting them again on every call.
This model loads history_intervals once per state of the store: every Edge built once, in
the graph's print order, with an index from each entity to its facts. A query then only
filters. It is rebuilt whenever the store changed since it was loaded, by this connection
(total_changes) or by any other (PRAGMA data_version), so an answer is never stale.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factionmap.history.periods import first_day, last_day

if TYPE_CHECKING:
    from factionmap.query.graph import Change, Edge

_COLUMNS = (
    "subject, predicate, object, seq, valid_from, valid_to, start_basis, start_relation,"
    " end_relation, assertions, sources, denials, credibility, first_reported, from_day, to_day"
)


@dataclass(slots=True)
class IntervalModel:
    """Every interval of the store, ordered as the graph prints its edges."""

    edges: list[Edge]
    subjects: list[str]
    objects: list[str]
    mergers: frozenset[int]  # merged_into intervals: memberships carry across them
    from_days: list[str | None]
    to_days: list[str | None]
    facts: list[int]  # one number per (subject, predicate, object)
    by_entity: dict[str, list[int]]  # entity id → its intervals, ascending
    began: list[Change] = field(default_factory=list)  # each interval as a change, both ways
    ended: list[Change] = field(default_factory=list)
    diff_key: list[int] = field(default_factory=list)  # see changes()
    by_diff_rank: list[int] = field(default_factory=list)

    def valid(self, moment: str, touching: Iterable[str] | None = None) -> list[Edge]:
        """Edges valid at `moment` (valid time), optionally only those touching some entities,
        in print order."""
        return [self.edges[i] for i in self._valid_indices(moment, touching)]

    def _valid_indices(self, moment: str, touching: Iterable[str] | None = None) -> list[int]:
        if touching is None:
            candidates: Iterable[int] = range(len(self.edges))
        else:
            wanted = set(touching)
            indexed = sum(len(self.by_entity.get(e, ())) for e in wanted)
            if indexed > len(self.edges) // 4:
                # A large frontier touches most facts: one pass beats merging its lists.
                subjects, objects = self.subjects, self.objects
                candidates = [
                    i for i in range(len(subjects)) if subjects[i] in wanted or objects[i] in wanted
                ]
            else:
                found: set[int] = set()
                for entity in wanted:
                    found.update(self.by_entity.get(entity, ()))
                candidates = sorted(found)
        latest, earliest = last_day(moment), first_day(moment)
        froms, tos = self.from_days, self.to_days
        return [
            i
            for i in candidates
            if ((f := froms[i]) is None or f <= latest) and ((t := tos[i]) is None or t > earliest)
        ]

    def neighbourhood(
        self,
        moment: str,
        centre: str,
        depth: int,
        carry: Callable[[list[Edge]], list[Edge]],
    ) -> tuple[list[Edge], list[Edge]]:
        """Edges valid at `moment` within `depth` steps of `centre`, frontier by frontier, in
        print order; and apart, the memberships `carry` derives along mergers at each step.

        One interval per fact: when two intervals of a fact hold at once (an end reported
        with no beginning), the later stored one, as a graph keyed by fact keeps it."""
        seen, frontier = {centre}, {centre}
        kept: set[int] = set()
        carried: dict[tuple, Edge] = {}
        subjects, objects = self.subjects, self.objects
        for _ in range(max(depth, 0)):
            if not frontier:
                break
            step = self._valid_indices(moment, frontier)
            kept.update(step)
            touched = {subjects[i] for i in step} | {objects[i] for i in step}
            if self.mergers and not self.mergers.isdisjoint(step):
                for e in carry([self.edges[i] for i in step]):
                    carried[(e.subject, e.predicate, e.object, e.via)] = e
                    touched |= {e.subject, e.object}
            following = touched - seen
            seen |= following
            frontier = following
        last_of_fact = {self.facts[i]: i for i in sorted(kept)}
        edges = [self.edges[i] for i in sorted(last_of_fact.values())]
        return edges, list(carried.values())

    def changes(self, start: str, end: str) -> list[Change]:
        """Facts that began or ended between two dates, a fact ending in one interval and
        beginning in another left out, ordered by predicate, kind, subject and storage."""
        before_last, before_first = last_day(start), first_day(start)
        after_last, after_first = last_day(end), first_day(end)
        froms, tos = self.from_days, self.to_days
        began: list[int] = []
        ended: list[int] = []
        for i in range(len(self.edges)):
            f, t = froms[i], tos[i]
            then = (f is None or f <= before_last) and (t is None or t > before_first)
            now = (f is None or f <= after_last) and (t is None or t > after_first)
            if then != now:
                (began if now else ended).append(i)
        facts = self.facts
        both = {facts[i] for i in began} & {facts[i] for i in ended}
        if both:
            began = [i for i in began if facts[i] not in both]
            ended = [i for i in ended if facts[i] not in both]
        # Sort keys as plain integers: predicate number × 2n, plus n for an end, plus the
        # interval's rank by (predicate, subject, storage order).
        key, n = self.diff_key, len(self.edges)
        ordered = sorted([key[i] for i in began] + [key[i] + n for i in ended])
        by_rank = self.by_diff_rank
        found: list[Change] = []
        for k in ordered:
            rest = k % (2 * n)
            found.append(self.ended[by_rank[rest - n]] if rest >= n else self.began[by_rank[rest]])
        return found


_MODELS: dict[int, tuple[sqlite3.Connection, tuple[int, int], IntervalModel]] = {}


def interval_model(conn: sqlite3.Connection) -> IntervalModel:
    """The read model of this connection's store as it is now (loaded again after a change)."""
    state = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    hit = _MODELS.get(id(conn))
    if hit is not None and hit[0] is conn and hit[1] == state:
        return hit[2]
    model = _load(conn)
    if len(_MODELS) >= 4:
        _MODELS.pop(next(iter(_MODELS)))  # few connections are ever open at once
    _MODELS[id(conn)] = (conn, state, model)
    return model


def _load(conn: sqlite3.Connection) -> IntervalModel:
    from factionmap.query.graph import Change, Edge

    rows = conn.execute(f"SELECT {_COLUMNS} FROM history_intervals ORDER BY rowid").fetchall()
    # Print order of the graph: predicate, subject, object, then storage order.
    order = sorted(range(len(rows)), key=lambda i: (rows[i][1], rows[i][0], rows[i][2], i))
    edges: list[Edge] = []
    from_days: list[str | None] = []
    to_days: list[str | None] = []
    fact_numbers: dict[tuple[str, str, str], int] = {}
    facts: list[int] = []
    by_entity: dict[str, list[int]] = defaultdict(list)
    for position, i in enumerate(order):
        (s, p, o, _seq, vf, vt, basis, sr, er, _n, sources, denials, cred, _rep, fd, td) = rows[i]
        edges.append(Edge(s, p, o, vf, vt, basis, sr, er, sources, denials, cred))
        from_days.append(fd)
        to_days.append(td)
        facts.append(fact_numbers.setdefault((s, p, o), len(fact_numbers)))
        by_entity[s].append(position)
        if o != s:
            by_entity[o].append(position)
    n = len(edges)
    by_diff_rank = sorted(range(n), key=lambda k: (edges[k].predicate, edges[k].subject, order[k]))
    numbers = {name: number for number, name in enumerate(sorted({e.predicate for e in edges}))}
    diff_key = [0] * n
    for rank, k in enumerate(by_diff_rank):
        diff_key[k] = numbers[edges[k].predicate] * 2 * n + rank
    return IntervalModel(
        edges,
        [e.subject for e in edges],
        [e.object for e in edges],
        frozenset(i for i, e in enumerate(edges) if e.predicate == "merged_into"),
        from_days,
        to_days,
        facts,
        dict(by_entity),
        began=[Change("began", e, e.start_relation) for e in edges],
        ended=[Change("ended", e, e.end_relation) for e in edges],
        diff_key=diff_key,
        by_diff_rank=by_diff_rank,
    )
