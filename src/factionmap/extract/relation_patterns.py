"""Pattern families between actors: "link" (A <cue> B), "between" (<cue> between A and B) and
"compound" (X-backed Y), each driven by cue phrases from relations.yaml."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Token

from factionmap.extract.arguments import (
    agent_of,
    antecedent,
    appositive_before,
    coordinated_entities,
    entity_of_noun,
    is_anaphor,
    resolve_anaphor,
    specified_members,
)
from factionmap.extract.attribution import mutual_expression_at, mutual_pair
from factionmap.extract.docview import DocView, state_entity, verbal
from factionmap.extract.relation_candidates import (
    Candidate,
    LinkCue,
    RelationLexicon,
    typed_predicate,
)
from factionmap.extract.surface import RELATIVE_PRONOUNS, nearest_left, objects_after
from factionmap.records import DocEntity

# "only to be controlled by X", "before being captured by X": a later holder succeeds an
# earlier one named in the same sentence.
_SUCCESSION = (("only", "to", "be"), ("before", "being"), ("until", "being"), ("later",),
               ("then",), ("before", "it", "was"), ("until", "it", "was"))  # fmt: skip


def _anchor(tokens: list[Token], kind: str) -> Token:
    """The word of a cue that carries its syntax: a verb cue's verb, else the last content word
    ("coordination" in "in coordination with", "component" in "the main component of")."""
    if kind == "verb":
        return tokens[0]
    for token in reversed(tokens):
        if token.pos_ not in ("DET", "ADP", "PART", "PUNCT"):
            return token
    return tokens[0]


def _types_for(lexicon: RelationLexicon, cue: LinkCue, side: str) -> tuple[str, ...]:
    """Entity types the left or right argument of a cue may have, over all its predicates."""
    types: list[str] = []
    for name in cue.predicates:
        spec = lexicon.predicates[name]
        # Left is the subject unless the cue is reversed; "passive" only moves the agent.
        left_is_subject = not cue.reverse
        wanted = spec.subject if (side == "left") == left_is_subject else spec.object
        types.extend(t for t in wanted if t not in types)
    return tuple(types)


def link_candidates(
    view: DocView, lexicon: RelationLexicon, speakers: Mapping[int, DocEntity] | None = None
) -> Iterator[Candidate]:
    """Relations from "A <cue> B" phrases (verbs, nouns with prepositions, participles)."""
    doc = view.analyzed.doc
    claimed: set[int] = set()
    last_control: dict[int, DocEntity] = {}
    for match in sorted(lexicon.links.find(doc), key=lambda m: (m.start, -(m.end - m.start))):
        if match.start in claimed:
            continue
        cue: LinkCue = match.entry
        tokens = list(doc[match.start : match.end])
        if any(view.slot_of(t) is not None for t in tokens):
            continue  # the cue word is part of a name ("Free Syrian Army")
        if match.start >= 1 and doc[match.start - 1].text in ("-", "‑"):
            continue  # "Turkish-backed factions": a compound, read by compound_candidates
        anchor = _anchor(tokens, cue.kind)
        if cue.kind == "verb" and not verbal(view, tokens[0]):
            continue
        if cue.kind == "verb" and not cue.passive and _passive(anchor):
            continue  # "the congress, to be held in Sochi": an active cue read on a passive
        if cue.kind == "noun" and anchor.pos_ not in ("NOUN", "PROPN"):
            continue
        left_types = _types_for(lexicon, cue, "left")
        right_types = _types_for(lexicon, cue, "right")
        right = [s.entity for s in objects_after(view, match.end, right_types, many=True)]
        if not right and cue.kind == "verb":
            gap = _relative_object(view, anchor, right_types) or _anaphoric_object(
                view, anchor, tokens, right_types
            )
            right = [gap] if gap is not None else []
        if not right:
            yield from _coordinated(view, lexicon, cue, anchor, match.start, match.end)
            continue
        adjacent = _adjacent_left(view, cue, match.start, left_types)
        left, direct = (
            (adjacent, True)
            if adjacent is not None
            else _left_argument(view, anchor, match.start, left_types, cue, speakers)
        )
        segment_id = view.token_segment[anchor.i]
        if cue.passive and "controls" in cue.predicates and _succeeds(doc, match.start):
            left, direct = last_control.get(segment_id), True
        pair = _mutual_subject(view, anchor) if left is None else []
        if left is None and not pair:
            continue
        claimed.update(range(match.start, match.end))
        # "Idlib and parts of Aleppo are controlled by X", "Russia and Iran, the backers of X"
        lefts = pair
        if left is not None:
            lefts = [left]
            if direct and adjacent is None:
                lefts = coordinated_group(view, left, anchor, left_types)
        for left, entity in ((a, b) for a in lefts for b in right):
            subject, obj = (entity, left) if cue.reverse else (left, entity)
            predicate = typed_predicate(lexicon, cue.predicates, subject, obj)
            if predicate is None:
                continue
            if predicate == "controls":
                last_control[segment_id] = obj
            yield Candidate(
                subject=subject,
                predicate=predicate,
                object=obj,
                anchor=anchor,
                cue_start=match.start,
                cue_end=match.end,
                confidence=cue.confidence if direct else cue.confidence * 0.75,
                family="link_passive" if cue.passive else "link",
                date_as="start" if cue.event or (cue.passive and predicate == "controls") else None,
                realis=cue.realis,
            )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _mutual_subject(view: DocView, verb: Token) -> list[DocEntity]:
    """The two actors a verb's subject "the two groups" / "both sides" refers back to."""
    for child in verb.children:
        if child.dep_ == "nsubj" and mutual_expression_at(view, child.left_edge):
            pair = mutual_pair(view, child.left_edge)
            return list(pair) if pair else []
    return []


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


