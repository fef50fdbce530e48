"""A parsed document seen token by token: which entity each token names, clause-sized segments,
and the noun lists (from relations.yaml) that argument finding relies on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from factionmap.extract.cues import load_lexicon, word_set
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DateMention, DocEntity
from factionmap.resolve.appositions import SOURCE as DESCRIPTION
from factionmap.resolve.names import surface_key

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(frozen=True, slots=True)
class Nouns:
    """Word lists (from the relations lexicon) that argument finding relies on."""

    group: frozenset[str]
    place: frozenset[str]
    specifiers: tuple[tuple[str, ...], ...]
    directions: frozenset[str]
    group_anaphors: frozenset[str]
    demonyms: dict[str, tuple[str, ...]]  # "turkish" → names of Turkey
    participles: frozenset[str]  # "backed", "based": "X-backed Y" is no X


@lru_cache(maxsize=1)
def nouns() -> Nouns:
    """The noun lists of relations.yaml."""
    data = load_lexicon("relations.yaml")["nouns"]
    return Nouns(
        group=word_set(data["group"]),
        place=word_set(data["place"]),
        specifiers=tuple(tuple(s.split()) for s in data["specifiers"]),
        directions=word_set(data["directions"]),
        group_anaphors=word_set(data["group_anaphors"]),
        demonyms={
            k.lower(): tuple(v or ()) for k, v in load_lexicon("relations.yaml")["demonyms"].items()
        },
        participles=frozenset(
            [c["cue"] for c in load_lexicon("relations.yaml")["compound"]]
            + ["based", "born", "linked", "made", "owned", "dominated"]
        ),
    )


@dataclass(frozen=True, slots=True)
class Slot:
    """One entity mention aligned to tokens [start, end)."""

    entity: DocEntity
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocView:
    """An analysed document with per-token entity lookups and clause-sized segments."""

    analyzed: AnalyzedDocument
    slots: tuple[Slot, ...]
    token_slot: tuple[int, ...]  # index into slots, -1 outside any mention
    segments: tuple[Span, ...]
    token_segment: tuple[int, ...]
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def text(self) -> str:
        """The document's cleaned text."""
        return self.analyzed.document.text

    def slot_of(self, token: Token) -> Slot | None:
        """The mention a token belongs to."""
        index = self.token_slot[token.i]
        return self.slots[index] if index >= 0 else None

    def entity_of(self, token: Token) -> DocEntity | None:
        """The entity a token names, if it is inside a mention."""
        slot = self.slot_of(token)
        return slot.entity if slot else None

    def segment_of(self, token: Token) -> Span:
        """The segment (sentence, split at line breaks) holding a token."""
        return self.segments[self.token_segment[token.i]]

    def slots_between(self, start: int, end: int) -> list[Slot]:
        """Mentions lying entirely within tokens [start, end), in text order."""
        return [s for s in self.slots if s.start >= start and s.end <= end]

    def is_media(self, entity: DocEntity) -> bool:
        """True for news outlets: they report, they are not parties to what they report."""
        outlet = (self.analyzed.document.outlet or "").lower()
        return entity.subtype == "media" or (bool(outlet) and entity.name.lower() == outlet)

    def is_actor(self, entity: DocEntity) -> bool:
        """People and organisations other than news outlets."""
        return entity.type in ("PERSON", "ORG") and not self.is_media(entity)


_Value = TypeVar("_Value")
_VIEWS: dict[int, tuple[object, DocView]] = {}


def cached_for(
    cache: dict[int, tuple[object, _Value]], owner: object, build: Callable[[], _Value]
) -> _Value:
    """A value built once per live object, keyed by identity (a reused id is rebuilt)."""
    hit = cache.get(id(owner))
    if hit is not None and hit[0] is owner:
        return hit[1]
    if len(cache) > 32:
        cache.clear()  # one ingest batch at a time: old documents are done with
    value = build()
    cache[id(owner)] = (owner, value)
    return value


def view_of(analyzed: AnalyzedDocument) -> DocView:
    """The (cached) token view of an analysed document."""
    return cached_for(_VIEWS, analyzed, lambda: _build_view(analyzed))


