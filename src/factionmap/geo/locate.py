"""Place a document's LOCATION entities on the map, reading each name with its phrase."""

from __future__ import annotations

import re
from dataclasses import asdict

from factionmap.geo.toponyms import PlaceContext, PlaceResolver, default_resolver
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import Geo, Mention

# The words around a place name that say which feature is meant ("the city of Idlib",
# "Idlib governorate", "the northern countryside of Aleppo", "rural Idlib").
_BEFORE = re.compile(
    r"(?:(?:the\s+)?(?:(?:northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|central)\s+(?:and\s+\w+\s+)?)?"
    r"(?:city|town|village|countryside|province|governorate|outskirts|suburbs?|district|"
    r"region|area|areas|camp|plain)\s+of\s+|rural\s+|(?:north|south|east|west)(?:-?(?:east|west))?"
    r"\s+of\s+)$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^\s+(?:governorate|province|city|countryside|district|subdistrict|region|area|camp|"
    r"crossing|border crossing|plain)\b",
    re.IGNORECASE,
)


def place_phrase(text: str, mention: Mention) -> str:
    """The mention with the feature words around it that decide city vs region."""
    start, end = mention.start, mention.end
    before = _BEFORE.search(text[max(0, start - 60) : start])
    if before:
        start -= len(before.group(0))
    after = _AFTER.match(text[end : end + 30])
    if after:
        end += after.end()
    return text[start:end]


def locate_places(
    analyzed: AnalyzedDocument, resolver: PlaceResolver | None = None
) -> dict[str, dict]:
    """Geo of each LOCATION entity (by local id) as a JSON-ready dict, in document order."""
    resolver = resolver or default_resolver()
    context = PlaceContext()
    located: dict[str, dict] = {}
    text = analyzed.document.text
    places = [e for e in analyzed.entities if e.type == "LOCATION"]
    for entity in sorted(places, key=lambda e: e.mentions[0].start):
        geo: Geo | None = None
        for mention in entity.mentions:
            geo = resolver.resolve(place_phrase(text, mention), context) or resolver.resolve(
                mention.text, context
            )
            if geo is not None:
                break
        if geo is None:
            geo = resolver.resolve(entity.name, context)
        if geo is not None:
            context = context.with_place(geo)
            located[entity.local_id] = asdict(geo)
    return located
