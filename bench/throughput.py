"""Benchmark: factionmap's whole ingest against the bare spaCy model, in one process.

    python bench/throughput.py [--words 100000] [--corpus Guardian_SDF_sample.csv]

On one corpus of real articles (a CSV with a `text` column, a JSONL file or a folder of
articles; the repository's example articles by default), multiplied to the size asked for with
a perturbation per copy (paragraphs rotated, one sentence dropped, numbers shifted) so that no
cache sees the same text twice, it measures:

- the bare English model, `nlp.pipe(texts, batch_size=16)`: the unavoidable cost;
- `factionmap ingest` with one worker and with two: read, clean, parse, extract, resolve,
  store in a fresh SQLite file;

in interleaved rounds (a slice of the corpus through each, then the next slice), so that
load from other jobs on the machine falls on all three alike,

and prints words/s, documents/s and peak RSS (this process and its workers) for each, the
ratio full/spaCy and the 1→2 worker speed-up. Never run as a test: timings are comparable
only within one run on one machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE")


def read_corpus(path: Path) -> list[str]:
    """Article texts from a CSV (`text` column), a JSONL file or a folder of articles."""
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(1 << 30)
        with path.open(encoding="utf-8", newline="") as handle:
            return [row["text"] for row in csv.DictReader(handle) if row.get("text", "").strip()]
    from factionmap.ingest.readers import read_articles
    from factionmap.records import RawArticle

    return [a.text for a in read_articles([path]) if isinstance(a, RawArticle)]


def perturbed(text: str, copy: int, chooser: random.Random) -> str:
    """A distinct but equally real copy of an article: same words, new order and numbers."""
    if copy == 0:
        return text
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) > 2:
        del paragraphs[chooser.randrange(1, len(paragraphs))]
        head, rest = paragraphs[0], paragraphs[1:]
        shift = copy % len(rest)
        paragraphs = [head, *rest[shift:], *rest[:shift]]
    joined = "\n\n".join(paragraphs)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + copy), joined)


def build_corpus(texts: list[str], words: int, seed: int = 7) -> list[str]:
    """Copies of the articles, perturbed, until the corpus holds about `words` words."""
    chooser = random.Random(seed)
    corpus: list[str] = []
    total = copy = 0
    while total < words:
        for text in texts:
            article = perturbed(text, copy, chooser)
            corpus.append(article)
            total += len(article.split())
            if total >= words:
                break
        copy += 1
    return corpus


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except OSError:
        return 0


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children = [int(c) for c in handle.read().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


class PeakMemory:
    """Peak resident memory of this process plus all its descendants, sampled every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = _rss(me) + sum(_rss(child) for child in _descendants(me))
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(run: Callable[[], object]) -> tuple[float, int]:
    """(seconds, peak RSS in bytes) of one call."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    return seconds, memory.peak


def write_jsonl(texts: list[str], folder: Path, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(texts, first):
            handle.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
    return path


def lines(label: str, seconds: float, peak: int, words: int, docs: int) -> str:
    return (
        f"{label:<28} {words / seconds:>9,.0f} words/s {docs / seconds:>7.1f} docs/s "
        f"{seconds:>7.1f} s  peak RSS {peak / 2**20:>6,.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000, help="corpus size in words")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "examples" / "articles", help="real articles"
    )
    parser.add_argument("--skip-two", action="store_true", help="skip the two-worker run")
    parser.add_argument(
        "--skip-bare", action="store_true", help="skip the bare model (memory growth only)"
    )
    parser.add_argument(
        "--rounds", type=int, default=4, help="interleaved slices (robust to drifting load)"
    )
    args = parser.parse_args(argv)

    import spacy

    from factionmap.config import Config
    from factionmap.nlp.pipeline import MODEL_PACKAGE
    from factionmap.pipeline import ingest

    texts = build_corpus(read_corpus(args.corpus), args.words)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} documents, {words:,} words from {args.corpus.name}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        bare = spacy.load(MODEL_PACKAGE)
        list(bare.pipe(texts[:4], batch_size=16))  # warm up
        # Start-up (model loads, the workers' fork server) is paid once per command and timed
        # apart: the runs below measure the steady state.
        warm = folder / "warm"
        warm.mkdir()
        heads = [f"Warm-up {n}. " + t[:300] for n, t in enumerate(texts[:17])]
        started = time.perf_counter()
        ingest([write_jsonl(heads[:1], warm)], warm / "kb1.sqlite")
        ingest([write_jsonl(heads, warm)], warm / "kb2.sqlite", workers=2)
        print(f"start-up (model loads, fork server): {time.perf_counter() - started:.1f} s")

        # The perturbed copies are near-duplicates by design; linking them instead of analysing
        # them would measure the copy finder, not analysis, so it is off here.
        config = Config(near_duplicates=0)

        # Interleaved rounds: each slice of the corpus goes through the bare model, then the
        # one-worker ingest, then the two-worker one, so that load from other jobs drifting
        # during the run falls on all three alike and the ratios stay comparable.
        modes = ([] if args.skip_bare else ["bare"]) + ["one"] + ([] if args.skip_two else ["two"])
        seconds = dict.fromkeys(modes, 0.0)
        peaks = dict.fromkeys(modes, 0)
        size = -(-len(texts) // max(args.rounds, 1))
        for number, first in enumerate(range(0, len(texts), size)):
            part = texts[first : first + size]
            source = write_jsonl(part, folder / f"part{number}", first)
            runs: dict[str, Callable[[], object]] = {
                "bare": lambda part=part: sum(1 for _ in bare.pipe(part, batch_size=16)),
                "one": lambda s=source: ingest([s], folder / "kb1.sqlite", config=config),
                "two": lambda s=source: ingest(
                    [s], folder / "kb2.sqlite", config=config, workers=2
                ),
            }
            for mode in modes:
                took, peak = measure(runs[mode])
                seconds[mode] += took
                peaks[mode] = max(peaks[mode], peak)
        if not args.skip_bare:
            bare_line = lines(
                f"bare {MODEL_PACKAGE}", seconds["bare"], peaks["bare"], words, len(texts)
            )
            print(bare_line)
        print(lines("factionmap ingest, 1 worker", seconds["one"], peaks["one"], words, len(texts)))
        if not args.skip_bare:
            ratio = seconds["bare"] / seconds["one"]
            print(f"ratio full/spaCy: {ratio:.2f} (1.00 = no cost beyond the model)")
        if not args.skip_two:
            print(
                lines(
                    "factionmap ingest, 2 workers", seconds["two"], peaks["two"], words, len(texts)
                )
            )
            print(f"speed-up 1→2 workers: {seconds['one'] / seconds['two']:.2f}")
        print(f"load average {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
