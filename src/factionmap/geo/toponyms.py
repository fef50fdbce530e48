"""Resolve a toponym phrase to a `Geo`, choosing among namesakes with the document's context.

Entry points: `PlaceResolver.resolve` (inject a `Gazetteer` and the theatre) and
`resolve_place`, which uses a process-wide default resolver.

How a phrase is read:
1. The whole phrase is looked up ("Idlib city", "Eastern Ghouta", "Bab al-Hawa crossing").
2. Failing that, "X, Y" resolves Y first and looks X up within it ("Tripoli, Lebanon").
3. Failing that, one qualifier is peeled off (`phrases.parse_phrase`) and the core is
   resolved with that reading ("rural Idlib" -> the governorate, precision 3).
4. Failing that, a conservative fuzzy match against places in the theatre.

Among namesakes the resolver prefers, in order: the feature the qualifier asks for; a
place whose own name is spelt exactly so (a world city's alternate names count as its
own: "New York" is the city as much as the state); the countries the document has
already resolved; the countries it names; the theatre's countries; exact alternate
spellings; curated places; by default a settlement over a region (ACLED's convention:
bare "Homs" is the city), except that abroad a first-level division beats a town that
is no world city ("Delaware" is the state, not the town in Ohio); places near those
already resolved; then the larger population.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from factionmap.geo.demonyms import is_demonym
from factionmap.geo.gazetteer import (
    ADMIN_FEATURES,
    DEFAULT_DETAIL_COUNTRIES,
    SETTLEMENT_FEATURES,
    Gazetteer,
    GazetteerEntry,
)
from factionmap.geo.normalize import fold_name, name_key
from factionmap.geo.phrases import Reading, clean_phrase, parse_phrase, strip_preposition
from factionmap.records import Geo

# The countries a report is presumed to be about until the document says otherwise.
DEFAULT_THEATRE: tuple[str, ...] = DEFAULT_DETAIL_COUNTRIES

MAX_PHRASE_CHARS = 160

# Default reading of a bare name: a country is the country; otherwise the settlement comes
# before a point feature, a region, a district and a governorate of the same name.
_FEATURE_RANK = {
    "country": 0,
    "city": 1,
    "town": 1,
    "village": 1,
    "crossing": 2,
    "camp": 2,
    "base": 2,
    "dam": 2,
    "river": 3,
    "region": 4,
    "plain": 4,
    "mountain": 4,
    "operation_zone": 4,
    "district": 5,
    "subdistrict": 5,
    "governorate": 6,
    "province": 6,
    # A continent named bare is the continent, as a country is ("Asia", not Asia, Iloilo).
    "continent": 0,
}

# A settlement this big, or a national capital this big, is what the first words of its
# name mean bare ("New York" of "New York City"), as much as a namesake spelt so exactly.
WORLD_CITY_POPULATION = 1_000_000
CAPITAL_CITY_POPULATION = 300_000
# Outside the detail countries a first-level division ranks between world cities and
# other settlements: "Florida", "Wyoming" and "Victoria" name the state.
_PROVINCE_ABROAD_RANK = 0.8
_SEAT_RANK = 0.7
# A division's point this close to a settlement of its name: the division is named after
# that seat.
SEAT_KM = 150.0
_WORLD_CITY_RANK = 0.5
# A place of these features is not inside the place named after it: "Brazil, Germany".
_LIST_FEATURES = frozenset({"country", "province", "governorate", "continent"})

# In a document about places abroad, a theatre namesake must be at least this big (or a
# curated place spelt exactly so) to stay a candidate: "Hall" is not al-Hol.
ABROAD_MIN_POPULATION = 100_000


# Words that are never a place on their own, though some are names of towns somewhere
# ("Of" in Turkey): a phrase reduced to one of them is not a toponym.
_NOT_NAMES = frozenset(
    "a an the of and or in on at to from by with near north south east west northern "
    "southern eastern western central area areas region city town village province "
    "governorate countryside district camp crossing border".split()
)


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the document has established so far about where it is.

    `places`: places already resolved in the document (their countries are preferred and
    their points break ties between namesakes). `countries`: further ISO 3166-1 alpha-2
    codes the document is about. `preferred`: overrides the resolver's theatre for this
    document (e.g. ("LY",) for a report on Libya). `about`: the countries firm evidence
    says the document is about (countries, divisions, large towns, demonyms; not a small
    town vouching for itself); None while unknown. Once known, a small town elsewhere is
    no candidate (`PlaceResolver._fits_document`).
    """

    places: tuple[Geo, ...] = ()
    countries: tuple[str, ...] = ()
    preferred: tuple[str, ...] | None = None
    about: tuple[str, ...] | None = None

    def with_place(self, geo: Geo | None) -> PlaceContext:
        """A context that also knows `geo` (unchanged if `geo` is None or already known)."""
        if geo is None or geo in self.places:
            return self
        return replace(self, places=(*self.places, geo))

    def document_countries(self) -> frozenset[str]:
        """Countries of the resolved places plus the declared ones."""
        return frozenset(self.countries) | {g.country for g in self.places if g.country}


