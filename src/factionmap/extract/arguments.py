"""Argument finders every extractor shares: the entity a noun phrase stands for, the agent of a
cue, relative-clause antecedents, anaphors and coordinated objects.

The small English parser often attaches relative clauses and prepositional phrases to the
wrong noun, so each finder reads the dependency tree first and falls back to the surface order
of entity mentions (with a lower confidence) where the tree gives nothing usable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Token

from factionmap.extract.docview import FINITE, DocView, Slot, nouns, state_entity
from factionmap.records import DocEntity

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_CONNECTORS = frozenset({",", "and", "or", "as", "well", "of", "the", "a", "an", "its", "their",
                         "his", "her", "some", "several", "many", "most", "all", "both", "parts",
                         "part", "-", "’s", "'s", "large", "entire", "whole"})  # fmt: skip
_STOPS = frozenset({"in", "near", "with", "since", "when", "after", "before", "during", "from",
                    "to", "by", "for", "on", "at", "into", "while", "where", "until", "against",
                    "through", "across", "over", "under", "inside", "between", "within", ";",
                    ":", "(", ")", "“", "”", '"'})  # fmt: skip


def _compound_entity(view: DocView, token: Token) -> DocEntity | None:
    # "the Bab al-Hawa border crossing", "the Tahrir al-Sham faction": the name sits in the
    # compound modifiers of a group or place noun; "Turkish officials" stand for Turkey.
    for child in token.children:
        if child.i < token.i and child.dep_ in ("compound", "nmod", "amod", "npadvmod"):
            entity = view.entity_of(child) or _compound_entity(view, child)
            if entity is None and child.lower_ in nouns().demonyms:
                entity = state_entity(view, nouns().demonyms[child.lower_])
            if entity is not None:
                return entity
    # The parser sometimes leaves the name as a flat sequence right before the noun.
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.i >= view.segment_of(token).start:
        return view.entity_of(previous)
    return None


def _specified_member(view: DocView, token: Token) -> DocEntity | None:
    """The entity named after "most notably", "including" ... following a generic noun."""
    segment = view.segment_of(token)
    words = [t.lower_ for t in segment]
    offset = token.i - segment.start
    for spec in nouns().specifiers:
        n = len(spec)
        for k in range(offset + 1, len(words) - n + 1):
            if tuple(words[k : k + n]) == spec:
                after = segment.start + k + n
                for i in range(after, min(after + 5, segment.end)):
                    entity = view.entity_of(token.doc[i])
                    if entity is not None and view.is_actor(entity):
                        return entity
                break
    return None


def entity_of_noun(view: DocView, token: Token, depth: int = 3) -> DocEntity | None:
    """The entity a noun phrase headed by `token` stands for (name, "factions of X", anaphor)."""
    entity = view.entity_of(token)
    if entity is not None or depth <= 0:
        return entity
    for child in token.children:
        # "the HTS general commander Abu Mohammad al-Jolani": the name in apposition.
        if child.dep_ == "appos" and child.i > token.i:
            entity = view.entity_of(child)
            if entity is not None and entity.type == "PERSON":
                return entity
    lower = token.lower_
    n = nouns()
    if lower in n.group or lower in n.place:
        entity = _compound_entity(view, token)
        if entity is not None:
            return entity
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "within", "inside"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = entity_of_noun(view, obj, depth - 1)
                        if found is not None:
                            return found
            # "factions affiliated with X", "fighters loyal to X"
            if child.dep_ in ("acl", "amod") and child.lower_ in (
                "affiliated",
                "loyal",
                "belonging",
                "linked",
                "close",
                "allied",
            ):
                for prep in child.children:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found = entity_of_noun(view, obj, depth - 1)
                            if found is not None:
                                return found
        if lower in n.group and token.tag_ == "NNS":
            return _specified_member(view, token)
    if is_anaphor(token):
        return resolve_anaphor(view, token)
    return None


def coordinated_entities(view: DocView, token: Token) -> list[DocEntity]:
    """Every actor a coordinated noun phrase names: "A and B", "the A and B factions"."""
    found: list[DocEntity] = []
    stack = [token]
    while stack:
        current = stack.pop(0)
        entity = entity_of_noun(view, current)
        if entity is not None and view.is_actor(entity) and entity not in found:
            found.append(entity)
        stack.extend(c for c in current.children if c.dep_ == "conj")
        if current.lower_ in nouns().group:
            # "the SDF and SNA factions": the names coordinate inside the modifier.
            for child in current.children:
                if child.dep_ in ("compound", "nmod") and child.i < current.i:
                    stack.extend(c for c in child.children if c.dep_ == "conj")
    return found


def is_anaphor(token: Token) -> bool:
    """Pronouns and definite descriptions ("the faction", "the latter") that refer back."""
    lower = token.lower_
    if lower in _MALE | _FEMALE:
        return True
    if lower in ("latter", "former"):
        return True
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    # "the faction" refers back; "the faction of X" or "the Hamza faction" names its own group.
    named = any(
        c.dep_ in ("prep", "compound", "amod", "appos") and (c.lower_ == "of" or c.pos_ == "PROPN")
        for c in token.children
    )
    return (
        lower in nouns().group_anaphors
        and "the" in determiners
        and token.tag_ == "NN"
        and not named
    )


def _slots_before(view: DocView, token: Token, segments_back: int) -> list[Slot]:
    first = max(0, view.token_segment[token.i] - segments_back)
    start = view.segments[first].start
    return [s for s in view.slots if start <= s.start and s.end <= token.i][::-1]


def resolve_anaphor(view: DocView, token: Token, plural: bool = False) -> DocEntity | None:
    """The entity a pronoun or definite description refers back to, nearest first."""
    lower = token.lower_
    if lower in _MALE | _FEMALE:
        wanted: tuple[str, ...] = ("PERSON",)
        candidates = _slots_before(view, token, 2)
    elif lower in ("latter", "former"):
        wanted = ("PERSON", "ORG", "LOCATION")
        candidates = _slots_before(view, token, 0)
    elif plural and lower in _PLURAL | {"its", "it"}:
        wanted = ("ORG",)
        candidates = _slots_before(view, token, 1)
    elif lower in nouns().group_anaphors:
        wanted = ("ORG",)
        candidates = _slots_before(view, token, 2)
    else:
        return None
    seen: list[DocEntity] = []
    for slot in candidates:
        entity = slot.entity
        if entity.type not in wanted or view.is_media(entity):
            continue
        if entity.local_id not in {e.local_id for e in seen}:
            seen.append(entity)
        if lower == "former" and len(seen) == 2:
            return seen[1]
        if lower != "former":
            return entity
    return None


def antecedent(view: DocView, pronoun: Token, types: Iterable[str] = ()) -> DocEntity | None:
    """The entity a relative pronoun ("which", "that", "who") refers to."""
    wanted = set(types)
    candidates: list[DocEntity] = []
    verb = pronoun.head
    noun = verb.head if verb.dep_ in ("relcl", "acl") else None
    if noun is not None and noun.i < pronoun.i:
        entity = entity_of_noun(view, noun)
        # "the crossing with Turkey, which ...": a relative clause belongs to the head of the
        # noun phrase, not to the object of a preposition inside it.
        if noun.dep_ == "pobj" and noun.head.lower_ not in ("of",):
            outer = noun.head.head
            if outer.pos_ in ("NOUN", "PROPN"):
                head_entity = entity_of_noun(view, outer)
                if head_entity is not None:
                    candidates.append(head_entity)
        if entity is not None:
            candidates.append(entity)
    # Surface order: a mention right before the pronoun, past a comma or a parenthesis.
    adjacent = _adjacent_before(view, pronoun.i)
    if adjacent is not None:
        candidates.append(adjacent.entity)
    for entity in candidates:
        if not wanted or entity.type in wanted:
            return entity
    return None


def _adjacent_before(view: DocView, index: int) -> Slot | None:
    """The mention ending right before token `index`, skipping commas and a parenthesis."""
    doc = view.analyzed.doc
    segment_start = view.segments[view.token_segment[index]].start
    i = index - 1
    while i >= segment_start and doc[i].text in (",", "’s", "'s"):
        i -= 1
    if i >= segment_start and doc[i].text == ")":
        while i >= segment_start and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < segment_start:
        return None
    slot = view.slot_of(doc[i])
    return slot if slot is not None and slot.end == i + 1 else None


def agent_of(
    view: DocView,
    token: Token,
    types: Iterable[str] = (),
    speakers: Mapping[int, DocEntity] | None = None,
) -> tuple[DocEntity | None, bool]:
    """Who does what `token` (a cue verb or noun) says, and whether the parse said so directly.

    Walks up through infinitives, participles and nouns ("Turkey's efforts to reconcile",
    "X expressed his willingness to reach ...") to a possessor or subject. `speakers` maps
    the tokens of "we"/"our" inside quotations to the person speaking.
    """
    wanted = tuple(types)
    speakers = speakers or {}
    current = token
    segment = view.token_segment[token.i]
    for _ in range(7):
        for child in current.children:
            if child.dep_ == "poss":
                entity = speakers.get(child.i) or entity_of_noun(view, child)
                if entity is not None and (not wanted or entity.type in wanted):
                    return entity, True
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                if child.lower_ in RELATIVE_PRONOUNS:
                    return antecedent(view, child, wanted), True
                entity = speakers.get(child.i) or entity_of_noun(view, child)
                if entity is not None and wanted and entity.type not in wanted:
                    entity = None
                return entity, True
        if current.dep_ in ("acl", "amod") and current.tag_ in ("VBN", "VBG"):
            # The participle modifies a noun: that noun is the argument, actor or not;
            # "X, the administration affiliated with Y": the noun stands in apposition to X.
            noun = current.head
            entity = entity_of_noun(view, noun)
            if entity is None and noun.dep_ == "appos":
                entity = entity_of_noun(view, noun.head)
            return entity, True
        if current.i != token.i and current.pos_ == "NOUN":
            # "the visit of X", "the work of X": the agent of an event noun.
            for child in current.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        entity = view.entity_of(obj) if obj.dep_ == "pobj" else None
                        if entity is not None and view.is_actor(entity):
                            if not wanted or entity.type in wanted:
                                return entity, True
        if current.dep_ in ("nsubj", "nsubjpass", "ROOT", "ccomp", "relcl", "appos"):
            break
        if current.head.i == current.i or view.token_segment[current.head.i] != segment:
            break
        current = current.head
    return None, False


def nearest_left(view: DocView, token: Token, types: Iterable[str], window: int = 8) -> Slot | None:
    """The nearest mention of the wanted types before `token` in its segment, no verb between."""
    wanted = set(types)
    segment = view.segment_of(token)
    for slot in _slots_before(view, token, 0):
        if slot.start < segment.start or token.i - slot.end > window:
            return None
        between = token.doc[slot.end : token.i]
        if any(t.tag_ in FINITE for t in between):
            return None
        if slot.entity.type in wanted:
            return slot
    return None


def objects_after(
    view: DocView, index: int, types: Iterable[str], many: bool = True, gap: int = 6
) -> list[Slot]:
    """Mentions of the wanted types that follow token `index` as its (coordinated) objects.

    "controls Idlib governorate and part of the western countryside of Aleppo and the al-Ghab
    Plain northwest of Hama since 2017" gives Idlib, Aleppo and al-Ghab: a mention reached
    through another preposition or a direction word is a modifier, a verb or "since" ends the list.
    """
    wanted = set(types)
    doc = view.analyzed.doc
    segment = view.segments[view.token_segment[min(index, len(doc) - 1)]]
    n = nouns()
    found: list[Slot] = []
    i = index
    steps = 0
    modifier = False
    while i < segment.end:
        token = doc[i]
        slot = view.slot_of(token)
        if slot is not None:
            if (
                not modifier
                and slot.entity.type in wanted
                and slot.entity not in [s.entity for s in found]
            ):
                found.append(slot)
                if not many:
                    return found
            elif not found and not modifier and slot.entity.type not in wanted:
                return found  # another actor stands where the object should be
            i, steps, modifier = slot.end, 0, False
            continue
        lower = token.lower_
        if (
            token.tag_ in FINITE
            or lower in RELATIVE_PRONOUNS
            or (token.pos_ == "VERB" and token.tag_ != "VBN")
        ):
            break
        direction = lower in n.directions and (
            lower in ("near", "outside", "around")
            or (i + 1 < segment.end and doc[i + 1].lower_ == "of")
        )
        if token.pos_ == "ADP" and lower not in _STOPS and lower != "of":
            modifier = True  # "fought alongside X": X is no direct object
        elif lower in _STOPS or direction:
            if lower in ("in", "near", "with", "inside", "to", "from", "within") or direction:
                modifier = True  # "in northeastern Syria", "north of Hama": not an object
            elif found or lower in (";", ":", "(", ")", "since", "when", "while", "where", "until"):
                break
            else:
                modifier = True
        elif lower in (",", "and", "or"):
            modifier = False if lower != "," else modifier
        elif lower == "of" and found and i == found[-1].end:
            modifier = True  # "the Front of the National Army": a modifier, not another object
        elif (
            lower in _CONNECTORS
            or token.pos_ in ("ADJ", "DET", "NUM")
            or lower in n.place
            or lower in n.group
        ):
            pass
        else:
            steps += 1
            if steps > 1:
                break
        i += 1
        if not found and i - index > gap:
            break
    return found
