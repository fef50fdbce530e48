"""An in-memory read model of the derived validity intervals, for as-of graphs and diffs.

On a store of 10,000 documents (33,000 intervals), answering `graph --as-of` or `diff` from
SQL spent its time building the same Edge objects and sorting them again on every call.
This model loads history_intervals once per state of the store: every Edge built once, in
the graph's print order, with the bounds, ends and facts as arrays, so a query is a few
vector comparisons. It is rebuilt whenever the store changed since it was loaded, by this
connection (total_changes) or by any other (PRAGMA data_version): an answer is never stale.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from factionmap.history.periods import first_day, last_day

if TYPE_CHECKING:
    from factionmap.query.graph import Change, Edge

_COLUMNS = (
    "subject, predicate, object, valid_from, valid_to, start_basis, start_relation,"
    " end_relation, sources, denials, credibility, from_day, to_day"
)
Indices = Any  # a one-dimensional numpy array of interval positions


@dataclass(slots=True)
class IntervalModel:
    """Every interval of the store, ordered as the graph prints its edges (predicate,
    subject, object, then storage order), and every entity for the graph's nodes."""

    rows: list[tuple]  # history_intervals rows, print order; Edge fields first, rowid last
    built: list[Edge | None]  # each row's Edge, built when first asked for
    subject_codes: Indices  # entity number of each interval's subject
    object_codes: Indices
    entity_codes: dict[str, int]
    fact_codes: Indices  # one number per (subject, predicate, object)
    # Bounds as ranks among all bound days (string order, as SQL compared them): an open
    # start is -1, an open end len(days).
    days: list[str]
    from_ranks: Indices
    to_ranks: Indices
    mergers: Indices  # positions of merged_into intervals: memberships carry across them
    # Built by the first diff: each interval as a change both ways, and the sort keys.
    began: list[Change] | None = None
    ended: list[Change] | None = None
    diff_keys: Indices = None  # see changes()
    by_diff_rank: Indices = None

    def edges(self, positions: Iterable[int]) -> list[Edge]:
        """The Edges at these positions (built once each)."""
        from factionmap.query.graph import Edge

        built, rows = self.built, self.rows
        found = []
        for i in positions:
            edge = built[i]
            if edge is None:
                edge = built[i] = Edge(*rows[i][:11])
            found.append(edge)
        return found

    def _valid_at(self, moment: str) -> Indices:
        """Boolean mask of the intervals holding at `moment`."""
        began_by = bisect_right(self.days, last_day(moment))
        not_ended = bisect_right(self.days, first_day(moment))
        return (self.from_ranks < began_by) & (self.to_ranks >= not_ended)

    def valid(self, moment: str) -> list[Edge]:
        """Edges valid at `moment` (valid time), in print order."""
        return self.edges(np.flatnonzero(self._valid_at(moment)).tolist())

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
        valid = self._valid_at(moment)
        seen = np.zeros(len(self.entity_codes) + 1, dtype=bool)
        frontier = seen.copy()
        code = self.entity_codes.get(centre, len(self.entity_codes))
        seen[code] = frontier[code] = True
        kept = np.zeros(len(self.rows), dtype=bool)
        carried: dict[tuple, Edge] = {}
        for _ in range(max(depth, 0)):
            if not frontier.any():
                break
            step = valid & (frontier[self.subject_codes] | frontier[self.object_codes])
            kept |= step
            touched = np.zeros_like(seen)
            touched[self.subject_codes[step]] = True
            touched[self.object_codes[step]] = True
            if len(self.mergers) and step[self.mergers].any():
                stepped = self.edges(np.flatnonzero(step).tolist())
                for e in carry(stepped):
                    carried[(e.subject, e.predicate, e.object, e.via)] = e
                    touched[[self.entity_codes[e.subject], self.entity_codes[e.object]]] = True
            frontier = touched & ~seen
            seen |= frontier
        chosen = np.flatnonzero(kept)
        # A fact's intervals sit side by side in print order: keep the last of each run.
        facts = self.fact_codes[chosen]
        last = np.append(facts[1:] != facts[:-1], True) if len(chosen) else chosen.astype(bool)
        return self.edges(chosen[last].tolist()), list(carried.values())

    def changes(self, start: str, end: str) -> list[Change]:
        """Facts that began or ended between two dates, a fact ending in one interval and
        beginning in another left out, ordered by predicate, kind, subject and storage."""
        if not self.rows:
            return []
        if self.began is None:
            self._prepare_changes()
        then, now = self._valid_at(start), self._valid_at(end)
        began = np.flatnonzero(now & ~then)
        ended = np.flatnonzero(then & ~now)
        both = np.intersect1d(self.fact_codes[began], self.fact_codes[ended])
        if len(both):
            began = began[~np.isin(self.fact_codes[began], both)]
            ended = ended[~np.isin(self.fact_codes[ended], both)]
        # Sort keys as plain integers: predicate number × 2n, plus n for an end, plus the
        # interval's rank by (predicate, subject, storage order).
        n = len(self.rows)
        keys = np.sort(np.concatenate([self.diff_keys[began], self.diff_keys[ended] + n]))
        rest = keys % (2 * n)
        is_end = rest >= n
        positions = self.by_diff_rank[np.where(is_end, rest - n, rest)]
        began_as, ended_as = self.began, self.ended
        assert began_as is not None and ended_as is not None
        return [
            ended_as[i] if e else began_as[i]
            for i, e in zip(positions.tolist(), is_end.tolist(), strict=True)
        ]

    def _prepare_changes(self) -> None:
        from factionmap.query.graph import Change

        n, rows = len(self.rows), self.rows
        edges = self.edges(range(n))
        self.began = [Change("began", e, e.start_relation) for e in edges]
        self.ended = [Change("ended", e, e.end_relation) for e in edges]
        # Changes sort by predicate, kind, subject, then storage order (rowid, last column).
        by_rank = sorted(range(n), key=lambda k: (rows[k][1], rows[k][0], rows[k][-1]))
        numbers = {p: number for number, p in enumerate(sorted({row[1] for row in rows}))}
        keys = [0] * n
        for position, k in enumerate(by_rank):
            keys[k] = numbers[rows[k][1]] * 2 * n + position
        self.diff_keys = np.array(keys, dtype=np.int64)
        self.by_diff_rank = np.array(by_rank, dtype=np.int64)


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
    # SQLite sorts (in print order: predicate, subject, object, storage); Edges come later.
    rows = conn.execute(
        f"SELECT {_COLUMNS}, rowid FROM history_intervals"
        " ORDER BY predicate, subject, object, rowid"
    ).fetchall()
    entity_codes: dict[str, int] = {}
    facts: dict[tuple[str, str, str], int] = {}
    subject_codes, object_codes, fact_codes, mergers = [], [], [], []
    bound_days: set[str] = set()
    for i, row in enumerate(rows):
        subject, predicate, obj = row[0], row[1], row[2]
        subject_codes.append(entity_codes.setdefault(subject, len(entity_codes)))
        object_codes.append(entity_codes.setdefault(obj, len(entity_codes)))
        fact_codes.append(facts.setdefault((subject, predicate, obj), len(facts)))
        if predicate == "merged_into":
            mergers.append(i)
        bound_days.update(d for d in (row[11], row[12]) if d is not None)
    days = sorted(bound_days)
    rank = {day: number for number, day in enumerate(days)}
    return IntervalModel(
        rows=rows,
        built=[None] * len(rows),
        subject_codes=np.array(subject_codes, dtype=np.int64),
        object_codes=np.array(object_codes, dtype=np.int64),
        entity_codes=entity_codes,
        fact_codes=np.array(fact_codes, dtype=np.int64),
        days=days,
        from_ranks=np.array([-1 if r[11] is None else rank[r[11]] for r in rows], dtype=np.int64),
        to_ranks=np.array([len(days) if r[12] is None else rank[r[12]] for r in rows], np.int64),
        mergers=np.array(mergers, dtype=np.int64),
    )
