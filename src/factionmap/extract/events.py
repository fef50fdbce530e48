"""PLOVER-typed events: frames (extract/frames.py) mapped through data/lexicons/events.yaml.

A cue names the frame it types: a verb cue its verb's frame, a noun cue its noun's ("the
arrest of X by Y", "carried out raids against X"). The frame's agent is the source; its
patient and the obliques the type lists (`targets:`) are the target. Every event carries its
frame's modality; only acts told as having happened (asserted, reported) count as events, the
others are kept with their modality. An announced act is itself an act of the one who
announces it, as PLOVER codes it: a hostile one ("will strike X") a THREATEN, a cooperative one
("will support X") an AGREE (a pledge); an aim ("in an effort to seize X") announces nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from spacy.tokens import Doc, Token

from factionmap.extract.attribution import parties
from factionmap.extract.docview import FINITE, DocView, view_of
from factionmap.extract.event_cues import EventCue, EventLexicon, EventType, event_lexicon
from factionmap.extract.frames import (
    Frame,
    counted,
    frame_words,
    frames_of,
    reference_places,
    stands_for_state,
)
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import (
    HAPPENED,
    DateMention,
    DocEntity,
    Event,
    Evidence,
    Modality,
    Precision,
    Quote,
    Relation,
)

JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # coordinated sources act with each other
# PLOVER types whose planned form is a threat, and those whose planned form is a pledge.
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "REJECT", "PROTEST"})
PLEDGED = frozenset({"SUPPORT", "AID", "CONCEDE", "RETREAT", "COOPERATE", "CONSULT"})
# (A refusal to do one of those, "would not meet their demands", is a REJECT.)
# Reactions whose object may be an attack told before: "X condemned the strike".
_CONDEMNATIONS = frozenset({"ACCUSE", "PROTEST"})
_ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes",
                           "shelling", "bombing", "bombardment", "raid", "raids", "assault",
                           "killing", "ambush"})  # fmt: skip
# Words introducing whom a complement's act falls on ("threatened to cut off power to X").
_COMPLEMENT_TARGETS = ("against", "on", "to", "with", "from", "into", "at")
_PLACE_WORDS = frozenset({"the", "governorate", "province", "city", "town", "countryside", "area",
                          "region", "district", "village", "rural"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Candidate:
    cue: EventCue
    type: str
    anchor: Token
    frame: Frame
    sources: tuple[DocEntity, ...]
    targets: tuple[DocEntity, ...]


def _evidence(view: DocView, anchor: Token) -> Evidence:
    segment = view.segment_of(anchor)
    start, end = segment.start_char, segment.end_char
    text = view.text
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(view.analyzed.document.id, start, end, text[start:end])


def _pejorative(view: DocView, verb: Token, lexicon: EventLexicon) -> bool:
    """ "described X as the dog of Y": an "as" complement that is quoted or insulting."""
    segment = view.segment_of(verb)
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 20, segment.end)):
        if doc[i].lower_ == "as":
            rest = doc[i + 1 : min(i + 10, segment.end)]
            return any(t.text in ("“", '"', "«") or t.lower_ in lexicon.pejoratives for t in rest)
    return False


def _frame_of(frames: dict[int, Frame], token: Token) -> Frame | None:
    """The frame triggered at `token`, or else at the nearest verb governing it."""
    current = token
    for _ in range(6):
        frame = frames.get(current.i)
        if frame is not None and (current.i == token.i or frame.kind == "verb"):
            return frame
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _complement(frames: dict[int, Frame], verb: Token) -> Frame | None:
    """The frame of what a verb of saying or wanting is about: "threatened to cut off X",
    "demanded that Y withdraw", "rejected an offer to host".."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i in frames:
            return frames[child.i]
        if child.dep_ == "acl" and verb.pos_ == "NOUN" and child.i in frames:
            return frames[child.i]  # "its demand that Israel ease ..."
        if child.dep_ == "dobj":
            for inner in child.children:
                if inner.dep_ in ("acl", "relcl") and inner.i in frames:
                    return frames[inner.i]
            light = frames.get(child.i)
            if light is not None:
                return light
    return None


