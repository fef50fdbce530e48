"""Pattern families tying people to organisations: role nouns and formation.

"The HTS general commander X", "X, the leader of Y", "the leader of Y, X", "Y leader X",
"X assumed the position of a member of Y", "X, the Minister of Defense in Y" (family "role");
"Y was formed by ..., led by X", "X founded Y" (family "formation").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from factionmap.extract.arguments import agent_of, entity_of_noun, resolve_anaphor
from factionmap.extract.docview import DocView, Slot, has_verb, nouns, state_entity
from factionmap.extract.relation_candidates import Candidate, RelationLexicon, RoleCue
from factionmap.extract.surface import nearest_left, objects_after
from factionmap.records import DocEntity

_GROUP_TYPES = ("ORG",)
# Words for a state's government: "Syria's interim government" is the state as an organisation.
GOVERNMENT_WORDS = frozenset({"government", "regime", "administration", "authorities",
                              "presidency"})  # fmt: skip
_PERSON = ("PERSON",)


def _slot_starting(view: DocView, index: int, types: tuple[str, ...]) -> Slot | None:
    if index >= len(view.analyzed.doc):
        return None
    slot = view.slot_of(view.analyzed.doc[index])
    if slot is not None and slot.start == index and slot.entity.type in types:
        return slot
    return None


_NAMING = (("identified", "as"), ("known", "as"), ("named",), ("called",))


def _skip_naming(doc, index: int) -> int:  # noqa: ANN001 - a spaCy Doc
    """Index after "identified as", "named", "known as" at `index`, if any."""
    for words in _NAMING:
        if tuple(t.lower_ for t in doc[index : index + len(words)]) == words:
            return index + len(words)
    return index


def _one_of(doc, start: int) -> bool:  # noqa: ANN001 - a spaCy Doc
    """True for a plural role after "one of" (and a possessor): "one of its founders"."""
    words = [t.lower_ for t in doc[max(0, start - 6) : start]]
    if "of" not in words:
        return False
    k = len(words) - 1 - words[::-1].index("of")
    return k >= 1 and words[k - 1] == "one"


def _owner_at(view: DocView, i: int) -> tuple[DocEntity, int] | None:
    """An organisation referred back to by a possessive ending at token i, and the index
    before it: "its" → (HTS, i - 1), "the group's" → (HTS, index before "the")."""
    doc = view.analyzed.doc
    token = doc[i]
    if token.lower_ in ("its", "their") and token.tag_ == "PRP$":
        entity = resolve_anaphor(view, token, plural=True)
        return (entity, i - 1) if entity is not None else None
    if token.text in ("’s", "'s") and i > 0 and doc[i - 1].lower_ in nouns().group_anaphors:
        entity = resolve_anaphor(view, doc[i - 1])
        # Go on before the noun: a "the" there opens the role's noun phrase.
        return (entity, i - 2) if entity is not None else None
    return None


def _listed_apposition(view: DocView, conjunction: int) -> DocEntity | None:
    """The person an earlier apposition of the same list hangs on: "X, one of its founders and
    a member of Y" → X, when no verb stands between."""
    doc = view.analyzed.doc
    segment = view.segment_of(doc[conjunction])
    for k in range(conjunction - 1, max(segment.start, conjunction - 14) - 1, -1):
        if doc[k].tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None
        if doc[k].text == ",":
            slot = _slot_ending(view, k - 1, _PERSON)
            if slot is not None:
                return slot.entity
    return None


def _slot_ending(view: DocView, index: int, types: tuple[str, ...]) -> Slot | None:
    if index < 0:
        return None
    doc = view.analyzed.doc
    # Skip a closing parenthesis of an alias: "X (Abu Y), the leader of ..."
    if doc[index].text == ")":
        depth = 0
        for k in range(index, max(-1, index - 12), -1):
            depth += doc[k].text == ")"
            depth -= doc[k].text == "("
            if depth == 0:
                index = k - 1
                break
    slot = view.slot_of(doc[index]) if index >= 0 else None
    if slot is not None and slot.end == index + 1 and slot.entity.type in types:
        return slot
    return None


def _skip_parenthesis(view: DocView, index: int) -> int:
    """Index after an alias in parentheses ("(SNA)", "(known as X)") starting at `index`."""
    doc = view.analyzed.doc
    if index < len(doc) and doc[index].text == "(":
        for k in range(index + 1, min(index + 12, len(doc))):
            if doc[k].text == ")":
                return k + 1
    return index


