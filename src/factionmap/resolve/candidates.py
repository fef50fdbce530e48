"""Merge candidates: pairs of stored entities resolution left apart because the evidence
was not decisive (a lone surname, a name several entities carry)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from factionmap.records import MergeCandidate
from factionmap.resolve.names import fold_key
from factionmap.store.db import load_alias_index

# A surname shared by more people than this is a family or a common name, not a lead.
_MAX_SURNAME_CANDIDATES = 5


def merge_candidates(conn: sqlite3.Connection) -> list[MergeCandidate]:
    """Every pair of stored entities that may be one actor, for `factionmap review`.

    Shape agreed with the decisions commands: a list of `records.MergeCandidate`
    (entity, candidate, reason, name), sorted by name then ids, computed from the store
    each time (no table: it follows every ingest and every decision by itself). Reasons:
    - "same name": both carry a name with one transliteration-folded key (same type, not
      two curated actors) — left apart because the name pointed to several entities;
    - "surname": `entity` is a person known only by one word, `candidate` a person whose
      full name ends with it (a lone surname never joins documents on its own).
    The review command drops pairs an analyst has already decided (merged or kept apart).
    """
    entities, names = load_alias_index(conn)
    by_fold: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity_id, entity in entities.items():
        for name in {entity.name, *names.get(entity_id, [])}:
            by_fold[fold_key(name)].add(entity_id)
        words = fold_key(entity.name).split()
        if entity.type == "PERSON" and len(words) >= 2:
            surnames[words[-1]].add(entity_id)
    found: set[MergeCandidate] = set()
    for key, ids in by_fold.items():
        ordered = sorted(ids)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                a, b = entities[first], entities[second]
                if a.type == b.type and not (a.actor_key and b.actor_key):
                    found.add(MergeCandidate(first, second, "same name", key))
    for entity_id, entity in entities.items():
        words = fold_key(entity.name).split()
        if entity.type != "PERSON" or len(words) != 1:
            continue
        full = surnames.get(words[0], set())
        if 0 < len(full) <= _MAX_SURNAME_CANDIDATES:
            found |= {MergeCandidate(entity_id, other, "surname", entity.name) for other in full}
    return sorted(found, key=lambda c: (c.name, c.entity, c.candidate))