def _build_view(analyzed: AnalyzedDocument) -> DocView:
    doc = analyzed.doc
    token_slot = [-1] * len(doc)
    slots: list[Slot] = []
    counts: Counter[str] = Counter()
    for entity in analyzed.entities:
        for mention in entity.mentions:
            if mention.source == DESCRIPTION:
                # A description beside its name ("Volesky, commander of ...") is the text
                # the patterns read between arguments, not an argument of its own.
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or any(token_slot[i] >= 0 for i in range(span.start, span.end)):
                continue
            counts[entity.local_id] += 1
            slots.append(Slot(entity, span.start, span.end))
    slots.sort(key=lambda s: s.start)
    for index, slot in enumerate(slots):
        for i in range(slot.start, slot.end):
            token_slot[i] = index
    segments: list[Span] = []
    for sent in doc.sents:
        start = None
        for token in sent:
            # Headings and captions are glued to the next sentence by the parser; a line
            # break ends a segment.
            if token.is_space and "\n" in token.text:
                if start is not None:
                    segments.append(doc[start : token.i])
                start = None
            elif start is None:
                start = token.i
        if start is not None:
            segments.append(doc[start : sent.end])
    token_segment = [0] * len(doc)
    for number, segment in enumerate(segments):
        for i in range(segment.start, segment.end):
            token_segment[i] = number
    # Space tokens between segments belong to the segment before them.
    for i in range(1, len(doc)):
        if doc[i].is_space and token_segment[i] < token_segment[i - 1]:
            token_segment[i] = token_segment[i - 1]
    return DocView(analyzed, tuple(slots), tuple(token_slot), tuple(segments),
                   tuple(token_segment), counts)  # fmt: skip


def verbal(view: DocView, token: Token) -> bool:
    """True for a verb, or a verb the tagger took for a plural noun right after its subject
    ("the Hamza Division coordinates with ...")."""
    if token.tag_.startswith("VB"):
        return True
    if token.tag_ not in ("NNS", "VBZ") or token.i == 0 or token.dep_ not in ("ROOT", "conj"):
        return False
    return view.slot_of(token.doc[token.i - 1]) is not None


def has_verb(span: Span) -> bool:
    """True when a segment has a finite verb: headings, bylines and captions usually do not."""
    return any(t.tag_ in FINITE or (t.pos_ == "VERB" and t.dep_ == "ROOT") for t in span)


def metonym_actor(view: DocView, entity: DocEntity) -> DocEntity:
    """The state a capital or country stands for as a subject ("Damascus insists ...", "Ankara
    and Damascus held talks"), when the report names that state; else the place itself."""
    if entity.type != "LOCATION":
        return entity
    key = surface_key(entity.name)
    for names in nouns().demonyms.values():
        keys = {surface_key(n) for n in names}
        if key not in keys:
            continue
        for other in view.analyzed.entities:
            if other.type != "ORG" or other is entity:
                continue
            if surface_key(other.name) in keys or any(
                surface_key(a) in keys for a in other.aliases
            ):
                return other
    return entity


def state_entity(view: DocView, names: tuple[str, ...]) -> DocEntity | None:
    """The document's entity for a state named by a demonym ("Turkish" → Turkey)."""
    keys = {surface_key(n) for n in names}
    for entity in view.analyzed.entities:
        if entity.type != "ORG":
            continue  # "Damascus" the city is no actor; the state is
        if surface_key(entity.name) in keys or any(surface_key(a) in keys for a in entity.aliases):
            return entity
    return None


# Edges that open a clause of its own: dates inside one do not date what lies outside it.
_CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"})
# Noun modifiers that describe an entity on their own terms ("HTS, the group that controls
# Idlib"): what they assert is dated only by what they contain.
_DESCRIPTIONS = frozenset({"relcl", "acl", "appos"})
_EMBEDDING = _CLAUSE_HEADS | _DESCRIPTIONS
# Reported content, infinitival complements and coordinated clauses share the time of the
# clause they hang on when they state none of their own.
_SHARES_PARENT = frozenset({"ccomp", "xcomp"})


def _clause_head(token: Token) -> Token:
    current = token
    for _ in range(40):
        if current.dep_ in _DESCRIPTIONS and current.i != token.i:
            return current
        if current.dep_ in _CLAUSE_HEADS or current.head.i == current.i:
            return current
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return current
        current = current.head
    return current


