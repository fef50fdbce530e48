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
from collections.abc import Callable
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

    edges: list[Edge]
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
    began: list[Change]  # each interval as a change, both ways (built by the first diff)
    ended: list[Change]
    diff_keys: Indices  # see changes()
    by_diff_rank: Indices
    nodes: list[dict[str, Any]]  # every entity, by name then id

    def _valid_at(self, moment: str) -> Indices:
        """Boolean mask of the intervals holding at `moment`."""
        began_by = bisect_right(self.days, last_day(moment))
        not_ended = bisect_right(self.days, first_day(moment))
        return (self.from_ranks < began_by) & (self.to_ranks >= not_ended)

    def valid(self, moment: str) -> list[Edge]:
        """Edges valid at `moment` (valid time), in print order."""
        edges = self.edges
        return [edges[i] for i in np.flatnonzero(self._valid_at(moment)).tolist()]

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
        kept = np.zeros(len(self.edges), dtype=bool)
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
                stepped = [self.edges[i] for i in np.flatnonzero(step).tolist()]
                for e in carry(stepped):
                    carried[(e.subject, e.predicate, e.object, e.via)] = e
                    touched[[self.entity_codes[e.subject], self.entity_codes[e.object]]] = True
            frontier = touched & ~seen
            seen |= frontier
        chosen = np.flatnonzero(kept)
        # A fact's intervals sit side by side in print order: keep the last of each run.
        facts = self.fact_codes[chosen]
        last = np.append(facts[1:] != facts[:-1], True) if len(chosen) else chosen.astype(bool)
        edges = self.edges
        return [edges[i] for i in chosen[last].tolist()], list(carried.values())

    def changes(self, start: str, end: str) -> list[Change]:
        """Facts that began or ended between two dates, a fact ending in one interval and
        beginning in another left out, ordered by predicate, kind, subject and storage."""
        if not self.edges:
            return []
        then, now = self._valid_at(start), self._valid_at(end)
        began = np.flatnonzero(now & ~then)
        ended = np.flatnonzero(then & ~now)
        both = np.intersect1d(self.fact_codes[began], self.fact_codes[ended])
        if len(both):
            began = began[~np.isin(self.fact_codes[began], both)]
            ended = ended[~np.isin(self.fact_codes[ended], both)]
        # Sort keys as plain integers: predicate number × 2n, plus n for an end, plus the
        # interval's rank by (predicate, subject, storage order).
        n = len(self.edges)
        keys = np.sort(np.concatenate([self.diff_keys[began], self.diff_keys[ended] + n]))
        rest = keys % (2 * n)
        is_end = rest >= n
        positions = self.by_diff_rank[np.where(is_end, rest - n, rest)]
        if not self.began:
            from factionmap.query.graph import Change

            self.began = [Change("began", e, e.start_relation) for e in self.edges]
            self.ended = [Change("ended", e, e.end_relation) for e in self.edges]
        began_as, ended_as = self.began, self.ended
        return [
            ended_as[i] if e else began_as[i]
            for i, e in zip(positions.tolist(), is_end.tolist(), strict=True)
        ]

    def nodes_of(self, ids: set[str]) -> list[dict[str, Any]]:
        """The graph's nodes: id, name, type and subtype of these entities, by name."""
        return [dict(node) for node in self.nodes if node["id"] in ids]


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
    from factionmap.query.graph import Edge

    rows = conn.execute(f"SELECT {_COLUMNS} FROM history_intervals ORDER BY rowid").fetchall()
    order = sorted(range(len(rows)), key=lambda i: (rows[i][1], rows[i][0], rows[i][2], i))
    rows = [tuple(rows[i]) for i in order]
    edges = [Edge(*row[:11]) for row in rows]
    entity_codes: dict[str, int] = {}
    facts: dict[tuple[str, str, str], int] = {}
    subject_codes, object_codes, fact_codes = [], [], []
    for e in edges:
        subject_codes.append(entity_codes.setdefault(e.subject, len(entity_codes)))
        object_codes.append(entity_codes.setdefault(e.object, len(entity_codes)))
        fact_codes.append(facts.setdefault((e.subject, e.predicate, e.object), len(facts)))
    days = sorted({d for row in rows for d in row[11:13] if d is not None})
    rank = {day: number for number, day in enumerate(days)}
    n = len(edges)
    by_diff_rank = sorted(range(n), key=lambda k: (edges[k].predicate, edges[k].subject, order[k]))
    numbers = {name: number for number, name in enumerate(sorted({e.predicate for e in edges}))}
    diff_keys = [0] * n
    for position, k in enumerate(by_diff_rank):
        diff_keys[k] = numbers[edges[k].predicate] * 2 * n + position
    nodes = conn.execute("SELECT id, name, type, subtype FROM entities ORDER BY name, id")
    return IntervalModel(
        edges=edges,
        subject_codes=np.array(subject_codes, dtype=np.int64),
        object_codes=np.array(object_codes, dtype=np.int64),
        entity_codes=entity_codes,
        fact_codes=np.array(fact_codes, dtype=np.int64),
        days=days,
        from_ranks=np.array([-1 if r[11] is None else rank[r[11]] for r in rows], dtype=np.int64),
        to_ranks=np.array([len(days) if r[12] is None else rank[r[12]] for r in rows], np.int64),
        mergers=np.array([i for i, e in enumerate(edges) if e.predicate == "merged_into"], int),
        began=[],
        ended=[],
        diff_keys=np.array(diff_keys, dtype=np.int64),
        by_diff_rank=np.array(by_diff_rank, dtype=np.int64),
        nodes=[dict(row) for row in nodes],
    )
