"""An in-memory read model of the derived validity intervals, for as-of graphs and diffs.

On a store of 10,000 documents (33,000 intervals), answering `graph --as-of` or `diff` from
SQL spent its time building the same Edge objects and sorting them again on every call.
This model holds history_intervals in the graph's print order, with the bounds, ends and
facts as arrays, so a query is a few vector comparisons.

It follows the store instead of reloading it: every write that rewrites intervals logs the
facts it touched in `history_changes` (same transaction), so the model of generation g
re-reads only the facts logged after g and splices them in. One model serves every
connection to the same store (the web opens one per request); a store put in place of
another at the same path (a re-extraction) has another `store_identity` and is loaded
afresh. An answer is never stale: each query first asks the store for its generation.
"""

from __future__ import annotations

import sqlite3
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from factionmap.history.periods import first_day, last_day

if TYPE_CHECKING:
    from factionmap.query.graph import Change, Edge

HistoryKey = tuple[str, str, str]
_COLUMNS = (
    "subject, predicate, object, valid_from, valid_to, start_basis, start_relation,"
    " end_relation, sources, denials, credibility, from_day, to_day, rowid"
)
_FROM_DAY, _TO_DAY, _ROWID = 11, 12, 13
_OPEN_END = "\uffff"  # sorts after every day: an interval still open
Indices = Any  # a one-dimensional numpy array of interval positions
# Past this share of the facts changed, loading everything again is as quick as splicing.
_RELOAD_SHARE = 0.25


@dataclass(slots=True)
class IntervalModel:
    """Every interval of one store at one generation, in the graph's print order
    (predicate, subject, object, then storage order)."""

    store: tuple[str, str]  # (database file, store identity)
    generation: int
    rows: list[tuple]  # history_intervals rows, print order; Edge fields first, rowid last
    facts: list[tuple[str, str, str]]  # each row's (predicate, subject, object): sorted
    built: list[Edge | None]  # each row's Edge, built when first asked for
    began: list[Change | None]  # each row as a change that began / ended, likewise
    ended: list[Change | None]
    entity_codes: dict[str, int]
    fact_codes_of: dict[HistoryKey, int]
    predicate_codes_of: dict[str, int]
    subject_codes: Indices  # entity number of each interval's subject
    object_codes: Indices
    fact_codes: Indices  # one number per (subject, predicate, object)
    predicate_codes: Indices
    from_days: Indices  # first day of the start, "" when open; strings compare as SQL did
    to_days: Indices  # first day of the end, _OPEN_END when open
    rowids: Indices
    merger: Indices  # True for merged_into intervals: memberships carry across them
    # Run numbers in print order of each row's predicate and (predicate, subject): the
    # diff's sort keys, as integers.
    predicate_runs: Indices
    subject_runs: Indices

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
        return (self.from_days <= last_day(moment)) & (self.to_days > first_day(moment))

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
            if (step & self.merger).any():
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
        from factionmap.query.graph import Change

        then, now = self._valid_at(start), self._valid_at(end)
        began = np.flatnonzero(now & ~then)
        ended = np.flatnonzero(then & ~now)
        both = np.intersect1d(self.fact_codes[began], self.fact_codes[ended])
        if len(both):
            began = began[~np.isin(self.fact_codes[began], both)]
            ended = ended[~np.isin(self.fact_codes[ended], both)]
        positions = np.concatenate([began, ended])
        is_end = np.concatenate([np.zeros(len(began), bool), np.ones(len(ended), bool)])
        order = np.lexsort(
            (
                self.rowids[positions],
                self.subject_runs[positions],
                is_end,
                self.predicate_runs[positions],
            )
        )
        found: list[Change] = []
        for i, finished in zip(positions[order].tolist(), is_end[order].tolist(), strict=True):
            cache = self.ended if finished else self.began
            change = cache[i]
            if change is None:
                edge = self.edges((i,))[0]
                kind, evidence = (
                    ("ended", edge.end_relation) if finished else ("began", edge.start_relation)
                )
                change = cache[i] = Change(kind, edge, evidence)
            found.append(change)
        return found


