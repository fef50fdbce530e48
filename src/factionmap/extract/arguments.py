"""Argument finders every extractor shares: the entity a noun phrase stands for, the agent of a
cue, relative-clause antecedents, anaphors and coordinated objects.

The small English parser often attaches relative clauses and prepositional phrases to the
wrong noun, so each finder reads the dependency tree first and falls back to the surface order
of entity mentions (with a lower confidence) where the tree gives nothing usable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from factionmap.extract.docview import DocView, Slot, metonym_actor, nouns, state_entity
from factionmap.extract.surface import RELATIVE_PRONOUNS, slots_before
from factionmap.records import DocEntity

# Possessed nouns naming a body of its own, not the possessor: "al-Qaeda's branch in Syria".
_OWN_BODIES = frozenset({"branch", "affiliate", "franchise", "wing", "arm", "offshoot", "proxy"})
_ARMED_ANAPHORS = frozenset({"faction", "group", "militia", "brigade", "division", "outfit"})
_NAMING = frozenset({"identify", "name", "call", "know"})  # "an official identified as X"
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})


def compound_participle(doc: Doc, i: int) -> bool:
    """True when token i is the first element of "X-backed", "X-led" ... written with a hyphen."""
    return (
        i + 2 < len(doc)
        and doc[i + 1].text in ("-", "‑")
        and doc[i + 2].lower_ in nouns().participles
    )


# Places a demonym only locates ("the Syrian city of Raqqah"), unlike those a state holds
# ("Syrian military bases", "Turkish border posts").
HELD_PLACES = frozenset({"base", "bases", "airport", "port", "crossing", "border", "camp", "camps"})


def stateless_people(token: Token) -> bool:
    """True when a modifier names a people without a state of its own ("Syrian Kurdish forces",
    "Kurdish-held"): the group is theirs, not the state's the other demonym names."""
    return any(
        child.dep_ in ("amod", "compound", "nmod")
        and child.i < token.i
        and nouns().demonyms.get(child.lower_) == ()
        for child in token.children
    )


def state_may_own(noun: Token) -> bool:
    """Whether a state demonym before `noun` makes it the state's: not for a people's own group
    ("Syrian Kurdish forces") nor a place it only locates ("the Syrian town of Afrin")."""
    lower = noun.lower_
    return not stateless_people(noun) and (lower not in nouns().place or lower in HELD_PLACES)


def _compound_entity(view: DocView, token: Token) -> DocEntity | None:
    # "the Bab al-Hawa border crossing", "the Tahrir al-Sham faction": the name sits in the
    # compound modifiers of a group or place noun; "Turkish officials" stand for Turkey.
    for child in token.children:
        if child.dep_ == "poss" and token.lemma_.lower() not in _OWN_BODIES:
            # "its forces", "the group's spokesman", "Turkey's troops"
            entity = (
                resolve_anaphor(view, child, plural=True)
                if child.lower_ in ("its", "their")
                else entity_of_noun(view, child)
            )
            if entity is not None and view.is_actor(entity):
                return entity
        if child.lower_ in nouns().participles:
            continue  # "Iranian-backed militias" are not Iran's own
        if compound_participle(token.doc, child.i):
            continue  # "Turkish-backed factions": "Turkish" qualifies the participle
        if child.i < token.i and child.dep_ in ("compound", "nmod", "amod", "npadvmod"):
            entity = view.entity_of(child) or _compound_entity(view, child)
            if entity is None and child.lower_ in nouns().demonyms and state_may_own(token):
                entity = state_entity(view, nouns().demonyms[child.lower_])
            if entity is not None:
                return entity
    # The parser sometimes leaves the name as a flat sequence right before the noun.
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.i >= view.segment_of(token).start:
        if previous.i >= 2 and token.doc[previous.i - 1].text == "-":
            return None  # "the Turkish-backed force": the name qualifies a participle
        return view.entity_of(previous)
    return None


