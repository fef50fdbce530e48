"""Read models of the actor graph over time: as-of networks, diffs, conflicts, lineage."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factionmap.history.grades import load_outlets
from factionmap.history.intervals import HistoryKey, ending_key
from factionmap.history.periods import first_day, holds_at
from factionmap.store.history import claims, interval_rows

if TYPE_CHECKING:
    from factionmap.query.interval_model import IntervalModel

# Facts whose members carry forward along a merger: a member of A is a member of B once
# A merged into B, and so is A's leader (who leads A's men inside B, not B itself).
CARRIED_AS = {"member_of": "member_of", "part_of": "part_of", "leader_of": "member_of"}
_COLUMNS = (
    "subject, predicate, object, seq, valid_from, valid_to, start_basis, start_relation,"
    " end_relation, assertions, sources, denials, credibility, first_reported"
)


@dataclass(frozen=True, slots=True)
class Edge:
    """One fact valid at the asked date, with the interval and the evidence of its bounds."""

    subject: str
    predicate: str
    object: str
    valid_from: str | None
    valid_to: str | None
    start_basis: str | None
    start_relation: int | None
    end_relation: int | None
    sources: int
    denials: int
    credibility: int
    via: str | None = None  # "lineage: <merged org id>" for memberships carried forward


@dataclass(frozen=True, slots=True)
class Graph:
    """The network valid at one date."""

    as_of: str
    known_on: str | None
    nodes: list[dict[str, Any]]
    edges: list[Edge] = field(default_factory=list)


def _model(conn: sqlite3.Connection) -> IntervalModel:
    """The valid-time read model; imported here, with numpy, only by the queries using it."""
    from factionmap.query.interval_model import interval_model

    return interval_model(conn)


def _edge(row: sqlite3.Row | tuple) -> Edge:
    values = tuple(row)
    if len(values) == 16:  # a history_intervals row as written, with its day columns
        values = values[:6] + values[8:]
    (s, p, o, _seq, vf, vt, basis, sr, er, _n, sources, denials, cred, _rep) = values
    return Edge(s, p, o, vf, vt, basis, sr, er, sources, denials, cred)


def valid_edges(
    conn: sqlite3.Connection,
    moment: str,
    known_on: str | None = None,
    touching: set[str] | None = None,
) -> list[Edge]:
    """Every fact valid at `moment` (valid time), optionally only those touching some
    entities; with `known_on`, as known on that date (report time)."""
    if known_on is None:
        edges = _model(conn).valid(moment)
        if touching is None:
            return edges
        return [e for e in edges if e.subject in touching or e.object in touching]
    outlets = load_outlets()
    edges = []
    known = claims(conn, known_on=known_on)
    for key, facts in known.items():
        if touching is not None and not {key[0], key[2]} & touching:
            continue
        ending = ending_key(key)
        for row in interval_rows(key, facts, outlets, known.get(ending, []) if ending else []):
            edge = _edge(row)
            if holds_at(edge.valid_from, edge.valid_to, moment):
                edges.append(edge)
    return edges


def undated_facts(conn: sqlite3.Connection) -> int:
    """How many asserted facts have no validity interval (no date in the text and none on
    their reports): they hold at no month, so no as-of view shows them."""
    row = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT subject, predicate, object FROM relations"
        " WHERE polarity = 'asserted') f WHERE NOT EXISTS (SELECT 1 FROM history_intervals h"
        " WHERE h.subject = f.subject AND h.predicate = f.predicate AND h.object = f.object)"
        # a symmetric fact's history is kept under its sorted pair
        " AND NOT EXISTS (SELECT 1 FROM history_intervals h"
        " WHERE h.subject = f.object AND h.predicate = f.predicate AND h.object = f.subject)"
    ).fetchone()
    return int(row[0])


def _carried_forward(edges: list[Edge]) -> list[Edge]:
    """Memberships of merged organisations, carried to the organisation they merged into."""
    mergers = [e for e in edges if e.predicate == "merged_into"]
    if not mergers:
        return []
    members: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        if e.predicate in CARRIED_AS:
            members[e.object].append(e)
    extra = []
    for merger in mergers:
        for member in members.get(merger.subject, []):
            extra.append(
                Edge(
                    member.subject,
                    CARRIED_AS[member.predicate],
                    merger.object,
                    _later(merger.valid_from, member.valid_from),
                    member.valid_to,
                    member.start_basis,
                    member.start_relation,
                    member.end_relation,
                    member.sources,
                    member.denials,
                    member.credibility,
                    via=f"lineage: {merger.subject}",
                )  # fmt: skip
            )
    return extra


def _later(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return max(a, b, key=first_day)


def as_of_graph(
    conn: sqlite3.Connection,
    moment: str,
    around: str | None = None,
    depth: int = 2,
    known_on: str | None = None,
) -> Graph:
    """The network valid at `moment`, optionally only `depth` steps around one entity."""
    extra: list[Edge] = []
    if known_on is None:
        # Valid time: the read model gives the stored intervals in print order.
        model = _model(conn)
        if around is None:
            edges = model.valid(moment)
            extra = _carried_forward(edges)
        else:
            edges, extra = model.neighbourhood(moment, around, depth, _carried_forward)
    elif around is None:
        edges = valid_edges(conn, moment, known_on)
        edges = sorted(edges + _carried_forward(edges), key=_order)
    else:
        edges = sorted(_neighbourhood(conn, moment, known_on, around, depth), key=_order)
    if extra:
        edges = sorted(edges + extra, key=_order)
    ids = {e.subject for e in edges} | {e.object for e in edges}
    if around is not None:
        ids.add(around)
    return Graph(moment, known_on, _nodes(conn, ids), edges)


def _order(edge: Edge) -> tuple:
    return (edge.predicate, edge.subject, edge.object, edge.via or "")


def _neighbourhood(
    conn: sqlite3.Connection, moment: str, known_on: str | None, centre: str, depth: int
) -> list[Edge]:
    """Facts within `depth` steps of `centre`, fetched frontier by frontier (report time;
    IntervalModel.neighbourhood answers for valid time)."""
    seen, frontier = {centre}, {centre}
    kept: dict[tuple, Edge] = {}
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        step = valid_edges(conn, moment, known_on, frontier)
        step += _carried_forward(step)
        touched = set()
        for e in step:
            kept[(e.subject, e.predicate, e.object, e.via)] = e
            touched.add(e.subject)
            touched.add(e.object)
        following = touched - seen
        seen |= following
        frontier = following
    return list(kept.values())


def _nodes(conn: sqlite3.Connection, ids: set[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, name, type, subtype FROM entities WHERE id IN ({marks}) ORDER BY name, id",
        tuple(sorted(ids)),
    )
    return [dict(row) for row in rows]


@dataclass(frozen=True, slots=True)
class Change:
    """A fact that began or ended between two dates, with the relation it rests on."""

    kind: str  # "began" or "ended"
    edge: Edge
    evidence: int | None


def diff(conn: sqlite3.Connection, start: str, end: str) -> list[Change]:
    """What changed between `start` and `end`: facts that began and facts that ended (a fact
    that ended in one interval and began in another is no change at all), by predicate, kind
    and subject."""
    return _model(conn).changes(start, end)


def _fact(edge: Edge) -> HistoryKey:
    return edge.subject, edge.predicate, edge.object


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that disagree: a fact asserted and denied, or two rival holders of a place."""

    kind: str  # "denied" or "rival_control"
    facts: tuple[HistoryKey, ...]
    relations: tuple[int, ...]  # the relations on each side, asserted first
    period: str | None = None


