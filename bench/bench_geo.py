"""Benchmark toponym resolution: what an article's places cost once the gazetteer is loaded.

Run: `python bench/bench_geo.py [--articles N] [--repeat R]`. Never run as a test.

An "article" is 30 toponym phrases, the number a 1,000-word conflict report names
(the seed articles name 14-40). Each article draws its phrases from a pool of real
spellings and qualifiers and resolves them in order with a context that grows, as the
pipeline does. The resolver's result cache is cleared before each article, so every
article pays full price. The baseline, measured on the same strings in the same process,
is normalising them (`fold_name` + the uncached key function), so the ratio is portable
across machines while the absolute figure answers the budget (< 20 ms per article).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factionmap.geo.gazetteer import Gazetteer  # noqa: E402
from factionmap.geo.normalize import _fold, _key  # noqa: E402
from factionmap.geo.toponyms import PlaceContext, PlaceResolver  # noqa: E402

BUDGET_MS = 20.0
PER_ARTICLE = 30

POOL = [
    "Idlib", "Idlib governorate", "north of Idlib", "Idleb", "the city of Idlib", "rural Idlib",
    "Atma", "Atma area", "Aleppo", "the countryside of Aleppo",
    "northern and eastern countryside of Aleppo", "western countryside of Aleppo",
    "Aleppo governorate", "Ras al-Ain", "Serekaniye", "Tal Abyad",
    "Tell Abyad", "Latakia", "Latakia countryside", "al-Ghab Plain", "Hama", "Bab al-Hawa",
    "Bab al-Hawa border crossing", "Şanlıurfa", "Urfa", "Azaz", "A'zaz", "the town of Azaz",
    "Olive Branch areas", "areas of Olive Branch", "Afrin", "Afrin and its countryside", "Syria",
    "northern Syria", "Turkey", "Turkish", "Damascus", "Homs", "Homs province", "Tripoli",
    "Jarablus", "al-Bab", "Manbij", "Kobani", "Qamishli", "Deir ez-Zor", "Deir al-Zour", "Raqqa",
    "Hasakah", "Jindires", "Sarmada", "Dana", "Harem", "Salqin", "Darat Izza", "al-Atarib",
    "Maarat al-Numan", "Saraqib", "Khan Shaykhun", "Ariha", "Jisr al-Shughur", "Tal Rifaat",
    "Mare'", "Akhtarin", "Ain Issa", "Tal Tamr", "Daraa", "Sweida", "Palmyra", "Albukamal",
    "Gaziantep", "Kilis", "Hatay", "Reyhanli", "Mosul", "Erbil", "Beirut", "Amman", "Moscow",
    "Washington", "Ankara", "Tehran", "Eastern Ghouta", "Jabal al-Zawiya", "al-Hol camp",
    "Euphrates Shield areas", "Peace Spring areas", "the Euphrates", "northeastern Syria",
    "Abu Mohammad al-Jolani", "Hay'at Tahrir al-Sham", "Sarmadra", "Qwertzuiopland",
]  # fmt: skip


def articles(count: int, seed: int = 7) -> list[list[str]]:
    """`count` articles of PER_ARTICLE phrases each, drawn reproducibly from POOL."""
    rng = random.Random(seed)
    return [rng.sample(POOL, PER_ARTICLE) for _ in range(count)]


def run_resolve(resolver: PlaceResolver, batch: list[list[str]]) -> list[float]:
    """Seconds per article for resolving its phrases in order, with a cold result cache."""
    times = []
    for phrases in batch:
        resolver._cache.clear()  # noqa: SLF001 - every article pays full price
        started = time.perf_counter()
        context = PlaceContext()
        for phrase in phrases:
            context = context.with_place(resolver.resolve(phrase, context))
        times.append(time.perf_counter() - started)
    return times


def run_baseline(batch: list[list[str]]) -> list[float]:
    """Seconds per article for normalising the same phrases (uncached)."""
    times = []
    for phrases in batch:
        started = time.perf_counter()
        for phrase in phrases:
            _fold(phrase)
            _key(phrase)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    """Print load time, per-article ms (median, p95), the baseline and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer().load()
    load_s = time.perf_counter() - started
    stats = gazetteer.stats
    print(f"gazetteer load: {load_s:.2f} s ({stats.entries} places, {stats.keys} name keys)")

    resolver = PlaceResolver(gazetteer)
    batch = articles(args.articles)
    run_resolve(resolver, batch[:5])  # warm-up: fuzzy pool, lazily built entries
    resolved: list[float] = []
    baseline: list[float] = []
    for _ in range(args.repeat):
        resolved += run_resolve(resolver, batch)
        baseline += run_baseline(batch)

    ms = [t * 1000 for t in resolved]
    base_ms = [t * 1000 for t in baseline]
    median, p95 = statistics.median(ms), sorted(ms)[int(0.95 * len(ms)) - 1]
    base = statistics.median(base_ms)
    print(f"articles: {args.articles} x {args.repeat}, {PER_ARTICLE} toponyms each")
    print(f"resolve per article: median {median:.2f} ms, p95 {p95:.2f} ms")
    print(f"baseline (normalise the same strings): median {base:.3f} ms")
    print(f"ratio resolve/baseline: {median / base:.1f}x")
    verdict = "within" if p95 < BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms per article: p95 {verdict} budget")


if __name__ == "__main__":
    main()
