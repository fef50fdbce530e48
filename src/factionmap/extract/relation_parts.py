"""Pattern family "possessive": a body named as another's own makes it part of that other.

"the SNA's Sultan Murad Division", "its Shura Council" (the possessed is itself a name);
"the Asayish, the SDF's internal security force", "the SDF's security forces, the Asayish"
(a part noun in apposition); "the Nusra Front, which was al-Qaeda's affiliate" and "the SDF,
whose main component is the YPG" (a relative clause).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from factionmap.extract.arguments import antecedent, appositive_before, resolve_anaphor
from factionmap.extract.docview import DocView, nouns
from factionmap.extract.relation_candidates import Candidate, RelationLexicon, typed_predicate
from factionmap.extract.surface import RELATIVE_PRONOUNS
from factionmap.records import DocEntity

_POSSESSIVE = frozenset({"’s", "'s", "’"})
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "remained", "became", "becomes"})
_MAX_MODIFIERS = 4


@dataclass(frozen=True, slots=True)
class _Possessor:
    """Who owns what follows, and where the owned noun phrase begins."""

    entity: DocEntity
    start: int  # first token of the possessor ("the" of "the group's")
    end: int  # first token after the possessive marker


def _possessor_at(
    view: DocView, i: int, part_nouns: frozenset[str] = frozenset()
) -> _Possessor | None:
    """A possessor starting at token i: "the SNA's", "its", "the group's", or a name used as
    the modifier of a part noun ("al-Qaeda affiliate X")."""
    doc = view.analyzed.doc
    token = doc[i]
    slot = view.slot_of(token)
    if slot is not None and slot.start == i:
        owner = slot.entity.type == "ORG" and view.is_actor(slot.entity)
        if slot.end < len(doc) and doc[slot.end].text in _POSSESSIVE and owner:
            return _Possessor(slot.entity, i, slot.end + 1)
        if slot.end < len(doc) and owner:
            noun = doc[slot.end]
            if noun.tag_ == "NN" and noun.lemma_.lower() in part_nouns:
                return _Possessor(slot.entity, i, slot.end)
        return None
    if token.lower_ in ("its", "whose") and token.tag_ in ("PRP$", "WP$"):
        entity = (
            antecedent(view, token, ("ORG",))
            if token.lower_ == "whose"
            else resolve_anaphor(view, token, plural=True)
        )
        return _Possessor(entity, i, i + 1) if entity is not None else None
    start = i
    if token.lower_ == "the" and i + 1 < len(doc):
        i += 1
    noun = doc[i]
    if (
        noun.lower_ in nouns().group_anaphors
        and i + 1 < len(doc)
        and doc[i + 1].text in _POSSESSIVE
    ):
        entity = resolve_anaphor(view, noun)
        if entity is not None and view.is_actor(entity):
            return _Possessor(entity, start, i + 2)
    return None


def _led_by_possessor(view: DocView, i: int, end: int) -> Candidate | None:
    """leader_of from a person owning an organisation: "Mr Al Shara's Hayat Tahrir al-Sham",
    "Assad's regime" (the owned named or standing for the regime the report names)."""
    doc = view.analyzed.doc
    slot = view.slot_of(doc[i])
    if slot is None or slot.start != i or slot.entity.type != "PERSON":
        return None
    if slot.end + 1 >= end or doc[slot.end].text not in _POSSESSIVE:
        return None
    owned = view.slot_of(doc[slot.end + 1])
    if owned is None or owned.start != slot.end + 1 or owned.entity.type != "ORG":
        return None
    after = doc[owned.end] if owned.end < end else None
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return None  # "Assad's regime forces", "X's HTS faction": a part, not the whole
    return Candidate(
        subject=slot.entity,
        predicate="leader_of",
        object=owned.entity,
        anchor=doc[owned.end - 1],
        cue_start=i,
        cue_end=owned.end,
        confidence=0.6,
        family="possessive",
        polarity="asserted",
    )


def _modifiers_end(view: DocView, i: int, end: int) -> int:
    """First token after the adjectives and compound nouns of an owned noun phrase."""
    doc = view.analyzed.doc
    steps = 0
    while i < end and steps < _MAX_MODIFIERS and view.slot_of(doc[i]) is None:
        if doc[i].tag_ not in ("JJ", "JJS", "NN", "NNS", "VBN", "VBG"):
            break
        i += 1
        steps += 1
    return i


def possessive_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """part_of from a body named as another's own (see the module docstring)."""
    doc = view.analyzed.doc
    for segment in view.segments:
        for i in range(segment.start, segment.end):
            led = _led_by_possessor(view, i, segment.end)
            if led is not None:
                yield led
                continue
            owner = _possessor_at(view, i, lexicon.part_nouns)
            if owner is None:
                continue
            j = owner.end
            slot = view.slot_of(doc[j]) if j < segment.end else None
            if slot is not None and slot.start == j:
                # "the SNA's Sultan Murad Division": the owned is itself a name, unless the name
                # only qualifies a noun after it ("its Telegram channel").
                after = doc[slot.end] if slot.end < segment.end else None
                if after is None or after.pos_ not in ("NOUN", "PROPN"):
                    yield from _candidate(lexicon, slot.entity, owner.entity, doc[slot.end - 1], j)
                continue
            k = _modifiers_end(view, j, segment.end)
            if k == j or doc[k - 1].lemma_.lower() not in lexicon.part_nouns:
                continue
            noun = doc[k - 1]
            for part in _partners(view, owner, noun, segment.start, segment.end):
                yield from _candidate(lexicon, part, owner.entity, noun, owner.start)


