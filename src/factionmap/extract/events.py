"""PLOVER-typed events: who did what to whom, where and when, on whose word.

Cues come from data/lexicons/events.yaml. A verb's subject is the source and its object or
prepositional objects the target; a noun takes its possessor, "of" or "by" phrase, or the
subject of the verb governing it. Only asserted acts become events: hedged ("may attack") and
negated ("did not meet") ones are dropped, since an event has no polarity of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from factionmap.extract.arguments import (
    DocView,
    agent_of,
    entity_of_noun,
    objects_after,
    view_of,
)
from factionmap.extract.attribution import (
    attributed_to,
    mutual_expression_at,
    mutual_pair,
    parties,
    polarity_of,
    quote_at,
    speaker_group,
)
from factionmap.extract.event_cues import EventCue, EventLexicon, event_lexicon
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DateMention, DocEntity, Event, Evidence, Quote

_ACTOR = ("PERSON", "ORG")
_WE = frozenset({"we", "our", "us"})


def _actors(view: DocView, token: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The actors a noun phrase names: one entity, a coordination, or "the two parties"."""
    if mutual_expression_at(view, token) or (
        token.i > 0 and mutual_expression_at(view, token.doc[token.i - 1])
    ):
        pair = mutual_pair(view, token) or (
            mutual_pair(view, token.doc[token.i - 1]) if token.i > 0 else None
        )
        return list(pair) if pair else []
    if token.lower_ in _WE:
        speaker = speaker_group(view, quotes, token)
        return [speaker] if speaker else []
    found: list[DocEntity] = []
    stack = [token]
    while stack:
        current = stack.pop(0)
        entity = entity_of_noun(view, current)
        if entity is not None and view.is_actor(entity) and entity not in found:
            found.append(entity)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return found