def _segment_pair(view: DocView, anchor: Token) -> tuple[DocEntity, ...]:
    """The parties a sentence already named as a pair, for "which escalated into fighting"."""
    segment = view.segment_of(anchor)
    resolver = parties(view)
    for position, pair in resolver.pairs:
        if segment.start <= position < anchor.i:
            return tuple(pair)
    for i in range(segment.start, anchor.i):
        resolved = resolver.pair_at(anchor.doc[i])
        if resolved:
            return tuple(resolved)
    return ()


def _arguments(
    view: DocView,
    cue: EventCue, kind: EventType, frame: Frame, frames: dict[int, Frame], anchor: Token,
    span: range, lexicon: EventLexicon,
) -> tuple[list[DocEntity], list[DocEntity]] | None:  # fmt: skip
    """Source and target of a cue's frame; None when the cue does not fit it ("received an
    award" is no visit)."""
    if cue.objects and not set(frame.objects) & cue.objects:
        return None
    sources = list(frame.agent)
    targets = [] if kind.name in lexicon.passive_actors else list(frame.patient)
    if kind.name in lexicon.passive_actors and frame.passive and not sources:
        sources = list(frame.patient)  # "fighters of X were deployed": X acts
    owners = frame.role("poss", "of")
    if frame.kind in ("noun", "light"):
        if cue.of_target:
            targets += [e for e in owners if e not in targets]
        elif cue.of_object:
            targets += [e for e in frame.role("of") if e not in targets]
            sources += [e for e in frame.role("poss") if e not in sources]
        else:
            sources += [e for e in owners if e not in sources]
    preps = tuple(kind.targets)
    extra = [frames[i] for i in span if i in frames and i != frame.head]
    for part in (frame, *extra):
        targets += [e for e in part.role(*preps) if e not in targets]
    if not targets and frame.kind == "verb":
        # "tightened the blockade of Serbia", "reduced supplies to the camp": the object's own
        # argument names whom the act falls on
        for child in anchor.children:
            inner = frames.get(child.i) if child.dep_ == "dobj" else None
            if inner is not None:
                targets += [e for e in inner.role(*preps, "of") if e not in targets]
    if cue.mutual and not (sources and targets):
        pair = frame.role("between") or (() if sources or targets else _segment_pair(view, anchor))
        if pair:
            sources, targets = list(pair), list(pair)
    elif not sources and len(frame.role("between")) >= 2 and _own_between(frame, anchor):
        # "negotiations between A and B continue", "a truce was reached between A and B": the
        # two named sides are the act's parties, whatever its type (not those of the verb's
        # object: "ruled out any merger between A and B" is no act of A and B)
        sources = targets = list(frame.role("between"))
    if not targets:
        targets = list(frame.role("including"))
    if not targets:
        inner = _complement(frames, anchor)
        if inner is not None:
            if inner.agent and not set(inner.agent) & set(sources):
                targets = list(inner.agent)  # "demanded that Hamas renounce ..."
            else:
                targets = list(inner.patient) + list(inner.role(*_COMPLEMENT_TARGETS))
    if not targets and kind.name not in JOINT and not cue.mutual:
        # (joint acts with no named partner are with each other; a place is where, not whom)
        targets = _nearest_target(view, anchor, [*sources, *filter(None, [frame.location])])
    return sources, targets


def _own_between(frame: Frame, anchor: Token) -> bool:
    """True when a frame's "between" belongs to its trigger, not to a verb's object."""
    return frame.kind != "verb" or any(
        c.dep_ == "prep" and c.lower_ == "between" for c in anchor.children
    )


def _may_be_target(view: DocView, entity: DocEntity, frame: Frame) -> bool:
    """An actor, or a state named as one ("sanctions on Iraq"), not the country a place is
    placed in ("in Kobani, Syria")."""
    if entity.type != "LOCATION":
        return True
    if not stands_for_state(entity):
        return False
    doc = view.analyzed.doc
    segment = view.segment_of(doc[frame.head])
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not segment.start_char <= mention.start < segment.end_char:
            continue
        head = span.root
        place = view.entity_of(head.head) if head.dep_ in ("appos", "conj") else None
        if place is not None and place.type == "LOCATION" and not stands_for_state(place):
            return False
    return True


