"""Read models shared by the CLI and the web: actor profiles, pair histories, summaries."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from factionmap.errors import Errors, FactionmapError
from factionmap.resolve.names import fold_key, is_acronym, surface_key
from factionmap.store import reads

_SENTENCE_END = re.compile(r"[.!?]['\"”’]?\s+|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` that contains [start, end)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    match = _SENTENCE_END.search(text, end)
    right = match.end() if match else len(text)
    return text[left:right].strip()


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """Everything the knowledge base holds about one actor."""

    entity: dict[str, Any]
    aliases: list[dict[str, str]]
    mentions: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes_by: list[dict[str, Any]]


_SUGGEST_AT = 80  # rapidfuzz ratio from which a spelling is offered as "did you mean"


def _acronym_like(name: str) -> bool:
    # Folding drops doubled letters ("IISS" → "is"), which is right for transliterated names
    # and wrong for acronyms and other short words: those must match as spelled.
    return is_acronym(name.strip()) or len(name.strip()) <= 4


def _label(row: dict[str, Any]) -> str:
    return f"{row['name']} [{row['entity_id']}, {row['type']}, {row['mentions']} mentions]"


def _preferred(rows: list[dict[str, Any]], name: str) -> str | None:
    """One entity among those a name matches equally well, when one stands out: the only
    non-place (an actor query), the only curated one, or the only one named so."""
    by_id = {r["entity_id"]: r for r in rows}
    pool = list(by_id.values())
    for keep in (
        lambda r: r["type"] != "LOCATION",
        lambda r: r["actor_key"] is not None,
        lambda r: surface_key(r["name"]) == surface_key(name),
    ):
        if len(pool) == 1:
            break
        narrowed = [r for r in pool if keep(r)]
        pool = narrowed or pool
    return pool[0]["entity_id"] if len(pool) == 1 else None


def resolve_actor(conn: sqlite3.Connection, name: str) -> str:
    """The id of the one actor a name, id or alias denotes. An exact spelling beats a
    case-insensitive one, which beats a transliteration-folded one; several actors matching
    at the best level, or only near spellings, raise an error that lists them."""
    if reads.entity_exists(conn, name):
        return name
    rows = reads.alias_matches(conn, fold_key(name))
    levels = [
        [r for r in rows if r["alias"] == name.strip()],
        [r for r in rows if surface_key(r["alias"]) == surface_key(name)],
        [] if _acronym_like(name) else rows,
    ]
    for level in levels:
        if not level:
            continue
        chosen = _preferred(level, name)
        if chosen:
            return chosen
        ranked = sorted({r["entity_id"]: r for r in level}.values(), key=lambda r: -r["mentions"])
        shown = ", ".join(_label(r) for r in ranked[:6])
        more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
        raise FactionmapError(Errors.E034, None, name=name, count=len(ranked), choices=shown + more)
    near = did_you_mean(conn, name)
    if near:
        raise FactionmapError(Errors.E035, None, name=name, choices=", ".join(near))
    raise FactionmapError(Errors.E012, None, name=name)


def did_you_mean(conn: sqlite3.Connection, name: str, limit: int = 5) -> list[str]:
    """Actors with a name spelled close to `name` or containing it as a whole word."""
    from rapidfuzz import fuzz  # here: only a name that matches nothing needs it

    wanted = surface_key(name)
    best: dict[str, tuple[float, dict[str, Any]]] = {}
    for row in reads.all_aliases(conn):
        key = surface_key(row["alias"])
        score = fuzz.ratio(wanted, key)
        if len(wanted) >= 4 and wanted in key.split():
            score = max(score, 90.0)
        if score >= _SUGGEST_AT and score > best.get(row["entity_id"], (0.0, row))[0]:
            best[row["entity_id"]] = (score, row)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], -pair[1]["mentions"]))
    return [_label(row) for _, row in ranked[:limit]]


def actor_profile(conn: sqlite3.Connection, name: str, sentences: int = 50) -> ActorProfile:
    """Profile of the actor named `name`; the first `sentences` mentions carry their
    sentence (the rest only their span, so that a frequent actor answers fast)."""
    entity_id = resolve_actor(conn, name)
    entity = reads.entity(conn, entity_id)
    assert entity is not None
    found = reads.mentions(conn, entity_id)
    texts = reads.texts_of(conn, {m["doc_id"] for m in found[:sentences]})
    mentions = [
        {**m, "sentence": sentence_around(texts[m["doc_id"]], m["start"], m["end"])}
        if number < sentences
        else {**m, "sentence": None}
        for number, m in enumerate(found)
    ]
    return ActorProfile(
        entity=entity,
        aliases=reads.entity_aliases(conn, entity_id),
        mentions=mentions,
        relations=reads.relations(conn, (entity_id,)),
        events=reads.events_of(conn, entity_id),
        quotes_by=reads.quotes_by(conn, entity_id),
    )


def pair_history(conn: sqlite3.Connection, first: str, second: str) -> dict[str, Any]:
    """Relations and events between two actors, in date order."""
    a, b = resolve_actor(conn, first), resolve_actor(conn, second)
    relations = [r for r in reads.relations(conn, (a,)) if {r["subject"], r["object"]} == {a, b}]
    events = [
        ev
        for ev in reads.events(conn)
        if (a in ev["source"] and b in ev["target"]) or (b in ev["source"] and a in ev["target"])
    ]
    return {"first": a, "second": b, "relations": relations, "events": events}


def names_by_id(conn: sqlite3.Connection) -> dict[str, str]:
    """Canonical name of every entity, by id."""
    return reads.entity_names(conn)
