"""The curated actor dictionary: canonical names, aliases, former names and affiliations."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from factionmap.errors import Errors, FactionmapError
from factionmap.resolve.names import fold_key, surface_key

_TYPES = {"PERSON", "ORG", "LOCATION"}


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name an actor used to carry, with the dates it was used."""

    name: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A known relation from the dictionary, e.g. part_of another entry since a date."""

    predicate: str
    object: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One curated actor."""

    key: str
    name: str
    type: str
    subtype: str | None
    aliases: tuple[str, ...]
    former_names: tuple[FormerName, ...]
    affiliations: tuple[Affiliation, ...]
    wikidata: str | None
    roles: tuple[str, ...]
    # ISO 3166-1 alpha-2 code of the state this entry *is*, so that its demonym names it
    # ("Turkish drones" → Turkey). Left out where the demonym is contested (Syria, Libya).
    country: str | None = None
    # Match every name as written: the lower-case form is a common phrase
    # ("Lebanese Forces" the party, "Lebanese forces" the army).
    case_sensitive: bool = False

    def all_names(self) -> tuple[str, ...]:
        """Canonical name, aliases and former names."""
        return (self.name, *self.aliases, *(f.name for f in self.former_names))


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """All curated actors, indexed by key and by surface form."""

    entries: tuple[ActorEntry, ...]
    by_key: dict[str, ActorEntry]
    by_surface: dict[str, str]
    by_fold: dict[str, str]  # transliteration-folded multi-word names claimed by one entry only
    by_country: dict[str, str] = field(default_factory=dict)  # ISO code → key of the state

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry one of whose names matches `text` (case/accent/hyphen-insensitive)."""
        key = self.by_surface.get(surface_key(text))
        return self.by_key.get(key) if key else None

    def lookup_variant(self, text: str) -> ActorEntry | None:
        """The entry a transliteration variant belongs to ("Mohammad al-Jasem"), if unique."""
        key = self.by_fold.get(fold_key(text))
        return self.by_key.get(key) if key else None

    def state(self, country: str | None) -> ActorEntry | None:
        """The entry of the state with this ISO 3166-1 alpha-2 code ("TR" → Turkey), if any."""
        key = self.by_country.get(country.upper()) if country else None
        return self.by_key.get(key) if key else None


def _as_str(value: object) -> str | None:
    return None if value is None else str(value)


def _parse_entry(raw: dict, where: str) -> ActorEntry:
    key = raw.get("key")
    if not key or not raw.get("name") or raw.get("type") not in _TYPES:
        raise FactionmapError(Errors.E014, where, key=key, detail="needs key, name and type")
    return ActorEntry(
        key=str(key),
        name=str(raw["name"]),
        type=str(raw["type"]),
        subtype=_as_str(raw.get("subtype")),
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        former_names=tuple(
            FormerName(str(f["name"]), _as_str(f.get("from")), _as_str(f.get("until")))
            for f in raw.get("former_names") or ()
        ),
        affiliations=tuple(
            Affiliation(
                str(a["predicate"]),
                str(a["object"]),
                _as_str(a.get("start")),
                _as_str(a.get("end")),
            )
            for a in raw.get("affiliations") or ()
        ),
        wikidata=_as_str(raw.get("wikidata")),
        roles=tuple(str(r) for r in raw.get("roles") or ()),
        country=_as_str(raw.get("country")),
        case_sensitive=bool(raw.get("case_sensitive", False)),
    )


def load_dictionary_files(paths: list[Path]) -> ActorDictionary:
    """Build the dictionary from YAML files; the first entry to claim a name keeps it."""
    entries: list[ActorEntry] = []
    for path in paths:
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append(_parse_entry(raw, str(path)))
    by_key = {entry.key: entry for entry in entries}
    by_surface: dict[str, str] = {}
    claims: dict[str, set[str]] = {}
    for entry in entries:
        for name in entry.all_names():
            by_surface.setdefault(surface_key(name), entry.key)
            folded = fold_key(name)
            if len(folded.split()) >= 2:
                claims.setdefault(folded, set()).add(entry.key)
    by_fold = {k: next(iter(keys)) for k, keys in claims.items() if len(keys) == 1}
    by_country: dict[str, str] = {}
    for entry in entries:
        if entry.country:
            by_country.setdefault(entry.country.upper(), entry.key)
    return ActorDictionary(tuple(entries), by_key, by_surface, by_fold, by_country)


def packaged_dictionary_paths() -> list[Path]:
    """The YAML files of the dictionary shipped in factionmap/data/actors, sorted."""
    folder = resources.files("factionmap.data") / "actors"
    return sorted(
        Path(str(item)) for item in folder.iterdir() if str(item).endswith((".yaml", ".yml"))
    )


@lru_cache(maxsize=1)
def packaged_dictionary() -> ActorDictionary:
    """The dictionary shipped in factionmap/data/actors/*.yaml."""
    return load_dictionary_files(packaged_dictionary_paths())
