"""Whose claim a fact is, whether it is asserted, and who "the two parties" are.

Shared by the relation and event extractors: polarity (asserted / negated / possible) from the
words governing a cue, attribution to a quoted or interviewed person, and the resolution of
plural references ("both parties", "each other") to the two actors the report is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from factionmap.extract.arguments import (
    compound_participle,
    entity_of_noun,
    resolve_anaphor,
)
from factionmap.extract.cues import PhraseIndex, load_lexicon, phrase_variants, word_set
from factionmap.extract.docview import DocView, cached_for, has_verb
from factionmap.records import DocEntity, Polarity, Quote

# Climbing stops at these: a subject is not in the scope of what its verb says about it, and a
# relative or appositive clause is asserted on its own.
_SCOPE_BREAKS = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "appos", "ROOT"})
_TEMPORAL_MARKS = frozenset({"after", "before", "since", "when", "while", "once", "as", "until"})
_RECIPROCALS = (("each", "other"), ("one", "another"))
# Plural heads of "the two <...> sides", "both <...> groups": a reference to two actors.
_SIDE_NOUNS = frozenset({"parties", "sides", "factions", "groups", "movements", "entities",
                         "countries", "governments", "forces", "militias", "organizations",
                         "organisations", "states", "armies", "rivals", "camps"})  # fmt: skip
_MAX_SIDE_MODIFIERS = 2


@dataclass(frozen=True, slots=True)
class Modality:
    """Word lists deciding polarity and attribution (from the relations lexicon)."""

    negators: PhraseIndex
    negator_words: frozenset[str]
    negating_determiners: frozenset[str]
    hedges: frozenset[str]
    stance: frozenset[str]
    reporting: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    unasserted: frozenset[str]


@lru_cache(maxsize=1)
def modality() -> Modality:
    """The modality section of relations.yaml."""
    lexicon = load_lexicon("relations.yaml")
    data = lexicon["modality"]
    index = PhraseIndex()
    words: set[str] = set()
    for phrase in data["negators"]:
        for variant in phrase_variants(phrase, "verb") | phrase_variants(phrase, "noun"):
            index.add(variant, phrase)
            words.add(variant[0])
    return Modality(
        negators=index,
        negator_words=frozenset(words),
        negating_determiners=word_set(data["negating_determiners"]),
        hedges=word_set(data["hedges"], "verb") | word_set(data["hedges"], "noun"),
        stance=word_set(data["stance_words"], "noun"),
        reporting=word_set(data["reporting_verbs"], "verb"),
        according=tuple(tuple(p.split()) for p in data["according_to"]),
        unasserted=word_set(lexicon["unasserted"]),
    )


def scope_chain(view: DocView, token: Token, limit: int = 8) -> list[Token]:
    """The cue and the words governing it, up to the edge of its clause's scope."""
    chain = [token]
    current = token
    segment = view.token_segment[token.i]
    for _ in range(limit):
        if current.dep_ in _SCOPE_BREAKS or current.head.i == current.i:
            break
        if view.token_segment[current.head.i] != segment:
            break  # a heading glued to the sentence by the parser is not its context
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in current.children
        ):
            break  # "has not yet complied, two months after X signed": the signing happened
        current = current.head
        chain.append(current)
    return chain


def polarity_of(
    view: DocView, token: Token, cue: Sequence[Token] = (), stance_is_asserted: bool = False
) -> Polarity | None:
    """Asserted, negated or possible, from the words governing `token`; None when only asked.

    "denying the possibility of a complete merger" is negated, "suggested the possibility of a
    rapprochement" possible, "questions about the extent of coordination" not asserted at all.
    """
    words = modality()
    own = {t.i for t in cue} | {token.i}
    chain = scope_chain(view, token)
    negations = 0
    possible = False
    for position, link in enumerate(chain):
        lower = link.lower_
        # The first verb of a coordination does not scope over the second: "end the feud and
        # generalize control" leaves the control asserted.
        via_conj = position > 0 and chain[position - 1].dep_ == "conj"
        if link.i not in own and not via_conj:
            if lower in words.unasserted:
                return None
            if lower in words.negator_words and _negator_at(link):
                negations += 1
            if lower in words.hedges and not (stance_is_asserted and lower in words.stance):
                possible = True
        for child in link.children:
            if child.i in own or (via_conj and child.dep_ != "aux"):
                continue
            if child.dep_ == "neg":
                negations += 1  # "does not deny" cancels out
            elif child.dep_ == "det" and child.lower_ in words.negating_determiners:
                negations += 1
            elif child.dep_ in ("aux", "mark") and child.lower_ in words.hedges:
                possible = True
            elif child.dep_ == "advmod" and child.lower_ in words.hedges:
                possible = True
    # "in the event of X", "in case of": a hedge spelled across prepositions.
    for link in chain:
        if link.lower_ == "event" and link.head.lower_ == "in":
            possible = True
    if negations % 2:
        return "negated"
    return "possible" if possible else "asserted"


