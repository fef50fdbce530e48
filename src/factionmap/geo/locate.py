"""Place a document's LOCATION mentions on the map, each read with its phrase and context.

Two passes. The first reads every mention without context, to learn which countries the
document is about; the second reads them again in order with that context, so that a
report from Pennsylvania keeps "Palmyra" abroad and a report from Idlib finds its
villages. Every mention gets its own point; an entity's point is the one most of its
mentions resolve to (ties: the more precise, then the first), not its first reading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from factionmap.geo.demonyms import demonym_country
from factionmap.geo.gazetteer import SETTLEMENT_FEATURES
from factionmap.geo.normalize import fold_name
from factionmap.geo.toponyms import (
    ABROAD_MIN_POPULATION,
    PlaceContext,
    PlaceResolver,
    default_resolver,
    distance_km,
)
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import Geo, Mention
from factionmap.resolve.appositions import SOURCE as DESCRIPTION

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
    r"^\s+(?:governorate|province|state|city|countryside|district|subdistrict|region|area|camp|"
    r"crossing|border crossing|plain)\b(?!\s+of\b)",  # "the Hunan city of Yueyang": Yueyang's
    re.IGNORECASE,
)
_CONTAINER_GAP = re.compile(r"^,\s{0,2}$")
# ", Ky." right after a name: a press abbreviation the model did not take for a name.
_ABBREVIATION_AFTER = re.compile(r"^,\s{0,2}([A-Z][A-Za-z]{0,4}\.(?:\s?[A-Z][a-z]?\.)?)")
# One capitalised word before or after a mention, which the model may have left out of
# a longer name ("South" of "South America", "California" of "Baja California").
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s$")
_WORD_AFTER = re.compile(r"^\s([A-Z][a-z]+)\b")
_JOINED_AFTER = re.compile(r"^\s(?:and|&)\s[A-Z][a-z]+\b")


def place_phrase(text: str, mention: Mention, container: Mention | None = None) -> str:
    """The mention with the feature words around it that decide city vs region.

    `container`: the place named right after a comma ("Palmyra, Pennsylvania"), which
    the resolver reads first and looks the mention up within.
    """
    start, end = mention.start, mention.end
    before = _BEFORE.search(text[max(0, start - 60) : start])
    if before:
        start -= len(before.group(0))
    if container is not None:
        return f"{text[start:end]}, {container.text}"
    abbreviation = _ABBREVIATION_AFTER.match(text[end : end + 12])
    if abbreviation:
        return f"{text[start:end]}, {abbreviation.group(1)}"
    after = _AFTER.match(text[end : end + 30])
    if after:
        end += after.end()
    return text[start:end]


@dataclass(frozen=True, slots=True)
class Located:
    """Where each place mention is, and the point each place entity takes from them."""

    mentions: dict[Mention, Geo] = field(default_factory=dict)
    entities: dict[str, Geo] = field(default_factory=dict)  # by local id


def choose_point(geos: Iterable[Geo]) -> Geo | None:
    """The point most readings agree on; ties go to the more precise, then the first."""
    found = list(geos)
    if not found:
        return None
    votes = Counter((g.name, round(g.lat, 3), round(g.lon, 3)) for g in found)
    order = {g: i for i, g in reversed(list(enumerate(found)))}
    return min(
        found,
        key=lambda g: (-votes[(g.name, round(g.lat, 3), round(g.lon, 3))], g.precision, order[g]),
    )


def document_context(
    readings: Iterable[Geo | None],
    resolver: PlaceResolver,
    mentioned: Iterable[str] = (),
    doubtful: Iterable[Geo] = (),
    paired: Iterable[str] = (),
) -> PlaceContext:
    """What the context-free readings say the document is about.

    A document none of whose places is in the resolver's theatre is about the countries
    it does name: they replace the theatre as the preferred countries, so a namesake in
    Syria is no longer a candidate just for being in Syria. The countries rank by how
    sure the evidence is: places whose name has exact namesakes in one country only; then
    `mentioned`, countries named as actors or by demonyms ("Canada said", "Canadian
    police"). `doubtful` readings, of names shared across countries, name no country:
    they would vouch for themselves ("London" alone says nothing against Ontario); they
    still count for whether the document is abroad. `paired`: countries where two such
    names have namesakes next to each other (`paired_countries`), as sure as a place.
    """
    found = [g for g in readings if g is not None and g.country]
    mentioned, doubtful, paired = list(mentioned), list(doubtful), list(paired)
    if not found and not mentioned:
        return PlaceContext()
    unsure = Counter(g.country for g in doubtful if g.country)
    sure = Counter(g.country for g in found if g.country) - unsure
    sure.update(paired)
    order = [c for c, _ in sure.most_common()]
    order += [c for c, _ in Counter(mentioned).most_common() if c not in order]
    about = _firm_countries(found, doubtful, resolver) | set(mentioned) | set(paired)
    firm = tuple(sorted(about)) or None
    if not found:
        return PlaceContext(countries=tuple(order), about=firm)
    placed = [c for c, _ in Counter(g.country for g in found if g.country).most_common()]
    if set(resolver.preferred_countries) & set(placed):
        return PlaceContext(countries=tuple(order), about=firm)
    preferred = [c for c in order if c in placed] + [c for c in placed if c not in order]
    return PlaceContext(countries=tuple(order), preferred=tuple(preferred), about=firm)


def _firm_countries(found: list[Geo], doubtful: list[Geo], resolver: PlaceResolver) -> set[str]:
    """Countries that readings vouch for firmly: a reading of a name no other country
    has that is a country, a division or region, or a town the world knows (a capital,
    100,000 people or more, a curated place); or two such names of small towns in one
    country. A lone small town does not vouch for itself ("Delft" in a report from Cape
    Town)."""
    firm: set[str] = set()
    towns: dict[str, set[str]] = {}
    for geo in found:
        if geo in doubtful or not geo.country:
            continue
        if geo.feature not in SETTLEMENT_FEATURES or _known_town(geo, resolver):
            firm.add(geo.country)
        else:
            towns.setdefault(geo.country, set()).add(geo.name or "")
    return firm | {country for country, names in towns.items() if len(names) > 1}


def _known_town(geo: Geo, resolver: PlaceResolver) -> bool:
    return any(
        e.geonameid == geo.geonameid
        and (e.capital or e.population >= ABROAD_MIN_POPULATION or e.source == "curated")
        for e in resolver.gazetteer.lookup(geo.name or "")
        if e.lat == geo.lat and e.lon == geo.lon
    )


def _whole_name(text: str, mention: Mention, resolver: PlaceResolver) -> str | None:
    """The mention with a capitalised neighbour word, where that is a place's own name.

    The model cuts "South America" to "America" and "Baja California" to "Baja"; the
    longer name wins only when a place is spelt exactly so.
    """
    before = _WORD_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
    after = _WORD_AFTER.match(text[mention.end : mention.end + 20])
    longer = []
    joined = _JOINED_AFTER.match(text[mention.end : mention.end + 30])
    if joined:  # "Trinidad and Tobago", "Bosnia and Herzegovina": one country
        longer.append(f"{mention.text}{joined.group(0)}")
    if before:
        longer.append(f"{before.group(1)} {mention.text}")
    if after:
        longer.append(f"{mention.text} {after.group(1)}")
    for name in longer:
        folded = fold_name(name)
        if any(folded in e.names for e in resolver.gazetteer.lookup(name)):
            return name
    return None


def _shared_across_countries(name: str, resolver: PlaceResolver) -> bool:
    """Whether places spelt exactly `name` lie in more than one country."""
    folded = fold_name(name)
    countries = {e.country for e in resolver.gazetteer.lookup(name) if folded in e.names}
    return len(countries) > 1


# Two names shared across countries whose namesakes lie this close in one country are read
# there together: "Edmonton" and "London" are the London borough and its city.
PAIRED_KM = 50.0


def paired_countries(names: Iterable[str], resolver: PlaceResolver) -> list[str]:
    """Countries where two different names, each spelt exactly so by places in several
    countries, both have a namesake within PAIRED_KM of the other's; once per such pair."""
    spots: dict[str, list[Geo]] = {}
    for name in dict.fromkeys(names):
        folded = fold_name(name)
        spots[folded] = [
            e.to_geo() for e in resolver.gazetteer.lookup(name) if folded in e.names and e.country
        ]
    found = []
    keys = sorted(spots)
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            near = {
                a.country
                for a in spots[first]
                for b in spots[second]
                if a.country == b.country and distance_km(a, b) <= PAIRED_KM
            }
            found.extend(sorted(c for c in near if c))
    return found


def mentioned_countries(analyzed: AnalyzedDocument, resolver: PlaceResolver) -> list[str]:
    """Countries named by the document's non-place names: states and demonyms."""
    found = []
    for ent in analyzed.doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "LOC"):
            continue
        code = demonym_country(ent.text)
        if code is None:
            country = resolver.gazetteer.lookup(ent.text)
            folded = fold_name(ent.text)
            code = next(
                (e.country for e in country if e.feature == "country" and folded in e.folds),
                None,
            )
        if code:
            found.append(code)
    return found


