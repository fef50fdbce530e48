"""The PLOVER event lexicon (data/lexicons/events.yaml), compiled once for matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factionmap.extract.cues import PhraseIndex, load_lexicon, phrase_variants, word_set


@dataclass(frozen=True, slots=True)
class EventType:
    """What an event type needs and where its target is found."""

    name: str
    needs_target: bool
    targets: frozenset[str]
    bare: bool = False  # may stand without a target when a named source plainly acts


@dataclass(frozen=True, slots=True)
class EventCue:
    """One cue of an event type, with the options that change how its arguments are read."""

    type: str
    phrase: str
    kind: str  # "verb", "noun" or "phrase"
    mode: str | None = None
    of_target: bool = False
    mutual: bool = False
    person_source: bool = False
    host: bool = False
    objects: frozenset[str] = frozenset()
    pejorative: bool = False
    bare: bool = True  # False: this cue never stands without a target ("warned that ...")


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """events.yaml, compiled."""

    types: dict[str, EventType]
    cues: PhraseIndex
    speech: PhraseIndex
    wrongs: frozenset[str]
    deontic_words: frozenset[str]
    pejoratives: frozenset[str]
    passive_actors: frozenset[str]


def _cue(type_name: str, kind: str, entry: dict[str, Any]) -> EventCue:
    return EventCue(
        type=type_name,
        phrase=entry["cue"],
        kind=kind,
        mode=entry.get("mode"),
        of_target=entry.get("of") == "target",
        mutual=bool(entry.get("mutual")),
        person_source=bool(entry.get("person_source")),
        host=bool(entry.get("host")),
        objects=frozenset(entry.get("objects") or ()),
        pejorative=bool(entry.get("pejorative")),
        bare=entry.get("bare", True) is not False,
    )


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """events.yaml, compiled."""
    data = load_lexicon("events.yaml")
    types: dict[str, EventType] = {}
    cues = PhraseIndex()
    speech = PhraseIndex()
    deontic: set[str] = set()
    wrongs: set[str] = set()
    for name, spec in data["types"].items():
        targets = spec["targets"]
        if not all(isinstance(t, str) for t in targets):
            # YAML reads a bare `on` as true: the preposition must be quoted.
            raise ValueError(f"events.yaml: {name} targets must be quoted words: {targets}")
        types[name] = EventType(
            name, bool(spec.get("needs_target")), frozenset(targets), bool(spec.get("bare"))
        )
        for kind, key in (("verb", "verbs"), ("noun", "nouns"), ("phrase", "phrases")):
            for entry in spec.get(key) or ():
                cue = _cue(name, kind, entry)
                for variant in phrase_variants(cue.phrase, kind):
                    cues.add(variant, cue)
        criticism = spec.get("criticism")
        if criticism:
            for phrase in criticism["speech"]:
                for variant in phrase_variants(phrase, "verb"):
                    speech.add(variant, EventCue(name, phrase, "verb"))
            wrongs |= word_set(criticism["wrongs"])
        deontic |= {word for word in spec.get("deontic") or () if " " not in word}
    return EventLexicon(
        types=types,
        cues=cues,
        speech=speech,
        wrongs=frozenset(wrongs),
        deontic_words=frozenset(deontic),
        pejoratives=word_set(data["pejoratives"]),
        passive_actors=frozenset(data["passive_actors"]),
    )