def role_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """leader_of / member_of / founder_of from role nouns and their appositions."""
    doc = view.analyzed.doc
    taken: set[int] = set()
    for match in lexicon.roles.find(doc):
        if match.start in taken:
            continue  # a longer role ("general commander") already matched here
        role = doc[match.end - 1]
        if view.slot_of(role) is not None:
            continue
        if role.tag_ in ("NNS", "NNPS") and not _one_of(doc, match.start):
            continue  # "the leaders of X" names no one; "one of its founders" does
        taken.update(range(match.start, match.end))
        cue: RoleCue = match.entry
        yield from _role_at(view, lexicon, match.start, match.end, cue)


def _role_at(
    view: DocView, lexicon: RelationLexicon, start: int, end: int, cue: RoleCue
) -> Iterator[Candidate]:
    doc = view.analyzed.doc
    segment = view.segment_of(doc[start])
    anchor = doc[end - 1]
    predicate = cue.predicate
    # Modifiers before the role: "the isolated", "former", "general"; an organisation may sit
    # among them ("the HTS general commander", "SNA leader", "HTS's leader").
    ended = False
    left_org: DocEntity | None = None
    definite = False
    i = start - 1
    while i >= segment.start:
        token = doc[i]
        lower = token.lower_
        slot = view.slot_of(token)
        if slot is not None and left_org is None and slot.entity.type in _GROUP_TYPES:
            left_org = slot.entity
            i = slot.start - 1
            continue
        if slot is not None and slot.entity.type == "LOCATION":
            i = slot.start - 1  # "a Syria analyst", "the Idlib commander"
            continue
        if slot is None and lexicon.demonyms.get(lower) == ():
            break  # "Syrian Kurdish political leader X": a people's leader, not a state's
        if left_org is None and slot is None and lower in lexicon.demonyms:
            # "Turkish Foreign Minister X": the state, when the report names it.
            state = state_entity(view, lexicon.demonyms[lower])
            if state is not None:
                left_org = state
                i -= 1
                continue
        owner = _owner_at(view, i) if left_org is None else None
        if owner is not None:
            # "its president", "the group's spokesman": the organisation referred back to.
            left_org, i = owner
            continue
        if lower in lexicon.ended or lower == "-":
            ended = ended or lower in lexicon.ended
        elif lower in lexicon.subordinate:
            predicate = "member_of" if predicate == "leader_of" else predicate
        elif lower in ("’s", "'s") or lower in lexicon.role_modifiers:
            pass
        elif lower == "the":
            definite = True
            break
        elif lower == ")" and left_org is None and _parenthesised_org(view, i) is not None:
            # "the U.N. refugee agency (UNHCR) spokeswoman X"
            left_org, i = _parenthesised_org(view, i)  # type: ignore[misc]
            continue
        elif slot is not None or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
        elif not (token.is_title or token.dep_ in ("compound", "amod")):
            break  # a title word goes on: "Foreign Minister", "defence minister", "army spokesman"
        elif left_org is None and predicate == "leader_of" and token.pos_ != "ADJ":
            predicate = "member_of"  # "Turkey's communications director": heads a part of it
        i -= 1
    # The noun phrase starts at its determiner, if it has one ("one of" for a plural role).
    first = i if i >= segment.start and doc[i].lower_ in ("the", "a", "an") else i + 1
    if doc[start].tag_ in ("NNS", "NNPS") and i >= segment.start + 1 and doc[i].lower_ == "of":
        first = i - 1
    # A title complement: "Minister of Defense", "Chief of Staff".
    j = end
    if j + 1 < segment.end and doc[j].lower_ == "of" and doc[j + 1].is_title:
        if view.slot_of(doc[j + 1]) is None:
            j += 2
            while j < segment.end and doc[j].is_title and view.slot_of(doc[j]) is None:
                j += 1
    org: DocEntity | None = left_org
    after_org = j
    if org is None and j < segment.end and doc[j].lower_ in lexicon.role_prepositions:
        found = objects_after(view, j + 1, _GROUP_TYPES, many=False, gap=4)
        if found:
            org, heads_it = _body_of_role(view, doc[j], found[0])
            if not heads_it and predicate == "leader_of":
                predicate = "member_of"  # the head of a part of X is one of X's
            after_org = _skip_parenthesis(view, found[0].end)
    if org is None and start == first and _bare_role_listing(doc, start, j, segment.end):
        # "X, commander, Combined Joint Task Force": a press-release byline of name, role, body.
        slot = view.slot_of(doc[j + 1]) or view.slot_of(doc[min(j + 2, segment.end - 1)])
        if slot is not None and slot.entity.type in _GROUP_TYPES and slot.start <= j + 2:
            org, after_org = slot.entity, _skip_parenthesis(view, slot.end)
    if org is None:
        return
    person, confidence, family = _person_for_role(view, lexicon, first, after_org, j, left_org)
    if person is None and definite and not left_org:
        person = salient_person(view, doc[start])
        confidence, family = 0.45, "role_description"
    if person is None:
        return
    link = _role_link(view, lexicon, first)
    yield Candidate(
        subject=person,
        predicate=predicate,
        object=org,
        anchor=anchor,
        cue_start=start,
        cue_end=end,
        confidence=confidence,
        family=family,
        ended=ended,
        date_as="start" if link == "start" else None,
        # A description in apposition is asserted whatever the clause around it says; a
        # role given by a verb ("is not the leader") takes the verb's polarity.
        polarity=None if link is not None else "asserted",
    )


