"""Relations between actors (the ontology predicates), each with time, polarity and attribution.

Pattern families (relation_roles, relation_patterns) propose candidates from cue lexicons and
the dependency parse; this module reads each candidate's polarity, attribution and dates, and
turns it into a `Relation` resting on the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Token

from factionmap.extract.arguments import entity_of_noun
from factionmap.extract.attribution import attributed_to, polarity_of
from factionmap.extract.docview import DocView, nouns, scoped_date, view_of
from factionmap.extract.frames import (
    Frame,
    actors,
    frame_at,
    frames_of,
    is_country,
    quantified,
)
from factionmap.extract.relation_candidates import (
    Candidate,
    FrameCue,
    PredicateSpec,
    RelationLexicon,
    relation_lexicon,
    typed_predicate,
)
from factionmap.extract.relation_parts import possessive_candidates
from factionmap.extract.relation_patterns import (
    compound_candidates,
    link_candidates,
    of_candidates,
    under_control_candidates,
)
from factionmap.extract.relation_roles import (
    GOVERNMENT_WORDS,
    formation_candidates,
    formation_date_anchor,
    role_candidates,
)
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import (
    DateMention,
    DocEntity,
    Evidence,
    Modality,
    Polarity,
    Quote,
    Relation,
    TimeSpec,
)
from factionmap.resolve.names import surface_key


def quoted_speakers(view: DocView, quotes: Iterable[Quote]) -> dict[int, DocEntity]:
    """Tokens of "we"/"our"/"us" inside a quotation, mapped to its speaker."""
    speakers: dict[int, DocEntity] = {}
    for quote in quotes:
        speaker = view.analyzed.entity(quote.speaker) if quote.speaker else None
        span = view.analyzed.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if speaker is None or span is None:
            continue
        for token in span:
            if token.lower_ in ("we", "our", "us"):
                speakers[token.i] = speaker
    return speakers


# How a frame's modality reads as a relation's polarity; a stance also takes planned acts.
_POLARITY: dict[str, Polarity] = {
    "asserted": "asserted",
    "reported": "asserted",  # whose report it is, attribution says
    "negated": "negated",
    "planned": "possible",
    "possible": "possible",
    "demanded": "possible",
}


def _own_agents(frame: Frame) -> tuple[DocEntity, ...]:
    if frame.agent or frame.kind != "noun":
        return frame.agent
    return frame.role("poss") or frame.role("of")


def _acting(view: DocView, frame: Frame, frames: Sequence[Frame]) -> tuple[DocEntity, ...]:
    """Who acts: the agent; for an event noun its possessor or "of" phrase ("HTS's offensive");
    else whoever acts in the frame it depends on: the first of coordinated verbs ("degrade and
    destroy X"), the noun an infinitive completes ("the Coalition's efforts to defeat X"), or
    the name that noun is in apposition to ("Operation X, the operation to eliminate Y")."""
    doc = view.analyzed.doc
    own = _own_agents(frame)
    token = doc[frame.head]
    for _ in range(3):
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if (
            has_subject
            or token.dep_ not in ("conj", "xcomp", "acl", "relcl")
            or token.head is token
        ):
            break
        if token.dep_ == "conj" and (token.pos_ == "VERB") != (token.head.pos_ == "VERB"):
            break  # "condemned X and the attacks on Y": a noun is no conjunct of the verb
        if token.dep_ == "xcomp" and own:
            break  # the frame layer read the controller already
        if token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"):
            break  # "joined forces fighting X": the noun a participle modifies acts, not its owner
        controlled, coordinated = token.dep_ == "xcomp", token.dep_ == "conj"
        token = token.head
        governing = frame_at(frames, token.i)
        found: tuple[DocEntity, ...] = ()
        if governing is not None and coordinated:
            found = _acting(view, governing, frames)  # the first conjunct, as it resolves
        elif governing is not None:
            found = _own_agents(governing)
        if controlled and governing is not None and governing.patient:
            found = governing.patient  # "helped the regime to defeat X": the regime does
        if not found and token.dep_ == "appos":
            named = view.entity_of(token.head)
            found = (named,) if named is not None and view.is_actor(named) else ()
        if found:
            return found
        if own and token.dep_ != "conj":
            break
    return own


def _companions(view: DocView, frame: Frame) -> tuple[DocEntity, ...]:
    """Who acts with the subject: "A, together with B, attacked", "A, along with B, ..."."""
    token = view.analyzed.doc[frame.head]
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects or token.dep_ not in ("xcomp", "advcl", "conj") or token.head is token:
            break
        token = token.head
    found: list[DocEntity] = []
    holders = [c for c in token.children if c.dep_ == "nsubj"]
    for holder in [*holders, token] if holders else []:
        for prep in holder.children:
            joined = prep.lower_ == "alongside" or (
                prep.lower_ == "with" and any(c.lower_ == "together" for c in prep.children)
            )
            if prep.lower_ == "along":
                prep = next((c for c in prep.children if c.lower_ == "with"), prep)
                joined = prep.lower_ == "with"
            if prep.dep_ == "prep" and joined:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found += [e for e in actors(view, pobj, ()) if e not in found]
    return tuple(found)


def _agents(view: DocView, frame: Frame, frames: Sequence[Frame]) -> tuple[DocEntity, ...]:
    """Who acts (see `_acting`), with whoever the subject acts together with."""
    acting = _acting(view, frame, frames)
    return acting + tuple(e for e in _companions(view, frame) if e not in acting)


def _patients(view: DocView, frame: Frame, frames: Sequence[Frame]) -> tuple[DocEntity, ...]:
    """The direct object, or the one a later coordinated verb shares ("degrade and destroy X")."""
    if frame.patient:
        return frame.patient
    for child in view.analyzed.doc[frame.head].children:
        if child.dep_ == "conj":
            later = frame_at(frames, child.i)
            if later is not None and later.patient:
                return later.patient
    return ()


def _takes_blows(verb: Token, blows: frozenset[str]) -> bool:
    """True when the verb's object, or what it comes "under", is one of the blows."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in blows:
            return True
        if child.dep_ == "prep" and child.lower_ == "under":
            if any(o.lemma_.lower() in blows for o in child.children if o.dep_ == "pobj"):
                return True
    return False


def _taken_place(view: DocView, frame: Frame) -> list[DocEntity]:
    """The place a taking takes: the entity heading the trigger's direct object (a frame's
    patients are actors only), else the "of" phrase of that object or of a light noun
    ("seized control of X", "took control of X")."""
    head = view.analyzed.doc[frame.head]
    objects = [c for c in head.children if c.dep_ == "dobj"]
    found = [entity_of_noun(view, c) for c in objects]
    unnamed = [c for c, e in zip(objects, found, strict=True) if e is None]
    for noun in [head] if frame.kind == "light" else unnamed:
        found += [
            entity_of_noun(view, g)
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]  # fmt: skip
    return [e for e in found if e is not None and e.type == "LOCATION"]


def _place_object(view: DocView, frame: Frame) -> bool:
    """True when the trigger's direct object is a place word that is no part of a name
    ("the villages of X", not "the Syrian Revolutionary Front")."""
    head = view.analyzed.doc[frame.head]
    return any(
        c.dep_ == "dobj" and quantified(c).lower_ in nouns().place and view.slot_of(c) is None
        for c in head.children
    )


def _clause_between(view: DocView, frame: Frame, frames: Sequence[Frame]) -> tuple[DocEntity, ...]:
    """The "between" of the verb a noun is the subject of: "tension rose between A and B"."""
    head = view.analyzed.doc[frame.head]
    verb = frame_at(frames, head.head.i) if head.dep_ == "nsubj" else None
    return verb.role("between") if verb is not None else ()


def _frame_pairs(
    view: DocView, frame: Frame, cue: FrameCue, frames: Sequence[Frame]
) -> Iterator[tuple[DocEntity, DocEntity]]:
    """(agent, argument) for each named argument; the parties of "between" and a mutual
    lemma's coordinated agents among themselves."""
    named: list[DocEntity] = _taken_place(view, frame) if cue.holder else []
    arguments = cue.arguments - {"between"}
    if _place_object(view, frame):
        arguments -= {"patient"}  # "shelled the villages of X": places, whatever their names
    for word in arguments:
        for entity in _patients(view, frame, frames) if word == "patient" else frame.role(word):
            if entity not in named:
                named.append(entity)
    agents = frame.role(cue.holder) if cue.holder else _agents(view, frame, frames)
    for agent in agents:
        for entity in named:
            yield (entity, agent) if cue.reverse else (agent, entity)
    parties: tuple[DocEntity, ...] = ()
    if "between" in cue.arguments:
        parties = frame.role("between") or _clause_between(view, frame, frames)
    acting = _acting(view, frame, frames)  # companions act with the subject, not against it
    if (
        not (parties or named or _opponents(view, frame) or _things_done(frame))
        and frame.lemma in cue.mutual
    ):
        parties = acting if len(acting) > 1 else ()
    if cue.predicate not in ("allied_with", "negotiating_with") and len(parties) > 2:
        # "a war between A and its allies and B, C and D": who faces whom is not said; "a
        # merger between A, B and C" made a new group, which of them merged into which is not
        return
    for k, first in enumerate(parties):
        for second in parties[k + 1 :]:
            yield first, second


def _military_objects(frame: Frame) -> bool:
    """True when the act falls on places or forces ("captured the town", "shelled positions"),
    not on some other thing ("fought elections")."""
    place, group = nouns().place, nouns().group
    return any(o in place or o in group for o in frame.objects)


def _things_done(frame: Frame) -> bool:
    """True when the act has an object that is neither an actor nor "each other": "A and B
    fought elections" fought no one."""
    return (
        bool(frame.objects)
        and not frame.patient
        and not any(o in ("other", "another") for o in frame.objects)
    )


# Words introducing whom an act is done to or with: a coordinated subject then acts as one side.
_OPPOSING = frozenset({"with", "against", "on", "upon", "towards", "toward", "targeting", "from"})


def _opponents(view: DocView, frame: Frame) -> tuple[DocEntity, ...]:
    """The actors a frame's act is done to: its patient and the actors of "with"/"against"/"on"
    phrases ("A and B clashed with C": C is the other side, A and B one side)."""
    found = [e for e in frame.patient if view.is_actor(e)]
    found += [e for e in frame.role(*_OPPOSING) if view.is_actor(e) and e not in found]
    return tuple(found)


def _side_by_side(
    view: DocView, frame: Frame, lexicon: RelationLexicon, frames: Sequence[Frame]
) -> bool:
    """True when coordinated actors carry out one military act on a third party or a place:
    "A and B battled C", "A and B captured X", "A and B launched an offensive" (a mutual act
    with nobody else named, "A and B clashed", sets them against each other instead)."""
    cues = [c for c in lexicon.frames.get(frame.lemma, ()) if c.predicate == "hostile_to"
            and not (c.reverse or c.holder or c.receives or c.qualifiers)]  # fmt: skip
    acting = _acting(view, frame, frames)
    if not cues or not frame.happened or len(acting) < 2:
        return False
    others = [e for e in _opponents(view, frame) if e not in acting]  # not "fought each other"
    if others or (not frame.patient and _military_objects(frame)):
        return True
    mutual = any(frame.lemma in c.mutual for c in lexicon.frames.get(frame.lemma, ()))
    return frame.kind == "light" and not mutual and not frame.role("between")


def _thing_acts(view: DocView, frame: Frame, lexicon: RelationLexicon) -> bool:
    """True when the verb's subject is a thing, neither an actor, a group word, a pronoun nor
    an act ("his death", not "the strikes", "they", "the attack")."""
    doc = view.analyzed.doc
    for subject in (c for c in doc[frame.head].children if c.dep_ == "nsubj"):
        lemma = subject.lemma_.lower()
        return not (
            view.entity_of(subject) is not None
            or subject.pos_ in ("PRON", "PROPN")
            or subject.lower_ in nouns().group
            or lemma in nouns().group
            or lemma in lexicon.frames
        )
    return False


def _joint(view: DocView, frame: Frame, lexicon: RelationLexicon) -> bool:
    """True when the frame's act is done "together", "jointly", or is a "joint" one."""
    head = view.analyzed.doc[frame.head]
    return any(
        (c.dep_ == "advmod" and c.lower_ in lexicon.joint_adverbs)
        or (c.dep_ == "amod" and c.lower_ in lexicon.joint_adjectives)
        for c in head.children
    )


def frame_candidates(
    view: DocView, lexicon: RelationLexicon, frames: Sequence[Frame]
) -> Iterator[Candidate]:
    """Relations read off predicate frames through the lexicon's frame cues."""
    doc = view.analyzed.doc
    for frame in frames:
        if frame.modality != "negated" and (
            _joint(view, frame, lexicon)
            or _companions(view, frame)
            or _side_by_side(view, frame, lexicon, frames)
        ):
            # "A and B carried out a joint raid", "fought ISIS together", "A, together with B,
            # attacked", "A and B battled C": allies in the act.
            agents = [e for e in _agents(view, frame, frames) if view.is_actor(e)]
            for k, first in enumerate(agents):
                for second in agents[k + 1 :]:
                    predicate = typed_predicate(lexicon, ("allied_with",), first, second)
                    if predicate is not None:
                        yield Candidate(
                            first, predicate, second, doc[frame.head], frame.head,
                            frame.head + 1, 0.65, "joint",
                            polarity="asserted" if frame.modality != "possible" else "possible",
                        )  # fmt: skip
        for cue in lexicon.frames.get(frame.lemma, ()):
            if cue.qualifiers and not any(
                c.dep_ == "amod" and c.lower_ in cue.qualifiers for c in doc[frame.head].children
            ):
                continue
            if cue.receives and not _takes_blows(doc[frame.head], cue.receives):
                continue
            if cue.passive and not frame.passive:
                continue
            polarity = _POLARITY[frame.modality]
            if cue.stance and frame.modality == "planned":
                polarity = "asserted"  # "vowed to defeat X" is hostility now
            if cue.holder:
                # The holder held it whether or not the taking came about; a taking that
                # happened ended the holding.
                polarity = "asserted"
            trigger = doc.char_span(frame.start, frame.end, alignment_mode="expand")
            if trigger is None or polarity_of(view, doc[frame.head], list(trigger)) is None:
                continue  # asked about, not even possible: "the extent of coordination"
            if _thing_acts(view, frame, lexicon):
                continue  # "his death will degrade ISIL": no actor does it
            for subject, obj in _frame_pairs(view, frame, cue, frames):
                if not (view.is_actor(subject) and (view.is_actor(obj) or cue.holder)):
                    continue
                predicate = typed_predicate(lexicon, (cue.predicate,), subject, obj)
                if predicate is None:
                    continue
                yield Candidate(
                    subject=subject,
                    predicate=predicate,
                    object=obj,
                    anchor=doc[frame.head],
                    cue_start=trigger.start,
                    cue_end=trigger.end,
                    confidence=0.7,
                    family="frame",
                    polarity=polarity,
                    modality=frame.modality,
                    ended=bool(cue.holder) and frame.happened,
                    date_as="end" if cue.holder else None,
                )


# The state's organisation is its government: "Syria's interim President X" leads the
# government the report names, not the country, when the report names exactly one.
_INSTITUTIONAL = frozenset({"leader_of", "member_of", "part_of"})


def government_of(view: DocView, state: DocEntity) -> DocEntity | None:
    """The one government entity of the document for a country (`state`), if it names one."""
    if not is_country(state.name):
        return None
    key = surface_key(state.name)
    words = {key} | {d for d, names in nouns().demonyms.items()
                     if key in {surface_key(n) for n in names}}  # fmt: skip
    found = []
    for entity in view.analyzed.entities:
        if entity is state or entity.type != "ORG":
            continue
        tokens = set(entity.name.lower().split())
        if tokens & GOVERNMENT_WORDS and tokens & words:
            found.append(entity)
    return found[0] if len(found) == 1 else None


def _to_government(view: DocView, candidate: Candidate) -> Candidate | None:
    """The candidate with its state object read as the state's government (None for "the
    Syrian Interim Government" part of Syria: a government is the state's, no part of it; and
    for a part of a state whose government the report does not name: a country is no body)."""
    if candidate.predicate not in _INSTITUTIONAL:
        return candidate
    government = government_of(view, candidate.object)
    if (
        government is None
        and candidate.predicate == "part_of"
        and is_country(candidate.object.name)
    ):
        return None  # "Syria's Ministry of Defense": part of a government the report leaves unnamed
    if government is None:
        return candidate
    if government is candidate.subject:
        return None if candidate.predicate == "part_of" else candidate
    return replace(candidate, object=government)


def stronghold_candidates(
    view: DocView, lexicon: RelationLexicon, frames: Sequence[Frame]
) -> Iterator[Candidate]:
    """controls from a place named as an actor's hold: "Tal Afar, the Islamic State's last
    bastion", "Idlib, which is the last stronghold of the opposition"."""
    doc = view.analyzed.doc
    for frame in frames:
        if frame.kind not in ("noun", "light") or frame.lemma not in lexicon.stronghold_nouns:
            continue
        holders = [e for e in frame.role("poss", "of") if view.is_actor(e) and e.type == "ORG"]
        place = _described_place(view, doc[frame.head])
        if place is None:
            continue
        # An apposition describes, whatever the clause around it says; "X is ..." may be denied.
        described: Polarity | None = "asserted" if doc[frame.head].dep_ != "attr" else None
        for holder in holders:
            yield Candidate(holder, "controls", place, doc[frame.head], frame.head,
                            frame.head + 1, 0.6, "stronghold", polarity=described)  # fmt: skip


def _described_place(view: DocView, noun: Token) -> DocEntity | None:
    """The place a noun describes: by apposition ("X, the last bastion"), or as the complement
    of a copula ("X is the last stronghold", "X, which is the last stronghold")."""
    head = noun.head
    doc = noun.doc
    start = min([noun.left_edge.i, *(c.left_edge.i for c in noun.children if c.i < noun.i)])
    before = view.slot_of(doc[start - 2]) if start >= 2 and doc[start - 1].text == "," else None
    if before is not None and before.end == start - 1 and noun.dep_ != "attr":
        found: DocEntity | None = before.entity  # "X, the last bastion" whatever the parse
    elif noun.dep_ == "appos":
        found = entity_of_noun(view, head)
    elif noun.dep_ == "attr" and head.lemma_ == "be":
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("which", "that") and head.dep_ == "relcl":
            found = entity_of_noun(view, head.head)
        else:
            found = entity_of_noun(view, subject) if subject is not None else None
    else:
        return None
    return found if found is not None and found.type == "LOCATION" else None


def candidates(
    view: DocView,
    lexicon: RelationLexicon,
    quotes: Sequence[Quote] = (),
    dates: Sequence[DateMention] = (),
) -> list[Candidate]:
    """Every pattern family's candidates, in text order."""
    found: list[Candidate] = list(link_candidates(view, lexicon, quoted_speakers(view, quotes)))
    frames = frames_of(view, dates, quotes)
    found.extend(frame_candidates(view, lexicon, frames))
    found.extend(stronghold_candidates(view, lexicon, frames))
    for family in (role_candidates, formation_candidates, compound_candidates,
                   of_candidates, under_control_candidates, possessive_candidates):  # fmt: skip
        found.extend(family(view, lexicon))
    mapped = [m for c in found if (m := _to_government(view, c)) is not None]
    return sorted(mapped, key=lambda c: (c.cue_start, -c.confidence))


def _time(
    view: DocView,
    lexicon: RelationLexicon,
    dates: Sequence[DateMention],
    candidate: Candidate,
    spec: PredicateSpec,
) -> TimeSpec:
    analyzed = view.analyzed
    anchor = candidate.anchor
    date = scoped_date(analyzed.doc, dates, anchor)
    if date is None and candidate.predicate == "founder_of":
        # "X, formed by ... led by Y": the formation may be dated in another sentence.
        other = formation_date_anchor(view, lexicon, candidate.object)
        if other is not None:
            date = scoped_date(analyzed.doc, dates, other)
    value = date.value if date is not None else None
    published = analyzed.document.published
    if candidate.ended:
        # "the isolated commander of X": over by the time of the report; "retook X from Y in
        # 2017": Y's holding ended with the taking.
        dated_end = date is not None and (date.relation == "until" or candidate.date_as == "end")
        end = value if dated_end else None
        return TimeSpec(end=end or (published[:4] if published else None))
    if value is None:
        return TimeSpec()
    if date is not None and date.relation == "since":
        return TimeSpec(start=value)
    if date is not None and date.relation == "until":
        return TimeSpec(end=value)
    mode = candidate.date_as or spec.date
    return TimeSpec(start=value) if mode == "start" else TimeSpec(as_of=value)


def _evidence(view: DocView, candidate: Candidate) -> Evidence:
    segment = view.segment_of(candidate.anchor)
    text = view.text
    start, end = segment.start_char, segment.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(view.analyzed.document.id, start, end, text[start:end])


def _modality(polarity: Polarity, frame: Modality | None, attributed: str | None) -> Modality:
    """A relation's modality, consistent with its polarity: a possibility keeps the frame's
    reading of it (planned, demanded), an asserted fact is "reported" when someone's claim."""
    if polarity == "negated":
        return "negated"
    if polarity == "possible":
        return frame if frame in ("planned", "demanded") else "possible"
    return "reported" if frame == "reported" or attributed is not None else "asserted"


def _succession(relations: list[Relation]) -> list[Relation]:
    """A holder taking a place ends the holding of the one named before it in the sentence."""
    out = list(relations)
    for k, relation in enumerate(relations):
        if (
            relation.predicate != "controls"
            or relation.mechanism != "link_passive"
            or not relation.time.start
        ):
            continue
        for j, earlier in enumerate(out):
            if (
                j != k
                and earlier.predicate == "controls"
                and earlier.object == relation.object
                and earlier.subject != relation.subject
                and earlier.evidence.start == relation.evidence.start
                and earlier.time.end is None
                and earlier.time.start != relation.time.start
            ):
                out[j] = Relation(
                    earlier.subject, earlier.predicate, earlier.object, earlier.evidence,
                    TimeSpec(end=relation.time.start),
                    earlier.polarity, earlier.attributed_to, earlier.confidence,
                    earlier.modality, earlier.mechanism,
                )  # fmt: skip
    return out


def extract_relations(
    analyzed: AnalyzedDocument,
    dates: Sequence[DateMention] = (),
    quotes: Iterable[Quote] = (),
) -> tuple[Relation, ...]:
    """Relations the document asserts, denies or considers possible, with time and attribution."""
    dates, quotes = tuple(dates), tuple(quotes)
    # The event extractor asks again for the same document (hosts of visits): answer once.
    memo = _MEMO.get(id(analyzed))
    if memo is not None and memo[0] is analyzed and memo[1] == dates and memo[2] == quotes:
        return memo[3]
    found = _extract(analyzed, dates, quotes)
    _MEMO.clear()
    _MEMO[id(analyzed)] = (analyzed, dates, quotes, found)
    return found


_MEMO: dict[int, tuple[AnalyzedDocument, tuple, tuple, tuple[Relation, ...]]] = {}


def _extract(
    analyzed: AnalyzedDocument, dates: tuple[DateMention, ...], quotes: tuple[Quote, ...]
) -> tuple[Relation, ...]:
    view = view_of(analyzed)
    lexicon = relation_lexicon()
    relations: list[Relation] = []
    seen: dict[tuple, int] = {}
    for candidate in candidates(view, lexicon, quotes, dates):
        spec = lexicon.predicates[candidate.predicate]
        cue = view.analyzed.doc[candidate.cue_start : candidate.cue_end]
        polarity = candidate.polarity or polarity_of(
            view, candidate.anchor, list(cue),
            stance_is_asserted=candidate.predicate in ("negotiating_with", "allied_with"),
        )  # fmt: skip
        if polarity is None or (candidate.realis and polarity != "asserted"):
            continue
        evidence = _evidence(view, candidate)
        speaker = attributed_to(view, quotes, candidate.anchor, cue.start_char, cue.end_char)
        subject, obj = candidate.subject.local_id, candidate.object.local_id
        if spec.symmetric and (obj, subject) in {(k[0], k[2]) for k in seen}:
            subject, obj = obj, subject  # one direction per symmetric pair
        attributed = speaker.local_id if speaker is not None else None
        if attributed in (subject, obj) and candidate.family.startswith("role"):
            attributed = None  # a speaker's own title is the outlet's description of them
        key = (subject, candidate.predicate, obj, polarity, attributed, evidence.start)
        relation = Relation(
            subject=subject,
            predicate=candidate.predicate,
            object=obj,
            evidence=evidence,
            time=_time(view, lexicon, dates, candidate, spec),
            polarity=polarity,
            attributed_to=attributed,
            confidence=round(candidate.confidence, 2),
            modality=_modality(polarity, candidate.modality, attributed),
            mechanism=candidate.family,
        )
        if key in seen:
            k = seen[key]
            if relations[k].confidence < relation.confidence:
                relations[k] = relation
            continue
        seen[key] = len(relations)
        relations.append(relation)
    return tuple(_succession(relations))