def _partners(
    view: DocView, owner: _Possessor, noun: Token, lo: int, hi: int
) -> Iterator[DocEntity]:
    """The body a possessed part noun stands for, by apposition or a relative clause."""
    doc = view.analyzed.doc
    start = owner.start - (owner.start > lo and doc[owner.start - 1].lower_ == "the")
    before = doc[start - 1] if start > lo else None
    # "the Asayish, the SDF's internal security force" / "the X organization, al-Qaeda's branch"
    if before is not None and before.text == "," and start - 2 >= lo:
        entity = appositive_before(view, doc[start])
        if entity is not None and entity is not owner.entity:
            yield entity
            return
    # "al-Qaeda affiliate Hurras al-Din", "the SNA's unit Division 25"
    after = noun.i + 1
    slot = view.slot_of(doc[after]) if after < hi else None
    if slot is not None and slot.start == after and slot.entity.type == "ORG":
        yield slot.entity
        return
    # "the SDF's internal security forces, the Asayish", "al-Qaeda's affiliate in Syria, X"
    if after + 2 < hi and doc[after].lower_ == "in" and view.slot_of(doc[after + 1]) is not None:
        place = view.slot_of(doc[after + 1])
        if place is not None and place.entity.type == "LOCATION":
            after = place.end
    if after + 1 < hi and doc[after].text == ",":
        k = after + 1 + (doc[after + 1].lower_ == "the")
        slot = view.slot_of(doc[k]) if k < hi else None
        if slot is not None and slot.start == k:
            yield slot.entity
            return
    # "the Nusra Front, which was al-Qaeda's affiliate"
    k = start - 1
    while k >= lo and doc[k].lower_ in _COPULAS | {"has", "had", "been", "long", "once"}:
        k -= 1
    if k >= lo and k < start - 1 and doc[k].lower_ in RELATIVE_PRONOUNS - {"whose"}:
        entity = antecedent(view, doc[k], ("ORG",))
        if entity is not None:
            yield entity
            return
    # "The YPG is the PKK's Syrian offshoot"
    subject = view.slot_of(doc[k]) if lo <= k < start - 1 else None
    if subject is not None and subject.end == k + 1 and subject.entity.type == "ORG":
        yield subject.entity
        return
    # "the SDF, whose main component is the YPG"
    if doc[owner.start].lower_ == "whose" and after < hi and doc[after].lower_ in _COPULAS:
        k = after + 1 + (after + 1 < hi and doc[after + 1].lower_ == "the")
        slot = view.slot_of(doc[k]) if k < hi else None
        if slot is not None and slot.start == k:
            yield slot.entity


def _is_country(lexicon: RelationLexicon, entity: DocEntity) -> bool:
    names = {entity.name.lower(), *(a.lower() for a in entity.aliases)}
    return any(names & {n.lower() for n in states} for states in lexicon.demonyms.values())


def _candidate(
    lexicon: RelationLexicon, part: DocEntity, whole: DocEntity, anchor: Token, start: int
) -> Iterator[Candidate]:
    predicate = typed_predicate(lexicon, ("part_of",), part, whole)
    if predicate is None or _is_country(lexicon, part):
        return  # "Russia's Iran" names no part
    yield Candidate(
        subject=part,
        predicate=predicate,
        object=whole,
        anchor=anchor,
        cue_start=start,
        cue_end=anchor.i + 1,
        confidence=0.65,
        family="possessive",
        polarity="asserted",  # a description, whatever the clause around it says
    )