def _body_of_role(view: DocView, preposition: Token, first: Slot) -> tuple[DocEntity, bool]:
    """The body a role is "of", and whether it is that body itself or only a part of it: the
    head of the preposition's noun phrase, which the first name found may only qualify.
    "the director of the UK agency GCHQ" is GCHQ's; "the head of Russia's federal security
    service" heads a part of Russia the report does not name; "the leader of the Islamic State
    group", "a commander of HTS's forces": a bare group word is the group itself."""
    doc = preposition.doc
    for head in (c for c in preposition.children if c.dep_ == "pobj"):
        named = view.slot_of(head)
        possessive = any(t.lower_ in ("’s", "'s") for t in doc[first.end : head.i])
        if named is not None and named.entity.type in _GROUP_TYPES and named is not first:
            # "ISIL's War Committee": a part of ISIL, which the part_of family links to it
            part = possessive and head.lower_ not in GOVERNMENT_WORDS
            return (first.entity, False) if part else (named.entity, True)
        if named is not None:
            return first.entity, True
        if not (head.left_edge.i <= first.start and first.end <= head.i):
            break
        between = [t for t in doc[first.end : head.i] if t.lower_ not in ("’s", "'s")]
        bare = head.lower_ in GOVERNMENT_WORDS or (
            not between and (head.lower_ in nouns().group or head.lemma_.lower() in nouns().group)
        )
        return first.entity, bare
    return first.entity, True


def _parenthesised_org(view: DocView, close: int) -> tuple[DocEntity, int] | None:
    """The organisation named in parentheses ending at token `close` ("(UNHCR)"), and the
    index before the parenthesis."""
    doc = view.analyzed.doc
    slot = view.slot_of(doc[close - 1]) if close > 1 else None
    if slot is None or slot.end != close or slot.start < 1 or doc[slot.start - 1].text != "(":
        return None
    if slot.entity.type not in _GROUP_TYPES:
        return None
    return slot.entity, slot.start - 2


def _bare_role_listing(doc, start: int, end: int, limit: int) -> bool:  # noqa: ANN001
    """A role between commas with no article: ", commander, " (then the body it heads)."""
    return start > 0 and doc[start - 1].text == "," and end + 1 < limit and doc[end].text == ","


def _person_for_role(
    view: DocView,
    lexicon: RelationLexicon,
    first: int,
    after_org: int,
    after_role: int,
    left_org: DocEntity | None,
) -> tuple[DocEntity | None, float, str]:
    doc = view.analyzed.doc
    # "ORG ROLE PERSON" / "ROLE PERSON": the name right after the role.
    if left_org is not None:
        index = after_role + (1 if after_role < len(doc) and doc[after_role].text == "," else 0)
        index = _skip_naming(doc, index)  # "an ISIS official identified as X"
        slot = _slot_starting(view, index, _PERSON)
        if slot is not None:
            return slot.entity, 0.9, "role"
    # "the ROLE of ORG, PERSON"
    if after_org < len(doc) and doc[after_org].text == ",":
        slot = _slot_starting(view, after_org + 1, _PERSON)
        if slot is not None:
            return slot.entity, 0.85, "role"
    # "PERSON, the ROLE of ORG" / "PERSON, ORG's ROLE"
    before = first - 1
    if before >= 0 and doc[before].text == ",":
        slot = _slot_ending(view, before - 1, _PERSON)
        if slot is not None:
            return slot.entity, 0.85, "role"
    # "PERSON, one of its founders and a member of ORG": a second apposition.
    if before >= 0 and doc[before].lower_ == "and":
        person = _listed_apposition(view, before)
        if person is not None:
            return person, 0.7, "role"
    # "PERSON became / is / assumed the position of ROLE of ORG"
    link = _role_link(view, lexicon, first)
    if link is not None:
        link_token = doc[_link_start(view, lexicon, first)]
        entity, direct = agent_of(view, link_token, _PERSON)
        if entity is None:
            slot = nearest_left(view, link_token, _PERSON, window=6)
            entity, direct = (slot.entity, False) if slot else (None, False)
        if entity is not None:
            return entity, 0.8 if direct else 0.6, "role_link"
    return None, 0.0, "role"