def _negator_at(token: Token) -> bool:
    # "rule out" needs its particle; the others are negators on their own.
    if token.lower_ in ("rule", "rules", "ruled", "ruling"):
        return any(c.lower_ == "out" for c in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "out"
        )
    return True


def quote_at(quotes: Iterable[Quote], start: int, end: int) -> Quote | None:
    """The quotation a character span lies in."""
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote
    return None


_ACCORDING: dict[int, tuple[object, dict[int, DocEntity | None]]] = {}


def _according_to(view: DocView, token: Token) -> DocEntity | None:
    # Asked for every assertion, answered by its segment alone: once per segment.
    known = cached_for(_ACCORDING, view, dict)
    number = view.token_segment[token.i]
    if number not in known:
        known[number] = _according_in(view, view.segments[number])
    return known[number]


def _according_in(view: DocView, segment: Span) -> DocEntity | None:
    """The source a segment names with "according to" (None when unnamed or the outlet)."""
    doc = segment.doc
    lowers = [t.lower_ for t in segment]
    for phrase in modality().according:
        n = len(phrase)
        for k in range(len(lowers) - n + 1):
            if tuple(lowers[k : k + n]) == phrase:
                # The name right after "according to" is the source, a monitor or outlet
                # included; "a source close to X" is unnamed, and the publishing outlet is none.
                i = segment.start + k + n
                while i < segment.end and doc[i].lower_ in ("the", "a", "an"):
                    i += 1
                entity = view.entity_of(doc[i]) if i < segment.end else None
                if entity is not None and entity.type in ("PERSON", "ORG"):
                    outlet = (view.analyzed.document.outlet or "").lower()
                    return None if entity.name.lower() == outlet else entity
                if i < segment.end and doc[i].dep_ != "compound":
                    return None
    return None