def specified_members(view: DocView, token: Token) -> list[DocEntity]:
    """The actors named after "most notably", "including" ... following a generic plural noun:
    "militias, including the Fatemiyoun Brigade and Liwa al-Baqir" gives both."""
    segment = view.segment_of(token)
    words = [t.lower_ for t in segment]
    offset = token.i - segment.start
    for spec in nouns().specifiers:
        n = len(spec)
        for k in range(offset + 1, len(words) - n + 1):
            if tuple(words[k : k + n]) != spec:
                continue
            after = segment.start + k + n
            found: list[DocEntity] = []
            last = after
            for slot in view.slots_between(after, segment.end):
                if any(
                    t.text not in (",", "and", "the", "or") for t in token.doc[last : slot.start]
                ):
                    break
                if view.is_actor(slot.entity) and slot.entity not in found:
                    found.append(slot.entity)
                last = slot.end
            return found
    return []


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
    for child in token.children:
        # "a senior official identified as X", "a commander named X"
        if child.dep_ == "acl" and child.lemma_.lower() in _NAMING:
            for inner in child.subtree:
                entity = view.entity_of(inner)
                if entity is not None and entity.type == "PERSON":
                    return entity
    lower = token.lower_
    n = nouns()
    if lower in n.group or lower in n.place:
        if token.dep_ == "appos" and token.head.i < token.i:
            # "Hurras al-Din, al-Qaeda's branch in Syria": the apposition is its head.
            entity = entity_of_noun(view, token.head, depth - 1)
            if entity is not None:
                return entity
        if lower in _OWN_BODIES:
            return appositive_before(view, token)
        for child in token.children:
            # "the SDF's internal security forces, the Asayish": the apposition names them.
            if child.dep_ == "appos" and child.i > token.i:
                entity = view.entity_of(child)
                if entity is not None and view.is_actor(entity):
                    return entity
        entity = _compound_entity(view, token)
        if entity is not None:
            return entity
        if token.tag_ == "NN" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children
        ):
            # "the YBS, a local armed group affiliated with X": a description in apposition
            # (the parser often makes it a second object) stands for the name before it.
            entity = appositive_before(view, token)
            if entity is not None:
                return entity
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "within", "inside", "from"):
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
            members = specified_members(view, token)
            return members[0] if members else None
    if is_anaphor(token):
        return resolve_anaphor(view, token)
    if lower in n.demonyms and token.pos_ == "NOUN":
        # "the criminal regime": the state the report names elsewhere.
        return state_entity(view, n.demonyms[lower])
    return _appositive_after(view, token)


def _appositive_after(view: DocView, token: Token) -> DocEntity | None:
    """A person named in apposition right after a noun: "detained a prominent organiser,
    Adnan al-Sheikh, in Atarib" (the parser often attaches the name elsewhere)."""
    doc = token.doc
    k = token.right_edge.i + 1
    if k + 1 >= len(doc) or doc[k].text != ",":
        return None
    slot = view.slot_of(doc[k + 1])
    if slot is None or slot.start != k + 1 or slot.entity.type != "PERSON":
        return None
    after = doc[slot.end].text if slot.end < len(doc) else "."
    return slot.entity if after in (",", ".", ")") else None


def appositive_before(view: DocView, token: Token) -> DocEntity | None:
    """The name a noun phrase stands in apposition to, by surface order: "the Hurras al-Din
    organization, al-Qaeda's branch" (the parser often makes the second phrase an object)."""
    doc = token.doc
    first = token.left_edge.i
    lo = view.segment_of(token).start
    if first - 2 < lo or doc[first - 1].text != ",":
        return None
    if token.dep_ == "conj" and any(
        c.dep_ == "cc" for c in (*token.children, *token.head.children)
    ):
        return None  # "US warplanes, Iran-backed militias and Kurdish forces": a list
    previous = doc[first - 2]
    if previous.text == ")":  # "the Syrian National Army (SNA), the Turkish-backed force"
        opening = next((k for k in range(previous.i - 1, max(lo, previous.i - 8) - 1, -1)
                        if doc[k].text == "("), None)  # fmt: skip
        if opening is None or opening - 1 < lo:
            return None
        previous = doc[opening - 1]
    entity = view.entity_of(previous) or entity_of_noun(view, previous, 1)
    if entity is None and previous.lower_ in nouns().group_anaphors | nouns().group:
        entity = view.entity_of(doc[previous.i - 1]) if previous.i > lo else None
    return entity if entity is not None and view.is_actor(entity) else None


