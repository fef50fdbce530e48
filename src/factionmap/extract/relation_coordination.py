"""Coordinated arguments of relation cues, and the "joint" family of alliances.

"Idlib and parts of the Aleppo countryside are controlled by HTS" (every coordinated place);
"Russia and Iran, the main backers of the regime" (every coordinated backer);
"the coalition and the SDF carried out a joint raid", "fought ISIS together" (allied_with).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from spacy.tokens import Token

from factionmap.extract.arguments import coordinated_entities, entity_of_noun
from factionmap.extract.docview import DocView
from factionmap.extract.relation_candidates import Candidate, RelationLexicon, typed_predicate
from factionmap.records import DocEntity

_JOINT_ADVERBS = frozenset({"together", "jointly"})
_JOINT_ADJECTIVES = frozenset({"joint", "combined"})


def coordinated_group(
    view: DocView, entity: DocEntity, anchor: Token, types: tuple[str, ...]
) -> list[DocEntity]:
    """`entity` and the entities coordinated with its mention nearest before `anchor`."""
    segment = view.segment_of(anchor)
    slots = [s for s in view.slots_between(segment.start, anchor.i) if s.entity is entity]
    if not slots:
        return [entity]
    token = view.analyzed.doc[slots[-1].end - 1]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    found = [entity]
    stack = [token]
    while stack:
        current = stack.pop(0)
        other = entity_of_noun(view, current)
        if other is not None and other.type in types and other not in found:
            found.append(other)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return found


def _subjects(view: DocView, verb: Token) -> list[DocEntity]:
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            return coordinated_entities(view, subjects[0])
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head.i == current.i:
            return []
        current = current.head
    return []


def joint_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """allied_with between coordinated subjects acting "together" or in a "joint" operation."""
    for token in view.analyzed.doc:
        lower = token.lower_
        verb: Token | None
        if lower in _JOINT_ADVERBS and token.head.pos_ == "VERB":
            verb = token.head
        elif lower in _JOINT_ADJECTIVES and token.dep_ == "amod":
            noun = token.head
            verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
            if verb is None or verb.pos_ not in ("VERB", "AUX"):
                continue
        else:
            continue
        actors = [e for e in _subjects(view, verb) if view.is_actor(e)]
        for first, second in combinations(actors, 2):
            predicate = typed_predicate(lexicon, ("allied_with",), first, second)
            if predicate is None:
                continue
            yield Candidate(first, predicate, second, verb, token.i, token.i + 1, 0.65, "joint")
