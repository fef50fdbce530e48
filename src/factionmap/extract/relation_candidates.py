"""The lexicon of relation cues, compiled once, and the candidate record pattern families emit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from factionmap.extract.cues import PhraseIndex, load_lexicon, phrase_variants, word_set
from factionmap.records import DocEntity, Modality, Polarity


@dataclass(frozen=True, slots=True)
class PredicateSpec:
    """Argument types of a predicate and how a date in its sentence is read."""

    name: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    date: str  # "start" or "as_of"
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class LinkCue:
    """A cue of the "link" family: "A <cue> B" (or reversed, or passive "B <cue> A")."""

    phrase: str
    predicates: tuple[str, ...]
    reverse: bool = False
    passive: bool = False
    confidence: float = 0.7
    event: bool = False  # the cue reports a change (capture, joining): a date is its start
    realis: bool = False  # only a done act counts ("supports" as a habit is too vague otherwise)
    locations: bool = False
    near_agent: bool = False  # the agent must be the cue noun's own possessor or "of" phrase
    kind: str = "phrase"  # "verb" and "noun" cues must be tagged so ("fight" the noun is no verb)


@dataclass(frozen=True, slots=True)
class CompoundCue:
    """A participle of the "compound" family: "Turkish-backed", "HTS-held"."""

    cue: str
    predicate: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class RoleCue:
    """A role noun tying a person to an organisation."""

    phrase: str
    predicate: str


@dataclass(frozen=True, slots=True)
class FrameCue:
    """A predicate read off frames of the listed lemmas, between their agent and arguments."""

    predicate: str
    arguments: frozenset[str]  # "patient" or the words introducing obliques
    mutual: frozenset[str]  # lemmas whose coordinated agents act on one another
    stance: bool = False  # a planned act counts as the stance it shows
    reverse: bool = False
    holder: str | None = None  # the argument that held what the act takes ("from")
    qualifiers: frozenset[str] = frozenset()  # the trigger counts only with one of these
    receives: frozenset[str] = frozenset()  # the blows a receiving verb must take ("fire")
    passive: bool = False  # only in the passive: "A was joined by B"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation found by one pattern family, before time, polarity and attribution."""

    subject: DocEntity
    predicate: str
    object: DocEntity
    anchor: Token  # the cue's head token: polarity, attribution and dates are read from it
    cue_start: int  # token bounds of the cue
    cue_end: int
    confidence: float
    family: str
    ended: bool = False
    date_as: str | None = None  # "start" / "as_of" / "end", overriding the predicate's default
    polarity: Polarity | None = None  # decided by the family itself, else from the cue's scope
    modality: Modality | None = None  # the frame's, for relations read off a frame
    realis: bool = False  # only an asserted act counts: drop the candidate when hedged or negated


@dataclass(frozen=True, slots=True)
class RelationLexicon:
    """Everything relations.yaml says, compiled for matching."""

    predicates: dict[str, PredicateSpec]
    links: PhraseIndex
    compounds: dict[str, CompoundCue]
    roles: PhraseIndex
    role_links_start: PhraseIndex
    role_links_state: PhraseIndex
    ended: frozenset[str]
    subordinate: frozenset[str]
    role_modifiers: frozenset[str]
    role_prepositions: frozenset[str]
    formation_verbs: frozenset[str]
    formation_leads: tuple[tuple[str, ...], ...]
    demonyms: dict[str, tuple[str, ...]]
    group_heads: frozenset[str]  # words that make a name a group's ("front", "division")
    part_nouns: frozenset[str]  # lemmas naming a body as another's own ("the SDF's security force")
    stronghold_nouns: frozenset[str]  # a place named as an actor's hold ("X's last bastion")
    frames: dict[str, tuple[FrameCue, ...]]  # by trigger lemma
    joint_adverbs: frozenset[str]  # "fought X together": the agents are allies
    joint_adjectives: frozenset[str]  # "a joint raid"


def _kind(entry: dict[str, Any]) -> tuple[str, str]:
    for kind in ("verb", "noun", "phrase"):
        if kind in entry:
            return kind, entry[kind]
    raise ValueError(f"relations.yaml: a link cue needs verb, noun or phrase: {entry}")


