"""Map each document's entities onto the knowledge base: one real-world actor, one entity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from factionmap.records import DocEntity
from factionmap.resolve.names import fold_key, slug, surface_key


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity already in the knowledge base, as resolution sees it."""

    id: str
    name: str
    type: str
    actor_key: str | None


@dataclass(slots=True)
class EntityIndex:
    """Known entities and their folded names; updated as documents are resolved."""

    entities: dict[str, KnownEntity] = field(default_factory=dict)
    by_fold: dict[str, set[str]] = field(default_factory=dict)
    by_surface: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity: KnownEntity, names: list[str]) -> None:
        """Remember an entity under all of its names."""
        self.entities[entity.id] = entity
        for name in names:
            self.by_fold.setdefault(fold_key(name), set()).add(entity.id)
            self.by_surface.setdefault(_lone_word_key(name), set()).add(entity.id)


def _lone_word_key(name: str) -> str:
    return surface_key(re.sub(r"^(?:al|el)[-\s]", "", name.strip(), flags=re.IGNORECASE))


def _words_match(a: str, b: str) -> bool:
    """Same number of words, each a close spelling of the other (Idris/Idriss, Jasem/Jassim)."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(fuzz.ratio(x, y) >= 80 for x, y in zip(wa, wb, strict=True))


def _fuzzy_candidates(entity: DocEntity, index: EntityIndex) -> set[str]:
    found: set[str] = set()
    for name in (entity.name, *entity.aliases):
        key = fold_key(name)
        if len(key.split()) < 2:
            continue  # a lone word is too weak to join actors across documents
        for known_key, ids in index.by_fold.items():
            if abs(len(known_key) - len(key)) > 3 or not _words_match(key, known_key):
                continue
            if fuzz.ratio(key, known_key) >= 90:
                found |= {i for i in ids if index.entities[i].type == entity.type}
    return found


def _exact_candidates(entity: DocEntity, index: EntityIndex) -> set[str]:
    found: set[str] = set()
    names = [entity.name, *entity.aliases]
    for name in names:
        key = fold_key(name)
        ids = index.by_fold.get(key, set())
        if " " not in key:
            # One word ("Assad" / "al-Assaad") is too weak for transliteration folding:
            # it must be spelled the same way as a name the known entity was seen under.
            ids = ids & index.by_surface.get(_lone_word_key(name), set())
        for entity_id in ids:
            known = index.entities[entity_id]
            if known.type == entity.type and not (known.actor_key and entity.actor_key):
                found.add(entity_id)
    return found


def curated_id(actor_key: str) -> str:
    """The entity id of a curated actor or gazetteer place."""
    if actor_key.startswith("place:"):
        return "place_" + slug(actor_key.removeprefix("place:"))
    return actor_key


def _new_id(entity: DocEntity, index: EntityIndex) -> str:
    base = f"{entity.type.lower()[:3]}_{slug(entity.name)}"
    candidate, number = base, 2
    while candidate in index.entities:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def assign_global_ids(
    entities: list[DocEntity], index: EntityIndex
) -> tuple[dict[str, str], dict[str, DocEntity]]:
    """Global id per local id, and the entities that are new to the knowledge base."""
    ids: dict[str, str] = {}
    new: dict[str, DocEntity] = {}
    for entity in entities:
        key = curated_id(entity.actor_key) if entity.actor_key else None
        if key and key in index.entities:
            ids[entity.local_id] = key
            continue
        candidates = set() if key else _exact_candidates(entity, index)
        if not candidates and not key:
            candidates = _fuzzy_candidates(entity, index)
        if len(candidates) == 1:
            ids[entity.local_id] = candidates.pop()
            continue
        global_id = key or _new_id(entity, index)
        ids[entity.local_id] = global_id
        new[global_id] = entity
        index.add(
            KnownEntity(global_id, entity.name, entity.type, entity.actor_key),
            [entity.name, *entity.aliases, *entity.former_names],
        )
    # Entities new in this document that resolved onto each other share one id.
    for entity in entities:
        index.add(index.entities[ids[entity.local_id]], [entity.name, *entity.aliases])
    return ids, new
