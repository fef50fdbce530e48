"""Typed records that cross module boundaries: documents, mentions, entities and assertions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["PERSON", "ORG", "LOCATION"]
Polarity = Literal["asserted", "negated", "possible"]
# How surely an act or fact holds, as the frame under it tells it: stated by the outlet
# ("asserted"), by a source it reports ("reported"), denied ("negated"), announced or intended
# ("planned": "would strike", "vowed to attack"), asked of someone ("demanded": "urged them to
# attack") or only considered ("possible": "may attack", "if attacked").
Modality = Literal["asserted", "reported", "negated", "planned", "possible", "demanded"]
MODALITIES: tuple[str, ...] = ("asserted", "reported", "negated", "planned", "possible", "demanded")
# The modalities under which an act took place: only these count as events.
HAPPENED: frozenset[str] = frozenset({"asserted", "reported"})
Precision = Literal["day", "month", "year"]
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "LOCATION")
# The PLOVER event types of shared/ontology.md, the only values an event's type takes.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read from its source, before page furniture is removed."""

    text: str
    file: str
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    translated_from: str | None = None  # URL of the article this one translates


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, with the one-line reason."""

    file: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article after cleaning; offsets everywhere refer to `text`."""

    id: str
    text: str
    file: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO prefix: "2022", "2022-05" or "2022-05-12"
    language: str = "en"
    author: str | None = None
    verified: bool = True  # False when the outlet says it has not verified the story
    translated_from: str | None = None  # URL of the article it translates (it counts once)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact rests: a character span of a document's cleaned text."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an actor or place found in a document."""

    doc: str
    start: int
    end: int
    text: str
    type: EntityType
    subtype: str | None = None
    actor_key: str | None = None  # key of the curated dictionary entry it matched, if any
    source: str = "model"  # "dictionary", "model" or "discovered"


@dataclass(frozen=True, slots=True)
class DocEntity:
    """Mentions of one actor within one document, before cross-document resolution."""

    local_id: str
    name: str
    type: EntityType
    subtype: str | None
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    actor_key: str | None = None
    roles: tuple[str, ...] = ()  # titles and roles stripped from names ("Brigadier General")


@dataclass(frozen=True, slots=True)
class TimeSpec:
    """Time bounds of a relation or the date of an event, as ISO prefixes keeping precision."""

    start: str | None = None
    end: str | None = None
    as_of: str | None = None

    def is_empty(self) -> bool:
        """True when no bound is known."""
        return self.start is None and self.end is None and self.as_of is None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression normalised against the publication date."""

    start: int
    end: int
    text: str
    value: str | None  # ISO prefix, None when it cannot be resolved
    precision: Precision | None
    relation: Literal["at", "since", "until"] = "at"


@dataclass(frozen=True, slots=True)
class Relation:
    """An asserted, time-bounded relation between two entities (document-local ids)."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    time: TimeSpec = field(default_factory=TimeSpec)
    polarity: Polarity = "asserted"
    attributed_to: str | None = None
    confidence: float = 0.5
    modality: Modality = "asserted"
    # Which extractor mechanism proposed it ("frame", "link", "compound", ...): precision is
    # measured per mechanism, and a reader can see how a fact was found.
    mechanism: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER-typed event between entities (document-local ids)."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    evidence: Evidence
    location: str | None = None
    date: str | None = None
    precision: Precision | None = None
    attributed_to: str | None = None
    mode: str | None = None
    modality: Modality = "asserted"
    date_basis: Literal["text", "reported"] | None = None  # the clause's date, or the report's

    @property
    def happened(self) -> bool:
        """True when the event is told as having taken place (it counts as an event)."""
        return self.modality in HAPPENED


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation with its speaker (document-local id or None) and cue verb."""

    text: str
    doc: str
    start: int
    end: int
    speaker: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Geo:
    """Where a place is, with ACLED-style precision (1 town, 2 near/part of region, 3 region)."""

    lat: float
    lon: float
    source: str
    feature: str = "city"
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: int = 1
    geonameid: int | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Assertion:
    """One stored relation as the history sees it: what was claimed, when, by which report."""

    id: int
    subject: str
    predicate: str
    object: str
    polarity: str
    start: str | None  # valid time the text gives
    end: str | None
    as_of: str | None
    reported: str | None  # the document's publication date (report time)
    doc: str
    outlet: str | None
    verified: bool = True
    opening: str = ""  # the document's first few hundred characters: a wire's dateline credit
    # The report it counts as for corroboration, when not its own document's: a longer
    # stored report that wholly contains it, or the stored original it translates.
    report_outlet: str | None = None
    report_opening: str | None = None
    report_doc: str | None = None
    original: str | None = None  # a translation's original, by URL, when not stored
    attributed: str | None = None  # the name of whom the text attributes the claim to
    evidence: str = ""  # the sentence the claim rests on


@dataclass(frozen=True, slots=True)
class Interval:
    """A stretch of valid time over which one (subject, predicate, object) held."""

    start: str | None  # None: held since before anything we have
    end: str | None  # None: still holds on the latest evidence
    start_evidence: int | None  # assertion id the start rests on
    end_evidence: int | None
    start_basis: str | None  # "text" (a date in the text), "as_of" or "reported"
