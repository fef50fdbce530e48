"""Read models shared by the CLI and the web: actor profiles, pair histories, summaries."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from factionmap.errors import Errors, FactionmapError
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


def resolve_actor(conn: sqlite3.Connection, name: str) -> str:
    """The id of the actor best matching a name, id or alias; raises when none does."""
    found = reads.find_entities(conn, name)
    if not found:
        raise FactionmapError(Errors.E012, None, name=name)
    return found[0]


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
