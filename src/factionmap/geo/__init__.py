"""geo stage: an injectable gazetteer service and toponym resolution to `Geo` records."""

from factionmap.geo.demonyms import demonym_country, is_demonym
from factionmap.geo.gazetteer import DEFAULT_DETAIL_COUNTRIES, Gazetteer, GazetteerEntry
from factionmap.geo.normalize import fold_name, name_key
from factionmap.geo.toponyms import (
    DEFAULT_THEATRE,
    PlaceContext,
    PlaceResolver,
    default_gazetteer,
    default_resolver,
    distance_km,
    resolve_place,
)

__all__ = [
    "DEFAULT_DETAIL_COUNTRIES",
    "DEFAULT_THEATRE",
    "Gazetteer",
    "GazetteerEntry",
    "PlaceContext",
    "PlaceResolver",
    "default_gazetteer",
    "default_resolver",
    "demonym_country",
    "distance_km",
    "fold_name",
    "is_demonym",
    "name_key",
    "resolve_place",
]