def _nearest_target(view: DocView, anchor: Token, sources: Sequence[DocEntity]) -> list[DocEntity]:
    """The first actor or state named inside what the act governs ("refused to deploy
    peacekeepers in Iraq", "mobilised reservists for a war against Iraq"), not inside a clause
    with a subject of its own."""
    stack = [c for c in anchor.children if c.i > anchor.i and c.dep_ not in ("nsubj", "punct")]
    reached: list[Token] = []
    while stack:
        token = stack.pop()
        if token.dep_ in ("relcl", "advcl", "ccomp", "conj", "parataxis"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        reached.append(token)
        stack.extend(token.children)
    for token in sorted(reached, key=lambda t: t.i):
        entity = view.entity_of(token)
        if entity is not None and entity not in sources:
            if view.is_actor(entity) or stands_for_state(entity):
                return [entity]
    return []


def _candidates(view: DocView, frames: Sequence[Frame], lexicon: EventLexicon,
                hosts: dict[str, str]) -> list[_Candidate]:  # fmt: skip
    """Cue matches on the text, longest first, then verb frames whose object completes a cue
    ("cancelled a planned visit" for "cancel * visit")."""
    doc = view.analyzed.doc
    by_head = {f.head: f for f in frames}
    found: list[_Candidate] = []
    claimed: set[int] = set()
    matches = sorted(lexicon.cues.find(doc), key=lambda m: (m.start, -(m.end - m.start)))
    lent = _lent_verbs(doc, by_head, matches)
    for match in matches:
        if match.start in claimed:
            continue
        cue: EventCue = match.entry
        if cue.kind == "verb" and lent.get(match.start, cue.type) != cue.type:
            continue  # "presses its offensive": the verb carries the noun's act, not its own
        tokens = doc[match.start : match.end]
        if any(view.slot_of(t) is not None for t in tokens):
            continue
        anchor = tokens[-1] if cue.kind == "noun" else tokens[0]
        if cue.kind == "noun" and anchor.pos_ not in ("NOUN", "PROPN"):
            continue
        if cue.kind == "phrase":
            frame = _frame_of(by_head, anchor)
        else:
            frame = by_head.get(anchor.i)
            if frame is not None and cue.kind == "verb" and frame.kind != "verb":
                frame = None
        span = range(match.start, match.end)
        candidate = _candidate(view, cue, anchor, frame, by_head, span, lexicon, hosts)
        if candidate is not None:
            claimed.update(span)
            found.append(candidate)
    for frame in frames:
        if frame.kind != "verb" or frame.head in claimed:
            continue
        verb = doc[frame.head]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects:
            continue
        span = range(verb.i, max(o.right_edge.i for o in objects) + 1)
        for word in frame.objects:
            for cue in lexicon.object_cues.get((frame.lemma, word), ()):
                candidate = _candidate(view, cue, verb, frame, by_head, span, lexicon, hosts)
                if candidate is not None and frame.head not in claimed:
                    claimed.add(frame.head)
                    found.append(candidate)
    return found


def _lent_verbs(doc: Doc, frames: dict[int, Frame], matches: Sequence[Any]) -> dict[int, str]:
    """Light verbs lending their subject to a cued event noun ("pressed the offensive",
    "intensified its raids"): verb token → the noun's event type."""
    lent: dict[int, str] = {}
    for match in matches:
        cue: EventCue = match.entry
        if cue.kind != "noun":
            continue
        frame = frames.get(match.end - 1)
        if frame is not None and frame.kind == "light" and frame.support is not None:
            lent.setdefault(frame.support, cue.type)
    return lent


def _candidate(view: DocView, cue: EventCue, anchor: Token, frame: Frame | None,
               frames: dict[int, Frame], span: range, lexicon: EventLexicon,
               hosts: dict[str, str]) -> _Candidate | None:  # fmt: skip
    """A cue read on its frame: source and target, or None when the cue does not fit."""
    if frame is None or (cue.pejorative and not _pejorative(view, anchor, lexicon)):
        return None
    kind = lexicon.types[cue.type]
    found_args = _arguments(view, cue, kind, frame, frames, anchor, span, lexicon)
    if found_args is None:
        return None
    sources, targets = found_args
    if cue.kind == "noun" and anchor.tag_ == "NNS" and not (sources or targets):
        return None  # "the battles against the regime": a kind of event, not one event
    if (cue.mutual or cue.type in JOINT) and not targets and len(sources) >= 2:
        targets = list(sources)  # "Turkey and Russia reached an agreement": with each other
    if cue.person_source:
        sources = [s for s in sources if s.type == "PERSON"]
    if cue.host and not targets:
        targets = _host(view, anchor, frame, hosts, sources)
    return _Candidate(cue, cue.type, anchor, frame, tuple(sources), tuple(targets))


def _host(view: DocView, anchor: Token, frame: Frame, hosts: dict[str, str],
          sources: Sequence[DocEntity]) -> list[DocEntity]:  # fmt: skip
    """The actor controlling the place a visit went to."""
    places = ([frame.location] if frame.location else []) + reference_places(view, anchor)
    for place in places:
        host = hosts.get(place_key(place))
        if host is not None:
            entity = view.analyzed.entity(host)
            if entity is not None and entity not in sources:
                return [entity]
    return []


def _criticisms(view: DocView, lexicon: EventLexicon, frames: Sequence[Frame]) -> list[_Candidate]:
    """ACCUSE from "X talked about the chaos in Y's areas": words about a wrong, and its culprit."""
    doc = view.analyzed.doc
    by_head = {f.head: f for f in frames}
    found = []
    for match in lexicon.speech.find(doc):
        verb = doc[match.start]
        frame = by_head.get(verb.i)
        if frame is None or not verb.tag_.startswith("VB"):
            continue
        segment = view.segment_of(verb)
        wrong = next((i for i in range(match.end, min(match.end + 8, segment.end))
                      if doc[i].lower_ in lexicon.wrongs), None)  # fmt: skip
        if wrong is None:
            continue
        targets = []
        for slot in view.slots_between(wrong + 1, min(wrong + 25, segment.end)):
            if view.is_actor(slot.entity) and slot.entity not in frame.agent:
                targets.append(slot.entity)
                break
        cue = EventCue("ACCUSE", match.entry.phrase, "verb")
        found.append(_Candidate(cue, "ACCUSE", verb, frame, frame.agent, tuple(targets)))
    return found


def _demands(view: DocView, lexicon: EventLexicon, frames: Sequence[Frame]) -> list[_Candidate]:
    """REQUEST from "X must be done" in someone's words: the speaker demands it of the one
    who must act ("declared that China must drop barriers")."""
    doc = view.analyzed.doc
    found = []
    for frame in frames:
        if frame.modality != "demanded" or frame.attribution is None or frame.kind != "verb":
            continue
        verb = doc[frame.head]
        if not any(c.dep_ == "aux" and c.lower_ in lexicon.deontic_words for c in verb.children):
            continue
        speaker = frame.attribution
        named = (*frame.agent, *frame.patient, *frame.role(*_COMPLEMENT_TARGETS))
        asked = [e for e in named if e is not speaker][:1]
        if not asked:  # "action must be taken to exclude the leaders of X": whom it concerns
            after = view.slots_between(verb.i + 1, view.segment_of(verb).end)
            asked = [
                s.entity for s in after if view.is_actor(s.entity) and s.entity is not speaker
            ][:1]
        cue = EventCue("REQUEST", verb.lower_, "phrase")
        found.append(_Candidate(cue, "REQUEST", verb, frame, (speaker,), tuple(asked)))
    return found


def _perpetrators(view: DocView, anchor: Token, events: list[Event],
                  sources: Sequence[DocEntity]) -> list[DocEntity]:  # fmt: skip
    """The sources of the attack that "the strike" (the reaction's object) refers back to:
    the latest assault told before in the document by someone else."""
    nouns_ = [c for c in anchor.children if c.dep_ == "dobj" and c.lower_ in _ATTACK_NOUNS]
    if not nouns_ or not any(
        d.dep_ == "det" and d.lower_ in ("the", "this", "these", "that") for d in nouns_[0].children
    ):
        return []
    own = {e.local_id for e in sources}
    for event in reversed(events):
        if event.type == "ASSAULT" and event.evidence.start < anchor.idx:
            if own & set(event.source):
                return []
            found = [view.analyzed.entity(s) for s in event.source]
            return [e for e in found if e is not None]
    return []


def _bare(cue: EventCue, kind: EventType, anchor: Token) -> bool:
    """True when an event may stand without a target: its type allows it, and a noun cue names
    one act ("an Israeli strike", "carried out four airstrikes"), not a count ("ISIS attacks")."""
    if not (kind.bare and cue.bare):
        return False
    if cue.kind != "noun" or anchor.tag_ != "NNS":
        return True
    place = counted(anchor)
    support = frame_words().support_verbs
    return place.dep_ in ("dobj", "pobj") and (
        place.head.lemma_.lower() in support or place.head.head.lemma_.lower() in support
    )


def _told(raw: Sequence[_Candidate], events: list[Event], kind: str, sources: tuple[str, ...],
          segment: int, view: DocView, dated: str | None) -> bool:  # fmt: skip
    """True when a targetless event repeats one of the same type and source told with a target,
    or told before on the same date (`dated`: the date its own clause gives, if any)."""
    if any(
        e.type == kind and e.source == sources and e.happened and (dated is None or e.date == dated)
        for e in events
    ):
        return True
    return any(
        c.type == kind
        and c.targets
        and view.token_segment[c.anchor.i] == segment
        and tuple(e.local_id for e in c.sources) == sources
        for c in raw
    )


def _readings(candidate: _Candidate) -> list[tuple[str, Modality]]:
    """The events a candidate records, each (type, modality): the act itself under its frame's
    modality ("would strike X" is a planned ASSAULT, kept but not counted as an event); and,
    when its source announced or refused it, that statement, which did happen: "vowed to strike
    X" a THREATEN, "will support X" an AGREE (a pledge), "would not meet their demands" a REJECT."""
    frame = candidate.frame
    if frame.happened:
        return [(candidate.type, frame.modality)]
    if candidate.cue.kind == "phrase":
        return [(candidate.type, "asserted")]  # a statement read off words about an act
    readings: list[tuple[str, Modality]] = [(candidate.type, frame.modality)]
    if frame.kind not in ("verb", "light") or _relative_clause(candidate.anchor) is not None:
        return readings  # (what "a cell that planned attacks" planned, it announced to no one)
    announced = frame.modality == "planned" and frame.modality_cue not in frame_words().aims
    if announced or (frame.conditional and frame.future):
        # "will boycott the elections unless ...": a condition makes an announced act a threat
        if candidate.type in HOSTILE:
            readings.append(("THREATEN", "asserted"))
        elif candidate.type in PLEDGED | JOINT and frame.modality == "planned":
            readings.append(("AGREE", "asserted"))
    others = set(candidate.targets) - set(candidate.sources)
    refused = bool(others) and candidate.type in PLEDGED | JOINT
    if frame.modality == "negated" and frame.future and refused:
        readings.append(("REJECT", "asserted"))
    return readings


def _relative_clause(anchor: Token) -> Token | None:
    """The relative clause an act is told in ("the SDF, which has been armed by the US",
    "a cell that planned to carry out attacks"), through the infinitives under it."""
    current = anchor
    for _ in range(4):
        if current.dep_ == "relcl":
            return current
        if current.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep") or (
            current.head.i == current.i
        ):
            return None
        current = current.head
    return None