def _link_matches(view: DocView, lexicon: RelationLexicon, first: int) -> tuple[str, int] | None:
    """(kind, start token) of a role link ending right before the role's noun phrase."""
    doc = view.analyzed.doc
    # The noun phrase may open with "a"/"the": "assumed the position of a member of".
    end = first
    if end > 0 and doc[end - 1].lower_ in ("a", "an", "the"):
        end -= 1
    lo = max(0, end - 6)
    window = doc[lo:end]
    for kind, index in (("start", lexicon.role_links_start), ("state", lexicon.role_links_state)):
        best = None
        for match in index.find(window):
            if lo + match.end == end and (best is None or match.start < best):
                best = match.start
        if best is not None:
            return kind, lo + best
    return None


def _role_link(view: DocView, lexicon: RelationLexicon, first: int) -> str | None:
    found = _link_matches(view, lexicon, first)
    return found[0] if found else None


def _link_start(view: DocView, lexicon: RelationLexicon, first: int) -> int:
    found = _link_matches(view, lexicon, first)
    return found[1] if found else first


def salient_person(view: DocView, token: Token) -> DocEntity | None:
    """The person a definite role description ("the isolated commander of X") refers to.

    Reports introduce a person by role and name them in the next sentence, or the reverse; the
    person named in the sentence before (else after) who is mentioned most in the document.
    """
    here = view.token_segment[token.i]
    for number in (here, here - 1, here + 1):
        if number < 0 or number >= len(view.segments):
            continue
        segment = view.segments[number]
        if number != here and not has_verb(segment):
            continue
        people = [s.entity for s in view.slots_between(segment.start, segment.end)
                  if s.entity.type == "PERSON"]  # fmt: skip
        if people:
            return max(people, key=lambda e: view.counts[e.local_id])
    return None


def formation_candidates(view: DocView, lexicon: RelationLexicon) -> Iterator[Candidate]:
    """founder_of from "Y was formed by ..., led by X" and "Y, founded by X"."""
    doc = view.analyzed.doc
    for token in doc:
        if token.lower_ not in lexicon.formation_verbs or token.tag_ != "VBN":
            continue
        org = None
        for child in token.children:
            if child.dep_ == "nsubjpass":
                org = entity_of_noun(view, child)
        if org is None and token.dep_ == "acl":
            org = entity_of_noun(view, token.head)
        if org is None or org.type != "ORG":
            continue
        # "Y was established in 2013 by X": the agent itself.
        for agent in (c for c in token.children if c.dep_ == "agent"):
            for obj in agent.children:
                person = view.entity_of(obj) if obj.dep_ == "pobj" else None
                if person is not None and person.type == "PERSON":
                    yield Candidate(person, "founder_of", org, token, token.i, token.i + 1, 0.75,
                                    "formation", date_as="start")  # fmt: skip
        segment = view.segment_of(token)
        lowers = [t.lower_ for t in doc[token.i : segment.end]]
        for lead in lexicon.formation_leads:
            n = len(lead)
            for k in range(len(lowers) - n + 1):
                if tuple(lowers[k : k + n]) != lead:
                    continue
                found = objects_after(view, token.i + k + n, _PERSON, many=False, gap=3)
                if found:
                    yield Candidate(
                        subject=found[0].entity,
                        predicate="founder_of",
                        object=org,
                        anchor=token,
                        cue_start=token.i,
                        cue_end=token.i + 1,
                        confidence=0.7,
                        family="formation",
                        date_as="start",
                    )
                break


def formation_date_anchor(view: DocView, lexicon: RelationLexicon, org: DocEntity) -> Token | None:
    """A formation verb elsewhere in the document whose object or subject is `org`."""
    for token in view.analyzed.doc:
        if token.lower_ not in lexicon.formation_verbs or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") and entity_of_noun(view, child) is org:
                return token
    return None