def coordinated_entities(view: DocView, token: Token) -> list[DocEntity]:
    """Every actor a coordinated noun phrase names: "A and B", "the A and B factions"."""
    found: list[DocEntity] = []
    stack = [token]
    subject = token.dep_ in ("nsubj", "nsubjpass")
    while stack:
        current = stack.pop(0)
        entity = entity_of_noun(view, current)
        if entity is not None and subject:
            entity = metonym_actor(view, entity)  # "Ankara and Damascus held talks"
        if entity is not None and view.is_actor(entity) and entity not in found:
            found.append(entity)
            if not subject:  # "YPG/PKK terrorists attacked" sides no two actors together
                found += [e for e in _slashed(view, current, entity) if e not in found]
        stack.extend(c for c in current.children if c.dep_ == "conj")
        if current.lower_ in nouns().group and entity is not None:
            # "the foreign ministers of Turkey, Syria and Iran": every state of the list;
            # "a delegation from A and representatives of B": the parser's attachment.
            for prep in current.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            stack.extend(c for c in obj.children if c.dep_ == "conj")
        if current.lower_ in nouns().group:
            # "the SDF and SNA factions": the names coordinate inside the modifier.
            for child in current.children:
                if child.dep_ in ("compound", "nmod") and child.i < current.i:
                    stack.extend(c for c in child.children if c.dep_ == "conj")
    return found


def _slashed(view: DocView, token: Token, entity: DocEntity) -> list[DocEntity]:
    """The actors written together with `entity` as "A/B" in the phrase of `token` ("YPG/PKK
    terrorists"): both are meant."""
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    slots = [s for s in view.slots if lo <= s.start and s.end <= hi]
    for first, second in zip(slots, slots[1:], strict=False):
        joined = second.start == first.end + 1 and doc[first.end].text == "/"
        if joined and entity in (first.entity, second.entity):
            return [s.entity for s in (first, second) if view.is_actor(s.entity)]
    return []


_SCOPES = frozenset({"international", "global", "regional", "multinational", "western", "arab"})


def is_anaphor(token: Token) -> bool:
    """Pronouns and definite descriptions ("the faction", "the latter") that refer back."""
    lower = token.lower_
    if lower in _MALE | _FEMALE:
        return True
    if lower in ("latter", "former"):
        return True
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    # "the faction" refers back; "the faction of X" or "the Hamza faction" names its own group.
    # So does a scope word or a compound modifier: "the international coalition", "the
    # US-led coalition" are bodies of their own, not the group named last.
    named = any(
        c.dep_ in ("prep", "compound", "amod", "appos")
        and (c.lower_ == "of" or c.pos_ == "PROPN" or c.lower_ in _SCOPES or "-" in c.text)
        for c in token.children
    )
    return (
        lower in nouns().group_anaphors
        and "the" in determiners
        and token.tag_ == "NN"
        and not named
    )


def resolve_anaphor(
    view: DocView, token: Token, plural: bool = False, exclude: range = range(0)
) -> DocEntity | None:
    """The entity a pronoun or definite description refers back to, nearest first."""
    lower = token.lower_
    if plural and lower in _PLURAL:
        group = _coordination_before(view, token)
        if group is not None:
            return group
    if lower in _MALE | _FEMALE:
        wanted: tuple[str, ...] = ("PERSON",)
        candidates = slots_before(view, token, 2)
    elif lower in ("latter", "former"):
        wanted = ("PERSON", "ORG", "LOCATION")
        candidates = slots_before(view, token, 0)
    elif plural and lower in _PLURAL | {"its", "it"}:
        wanted = ("ORG",)
        bound = _clause_subject(view, token) if token.tag_ == "PRP$" else None
        if bound is not None and bound.type in wanted and not view.is_media(bound):
            return bound  # "the YPG, backed by the US, vowed to defend its territories"
        candidates = slots_before(view, token, 1)
        here = view.segment_of(token).start
        if not any(s.start >= here and s.entity.type == "ORG" for s in candidates):
            # Nothing named in its own sentence: the organisation the passage is about.
            window = [s for s in slots_before(view, token, 4) if not view.is_media(s.entity)]
            doc = token.doc
            # An acronym in brackets after its name is one mention, not two; a main-clause
            # subject weighs more ("The SDF, which is led by the YPG, ... It was backed").
            counts = Counter(
                s.entity.local_id
                for s in window
                if not (s.start > 0 and doc[s.start - 1].text == "(")
                for _ in range(2)
            )
            for slot in window:
                head = doc[slot.end - 1]
                if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
                    counts[slot.entity.local_id] += 1
            candidates = sorted(candidates, key=lambda s: -counts[s.entity.local_id])
    elif lower in nouns().group_anaphors:
        wanted = ("ORG",)
        candidates = slots_before(view, token, 2)
        # "the coalition", "the tribe": a group whose own name has that word, else for
        # "the faction" an armed group rather than a state body named in between.
        window = [s for s in slots_before(view, token, 4) if not view.is_media(s.entity)]
        for slot in window:
            if lower in slot.entity.name.lower().split():
                return slot.entity
        armed = [s for s in candidates if s.entity.subtype == "armed_group"]
        here = view.segment_of(token).start
        own = [s for s in armed if s.start >= here]
        if lower in _ARMED_ANAPHORS and own:
            # "its campaign against the PKK, even as the group's leader": a group named in
            # the anaphor's own sentence, the nearest first.
            candidates = own + [s for s in armed if s not in own]
        elif lower in _ARMED_ANAPHORS and armed:
            # The group the passage is about: most mentioned lately, the nearest on a tie.
            counts = Counter(s.entity.local_id for s in window)
            best = max(armed, key=lambda s: counts[s.entity.local_id])
            candidates = [best] + [s for s in armed if s is not best]
    else:
        return None
    candidates = [s for s in candidates if s.start not in exclude]
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


