"""PLOVER-typed events: who did what to whom, where and when, on whose word.

Cues come from data/lexicons/events.yaml. A verb's subject is the source and its object or
prepositional objects the target; a noun takes its possessor, "of" or "by" phrase, or the
subject of the verb governing it. Only asserted acts become events: hedged ("may attack") and
negated ("did not meet") ones are dropped, since an event has no polarity of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from factionmap.extract.attribution import attributed_to, polarity_of, quote_at
from factionmap.extract.docview import FINITE, DocView, scoped_date, verbal, view_of
from factionmap.extract.event_arguments import (
    JOINT,
    between_pair,
    counted,
    governing_verb,
    hosts_of,
    location_of,
    noun_arguments,
    place_key,
    segment_pair,
    subject_of,
    verb_arguments,
)
from factionmap.extract.event_cues import EventCue, EventLexicon, EventType, event_lexicon
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DateMention, DocEntity, Event, Evidence, Quote


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


def _criticisms(
    view: DocView, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> list[tuple[EventCue, Token, list[DocEntity], list[DocEntity]]]:
    """ACCUSE from "X talked about the chaos in Y's areas": words about a wrong, and its culprit."""
    doc = view.analyzed.doc
    found = []
    for match in lexicon.speech.find(doc):
        verb = doc[match.start]
        if not verb.tag_.startswith("VB"):
            continue
        segment = view.segment_of(verb)
        wrong = next((i for i in range(match.end, min(match.end + 8, segment.end))
                      if doc[i].lower_ in lexicon.wrongs), None)  # fmt: skip
        if wrong is None:
            continue
        sources = subject_of(view, verb, quotes)
        targets = []
        for slot in view.slots_between(wrong + 1, min(wrong + 25, segment.end)):
            if view.is_actor(slot.entity) and slot.entity not in sources:
                targets.append(slot.entity)
                break
        found.append((EventCue("ACCUSE", match.entry.phrase, "verb"), verb, sources, targets))
    return found


def _demands(
    view: DocView, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> list[tuple[EventCue, Token, list[DocEntity], list[DocEntity]]]:
    """REQUEST from "X must be taken/done" in a speaker's words: the speaker demands it."""
    doc = view.analyzed.doc
    found = []
    for match in lexicon.deontic.find(doc):
        if match.end >= len(doc):
            continue
        verb = doc[match.start].head
        if not verb.tag_.startswith("VB") or verb.i < match.start:
            continue
        start = doc[match.start].idx
        quote = quote_at(quotes, start, start + 1)
        if quote is None or not quote.speaker:
            continue
        speaker = view.analyzed.entity(quote.speaker)
        if speaker is None:
            continue
        segment = view.segment_of(verb)
        # "Turkey must end its occupation": the one who must act is asked; else whom it concerns.
        targets = [e for e in subject_of(view, verb, quotes) if e is not speaker][:1]
        after = view.slots_between(match.end, segment.end)
        targets = targets or [s.entity for s in after if view.is_actor(s.entity)][:1]
        targets = [t for t in targets if t is not speaker]
        found.append((EventCue("REQUEST", match.entry.phrase, "phrase"), verb, [speaker], targets))
    return found


def _cue_events(
    view: DocView, lexicon: EventLexicon, quotes: Sequence[Quote], hosts: dict[str, str]
) -> list[tuple[EventCue, Token, list[DocEntity], list[DocEntity]]]:
    doc = view.analyzed.doc
    found = []
    claimed: set[int] = set()
    for match in sorted(lexicon.cues.find(doc), key=lambda m: (m.start, -(m.end - m.start))):
        if match.start in claimed:
            continue
        cue: EventCue = match.entry
        tokens = doc[match.start : match.end]
        if any(view.slot_of(t) is not None for t in tokens):
            continue
        if cue.kind == "verb":
            anchor = tokens[0]
            if not verbal(view, anchor):
                continue
            if cue.pejorative and not _pejorative(view, anchor, lexicon):
                continue
            sources, targets = verb_arguments(view, cue, tokens, lexicon, quotes)
        elif cue.kind == "noun":
            anchor = tokens[-1]
            if anchor.pos_ not in ("NOUN", "PROPN"):
                continue
            sources, targets = noun_arguments(view, cue, anchor, lexicon, quotes)
            if cue.mutual and not (sources and targets):
                pair = between_pair(view, anchor) or (
                    segment_pair(view, anchor) if not sources and not targets else []
                )
                if pair:
                    sources, targets = pair, list(pair)
            if anchor.tag_ == "NNS" and not (sources or targets) and anchor.dep_ != "dobj":
                continue  # "the battles against the regime": a kind of event, not one event
        else:
            anchor = tokens[0]
            verb = governing_verb(anchor)
            sources = subject_of(view, verb, quotes) if verb is not None else []
            targets = []
        if (cue.mutual or cue.type in JOINT) and not targets and len(sources) >= 2:
            targets = list(sources)  # "Turkey and Russia reached an agreement": with each other
        if cue.person_source:
            sources = [s for s in sources if s.type == "PERSON"]
        if cue.host and not targets:
            location, references = location_of(view, anchor, lexicon)
            for place in ([location] if location else []) + references:
                host = hosts.get(place_key(place))
                if host is not None:
                    entity = view.analyzed.entity(host)
                    if entity is not None and entity not in sources:
                        targets = [entity]
                        break
        claimed.update(range(match.start, match.end))
        found.append((cue, anchor, sources, targets))
    return found