def _is_world_city(e: GazetteerEntry) -> bool:
    return e.feature in SETTLEMENT_FEATURES and (
        e.population >= WORLD_CITY_POPULATION
        or (e.capital and e.population >= CAPITAL_CITY_POPULATION)
    )


def _short_form(folded: str, e: GazetteerEntry) -> bool:
    """ "new york" of "New York City", "kuwait" of "Kuwait City": the name's first words."""
    return any(n.startswith(folded + " ") for n in e.names)


def _default_rank(
    e: GazetteerEntry,
    world_city: bool,
    detail: set[str],
    seats: list[GazetteerEntry],
    divisions: list[GazetteerEntry],
) -> float:
    """The rank of a feature read bare (lower first); see `_FEATURE_RANK`.

    `seats`: the candidate settlements spelt exactly so; `divisions`: the candidate
    first-level divisions. A sizeable town with a division of its name around it is that
    division's seat, and its name is the town's (Benghazi, Kandahar, Manchester), as in
    the theatre; a division abroad without such a seat is what its name means before a
    town elsewhere ("Florida", not the Cuban town).
    """
    if world_city:
        return _WORLD_CITY_RANK
    if (
        e.feature in SETTLEMENT_FEATURES
        and e.population >= ABROAD_MIN_POPULATION
        and _has_seat(e, divisions)
    ):
        return _SEAT_RANK
    if e.feature == "province" and e.country not in detail and not _has_seat(e, seats):
        return _PROVINCE_ABROAD_RANK
    return _FEATURE_RANK.get(e.feature, 9)


def _has_seat(place: GazetteerEntry, others: list[GazetteerEntry]) -> bool:
    """Whether one of `others` lies in `place`'s country within SEAT_KM of it."""
    return any(
        o.country == place.country and _haversine_km(o.lat, o.lon, place.lat, place.lon) <= SEAT_KM
        for o in others
    )


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Geo, b: Geo) -> float:
    """Great-circle distance between two places in kilometres."""
    return _haversine_km(a.lat, a.lon, b.lat, b.lon)