def conflicts(conn: sqlite3.Connection, actor: str | None = None) -> list[Conflict]:
    """Competing claims, never resolved by letting the newest win."""
    found: list[Conflict] = []
    for key, facts in claims(conn).items():
        if actor and actor not in (key[0], key[2]):
            continue
        yes = [a for a in facts if a.polarity == "asserted"]
        no = [a for a in facts if a.polarity == "negated"]
        if yes and no:
            found.append(Conflict("denied", (key,), tuple(a.id for a in yes + no)))
    holders: dict[str, list[Edge]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {_COLUMNS} FROM history_intervals WHERE predicate = 'controls'"
    ):
        holders[row["object"]].append(_edge(row))
    for place, spans in holders.items():
        for i, a in enumerate(spans):
            for b in spans[i + 1 :]:
                if a.subject == b.subject or (actor and actor not in (a.subject, b.subject, place)):
                    continue
                overlap = _overlap(a, b)
                if overlap is not None:
                    rels = tuple(r for r in (a.start_relation, b.start_relation) if r is not None)
                    found.append(Conflict("rival_control", (_fact(a), _fact(b)), rels, overlap))
    return found


def _overlap(a: Edge, b: Edge) -> str | None:
    """The later start of two intervals when they overlap, else None ("" if both open)."""
    starts = [s for s in (a.valid_from, b.valid_from) if s]
    later = max(starts, key=first_day) if starts else None
    for e in (a, b):
        if e.valid_to and later and first_day(e.valid_to) <= first_day(later):
            return None
    if later is None:
        return ""
    return later


def lineage(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any]:
    """An organisation's chain of names (with dates where the dictionary knows them) and
    the mergers and splits linking it to others, with the relations they rest on."""
    from factionmap.resolve.dictionary import packaged_dictionary

    row = conn.execute(
        "SELECT id, name, actor_key FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return {}
    dated: dict[str, dict[str, str | None]] = {}
    entry = packaged_dictionary().by_key.get(row["actor_key"]) if row["actor_key"] else None
    if entry is not None:
        for former in entry.former_names:
            dated[former.name] = {"name": former.name, "from": former.start, "until": former.end}
    for alias in conn.execute(
        "SELECT alias FROM aliases WHERE entity_id = ? AND kind = 'former_name'", (entity_id,)
    ):
        dated.setdefault(alias["alias"], {"name": alias["alias"], "from": None, "until": None})
    links = []
    for link in conn.execute(
        f"SELECT {_COLUMNS} FROM history_intervals WHERE predicate IN"
        " ('merged_into', 'split_from') AND (subject = ? OR object = ?)",
        (entity_id, entity_id),
    ):
        links.append(_edge(link))
    names = sorted(dated.values(), key=lambda n: first_day(n["from"] or n["until"] or "9999"))
    return {"entity": row["id"], "name": row["name"], "former_names": names, "links": links}
