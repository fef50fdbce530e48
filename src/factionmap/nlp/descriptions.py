"""Descriptions of armed groups that name one actor where and when they are written.

"Government forces" in a report set in Syria name the Syrian Arab Army until December 2024
and the transitional government's army after it; "Turkish-backed factions" in northern Syria
name the Syrian National Army once it exists. Which description names whom is data
(`data/lexicons/descriptions.yaml`); the dictionary's dated aliases pick the actor of the
article's date, so a description adds no dates of its own beyond its entry's period.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factionmap.extract.cues import load_lexicon
from factionmap.geo.demonyms import demonym_country, demonyms_of
from factionmap.nlp.mentions import dictionary_mention
from factionmap.nlp.places import PlaceNames
from factionmap.records import Document, Mention
from factionmap.resolve.dictionary import ActorDictionary, ActorEntry


@dataclass(frozen=True, slots=True)
class Description:
    """One lexicon entry: a pattern, the actor's name, and where and when it holds."""

    pattern: re.Pattern[str]
    actor: str
    country: str | None
    start: str | None
    end: str | None


@lru_cache(maxsize=1)
def descriptions() -> tuple[Description, ...]:
    """The packaged descriptions, compiled once."""
    return tuple(
        Description(
            re.compile(raw["pattern"]),
            raw["actor"],
            raw.get("country"),
            raw.get("from"),
            raw.get("until"),
        )
        for raw in load_lexicon("descriptions.yaml").get("descriptions", [])
    )


def setting_country(mentions: Sequence[Mention], places: PlaceNames) -> str | None:
    """The country most of the document's places lie in (ISO code), if it names places."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.type != "LOCATION":
            continue
        key = mention.actor_key or ""
        name = key[len("place:") :] if key.startswith("place:") else mention.text
        entry = places.country(name) or places.place(name)
        if entry is not None and entry.country:
            counts[entry.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _in_period(description: Description, date: str | None) -> bool:
    if description.start and (date is None or date[: len(description.start)] < description.start):
        return False
    return not (description.end and date is not None and date >= description.end)


def _actor(
    description: Description, country: str | None, date: str | None, dictionary: ActorDictionary
) -> ActorEntry | None:
    """The entry the description names in this country on this date, if exactly known."""
    names = [description.actor]
    if "{demonym}" in description.actor:
        if country is None:
            return None
        names = [description.actor.format(demonym=d) for d in demonyms_of(country)]
    for name in names:
        entry = dictionary.lookup(name)
        if entry is not None:
            return dictionary.at_date(entry, name, date)
    return None


def description_mentions(
    document: Document,
    mentions: Sequence[Mention],
    dictionary: ActorDictionary,
    places: PlaceNames,
) -> list[Mention]:
    """Mentions of the actors the document's group descriptions name, keyed to the actor."""
    country = setting_country(mentions, places)
    date = document.published
    found: list[Mention] = []
    for description in descriptions():
        if description.country and description.country != country:
            continue
        if not _in_period(description, date):
            continue
        own_demonym = "demonym" in description.pattern.groupindex
        entry = None if own_demonym else _actor(description, country, date, dictionary)
        if entry is None and not own_demonym:
            continue
        for match in description.pattern.finditer(document.text):
            if own_demonym:
                # "Syrian forces": the demonym written names the country, not the setting.
                named = demonym_country(match.group("demonym"))
                entry = _actor(description, named, date, dictionary)
            if entry is None:
                continue
            group = "name" if "name" in description.pattern.groupindex else 0
            start, end = match.span(group)
            found.append(dictionary_mention(document, start, end, entry))
    return sorted(found, key=lambda m: m.start)