def _clause_subject(view: DocView, pronoun: Token) -> DocEntity | None:
    """The named subject of the clause a possessive pronoun stands in, when it comes before the
    pronoun (through infinitives and coordinated verbs without a subject of their own): what a
    clause's subject does to "its" things is most often done to its own."""
    current = pronoun
    for _ in range(8):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.i > pronoun.i or subject.pos_ == "PRON" or subject.tag_ == "WDT":
                return None
            return entity_of_noun(view, subject)
        if current.dep_ not in ("xcomp", "conj", "advcl"):
            return None
    return None


def _coordination_before(view: DocView, token: Token) -> DocEntity | None:
    """The first of the coordinated actors named last before a plural pronoun in its sentence:
    "to support the Hamza Division and the Sultan Murad Division during their clashes"."""
    segment = view.segment_of(token)
    before = [s for s in view.slots_between(segment.start, token.i) if view.is_actor(s.entity)]
    if not before:
        return None
    head = token.doc[before[-1].end - 1]
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if not any(c.dep_ == "conj" for c in head.children):
        return None
    entity = entity_of_noun(view, head)
    return entity if entity is not None and view.is_actor(entity) else None


def antecedent(view: DocView, pronoun: Token, types: Iterable[str] = ()) -> DocEntity | None:
    """The entity a relative pronoun ("which", "that", "who") refers to."""
    wanted = set(types)
    candidates: list[DocEntity] = []
    verb = pronoun.head
    start = pronoun.i
    if verb.dep_ == "prep" and verb.i == pronoun.i - 1:
        verb, start = verb.head, pronoun.i - 1  # "the SNA, with which it clashed"
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
    adjacent = _adjacent_before(view, start)
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
                if entity is None and child.lower_ == "their":
                    entity = resolve_anaphor(view, child, plural=True)  # "during their clashes"
                if entity is not None and (not wanted or entity.type in wanted):
                    return entity, True
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                if child.lower_ in RELATIVE_PRONOUNS:
                    return antecedent(view, child, wanted), True
                entity = speakers.get(child.i) or entity_of_noun(view, child)
                if entity is None and child.lower_ in ("it", "they"):
                    # "HTS said it had ...", but in "the SNA, with which it clashed", "it" is
                    # not the SNA.
                    entity = resolve_anaphor(
                        view, child, plural=True, exclude=_relative_referent(current)
                    )
                if entity is not None and wanted and entity.type not in wanted:
                    entity = metonym_actor(view, entity)  # "Damascus insists ..."
                if entity is not None and wanted and entity.type not in wanted:
                    entity = None
                return entity, True
        if current.dep_ == "appos" and current.head.i < current.i:
            # "Russia and Iran, the main backers of X": the apposition's head acts.
            entity = entity_of_noun(view, current.head)
            if entity is not None and (not wanted or entity.type in wanted):
                return entity, True
        controller = _object_controller(view, current, wanted, speakers)
        if controller is not None:
            return controller, True
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


def _relative_referent(verb: Token) -> range:
    """Token range of the noun phrase a relative clause headed by `verb` hangs on (its own
    subject pronoun cannot mean it: "the SNA, with which it has clashed")."""
    if verb.dep_ != "relcl":
        return range(0)
    noun = verb.head
    return range(noun.left_edge.i, verb.left_edge.i)


def _object_controller(
    view: DocView, token: Token, wanted: tuple[str, ...], speakers: Mapping[int, DocEntity]
) -> DocEntity | None:
    """The object of "accused X of V-ing", "blamed X for V-ing": X does what V says."""
    if token.dep_ != "pcomp" or token.head.lower_ not in ("of", "for", "from"):
        return None
    for child in token.head.head.children:
        if child.dep_ == "dobj":
            entity = speakers.get(child.i) or entity_of_noun(view, child)
            if entity is not None and (not wanted or entity.type in wanted):
                return entity
    return None
