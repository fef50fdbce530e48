"""The curated actor dictionary: canonical names, aliases, former names and affiliations."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from factionmap.errors import Errors, FactionmapError
from factionmap.resolve.names import fold_key, is_acronym, surface_key

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
class Holder:
    """A person who held an office between two dates (ISO prefixes; None: open)."""

    key: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    """A post a report may name instead of its holder ("Turkey's defence minister")."""

    of: str  # key of the actor whose post it is
    titles: tuple[str, ...]
    bare: bool = False  # "the <title>" alone means this post
    qualifiers: tuple[str, ...] = ()  # extra words naming the actor ("Syrian")
    holders: tuple[Holder, ...] = ()

    def holder_at(self, date: str | None) -> str | None:
        """The key of the person holding the post on `date`, if the holders cover it."""
        if not date:
            return None
        for holder in self.holders:
            if (holder.start is None or holder.start <= date) and (
                holder.end is None or date < holder.end
            ):
                return holder.key
        return None


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
    # Spoken acronyms are also written in Title Case ("Nato", "Isis": the Guardian's style);
    # false where that spelling is an ordinary name ("Sana" the given name).
    title_case: bool = True
    # Aliases valid only between two dates: "Syrian government" names the Assad state until
    # 2024-12-08 and the transitional government after it.
    dated_aliases: tuple[FormerName, ...] = ()
    office: Office | None = None  # set on the entity of a post, found by its titles

    def all_names(self) -> tuple[str, ...]:
        """Canonical name, aliases and former names."""
        return (
            self.name,
            *self.aliases,
            *(f.name for f in self.former_names),
            *(a.name for a in self.dated_aliases),
        )

    def title_case_names(self) -> tuple[str, ...]:
        """Title Case spellings of this entry's spoken acronyms ("NATO" → "Nato")."""
        if not self.title_case:
            return ()
        return tuple(spelled for spelled in map(title_case_acronym, self.all_names()) if spelled)


_VOWELS = set("AEIOUY")


def title_case_acronym(name: str) -> str | None:
    """ "Nato" for "NATO": an acronym of four or more letters with a vowel is said as a word,
    and house styles write it so. Three letters ("YPG", "SDF") are spelled out, never."""
    if not (is_acronym(name) and name.isalpha() and len(name) >= 4 and _VOWELS & set(name)):
        return None
    return name.capitalize()


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """All curated actors, indexed by key and by surface form."""

    entries: tuple[ActorEntry, ...]
    by_key: dict[str, ActorEntry]
    by_surface: dict[str, str]
    by_fold: dict[str, str]  # transliteration-folded multi-word names claimed by one entry only
    by_country: dict[str, str] = field(default_factory=dict)  # ISO code → key of the state
    # surface key → (entry key, from, until) for names whose owner depends on the date
    by_date: dict[str, tuple[tuple[str, str | None, str | None], ...]] = field(default_factory=dict)
    by_undated: dict[str, str] = field(default_factory=dict)  # dated names' undated owner

    def at_date(self, entry: ActorEntry, text: str, date: str | None) -> ActorEntry | None:
        """The entry `text` names on `date`: a dated alias gives way to the entry whose
        alias of the same name is valid then ("Syrian government" in 2025). Out of every
        alias's dates, the entry that carries the name undated ("New Syrian Army" of 2015),
        else none; an undated document gets that entry too, or the earliest dated owner
        (the Assad state)."""
        key = surface_key(text)
        owners = self.by_date.get(key)
        if not owners:
            return entry
        undated = self.by_undated.get(key)
        if not date:
            earliest = min(owners, key=lambda o: o[1] or "")
            return self.by_key.get(undated or earliest[0], entry)
        for owner, start, end in owners:
            if (start is None or start <= date) and (end is None or date < end):
                return self.by_key.get(owner, entry)
        return self.by_key.get(undated) if undated else None

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
        aliases=tuple(str(a) for a in raw.get("aliases") or () if not isinstance(a, dict)),
        dated_aliases=tuple(
            FormerName(str(a["name"]), _as_str(a.get("from")), _as_str(a.get("until")))
            for a in raw.get("aliases") or ()
            if isinstance(a, dict)
        ),
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
        title_case=bool(raw.get("title_case", True)),
        office=_parse_office(raw.get("office"), where, str(key)),
    )


def _parse_office(raw: object, where: str, key: str) -> Office | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("of") or not raw.get("titles"):
        raise FactionmapError(Errors.E014, where, key=key, detail="an office needs of and titles")
    return Office(
        of=str(raw["of"]),
        titles=tuple(str(t) for t in raw["titles"]),
        bare=bool(raw.get("bare", False)),
        qualifiers=tuple(str(q) for q in raw.get("qualifiers") or ()),
        holders=tuple(
            Holder(str(h["key"]), _as_str(h.get("from")), _as_str(h.get("until")))
            for h in raw.get("holders") or ()
        ),
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
    by_date: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for entry in entries:
        for dated in entry.dated_aliases:
            by_date.setdefault(surface_key(dated.name), []).append(
                (entry.key, dated.start, dated.end)
            )
    by_undated: dict[str, str] = {}
    for entry in entries:
        for name in entry.all_names():
            key = surface_key(name)
            if key in by_date and name not in {a.name for a in entry.dated_aliases}:
                by_undated.setdefault(key, entry.key)
    return ActorDictionary(
        tuple(entries),
        by_key,
        by_surface,
        by_fold,
        by_country,
        {key: tuple(owners) for key, owners in by_date.items()},
        by_undated,
    )


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