def _reporting_subject(view: DocView, verb: Token) -> tuple[bool, DocEntity | None]:
    """(found a subject, its entity) of a reporting verb; definite roles use the last speaker."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            entity = entity_of_noun(view, child)
            if entity is None and child.lower_ in ("he", "she"):
                entity = resolve_anaphor(view, child)
            if entity is None and any(d.lower_ == "the" for d in child.children):
                # "The military analyst pointed to ...": the person last quoted.
                return True, last_speaker(view, verb)
            if entity is not None and view.is_media(entity):
                return True, None
            return True, entity
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _reporting_subject(view, verb.head)
    return False, None


def last_speaker(view: DocView, token: Token, segments_back: int = 4) -> DocEntity | None:
    """The named subject of the nearest reporting verb before `token` (None if unnamed)."""
    reporting = modality().reporting
    here = view.token_segment[token.i]
    for number in range(here, max(-1, here - segments_back - 1), -1):
        segment = view.segments[number]
        verbs = [t for t in segment if t.lower_ in reporting and t.pos_ in ("VERB", "AUX")]
        if number == here:
            verbs = [t for t in verbs if t.i < token.i]
        for verb in reversed(verbs):
            for child in verb.children:
                if child.dep_ == "nsubj":
                    entity = entity_of_noun(view, child) or resolve_anaphor(view, child)
                    if entity is not None and entity.type == "PERSON":
                        return entity
                    if child.lower_ not in ("he", "she", "it", "this"):
                        return None  # an unnamed source spoke last
    return None


def attributed_to(
    view: DocView, quotes: Iterable[Quote], token: Token, start: int, end: int
) -> DocEntity | None:
    """The person (or body) whose claim the text at `token` is; None when the outlet asserts it."""
    quote = quote_at(quotes, start, end)
    if quote is not None and quote.speaker:
        return view.analyzed.entity(quote.speaker)
    reporting = modality().reporting
    current = token
    segment = view.token_segment[token.i]
    previous = token
    for _ in range(10):
        if current.lower_ in reporting and current.pos_ in ("VERB", "AUX") and current.i != token.i:
            # "X commented on Y": Y is the topic, asserted by the outlet, not X's claim.
            topic = previous.dep_ == "prep" and previous.lower_ in ("on", "upon")
            found, entity = _reporting_subject(view, current)
            if found and not topic:
                return entity
        if current.head.i == current.i or view.token_segment[current.head.i] != segment:
            break
        if current.dep_ in ("nsubj", "nsubjpass", "relcl", "appos"):
            break  # a subject or relative clause is not what its verb reports
        previous, current = current, current.head
    return _according_to(view, token)


def speaker_group(view: DocView, quotes: Iterable[Quote], token: Token) -> DocEntity | None:
    """Who "we" is inside a quotation: its speaker."""
    quote = quote_at(quotes, token.idx, token.idx + len(token))
    if quote is None or not quote.speaker:
        return None
    return view.analyzed.entity(quote.speaker)


# --- "the two parties" ------------------------------------------------------------------------


def mutual_expression_at(view: DocView, token: Token) -> tuple[int, int] | None:
    """Token bounds of a plural reference ("the two parties", "each other") starting at `token`."""
    # Asked of nearly every token of a document: compare word by word, never slice the Doc.
    doc = token.doc
    word = token.lower_
    for phrase in _RECIPROCALS:
        if phrase[0] != word:
            continue
        n = len(phrase)
        if token.i + n <= len(doc) and all(
            doc[token.i + k].lower_ == phrase[k] for k in range(1, n)
        ):
            return token.i, token.i + n
    if word == "them" and token.i > 0 and doc[token.i - 1].lower_ == "between":
        return token.i, token.i + 1
    # "the two parties", "both sides", "the two jihadist groups", "both warring parties"
    if word == "both":
        first = token.i + 1
    elif word == "the" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "two":
        first = token.i + 2
    else:
        return None
    for k in range(first, min(first + _MAX_SIDE_MODIFIERS + 1, len(doc))):
        modifier = doc[k]
        if view.slot_of(modifier) is not None:
            return None  # "both Turkey and Russia" names them itself
        if modifier.lower_ in _SIDE_NOUNS:
            return token.i, k + 1
        if modifier.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB") or modifier.tag_ == "NNS":
            return None
    return None


def between_sides(view: DocView, between: Token) -> list[DocEntity | None]:
    """The two sides of "between A and B" as entities (None where a side names no one)."""
    objects = [c for c in between.children if c.dep_ == "pobj"]
    sides: list[DocEntity | None] = []
    if objects:
        first = objects[0]
        sides.append(_side_entity(view, first))
        conj = [c for c in first.children if c.dep_ == "conj"]
        sides.append(_side_entity(view, conj[0]) if conj else None)
    if len(sides) < 2 or sides[1] is None or sides[0] is None:
        # Surface order: the first actor after "between", then the first after its "and".
        linear = _linear_sides(view, between)
        if linear is not None:
            return list(linear)
    return sides


def _side_entity(view: DocView, token: Token) -> DocEntity | None:
    entity = entity_of_noun(view, token)
    if entity is None and token.lower_ in ("parties", "sides", "factions", "groups"):
        return None
    return entity


def _linear_sides(view: DocView, between: Token) -> tuple[DocEntity, DocEntity] | None:
    doc = between.doc
    segment = view.segment_of(between)
    first: DocEntity | None = None
    seen_and = False
    for i in range(between.i + 1, min(between.i + 30, segment.end)):
        token = doc[i]
        entity = view.entity_of(token)
        if entity is not None and compound_participle(doc, i):
            continue  # "Turkish-backed factions of X": the side is X, not its backer
        if entity is not None and view.is_actor(entity):
            if first is None:
                if i - between.i > 6:
                    return None
                first = entity
            elif seen_and and entity.local_id != first.local_id:
                return first, entity
        elif first is not None and token.lower_ in ("and", "&"):
            seen_and = True
        elif token.tag_ in ("VBD", "VBZ", "VBP", "MD") or token.lower_ in ("which", "who"):
            return None
    return None


class PartyResolver:
    """Resolves every plural reference of a document, in text order, to two actors.

    "the two parties" means the pair the text last opposed explicitly ("between A and B") or
    resolved before, within a few sentences; failing that, the two organisations the report
    mentions most among those named in the preceding sentences.
    """

    def __init__(self, view: DocView, window: int = 3) -> None:
        self.view = view
        self.window = window
        self.pairs: list[tuple[int, tuple[DocEntity, DocEntity]]] = []
        self.coordinated: list[tuple[int, tuple[DocEntity, DocEntity]]] = []
        self.resolved: dict[int, tuple[DocEntity, DocEntity]] = {}
        self._walk()

    def _walk(self) -> None:
        doc = self.view.analyzed.doc
        for token in doc:
            self._note_coordination(token)
            if token.lower_ == "between":
                sides = between_sides(self.view, token)
                if (
                    len(sides) == 2
                    and sides[0]
                    and sides[1]
                    and sides[0] is not sides[1]
                    and self.view.is_actor(sides[0])
                    and self.view.is_actor(sides[1])
                ):
                    self.pairs.append((token.i, (sides[0], sides[1])))
                    continue
            bounds = mutual_expression_at(self.view, token)
            if bounds is None:
                continue
            pair = self._resolve(token)
            if pair is not None:
                for i in range(*bounds):
                    self.resolved[i] = pair
                self.pairs.append((token.i, pair))

    def _resolve(self, token: Token) -> tuple[DocEntity, DocEntity] | None:
        # Count sentences, not headings or captions, back to the window's start.
        here = self.view.token_segment[token.i]
        first = here
        counted = 0
        while first > 0 and counted < self.window:
            first -= 1
            counted += has_verb(self.view.segments[first])
        first_segment = self.view.segments[first]
        for position, pair in reversed(self.pairs):
            if position < first_segment.start:
                break
            return pair
        # "the Sultan Suleiman Shah Division and the Hamza Division were reorganised ... the
        # two factions": the last two organisations named together.
        for position, pair in reversed(self.coordinated):
            if first_segment.start <= position < token.i:
                return pair
        return self._salient_pair(token, first_segment.start)

    def _note_coordination(self, token: Token) -> None:
        """Record "A and B" when both name organisations, by the parse or, past the modifiers
        of A ("A, led by X, and B"), by surface order within the clause."""
        first = second = None
        if token.dep_ == "conj" and token.head.i < token.i:
            first, second = entity_of_noun(self.view, token.head), entity_of_noun(self.view, token)
        slot = self.view.slot_of(token)
        if (first is None or first.type != "ORG") and slot is not None and slot.start == token.i:
            first, second = self._surface_partner(token.i), slot.entity
        if (
            first is not None
            and second is not None
            and first is not second
            and first.type == second.type == "ORG"
            and self.view.is_actor(first)
            and self.view.is_actor(second)
        ):
            self.coordinated.append((token.i, (first, second)))

    def _salient_pair(self, token: Token, start: int) -> tuple[DocEntity, DocEntity] | None:
        view = self.view
        candidates: dict[str, DocEntity] = {}
        order: dict[str, int] = {}
        for slot in view.slots:
            if slot.start < start or slot.end > token.i:
                continue
            if not view.is_actor(slot.entity) or not has_verb(
                view.segment_of(token.doc[slot.start])
            ):
                continue
            candidates[slot.entity.local_id] = slot.entity
            order[slot.entity.local_id] = slot.start
        ranked = sorted(
            candidates.values(),
            key=lambda e: (e.type != "ORG", -view.counts[e.local_id], -order[e.local_id]),
        )
        bounds = mutual_expression_at(view, token) or (token.i, token.i + 1)
        words = {t.lower_ for t in token.doc[bounds[0] : bounds[1]]}
        armed = [e for e in ranked if e.subtype == "armed_group"]
        if len(armed) >= 2 and words & {"factions", "groups", "movements"}:
            ranked = armed  # "the two factions" are armed groups, not a state or the EU
        if len(ranked) < 2:
            return None
        return ranked[0], ranked[1]

    def _surface_partner(self, start: int) -> DocEntity | None:
        doc = self.view.analyzed.doc
        k = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
        if k < 0 or doc[k].lower_ != "and":
            return None
        for slot in reversed(self.view.slots_between(self.view.segment_of(doc[k]).start, k)):
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[slot.end : k]):
                return None
            if slot.entity.type == "ORG" and self.view.is_actor(slot.entity):
                return slot.entity
        return None

    def pair_at(self, token: Token) -> tuple[DocEntity, DocEntity] | None:
        """The two actors a plural reference at `token` stands for."""
        return self.resolved.get(token.i)


_RESOLVERS: dict[int, tuple[object, PartyResolver]] = {}


def parties(view: DocView) -> PartyResolver:
    """The (cached) plural-reference resolver of a document."""
    return cached_for(_RESOLVERS, view, lambda: PartyResolver(view))


def mutual_pair(view: DocView, token: Token) -> tuple[DocEntity, DocEntity] | None:
    """The two actors "the two parties" / "each other" / "between them" at `token` refers to."""
    return parties(view).pair_at(token)
