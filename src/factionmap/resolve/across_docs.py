"""Map each document's entities onto the knowledge base: one real-world actor, one entity.

Resolution is candidates → decision: `candidates` weighs the known entities each decisive
name of a document's entity points to, `decide` takes the one the evidence favours or none.
Lone surnames and titles are never decisive across documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from factionmap.records import DocEntity
from factionmap.resolve.names import fold_key, slug, surface_key
from factionmap.resolve.offices import OFFICE_WORDS


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
    surnames: set[str] = field(default_factory=set)  # last words of known persons' full names
    # The analyst's not-same decisions: entity → (the other entity, the folded names only the
    # other one held, the folded names only this one held) when they were kept apart.
    apart: dict[str, list[tuple[str, set[str], set[str]]]] = field(default_factory=dict)

    def keep_apart(self, first: str, second: str, first_names: set[str], second_names: set[str]):  # noqa: ANN201
        """Record that two entities are different actors (a not-same decision)."""
        self.apart.setdefault(first, []).append((second, second_names, first_names))
        self.apart.setdefault(second, []).append((first, first_names, second_names))

    def honour_apart(self, chosen: str, entity: DocEntity) -> str:
        """The entity a document's entity goes to once not-same decisions are weighed: one
        that resolution put on `chosen` but that is named only by the other side's names
        goes to the other side."""
        names = {fold_key(n) for n in (entity.name, *entity.aliases)}
        for other, other_names, own in self.apart.get(chosen, []):
            if other in self.entities and names & other_names and not names & own:
                return other
        return chosen

    def add(self, entity: KnownEntity, names: list[str]) -> None:
        """Remember an entity under all of its names."""
        self.entities[entity.id] = entity
        for name in names:
            self.by_fold.setdefault(fold_key(name), set()).add(entity.id)
            self.by_surface.setdefault(_lone_word_key(name), set()).add(entity.id)
            words = fold_key(name).split()
            if entity.type == "PERSON" and len(words) >= 2:
                self.surnames.add(words[-1])


def _lone_word_key(name: str) -> str:
    return surface_key(re.sub(r"^(?:al|el)[-\s]", "", name.strip(), flags=re.IGNORECASE))


def _words_match(a: str, b: str) -> bool:
    """Same number of words, each a close spelling of the other (Idris/Idriss, Jasem/Jassim)."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(fuzz.ratio(x, y) >= 80 for x, y in zip(wa, wb, strict=True))


def _decisive(name: str, entity: DocEntity, index: EntityIndex) -> bool:
    """Whether a name may join two documents' entities on its own.

    A lone word naming a person is a surname or a given name ("Hall", "Assad"), shared by
    namesakes across a corpus: within one report it joins the full name (within_doc), across
    reports only the full name does — also when the model typed it as a group ("Begum" ORG)
    and it is a known person's surname. Titles and offices never do ("President").
    """
    words = fold_key(name).split()
    if not words or all(word in OFFICE_WORDS for word in words):
        return False
    if len(words) >= 2:
        return True
    if entity.type == "PERSON":
        return False
    guessed = not entity.actor_key and all(m.source == "model" for m in entity.mentions)
    return not (guessed and words[0] in index.surnames)


def _types_agree(known: str, new: str) -> bool:
    return known == new


def _fuzzy_candidates(name: str, entity: DocEntity, index: EntityIndex) -> set[str]:
    key = fold_key(name)
    if len(key.split()) < 2:
        return set()  # a lone word is too weak for fuzzy matching
    found: set[str] = set()
    for known_key, ids in index.by_fold.items():
        if abs(len(known_key) - len(key)) > 3 or not _words_match(key, known_key):
            continue
        if fuzz.ratio(key, known_key) >= 90:
            found |= {i for i in ids if _types_agree(index.entities[i].type, entity.type)}
    return found


def _exact_candidates(name: str, entity: DocEntity, index: EntityIndex) -> set[str]:
    key = fold_key(name)
    ids = index.by_fold.get(key, set())
    if " " not in key:
        # One word ("Nato" / "NATO") is too weak for transliteration folding: it must be
        # spelled the same way as a name the known entity was seen under.
        ids = ids & index.by_surface.get(_lone_word_key(name), set())
    return {
        i
        for i in ids
        if _types_agree(index.entities[i].type, entity.type)
        and not (index.entities[i].actor_key and entity.actor_key)
    }


# How much a matching name counts: the entity's own name over its aliases, exact spelling
# (after folding) over a close one.
_NAME_WEIGHT, _ALIAS_WEIGHT, _FUZZY_FACTOR = 3, 1, 0.5


def candidates(entity: DocEntity, index: EntityIndex) -> dict[str, float]:
    """Known entities this document's entity may be, each with the weight of its evidence."""
    scores: dict[str, float] = {}
    names = [(entity.name, _NAME_WEIGHT), *((a, _ALIAS_WEIGHT) for a in entity.aliases)]
    for name, weight in names:
        if not _decisive(name, entity, index):
            continue
        exact = _exact_candidates(name, entity, index)
        found = exact or _fuzzy_candidates(name, entity, index)
        factor = 1.0 if exact else _FUZZY_FACTOR
        for entity_id in found:
            scores[entity_id] = scores.get(entity_id, 0.0) + weight * factor
    return scores


def decide(scores: dict[str, float], index: EntityIndex) -> str | None:
    """The one known entity the evidence points to, or None when it points nowhere or to
    several equally (the entity then stays apart; `review.merge_candidates` lists the pair)."""
    if not scores:
        return None
    best = max(scores.values())
    top = [entity_id for entity_id, score in scores.items() if score == best]
    if len(top) > 1:
        # Namesakes of a curated actor made before it was curated, if any, yield to it.
        curated = [entity_id for entity_id in top if index.entities[entity_id].actor_key]
        top = curated if len(curated) == 1 else top
    return top[0] if len(top) == 1 else None


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
            ids[entity.local_id] = index.honour_apart(key, entity)
            continue
        chosen = None if key else decide(candidates(entity, index), index)
        if chosen is not None:
            ids[entity.local_id] = index.honour_apart(chosen, entity)
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