_MODELS: dict[tuple, IntervalModel] = {}
_LOCK = threading.Lock()  # the web answers requests from several threads


def interval_model(conn: sqlite3.Connection) -> IntervalModel:
    """The read model of this connection's store as it is now: the one held for the store,
    brought up to date with the facts changed since, else loaded."""
    with _LOCK:
        # Inside the caller's transaction the store may hold writes not yet committed:
        # answer from them, but keep the model only when read from a committed snapshot.
        shared = not conn.in_transaction
        if shared:
            conn.execute("BEGIN")  # one snapshot for the generation and the rows read
        try:
            return _current(conn, shared)
        finally:
            if shared:
                conn.execute("COMMIT")


def _current(conn: sqlite3.Connection, shared: bool) -> IntervalModel:
    identity, generation = conn.execute(
        "SELECT (SELECT id FROM store_identity), (SELECT max(generation) FROM history_changes)"
    ).fetchone()
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    # A store without a file (in memory) is this connection's alone.
    key = (path or f"connection {id(conn)}", identity)
    generation = generation or 0
    held = _MODELS.get(key)
    if held is not None and held.generation == generation:
        return held
    model = None
    if held is not None and held.generation < generation:
        changed = _changed_since(conn, held.generation)
        if changed is not None and len(changed) <= _RELOAD_SHARE * max(len(held.facts), 1):
            model = _spliced(conn, held, changed, generation)
    if model is None:
        model = _load(conn, key, generation)
    if shared:
        if key not in _MODELS and len(_MODELS) >= 4:
            _MODELS.pop(next(iter(_MODELS)))  # few stores are ever open at once
        _MODELS[key] = model
    return model


def _changed_since(conn: sqlite3.Connection, generation: int) -> set[HistoryKey] | None:
    """Facts whose intervals were rewritten after `generation`; None when the log cannot
    say (pruned past it, or a full rebuild since)."""
    oldest = conn.execute("SELECT min(generation) FROM history_changes").fetchone()[0]
    if oldest is None or oldest > generation + 1:
        return None
    changed: set[HistoryKey] = set()
    for subject, predicate, obj in conn.execute(
        "SELECT subject, predicate, object FROM history_changes WHERE generation > ?",
        (generation,),
    ):
        if subject is None:
            return None
        changed.add((subject, predicate, obj))
    return changed


def _load(conn: sqlite3.Connection, store: tuple[str, str], generation: int) -> IntervalModel:
    # SQLite sorts (in print order: predicate, subject, object, storage); Edges come later.
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM history_intervals ORDER BY predicate, subject, object, rowid"
    ).fetchall()
    rows = [tuple(r) for r in rows]
    codes: tuple[dict, dict, dict] = ({}, {}, {})
    facts = [(r[1], r[0], r[2]) for r in rows]
    return _assemble(store, generation, rows, facts, [None] * len(rows), [None] * len(rows),
                     [None] * len(rows), _arrays(rows, *codes), *codes)  # fmt: skip


def _spliced(
    conn: sqlite3.Connection, held: IntervalModel, changed: set[HistoryKey], generation: int
) -> IntervalModel:
    """A new model: `held` with the rows of the changed facts read again. `held` itself is
    left as it is, for any query still reading it."""
    entity_codes = dict(held.entity_codes)
    fact_codes_of = dict(held.fact_codes_of)
    predicate_codes_of = dict(held.predicate_codes_of)
    parts = []
    for subject, predicate, obj in sorted(changed, key=lambda k: (k[1], k[0], k[2])):
        printed = (predicate, subject, obj)
        rows = [
            tuple(r)
            for r in conn.execute(
                f"SELECT {_COLUMNS} FROM history_intervals"
                " WHERE subject = ? AND predicate = ? AND object = ? ORDER BY rowid",
                (subject, predicate, obj),
            )
        ]
        parts.append((bisect_left(held.facts, printed), bisect_right(held.facts, printed), rows))
    if not parts:
        return replace(held, generation=generation)
    parts.sort(key=lambda part: part[0])  # stable: facts at one position stay in print order
    new_rows = [rows for _, _, rows in parts]
    arrays = [_arrays(rows, entity_codes, fact_codes_of, predicate_codes_of) for rows in new_rows]
    spans = [(lo, hi) for lo, hi, _ in parts]

    def nothing(rows: list) -> list:
        return [None] * len(rows)

    spliced_arrays = {
        name: np.concatenate(_pieces(getattr(held, name), spans, [a[name] for a in arrays]))
        for name in arrays[0]
    }
    return _assemble(
        held.store,
        generation,
        _joined(held.rows, spans, new_rows),
        _joined(held.facts, spans, [[(r[1], r[0], r[2]) for r in rows] for rows in new_rows]),
        _joined(held.built, spans, [nothing(r) for r in new_rows]),
        _joined(held.began, spans, [nothing(r) for r in new_rows]),
        _joined(held.ended, spans, [nothing(r) for r in new_rows]),
        spliced_arrays,
        entity_codes,
        fact_codes_of,
        predicate_codes_of,
    )