class PlaceResolver:
    """Resolves toponym phrases against an injected gazetteer, preferring a theatre."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        preferred_countries: Iterable[str] = DEFAULT_THEATRE,
        fuzzy_cutoff: float | None = 92.0,
        fuzzy_min_length: int = 6,
        cache_size: int = 8192,
    ) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.preferred_countries = tuple(c.upper() for c in preferred_countries)
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        self._cache: dict[tuple[str, PlaceContext | None], Geo | None] = {}
        self._cache_size = cache_size
        self._fuzzy_pool: dict[tuple[str, int], list[str]] | None = None

    def resolve(self, name: str, context: PlaceContext | None = None) -> Geo | None:
        """The place a phrase names, or None if unknown, a demonym or not a string."""
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_PHRASE_CHARS:
            return None
        if context is not None and not isinstance(context, PlaceContext):
            context = None
        cache_key = (name, context)
        if cache_key in self._cache:
            return self._cache[cache_key]
        geo = (
            None
            if is_demonym(name)
            else self._resolve(name, context or PlaceContext(), (), None, 0)
        )
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[cache_key] = geo
        return geo

    def resolve_all(
        self, names: Iterable[str], context: PlaceContext | None = None
    ) -> list[Geo | None]:
        """Resolve names in document order, each one adding to the context of the next."""
        context = context or PlaceContext()
        out: list[Geo | None] = []
        for name in names:
            geo = self.resolve(name, context)
            context = context.with_place(geo)
            out.append(geo)
        return out

    # -- reading the phrase ------------------------------------------------------------
    def _resolve(
        self,
        text: str,
        context: PlaceContext,
        readings: tuple[Reading, ...],
        within: Geo | None,
        depth: int,
    ) -> Geo | None:
        abbreviated = self.gazetteer.abbreviation(text)
        if abbreviated is not None:
            return self._choose((abbreviated,), abbreviated.name, context, readings, within)
        head, sep, tail = text.rpartition(",")
        abbreviated = self.gazetteer.abbreviation(tail) if sep and head.strip() else None
        if abbreviated is not None:  # "Severn, Md.": that division, not a namesake of it
            return self._resolve(head, context, readings, abbreviated.to_geo(), depth + 1)
        text = clean_phrase(text)
        if not text or depth > 4 or fold_name(text) in _NOT_NAMES:
            return None
        bare = strip_preposition(text)
        for form in dict.fromkeys((text, bare)):
            entries = self.gazetteer.lookup(form)
            if entries:
                return self._choose(entries, form, context, readings, within)
        head, sep, tail = bare.partition(",")
        if sep and head.strip() and tail.strip() and "," not in tail:
            container = self._resolve(tail, context, (), within, depth + 1)
            if container is not None and self._contains(head, container, context, depth):
                return self._resolve(head, context, readings, container, depth + 1)
        phrase = parse_phrase(bare)
        if phrase is not None:
            return self._resolve(
                phrase.core, context, (*readings, phrase.reading), within, depth + 1
            )
        return self._fuzzy(bare, context, readings, within)

    def _contains(self, head: str, container: Geo, context: PlaceContext, depth: int) -> bool:
        """Whether "head, container" reads as a place within a larger one, not a list.

        "Brazil, Germany" and "Alaska, Hawaii" are lists: the first name is itself a
        country, a first-level division or a continent, which no place after it contains.
        """
        alone = self._resolve(head, context, (), None, depth + 1)
        return alone is None or alone.feature not in _LIST_FEATURES

    def _choose(
        self,
        entries: tuple[GazetteerEntry, ...],
        form: str,
        context: PlaceContext,
        readings: tuple[Reading, ...],
        within: Geo | None,
    ) -> Geo | None:
        # The innermost qualifier that names a kind of place decides the preference.
        prefer, strict = None, False
        for reading in reversed(readings):
            if reading.prefer is not None:
                prefer, strict = reading.prefer, reading.strict
                break
        pool = [e for e in entries if e.feature in prefer] if strict and prefer else list(entries)
        folded = fold_name(form)
        if self._abroad(context):
            pool = [e for e in pool if self._stays_candidate_abroad(e, folded)]
        if within is None:
            # A small town outside every country the document is about is a namesake the
            # document gives no reason for: "Delft" in a report from Cape Town is not the
            # Dutch town; better off the map than on the wrong continent.
            countries = self._document_countries(context)
            if countries:
                pool = [e for e in pool if self._fits_document(e, folded, countries)]
        if within is not None:
            inside = [e for e in pool if self._inside(e, within)]
            if not inside and within.feature in _LIST_FEATURES | {"region"}:
                # "Palmyra, Pennsylvania" with no Palmyra known there: the container, not
                # a namesake elsewhere.
                return replace(within, precision=max(within.precision, 2))
            # After a town, the comma was a list ("Barcelona, Liverpool"): no container.
            pool = inside or pool
        if not pool:
            return None
        best = (
            pool[0]
            if len(pool) == 1
            else max(pool, key=self._ranker(form, context, prefer, within, pool))
        )
        precision = best.precision
        for reading in reversed(readings):
            precision = reading.apply(best.feature, precision)
        return best.to_geo(precision)

    def _ranker(
        self,
        form: str,
        context: PlaceContext,
        prefer: frozenset[str] | None,
        within: Geo | None,
        pool: Iterable[GazetteerEntry] = (),
    ) -> Callable[[GazetteerEntry], tuple[object, ...]]:
        folded = fold_name(form)
        # Countries of the places already read in order, then any country the document
        # names: "Tripoli" after "Tripoli, Libya" is Libya's. Among namesakes in countries
        # the document names, the larger wins before the more often named: "Paris" in a
        # report naming the US and France is the French capital.
        placed = {g.country for g in context.places if g.country}
        named = {c: len(context.countries) - i for i, c in enumerate(context.countries)}
        preferred = set(
            context.preferred if context.preferred is not None else self.preferred_countries
        )
        anchors = context.places
        detail = set(self.gazetteer.detail_countries)
        pool = list(pool)
        seats = [e for e in pool if e.feature in SETTLEMENT_FEATURES and folded in e.names]
        divisions = [e for e in pool if e.feature in ADMIN_FEATURES]
        # A small town does not take a world capital's name on the strength of the
        # document's countries alone: "Paris" in a report full of US places is in France
        # unless "Paris, Texas" says otherwise.
        capital_named = any(
            e.capital and e.population >= WORLD_CITY_POPULATION and folded in e.names for e in pool
        )

        def rank(e: GazetteerEntry) -> tuple[object, ...]:
            inside = within is not None and self._inside(e, within)
            near = -min((_haversine_km(e.lat, e.lon, a.lat, a.lon) for a in anchors), default=0.0)
            world_city = _is_world_city(e)
            return (
                prefer is not None and e.feature in prefer,
                inside,
                # The exact name a source gives a place beats a namesake that only shares
                # the lossy key or lists it as an alternate: "Riyadh" is the Saudi capital,
                # not the Iraqi village "Ar Riyāḑ"; "Hatay" is the province, though
                # GeoNames lists it among Antakya's names.
                folded in e.names or (world_city and _short_form(folded, e)),
                not (
                    capital_named
                    and e.feature in SETTLEMENT_FEATURES
                    and e.population < ABROAD_MIN_POPULATION
                ),
                e.country in placed,
                e.country in named,
                e.country in preferred,
                folded in e.folds,
                e.source == "curated",
                -_default_rank(e, world_city, detail, seats, divisions),
                round(near, -1),  # within 10 km counts as equally near
                e.population,
                named.get(e.country or "", 0),
            )

        return rank

    @staticmethod
    def _inside(e: GazetteerEntry, within: Geo) -> bool:
        if e.country != within.country or within.feature == "continent":
            return within.feature == "continent"
        return within.feature not in ADMIN_FEATURES or e.admin1 == within.admin1

    def _abroad(self, context: PlaceContext) -> bool:
        """True when the document's places are all outside the resolver's theatre."""
        preferred = context.preferred
        return preferred is not None and not set(preferred) & set(self.preferred_countries)

    @staticmethod
    def _document_countries(context: PlaceContext) -> frozenset[str]:
        """The countries a document is about, once firm evidence says so (`about`), with
        those of the places already read; empty while unknown, as in the first,
        context-free reading of a document. The theatre is no such evidence: "Haram" in a
        report from Cairo is not the Syrian town of Harem."""
        if context.about is None:
            return frozenset()
        return frozenset(context.about) | {g.country for g in context.places if g.country}

    @staticmethod
    def _fits_document(e: GazetteerEntry, folded: str, countries: frozenset[str]) -> bool:
        """Whether a candidate may be meant in a document about `countries`: it lies in one
        of them, or is no mere town (a country, a division, a region), or a town the world
        knows (a capital, 100,000 people or more), or a place curated under that name."""
        return (
            e.country in countries
            or e.feature not in SETTLEMENT_FEATURES
            or e.capital
            or e.population >= ABROAD_MIN_POPULATION
            or (e.source == "curated" and folded in e.names)
        )

    def _stays_candidate_abroad(self, e: GazetteerEntry, folded: str) -> bool:
        if e.country not in self.preferred_countries:
            return True
        return e.population >= ABROAD_MIN_POPULATION or (
            e.source == "curated" and folded in e.names
        )

    # -- last resort ---------------------------------------------------------------------
    def _fuzzy(
        self, text: str, context: PlaceContext, readings: tuple[Reading, ...], within: Geo | None
    ) -> Geo | None:
        """A near-identical key among theatre places (one letter more or less in 7+)."""
        if self.fuzzy_cutoff is None or self._abroad(context):
            return None
        key = name_key(text)
        if len(key) < self.fuzzy_min_length or any(ch.isdigit() for ch in key):
            return None
        pool = self._pool()
        choices = [k for n in range(len(key) - 1, len(key) + 2) for k in pool.get((key[0], n), ())]
        match = process.extractOne(
            key, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff, processor=None
        )
        if match is None:
            return None
        return self._choose(
            self.gazetteer.entries_for_key(match[0]), text, context, readings, within
        )

    def _pool(self) -> dict[tuple[str, int], list[str]]:
        # Fuzzy matching only considers keys of curated places and places in the theatre:
        # near-misses of foreign town names are more often person names than places.
        if self._fuzzy_pool is None:
            pool: dict[tuple[str, int], list[str]] = {}
            for key in self.gazetteer.keys_in(self.preferred_countries):
                pool.setdefault((key[0], len(key)), []).append(key)
            self._fuzzy_pool = pool
        return self._fuzzy_pool


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer with default settings (built on first lookup)."""
    return Gazetteer()


@lru_cache(maxsize=1)
def default_resolver() -> PlaceResolver:
    """The process-wide resolver over `default_gazetteer()` with the default theatre."""
    return PlaceResolver(default_gazetteer())


def resolve_place(name: str, context: PlaceContext | None = None) -> Geo | None:
    """Resolve a toponym phrase with the default resolver; None when unknown."""
    return default_resolver().resolve(name, context)