def _description(candidate: _Candidate) -> bool:
    """True for an act told as what describes an actor, not as news: a relative clause about
    its antecedent in the present, progressive or perfect with no date of its own ("which is
    fighting inside X", "a militia that has received US support")."""
    clause = _relative_clause(candidate.anchor)
    if clause is None or candidate.frame.time is not None:
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ not in ("WDT", "WP"):
        return False  # "the SNA, with which it has clashed": an act of another actor
    auxiliaries = {c.lemma_.lower() for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return clause.tag_ in ("VBZ", "VBP", "VBG") or bool(auxiliaries & {"have", "be"})


def extract_events(
    analyzed: AnalyzedDocument,
    dates: Sequence[DateMention] = (),
    quotes: Iterable[Quote] = (),
) -> tuple[Event, ...]:
    """PLOVER events that happened in a document, with source, target, place, date and
    attribution."""
    from factionmap.extract.relations import extract_relations

    view = view_of(analyzed)
    lexicon = event_lexicon()
    quotes = tuple(quotes)
    frames = frames_of(view, dates, quotes)
    hosts = hosts_of(view, extract_relations(analyzed, dates, quotes))
    raw = _candidates(view, frames, lexicon, hosts)
    raw += _criticisms(view, lexicon, frames)
    raw += _demands(view, lexicon, frames)
    raw.sort(key=lambda c: c.anchor.i)
    events: list[Event] = []
    seen: set[tuple] = set()
    for candidate, (event_type, modality) in (
        (c, reading) for c in raw if c.sources and not _description(c) for reading in _readings(c)
    ):
        cue, anchor, frame = candidate.cue, candidate.anchor, candidate.frame
        happened = modality in HAPPENED
        kind = lexicon.types[candidate.type]
        sources, targets = list(candidate.sources), list(candidate.targets)
        reciprocal = len(sources) >= 2 and set(sources) == set(targets)  # "accused each other"
        if not (cue.mutual or reciprocal) or len(set(sources) | set(targets)) < 2:
            # (one side twice, "a battle between the faction and its rivals" both read as the
            # faction, is no pair)
            targets = [t for t in targets if t not in sources]
        # A town, hill or road is where an act falls, not whom: the place is its location.
        targets = [t for t in targets if _may_be_target(view, t, frame)]
        if not targets and candidate.type in _CONDEMNATIONS:
            targets = _perpetrators(view, anchor, [e for e in events if e.happened], sources)
        if kind.needs_target and not targets and not _bare(cue, kind, anchor):
            continue
        source_ids = tuple(e.local_id for e in sources)
        target_ids = tuple(e.local_id for e in targets)
        date, basis = _date(view, frame, dates, anchor) if happened else (frame.time, "text")
        segment = view.token_segment[anchor.i]
        own_date = date.value if date is not None and basis == "text" else None
        if (
            happened
            and not target_ids
            and _told(raw, events, event_type, source_ids, segment, view, own_date)
        ):
            continue  # "X's recent visit" names again a visit told before, or told in full nearby
        evidence = _evidence(view, anchor)
        key = (event_type, modality, source_ids, target_ids, evidence.start)
        if key in seen:
            continue
        seen.add(key)
        events.append(
            Event(
                type=event_type,
                source=source_ids,
                target=target_ids,
                evidence=evidence,
                location=frame.location.local_id if frame.location is not None else None,
                date=date.value if date is not None else None,
                precision=date.precision if date is not None else None,
                date_basis=basis if date is not None else None,
                attributed_to=frame.attribution.local_id if frame.attribution else None,
                mode=cue.mode if event_type == candidate.type else None,
                modality=modality,
            )
        )
    return tuple(_drop_retold(view, events, lexicon))


def _date(
    view: DocView, frame: Frame, dates: Sequence[DateMention], anchor: Token
) -> tuple[DateMention | None, Literal["text", "reported"]]:
    """The date of a happened act: the one its clause gives; else, when its sentence names no
    date at all, the report's own (news is told as of its publication: "Turkey has launched an
    operation"), marked as such. A sentence dated elsewhere ("In 2012 X did A, and B happened")
    leaves an undated clause undated."""
    if frame.time is not None:
        return frame.time, "text"
    published = view.analyzed.document.published
    segment = view.segment_of(anchor)
    if not published or any(
        segment.start_char <= d.start < segment.end_char and d.value for d in dates
    ):
        return None, "text"
    precision: Precision = ("year", "month", "day")[min(published.count("-"), 2)]
    return DateMention(anchor.idx, anchor.idx, "", published, precision), "reported"


def _drop_retold(view: DocView, events: list[Event], lexicon: EventLexicon) -> list[Event]:
    """Bare events (no target) that retell another: beside an event of the same source told
    with its target ("raided houses and arrested X"), or in a verbless headline."""
    kept = []
    for event in events:
        if event.target or not lexicon.types[event.type].needs_target:
            kept.append(event)
            continue
        beside = any(
            other.target
            and other.happened
            and other.evidence.start == event.evidence.start
            and set(other.source) & set(event.source)
            for other in events
        )
        span = view.analyzed.doc.char_span(
            event.evidence.start, event.evidence.end, alignment_mode="expand"
        )
        headline = span is not None and not any(t.tag_ in FINITE for t in span)
        if not beside and not headline:
            kept.append(event)
    return kept


def place_key(entity: DocEntity) -> str:
    """A place's name without its head word: "Idlib governorate" and "Idlib" meet."""
    return " ".join(w for w in entity.name.lower().split() if w not in _PLACE_WORDS)


def hosts_of(view: DocView, relations: Sequence[Relation]) -> dict[str, str]:
    """Place key → the actor the document says controls that place."""
    hosts: dict[str, str] = {}
    for relation in relations:
        if relation.predicate == "controls" and relation.polarity == "asserted":
            place = view.analyzed.entity(relation.object)
            if place is not None:
                hosts.setdefault(place_key(place), relation.subject)
    return hosts