def _pieces(old: Sequence, spans: list[tuple[int, int]], new: list) -> list:
    """`old` cut around the replaced spans, with the new pieces in their places."""
    pieces, previous = [], 0
    for (lo, hi), piece in zip(spans, new, strict=True):
        pieces += [old[previous:lo], piece]
        previous = hi
    pieces.append(old[previous:])
    return pieces


def _joined(old: list, spans: list[tuple[int, int]], new: list[list]) -> list:
    joined: list = []
    for piece in _pieces(old, spans, new):
        joined += piece
    return joined


def _arrays(
    rows: list[tuple],
    entity_codes: dict[str, int],
    fact_codes_of: dict[HistoryKey, int],
    predicate_codes_of: dict[str, int],
) -> dict[str, Indices]:
    """The per-row arrays of these rows (numbering the names not seen before)."""

    def entity(name: str) -> int:
        return entity_codes.setdefault(name, len(entity_codes))

    return {
        "subject_codes": np.array([entity(r[0]) for r in rows], dtype=np.int64),
        "object_codes": np.array([entity(r[2]) for r in rows], dtype=np.int64),
        "fact_codes": np.array(
            [fact_codes_of.setdefault(r[:3], len(fact_codes_of)) for r in rows], dtype=np.int64
        ),
        "predicate_codes": np.array(
            [predicate_codes_of.setdefault(r[1], len(predicate_codes_of)) for r in rows],
            dtype=np.int64,
        ),
        "from_days": np.array([r[_FROM_DAY] or "" for r in rows], dtype=str),
        "to_days": np.array(
            [_OPEN_END if r[_TO_DAY] is None else r[_TO_DAY] for r in rows], dtype=str
        ),
        "rowids": np.array([r[_ROWID] for r in rows], dtype=np.int64),
        "merger": np.array([r[1] == "merged_into" for r in rows], dtype=bool),
    }


def _assemble(
    store: tuple[str, str],
    generation: int,
    rows: list[tuple],
    facts: list[tuple[str, str, str]],
    built: list,
    began: list,
    ended: list,
    arrays: dict[str, Indices],
    entity_codes: dict[str, int],
    fact_codes_of: dict[HistoryKey, int],
    predicate_codes_of: dict[str, int],
) -> IntervalModel:
    predicates, subjects = arrays["predicate_codes"], arrays["subject_codes"]
    new_predicate = predicates[1:] != predicates[:-1]
    new_subject = new_predicate | (subjects[1:] != subjects[:-1])
    start = [0] if len(rows) else []
    return IntervalModel(
        store=store,
        generation=generation,
        rows=rows,
        facts=facts,
        built=built,
        began=began,
        ended=ended,
        entity_codes=entity_codes,
        fact_codes_of=fact_codes_of,
        predicate_codes_of=predicate_codes_of,
        predicate_runs=np.concatenate([start, np.cumsum(new_predicate)]).astype(np.int64),
        subject_runs=np.concatenate([start, np.cumsum(new_subject)]).astype(np.int64),
        **arrays,
    )