def _containers(mentions: list[Mention], text: str) -> dict[Mention, Mention]:
    """Mentions followed by ", <another place>": "Palmyra, Pennsylvania"."""
    out: dict[Mention, Mention] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        if _CONTAINER_GAP.match(text[first.end : second.start]):
            out[first] = second
    return out


def locate_mentions(analyzed: AnalyzedDocument, resolver: PlaceResolver | None = None) -> Located:
    """The point of every LOCATION mention, and of every LOCATION entity, of a document."""
    resolver = resolver or default_resolver()
    text = analyzed.document.text
    # A description beside a place's name ("ISIL's self-proclaimed capital") names no place.
    owner = {
        m: e
        for e in analyzed.entities
        if e.type == "LOCATION"
        for m in e.mentions
        if m.source != DESCRIPTION
    }
    ordered = sorted(owner, key=lambda m: m.start)
    containers = _containers(ordered, text)

    def read(mention: Mention, context: PlaceContext | None) -> Geo | None:
        whole = _whole_name(text, mention, resolver)
        if whole is not None:
            return resolver.resolve(whole, context)
        phrase = place_phrase(text, mention, containers.get(mention))
        return resolver.resolve(phrase, context) or resolver.resolve(mention.text, context)

    first = [(m, read(m, None)) for m in ordered]
    shared = [
        (m, g) for m, g in first if g is not None and _shared_across_countries(m.text, resolver)
    ]
    context = document_context(
        (g for _, g in first),
        resolver,
        mentioned_countries(analyzed, resolver),
        [g for _, g in shared if g is not None],
        paired_countries((m.text for m, _ in shared), resolver),
    )
    located: dict[Mention, Geo] = {}
    # One sense per document: a name placed by what follows it ("Glasgow, Ky.") has that
    # place wherever it comes bare ("in Glasgow"), before or after.
    settled: dict[str, Geo] = {}
    for mention in ordered:
        folded = fold_name(mention.text)
        phrase = place_phrase(text, mention, containers.get(mention))
        if "," in phrase and folded not in settled:
            geo = read(mention, context)
            if geo is not None:
                settled[folded] = geo
        else:
            geo = settled.get(folded) or read(mention, context)
        if geo is None:
            name = owner[mention].name
            geo = resolver.resolve(name, context) if name != mention.text else None
        if geo is not None:
            located[mention] = geo
            context = context.with_place(geo)
    for mention in ordered:  # the bare uses before the one that settled the name
        geo = settled.get(fold_name(mention.text))
        if geo is not None:
            located[mention] = geo
    entities: dict[str, Geo] = {}
    for entity in {e.local_id: e for e in owner.values()}.values():
        point = choose_point(located[m] for m in entity.mentions if m in located)
        if point is not None:
            entities[entity.local_id] = point
    return Located(located, entities)