def _own_tokens(head: Token, keep: Token) -> set[int]:
    """The subtree of a clause head without the embedded clauses that do not hold `keep`."""
    own: set[int] = set()
    stack = [head]
    while stack:
        current = stack.pop()
        own.add(current.i)
        for child in current.children:
            embedded = child.dep_ in _EMBEDDING or (
                child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            )
            if child.dep_ == "appos" and child.ent_type_ == "DATE":
                embedded = False  # "recaptured Mosul, its capital, early July": a misread time
            if embedded and not (child.left_edge.i <= keep.i <= child.right_edge.i):
                continue
            stack.append(child)
    return own


def _inherits(head: Token) -> bool:
    """True when a clause takes the time of the clause above it: reported content, a second
    conjunct, or a relative clause about an event ("a speech in which he spoke of ...")."""
    if head.dep_ in _SHARES_PARENT or (head.dep_ == "conj" and head.pos_ in ("VERB", "AUX")):
        return True
    if head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("as", "while", "when") for c in head.children
    ):
        return True  # "Today fighting is paused as talks continue": the same time
    if head.dep_ != "relcl":
        return False
    if head.left_edge.lower_ in ("when", "where"):
        return True  # "since 2012 when X withdrew and handed over": "when" hung lower
    for child in head.children:
        if child.lower_ in ("when", "where"):
            return True
        if child.dep_ == "prep" and any(g.lower_ == "which" for g in child.children):
            return True
    return False


def date_scopes(token: Token) -> list[set[int]]:
    """Token sets whose dates may date an assertion cued at `token`, nearest first: its own
    clause (or the description it sits in), then the clauses it takes its time from."""
    head = _clause_head(token)
    scopes = [_own_tokens(head, token)]
    while _inherits(head) and head.head.i != head.i:
        if head.dep_ == "relcl":  # "a speech delivered in 2019, in which ...": the event noun
            scopes.append({t.i for t in head.head.subtree})
        parent = _clause_head(head.head)
        scopes.append(_own_tokens(parent, token))
        head = parent
    return scopes


def scoped_date(doc: Doc, dates: Sequence[DateMention], anchor: Token) -> DateMention | None:
    """The resolved date dating an assertion cued at `anchor`: the nearest in its clause's
    scope ("Every Friday since February, ... HTS, the group that controls Idlib" leaves the
    control undated), explicit dates before anaphoric ones ("at the time")."""
    from factionmap.extract.dates import is_reference

    start, end = anchor.idx, anchor.idx + len(anchor)

    def distance(mention: DateMention) -> int:
        return max(0, mention.start - end, start - mention.end)

    located = _located_dates(doc, dates)
    scopes = cached_for(_SCOPES, anchor.doc, dict)
    if anchor.i not in scopes:
        scopes[anchor.i] = date_scopes(anchor)  # frames and relations ask for one anchor twice
    for scope in scopes[anchor.i]:
        inside = [m for m, tokens in located if tokens & scope]
        explicit = [d for d in inside if not is_reference(d)]
        if explicit:
            return min(explicit, key=distance)
        references = [d for d in inside if is_reference(d)]
        if references:
            return min(references, key=distance)
    return None


_SCOPES: dict[int, tuple[object, dict[int, list[set[int]]]]] = {}
_LOCATED: dict[int, tuple[object, tuple[Doc, list[tuple[DateMention, set[int]]]]]] = {}


def _located_dates(doc: Doc, dates: Sequence[DateMention]) -> list[tuple[DateMention, set[int]]]:
    """Each resolved date with its tokens; asked once per assertion, so built once per
    document's (immutable) tuple of dates."""

    def locate() -> list[tuple[DateMention, set[int]]]:
        located = []
        for mention in dates:
            span = doc.char_span(mention.start, max(mention.start + 1, mention.end), "expand")
            if mention.value and span is not None and len(span):
                located.append((mention, {t.i for t in span}))
        return located

    if not isinstance(dates, tuple) or not dates:
        return locate()
    owner, located = cached_for(_LOCATED, dates, lambda: (doc, locate()))
    return located if owner is doc else locate()