def _coordinated(
    view: DocView, lexicon: RelationLexicon, cue: LinkCue, anchor: Token, start: int, end: int
) -> Iterator[Candidate]:
    """ "Turkey and Russia reached an understanding": a symmetric cue, coordinated subjects."""
    symmetric = [p for p in cue.predicates if lexicon.predicates[p].symmetric]
    if not symmetric:
        return
    current = anchor
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            found = coordinated_entities(view, subjects[0])
            if len(found) == 2 and found[0] is not found[1]:
                predicate = typed_predicate(lexicon, tuple(symmetric), found[0], found[1])
                if predicate is not None:
                    yield Candidate(found[0], predicate, found[1], anchor, start, end,
                                    cue.confidence * 0.9, "link_coordinated")  # fmt: skip
            return
        if current.dep_ not in ("xcomp", "conj", "acl", "dobj", "pobj", "prep", "advcl"):
            return
        current = current.head


def _relative_object(view: DocView, verb: Token, types: tuple[str, ...]) -> DocEntity | None:
    """The antecedent of a relative pronoun object: "the Tishreen Dam, which the SDF controls",
    "the SNA, which Turkey trained and armed" (a second verb shares the first one's object)."""
    for head in (verb, verb.head if verb.dep_ == "conj" else None):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ == "dobj" and child.lower_ in RELATIVE_PRONOUNS:
                return antecedent(view, child, types)
        if any(c.dep_ == "dobj" for c in head.children):
            return None
    return None


def _anaphoric_object(
    view: DocView, verb: Token, cue: list[Token], types: tuple[str, ...]
) -> DocEntity | None:
    """The group a definite description object refers back to: "X, a faction of the National
    Front, left the front", "withdrew from the group" (the object of the cue's preposition)."""
    for child in verb.children:
        nouns = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child in cue:
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        for noun in nouns:
            if is_anaphor(noun) and noun.lower_ not in ("he", "him", "she", "her"):
                entity = resolve_anaphor(view, noun)
                if entity is not None and entity.type in types:
                    return entity
    return None


_UNDER_CONTROL = LinkCue("under X's control", ("controls",), reverse=True)
_CONTROL_ADJECTIVES = frozenset({"full", "direct", "complete", "effective", "total", "military"})


def under_control_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """controls from "under SNA control", "under the HTS's full control"."""
    doc = view.analyzed.doc
    for token in doc:
        if token.lower_ != "under":
            continue
        i = token.i + 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        slot = view.slot_of(doc[i]) if i < len(doc) else None
        if slot is None or slot.start != i or slot.entity.type != "ORG":
            continue
        j = slot.end
        while j < len(doc) and doc[j].lower_ in _CONTROL_ADJECTIVES | {"’s", "'s"}:
            j += 1
        if j >= len(doc) or doc[j].lower_ != "control":
            continue
        place, direct = _left_argument(view, token, token.i, ("LOCATION",), _UNDER_CONTROL, None)
        if place is None:
            continue
        yield Candidate(
            subject=slot.entity,
            predicate="controls",
            object=place,
            anchor=token,
            cue_start=token.i,
            cue_end=j + 1,
            confidence=0.7 if direct else 0.5,
            family="under_control",
        )