# Reactions whose object may be an attack told before: "X condemned the strike".
_CONDEMNATIONS = frozenset({"ACCUSE", "PROTEST"})
_ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes",
                           "shelling", "bombing", "bombardment", "raid", "raids", "assault",
                           "killing", "ambush"})  # fmt: skip


def _perpetrators(
    view: DocView, anchor: Token, events: list[Event], sources: Sequence[DocEntity]
) -> list[DocEntity]:
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


def _bare(cue: EventCue, kind: EventType, anchor: Token, lexicon: EventLexicon) -> bool:
    """True when an event may stand without a target: its type allows it, and a noun cue names
    one act ("an Israeli strike", "carried out four airstrikes"), not a count ("ISIS attacks")."""
    if not (kind.bare and cue.bare):
        return False
    if cue.kind != "noun" or anchor.tag_ != "NNS":
        return True
    place = counted(anchor)
    return place.dep_ in ("dobj", "pobj") and (
        place.head.lemma_.lower() in lexicon.support_verbs
        or place.head.head.lemma_.lower() in lexicon.support_verbs
    )


def _told(raw: list, events: list[Event], kind: str, sources: tuple[str, ...], segment: int,
          view: DocView) -> bool:  # fmt: skip
    """True when a targetless event repeats one of the same type and source told with a target."""
    if any(e.type == kind and e.source == sources for e in events):
        return True
    for cue, anchor, found_sources, targets in raw:
        if (
            cue.type == kind
            and targets
            and view.token_segment[anchor.i] == segment
            and tuple(e.local_id for e in found_sources) == sources
        ):
            return True
    return False


def extract_events(
    analyzed: AnalyzedDocument,
    dates: Sequence[DateMention] = (),
    quotes: Iterable[Quote] = (),
) -> tuple[Event, ...]:
    """Asserted PLOVER events of a document, with source, target, place, date and attribution."""
    from factionmap.extract.relations import extract_relations

    view = view_of(analyzed)
    lexicon = event_lexicon()
    quotes = tuple(quotes)
    hosts = hosts_of(view, extract_relations(analyzed, dates, quotes))
    raw = _cue_events(view, lexicon, quotes, hosts)
    raw += _criticisms(view, lexicon, quotes)
    raw += _demands(view, lexicon, quotes)
    raw.sort(key=lambda item: item[1].i)
    events: list[Event] = []
    seen: set[tuple] = set()
    for cue, anchor, sources, targets in raw:
        kind = lexicon.types[cue.type]
        if not sources:
            continue
        reciprocal = len(sources) >= 2 and set(sources) == set(targets)  # "accused each other"
        if not (cue.mutual or reciprocal):
            targets = [t for t in targets if t not in sources]
        if not targets and cue.type in _CONDEMNATIONS:
            targets = _perpetrators(view, anchor, events, sources)
        if kind.needs_target and not targets and not _bare(cue, kind, anchor, lexicon):
            continue
        stance = cue.type in ("COOPERATE", "AGREE", "CONSULT")
        cue_tokens = [anchor] if cue.kind != "verb" else list(anchor.doc[anchor.i : anchor.i + 1])
        if polarity_of(view, anchor, cue_tokens, stance_is_asserted=stance) != "asserted":
            continue
        source_ids = tuple(e.local_id for e in sources)
        target_ids = tuple(e.local_id for e in targets)
        if not target_ids and _told(
            raw, events, cue.type, source_ids, view.token_segment[anchor.i], view
        ):
            continue  # "X's recent visit" names again a visit told before, or told in full nearby
        evidence = _evidence(view, anchor)
        key = (cue.type, source_ids, target_ids, evidence.start)
        if key in seen:
            continue
        seen.add(key)
        location, _ = location_of(view, anchor, lexicon)
        date = scoped_date(analyzed.doc, dates, anchor)
        speaker = attributed_to(view, quotes, anchor, anchor.idx, anchor.idx + len(anchor))
        events.append(
            Event(
                type=cue.type,
                source=source_ids,
                target=target_ids,
                evidence=evidence,
                location=location.local_id if location is not None else None,
                date=date.value if date is not None else None,
                precision=date.precision if date is not None else None,
                attributed_to=speaker.local_id if speaker is not None else None,
                mode=cue.mode,
            )
        )
    return tuple(_drop_retold(view, events, lexicon))


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