def _prep_objects(
    view: DocView, head: Token, preps: Iterable[str], quotes: Sequence[Quote]
) -> list[DocEntity]:
    wanted = set(preps)
    found: list[DocEntity] = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += [e for e in _actors(view, obj, quotes) if e not in found]
    return found


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(5):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _subject(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            if mutual_expression_at(view, child) or child.lower_ in _WE:
                return _actors(view, child, quotes)
            if child.i > 0 and mutual_expression_at(view, child.doc[child.i - 1]):
                return _actors(view, child, quotes)
    entity, _ = agent_of(view, verb, _ACTOR)
    if entity is not None and view.is_actor(entity):
        return [entity]
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ in _WE:
            return _actors(view, child, quotes)
    return []


def _verb_arguments(
    view: DocView, cue: EventCue, tokens: Span, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> tuple[list[DocEntity], list[DocEntity]]:
    verb = tokens[0]
    preps = lexicon.types[cue.type].targets
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        targets = [e for c in verb.children if c.dep_ == "nsubjpass" for e in _actors(view, c, quotes)]
        sources = _prep_objects(view, verb, ("by",), quotes)
        return sources, targets
    sources = _subject(view, verb, quotes)
    targets: list[DocEntity] = []
    if tokens[-1].pos_ == "ADP" or tokens[-1].lower_ in preps:
        # "reach an understanding with X": the target follows the cue.
        targets = [s.entity for s in objects_after(view, tokens.end, _ACTOR) if view.is_actor(s.entity)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            if cue.objects and child.lower_ not in cue.objects:
                return sources, []
            targets += [e for e in _actors(view, child, quotes) if e not in targets]
            targets += [e for e in _prep_objects(view, child, preps, quotes) if e not in targets]
    targets += [e for e in _prep_objects(view, verb, preps, quotes) if e not in targets]
    if cue.objects and not any(c.dep_ == "dobj" for c in verb.children):
        return sources, []
    return sources, targets


def _noun_arguments(
    view: DocView, cue: EventCue, noun: Token, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> tuple[list[DocEntity], list[DocEntity]]:
    preps = lexicon.types[cue.type].targets
    sources: list[DocEntity] = []
    targets: list[DocEntity] = []
    own: list[DocEntity] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            own += _actors(view, child, quotes)
        elif child.dep_ == "prep" and child.lower_ == "of":
            own += [e for obj in child.children if obj.dep_ == "pobj" for e in _actors(view, obj, quotes)]
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            sources += [e for obj in child.children if obj.dep_ == "pobj"
                        for e in _actors(view, obj, quotes)]  # fmt: skip
    if cue.of_target:
        targets += own
    else:
        sources += [e for e in own if e not in sources]
    targets += [e for e in _prep_objects(view, noun, preps, quotes) if e not in targets]
    verb = _governing_verb(noun)
    if verb is not None:
        targets += [e for e in _prep_objects(view, verb, preps, quotes) if e not in targets]
        if not sources and noun.dep_ in ("dobj", "attr", "pobj", "nsubjpass"):
            sources = _subject(view, verb, quotes)
    return sources, targets


def _between_pair(view: DocView, anchor: Token) -> list[DocEntity]:
    """Both parties of "<noun> between A and B" / "between the two parties"."""
    doc = anchor.doc
    segment = view.segment_of(anchor)
    for i in range(anchor.i + 1, min(anchor.i + 4, segment.end)):
        if doc[i].lower_ != "between":
            continue
        if i + 1 < len(doc) and mutual_expression_at(view, doc[i + 1]):
            pair = mutual_pair(view, doc[i + 1])
            return list(pair) if pair else []
        for position, pair in parties(view).pairs:
            if position == i:
                return list(pair)
    return []


def _segment_pair(view: DocView, anchor: Token) -> list[DocEntity]:
    """The parties a sentence already named as a pair, for "which escalated into fighting"."""
    segment = view.segment_of(anchor)
    resolver = parties(view)
    for position, pair in resolver.pairs:
        if segment.start <= position < anchor.i:
            return list(pair)
    for i in range(segment.start, anchor.i):
        pair = resolver.pair_at(anchor.doc[i])
        if pair:
            return list(pair)
    return []


def _location(view: DocView, anchor: Token, lexicon: EventLexicon) -> tuple[DocEntity | None, list[DocEntity]]:
    """The place of an event (a LOCATION reached through "in", "at", "to" ...) and reference places."""
    segment = view.segment_of(anchor)
    roots = [anchor]
    verb = _governing_verb(anchor) if anchor.pos_ != "VERB" else None
    if verb is not None:
        roots.append(verb)
    references: list[DocEntity] = []
    for root in roots:
        best: tuple[int, DocEntity] | None = None
        for slot in view.slots:
            if slot.entity.type != "LOCATION" or not (segment.start <= slot.start < segment.end):
                continue
            token = anchor.doc[slot.end - 1]
            path: list[Token] = []
            current = token
            while current.i != root.i and current.head.i != current.i and len(path) < 10:
                current = current.head
                path.append(current)
            if current.i != root.i:
                continue
            words = {t.lower_ for t in path}
            if any(w in ("north", "south", "east", "west", "northwest", "northeast", "southwest",
                         "southeast", "near") for w in words):  # fmt: skip
                references.append(slot.entity)
                continue
            if not words & lexicon.location_prepositions:
                continue
            if best is None or len(path) < best[0]:
                best = (len(path), slot.entity)
        if best is not None:
            return best[1], references
    return None, references


def _hosts(relations: Sequence) -> dict[str, str]:  # type: ignore[type-arg]
    return {r.object: r.subject for r in relations if r.predicate == "controls" and r.polarity == "asserted"}


def _date(analyzed: AnalyzedDocument, dates: Sequence[DateMention], anchor: Token) -> DateMention | None:
    try:
        from factionmap.extract.dates import date_for_span
    except ImportError:  # the dates stage is optional
        return None
    return date_for_span(tuple(dates), anchor.idx, anchor.idx + len(anchor), analyzed)


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
    """ACCUSE from "X talked about the chaos in Y's areas": speech about a wrong, and whom it concerns."""
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
        sources = _subject(view, verb, quotes)
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
        targets = [s.entity for s in view.slots_between(match.end, segment.end)
                   if view.is_actor(s.entity) and s.entity is not speaker][:1]  # fmt: skip
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
            if not anchor.tag_.startswith("VB"):
                continue
            if cue.pejorative and not _pejorative(view, anchor, lexicon):
                continue
            sources, targets = _verb_arguments(view, cue, tokens, lexicon, quotes)
        elif cue.kind == "noun":
            anchor = tokens[-1]
            if anchor.pos_ not in ("NOUN", "PROPN"):
                continue
            sources, targets = _noun_arguments(view, cue, anchor, lexicon, quotes)
            if cue.mutual and not (sources and targets):
                pair = _between_pair(view, anchor) or (
                    _segment_pair(view, anchor) if not sources and not targets else []
                )
                if pair:
                    sources, targets = pair, list(pair)
            if anchor.tag_ == "NNS" and not (sources or targets) and anchor.dep_ != "dobj":
                continue  # "the battles against the regime": a kind of event, not one event
        else:
            anchor = tokens[0]
            verb = _governing_verb(anchor)
            sources = _subject(view, verb, quotes) if verb is not None else []
            targets = []
        if cue.mutual and sources and not targets and len(sources) == 2:
            targets = list(sources)
        if cue.person_source:
            sources = [s for s in sources if s.type == "PERSON"]
        if cue.host and not targets:
            location, references = _location(view, anchor, lexicon)
            for place in ([location] if location else []) + references:
                host = hosts.get(place.local_id)
                if host is not None:
                    entity = view.analyzed.entity(host)
                    if entity is not None and entity not in sources:
                        targets = [entity]
                        break
        claimed.update(range(match.start, match.end))
        found.append((cue, anchor, sources, targets))
    return found


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
    hosts = _hosts(extract_relations(analyzed, dates, quotes))
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
        if not cue.mutual:
            targets = [t for t in targets if t not in sources]
        if kind.needs_target and not targets:
            continue
        stance = cue.type in ("COOPERATE", "AGREE", "CONSULT")
        cue_tokens = [anchor] if cue.kind != "verb" else list(anchor.doc[anchor.i : anchor.i + 1])
        if polarity_of(view, anchor, cue_tokens, stance_is_asserted=stance) != "asserted":
            continue
        source_ids = tuple(e.local_id for e in sources)
        target_ids = tuple(e.local_id for e in targets)
        if not target_ids and any(e.type == cue.type and e.source == source_ids for e in events):
            continue  # "X's recent visit" names again a visit told before
        evidence = _evidence(view, anchor)
        key = (cue.type, source_ids, target_ids, evidence.start)
        if key in seen:
            continue
        seen.add(key)
        location, _ = _location(view, anchor, lexicon)
        date = _date(analyzed, dates, anchor)
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
    return tuple(events)