def _succeeds(doc, start: int) -> bool:  # noqa: ANN001 - a spaCy Doc
    before = tuple(t.lower_ for t in doc[max(0, start - 3) : start])
    return any(before[-len(s) :] == s for s in _SUCCESSION)


def _adjacent_left(
    view: DocView, cue: LinkCue, cue_start: int, types: tuple[str, ...]
) -> DocEntity | None:
    """The name a passive participle follows: "the Arab Tribal Forces led by X", "the Hamza
    Division, commanded by X" (it modifies that name, whatever the parser attached it to)."""
    doc = view.analyzed.doc
    if not cue.passive or cue_start == 0:
        return None
    end = cue_start - (doc[cue_start - 1].text == ",")
    slot = view.slot_of(doc[end - 1]) if end > 0 else None
    if slot is not None and slot.end == end and slot.entity.type in types:
        return slot.entity
    return None


def _left_argument(
    view: DocView,
    anchor: Token,
    cue_start: int,
    types: tuple[str, ...],
    cue: LinkCue,
    speakers: Mapping[int, DocEntity] | None,
) -> tuple[DocEntity | None, bool]:
    doc = view.analyzed.doc
    # "X, which/that/who <cue> ..." is the commonest shape: the relative pronoun right before.
    if cue_start > 0:
        before = doc[cue_start - 1]
        if before.lower_ in RELATIVE_PRONOUNS or (
            before.lower_ in ("was", "were", "is", "are") and cue_start > 1
            and doc[cue_start - 2].lower_ in RELATIVE_PRONOUNS
        ):  # fmt: skip
            pronoun = before if before.lower_ in RELATIVE_PRONOUNS else doc[cue_start - 2]
            entity = antecedent(view, pronoun, types)
            return entity, entity is not None
    if cue.near_agent:
        return _own_agent(view, anchor, types), True
    entity, direct = agent_of(view, anchor, types, speakers)
    if entity is not None:
        return entity, direct
    if direct:
        return None, True  # the parse names a subject, and it is no known actor
    slot = nearest_left(view, anchor, types, window=6)
    return (slot.entity, False) if slot else (None, False)