@lru_cache(maxsize=1)
def relation_lexicon() -> RelationLexicon:
    """relations.yaml, compiled."""
    data = load_lexicon("relations.yaml")
    predicates = {
        name: PredicateSpec(
            name,
            tuple(spec["subject"]),
            tuple(spec["object"]),
            spec["date"],
            bool(spec.get("symmetric")),
        )  # fmt: skip
        for name, spec in data["predicates"].items()
    }
    links = PhraseIndex()
    for entry in data["link"]:
        kind, phrase = _kind(entry)
        wanted = entry["predicate"]
        cue = LinkCue(
            phrase=phrase,
            predicates=tuple(wanted) if isinstance(wanted, list) else (wanted,),
            reverse=bool(entry.get("reverse")),
            passive=bool(entry.get("passive")),
            confidence=float(entry.get("confidence", 0.7)),
            event=bool(entry.get("event")),
            realis=bool(entry.get("realis")),
            locations=entry.get("objects") == "location",
            near_agent=entry.get("agent") == "near",
            kind=kind,
        )
        for variant in phrase_variants(phrase, kind):
            links.add(variant, cue)
    roles = PhraseIndex()
    for predicate, phrases in data["roles"].items():
        for phrase in phrases:
            # Plurals too: "one of its founders" names one (role_candidates decides).
            for variant in phrase_variants(phrase, "noun"):
                roles.add(variant, RoleCue(phrase, predicate))
    start_links, state_links = PhraseIndex(), PhraseIndex()
    for phrase in data["role_links"]["start"]:
        start_links.add(phrase_variants(phrase, "plain").pop(), phrase)
    for phrase in data["role_links"]["state"]:
        state_links.add(phrase_variants(phrase, "plain").pop(), phrase)
    frames: dict[str, list[FrameCue]] = {}
    for entry in data["frames"]:
        frame_cue = FrameCue(
            predicate=entry["predicate"],
            arguments=frozenset(entry["arguments"]),
            mutual=frozenset(entry.get("mutual", ())),
            stance=bool(entry.get("stance")),
            reverse=bool(entry.get("reverse")),
            holder=entry.get("holder"),
            qualifiers=frozenset(entry.get("qualifiers", ())),
            receives=frozenset(entry.get("receives", ())),
            passive=bool(entry.get("passive")),
        )
        for lemma in entry["lemmas"]:
            frames.setdefault(lemma, []).append(frame_cue)
    return RelationLexicon(
        predicates=predicates,
        links=links,
        compounds={
            c["cue"]: CompoundCue(c["cue"], c["predicate"], bool(c.get("reverse")))
            for c in data["compound"]
        },  # fmt: skip
        roles=roles,
        role_links_start=start_links,
        role_links_state=state_links,
        ended=word_set(data["ended_modifiers"]),
        subordinate=word_set(data["subordinate_modifiers"]),
        role_modifiers=word_set(data["role_modifiers"]),
        role_prepositions=word_set(data["role_prepositions"]),
        formation_verbs=frozenset().union(
            *(word_set([v], "verb") for v in data["formation_verbs"])
        ),
        formation_leads=tuple(tuple(p.split()) for p in data["formation_leads"]),
        demonyms={k.lower(): tuple(v or ()) for k, v in data["demonyms"].items()},
        group_heads=word_set(data["group_heads"]),
        part_nouns=frozenset(p.lower() for p in data["part_nouns"]),
        stronghold_nouns=frozenset(p.lower() for p in data["stronghold_nouns"]),
        frames={lemma: tuple(cues) for lemma, cues in frames.items()},
        joint_adverbs=word_set(data["joint"]["adverbs"]),
        joint_adjectives=word_set(data["joint"]["adjectives"]),
    )


def fits(entity: DocEntity, types: tuple[str, ...]) -> bool:
    """True when an entity's type is one a predicate argument allows."""
    return entity.type in types


def typed_predicate(
    lexicon: RelationLexicon, predicates: tuple[str, ...], subject: DocEntity, obj: DocEntity
) -> str | None:
    """The first of the cue's predicates whose argument types the two entities fit."""
    if subject.local_id == obj.local_id:
        return None
    for name in predicates:
        spec = lexicon.predicates[name]
        if fits(subject, spec.subject) and fits(obj, spec.object):
            return name
    return None