def _own_agent(view: DocView, noun: Token, types: tuple[str, ...]) -> DocEntity | None:
    """The possessor, "of" phrase or compound name of a cue noun ("HTS's war on X")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            entity = entity_of_noun(view, child)
            if entity is not None and entity.type in types:
                return entity
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                entity = entity_of_noun(view, obj) if obj.dep_ == "pobj" else None
                if entity is not None and entity.type in types:
                    return entity
    return None


def of_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """part_of from "<group> of <group>": "the National Front for Liberation of the SNA"."""
    doc = view.analyzed.doc
    group_words = lexicon.group_heads
    slots = view.slots
    for k, (first, second) in enumerate(zip(slots, slots[1:], strict=False)):
        between = [t.lower_ for t in doc[first.end : second.start]]
        if (
            k + 2 < len(slots)
            and doc[second.end : second.end + 2].text.lower() in _modifier_cues(lexicon)
            and slots[k + 2].start == second.end + 2
        ):
            # "X of the Turkish-backed SNA": the demonym describes the group X is part of.
            second = slots[k + 2]
        if first.entity.type != "ORG" or second.entity.type != "ORG":
            continue
        if between not in (["of"], ["of", "the"]) or first.entity is second.entity:
            continue
        head = doc[first.end - 1].lower_
        armed = first.entity.subtype == "armed_group" and second.entity.subtype == "armed_group"
        if not (
            armed or set(first.entity.name.lower().split()) & group_words or head in group_words
        ):
            continue  # "the Ministry of Defense of X" yes, "Assad of Syria" no
        yield Candidate(
            subject=first.entity,
            predicate="part_of",
            object=second.entity,
            anchor=doc[first.end],
            cue_start=first.end,
            cue_end=second.start,
            confidence=0.6,
            family="of",
        )


def _modifier_cues(lexicon: RelationLexicon) -> set[str]:
    return {f"-{cue}" for cue in lexicon.compounds}


def compound_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """Relations from hyphenated compounds: "the Turkish-backed SNA", "HTS-held Idlib"."""
    doc = view.analyzed.doc
    for token in doc:
        lower = token.lower_
        prefix_end = token.i - 1
        cue_word = lower
        if "-" in lower and not (prefix_end >= 0 and doc[prefix_end].text == "-"):
            # The tokenizer keeps "FSA)-affiliated" whole.
            cue_word = lower.rsplit("-", 1)[1]
        elif not (prefix_end >= 1 and doc[prefix_end].text == "-"):
            continue
        cue = lexicon.compounds.get(cue_word)
        if cue is None:
            continue
        modified: list[DocEntity]
        own = view.entity_of(token)
        if own is not None and cue_word == lower and view.entity_of(doc[token.i - 2]) is own:
            # The name includes the compound ("Turkish-backed Syrian National Army").
            backer = _demonym_state(view, lexicon, doc[token.i - 2].lower_)
            modified = [own]
        else:
            backer = _compound_prefix(view, lexicon, token, cue_word != lower)
            modified = _compound_heads(view, token) if backer is not None else []
        if backer is None:
            continue
        for head in modified:
            if head.local_id == backer.local_id:
                continue
            subject, obj = (backer, head) if cue.reverse else (head, backer)
            predicate = typed_predicate(lexicon, (cue.predicate,), subject, obj)
            if predicate is None:
                continue
            yield Candidate(
                subject=subject,
                predicate=predicate,
                object=obj,
                anchor=token,
                cue_start=token.i,
                cue_end=token.i + 1,
                confidence=0.85,
                family="compound",
                polarity="asserted",  # a description, whatever the clause around it says
            )


def _compound_prefix(
    view: DocView, lexicon: RelationLexicon, token: Token, glued: bool
) -> DocEntity | None:
    doc = view.analyzed.doc
    if glued:
        prefix = token.text.rsplit("-", 1)[0].strip("()")
        word = prefix.lower()
        entity = view.entity_of(token)
    else:
        before = doc[token.i - 2]
        word = before.lower_
        entity = view.entity_of(before)
        if before.text == ")":  # "Free Syrian Army (FSA)-affiliated"
            entity = view.entity_of(doc[token.i - 3]) if token.i >= 3 else None
    if entity is not None:
        return entity
    return _demonym_state(view, lexicon, word)


def _demonym_state(view: DocView, lexicon: RelationLexicon, word: str) -> DocEntity | None:
    """The document's entity for the state a demonym names, if the report mentions it."""
    names = lexicon.demonyms.get(word)
    return state_entity(view, names) if names else None


def _compound_heads(view: DocView, token: Token) -> list[DocEntity]:
    """What "X-backed" modifies: a name, the members listed after a generic plural
    ("Iranian-backed militias, including A and B"), or the name a phrase is in apposition to
    ("the SNA, the Turkish-backed opposition force")."""
    noun = token.head if token.dep_ in ("amod", "compound") and token.head.i > token.i else None
    if noun is not None and noun.tag_ == "NNS" and view.entity_of(noun) is None:
        members = specified_members(view, noun)
        if members:
            return members
    head = _compound_head(view, token)
    if head is not None and (head.type != "LOCATION" or view.entity_of(noun or token) is head):
        return [head]
    entity = appositive_before(view, noun) if noun is not None else None
    return [entity] if entity is not None else ([head] if head is not None else [])


def _compound_head(view: DocView, token: Token) -> DocEntity | None:
    doc = view.analyzed.doc
    segment = view.segment_of(token)
    # The name the participle modifies starts within a couple of words ("Turkish-backed
    # Syrian National Army", "HTS-held Idlib").
    for i in range(token.i + 1, min(token.i + 4, segment.end)):
        entity = view.entity_of(doc[i])
        if entity is not None:
            return entity
        if doc[i].pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT") or doc[i].text in (",", "."):
            break
    if token.dep_ in ("amod", "compound") and token.head.i > token.i:
        return entity_of_noun(view, token.head)
    return None
