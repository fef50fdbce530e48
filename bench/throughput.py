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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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


def iter_corpus(texts: list[str], words: int, seed: int = 7) -> Iterator[str]:
    """Copies of the articles, perturbed, until about `words` words; made one at a time, so
    a million-word corpus is never held in memory."""
    chooser = random.Random(seed)
    total = copy = 0
    while total < words:
        for text in texts:
            article = perturbed(text, copy, chooser)
            yield article
            total += len(article.split())
            if total >= words:
                return
        copy += 1


def build_corpus(texts: list[str], words: int, seed: int = 7) -> list[str]:
    """The whole perturbed corpus as a list (for small corpora and scripts)."""
    return list(iter_corpus(texts, words, seed))


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return ""


def _rss(pid: int) -> int:
    fields = _read(f"/proc/{pid}/statm").split()
    return int(fields[1]) * PAGE if len(fields) > 1 else 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        found += [int(c) for c in _read(f"/proc/{pid}/task/{task}/children").split()]
    return found


def _schedstat(pid: int, skip: int | None = None) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) summed over a process's
    threads, leaving out thread `skip` (the sampler's own)."""
    run = wait = 0.0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return run, wait
    for task in tasks:
        if skip is not None and int(task) == skip:
            continue
        fields = _read(f"/proc/{pid}/task/{task}/schedstat").split()
        if len(fields) >= 2:
            run += int(fields[0]) / 1e9
            wait += int(fields[1]) / 1e9
    return run, wait


@dataclass
class ProcessTime:
    """What one process of the tree did during a measured call, in seconds."""

    role: str  # writer (this process), worker, or helper (fork server, resource tracker)
    first: float  # when it was first seen, from the start of the call
    last: float = 0.0  # when it was last seen
    run: float = 0.0  # on a CPU
    wait: float = 0.0  # runnable, waiting for a CPU (other jobs' load)
    first_busy: float | None = None  # first and last sample in which it ran
    last_busy: float = 0.0
    base: tuple[float, float] = (0.0, 0.0)  # counters at first sight (the writer's past)


class ProcessTree:
    """Peak resident memory and CPU accounting of this process and all its descendants,
    sampled every 50 ms from /proc.

    Per process: CPU seconds, seconds waiting for a CPU (other jobs' load), and the rest of
    its life, idle: a worker waiting for work (start-up, between batches, the final drain),
    the writer waiting for results. Per sample, how many of the tree's processes were
    runnable: on a quiet machine with `cores` cores an interval in which r processes were
    runnable does its CPU work at min(r, cores) cores, which projects the run's wall time on
    that machine from CPU time alone, whatever the load now."""

    def __init__(self, cores: int = 2) -> None:
        self.cores = cores
        self.peak = 0
        self.processes: dict[int, ProcessTime] = {}
        self.projected = 0.0  # quiet-machine seconds, see above
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def rss(self) -> int:
        me = os.getpid()
        return _rss(me) + sum(_rss(pid) for pid in self._tree(me)[1:])

    @staticmethod
    def _tree(me: int) -> list[int]:
        pids, level = [me], [me]
        while level:
            level = [child for pid in level for child in _children(pid)]
            pids += level
        return pids

    def _sample(self) -> None:
        me, sampler = os.getpid(), threading.get_native_id()
        begin = previous = time.perf_counter()
        while True:
            stopping = self._stop.is_set()  # one last sample after the call has returned
            now = time.perf_counter()
            pids, direct = self._tree(me), set(_children(me))
            self.peak = max(self.peak, sum(_rss(pid) for pid in pids))
            ran = runnable = 0.0
            for pid in pids:
                run, wait = _schedstat(pid, sampler if pid == me else None)
                known = self.processes.get(pid)
                if known is None:
                    role = "writer" if pid == me else "helper" if pid in direct else "worker"
                    # What ran before the call is not the call's; a process forked during
                    # it started from nothing.
                    base = (run, wait) if now == begin or role != "worker" else (0.0, 0.0)
                    known = self.processes[pid] = ProcessTime(role, now - begin, base=base)
                run, wait = run - known.base[0], wait - known.base[1]
                if run - known.run > 0.002:
                    if known.first_busy is None:
                        known.first_busy = now - begin
                    known.last_busy = now - begin
                ran += run - known.run
                runnable += run - known.run + wait - known.wait
                known.run, known.wait, known.last = run, wait, now - begin
            if ran > 0 and now > previous:
                self.projected += ran / min(max(runnable / (now - previous), 1.0), self.cores)
            previous = now
            if stopping:
                return
            self._stop.wait(0.05)

    def __enter__(self) -> ProcessTree:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def cpu(self, role: str) -> float:
        return sum(p.run for p in self.processes.values() if p.role == role)


@dataclass
class Measured:
    """Totals of one mode over all rounds."""

    seconds: float = 0.0
    projected: float = 0.0
    peak: int = 0
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))
    wait: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))
    idle: dict[str, float] = field(default_factory=lambda: dict.fromkeys(IDLE, 0.0))

    def add(self, seconds: float, tree: ProcessTree) -> None:
        self.seconds += seconds
        self.projected += tree.projected
        self.peak = max(self.peak, tree.peak)
        for process in tree.processes.values():
            self.cpu[process.role] += process.run
            self.wait[process.role] += process.wait
            if process.role == "writer":
                self.idle["writer"] += max(0.0, seconds - process.run - process.wait)
            elif process.role == "worker":
                life = process.last - process.first
                busy_from = process.first_busy if process.first_busy is not None else process.last
                start = busy_from - process.first
                drain = max(0.0, seconds - process.last_busy) if process.first_busy else 0.0
                between = max(0.0, life - process.run - process.wait - start)
                self.idle["worker start-up"] += start
                self.idle["worker between batches"] += between
                self.idle["worker final drain"] += drain


ROLES = ("writer", "worker", "helper")
IDLE = ("writer", "worker start-up", "worker between batches", "worker final drain")


def measure(run: Callable[[], object], into: Measured, checkpoints: Checkpoints) -> None:
    """Run once, adding its wall time, CPU accounting and peak RSS to `into`."""
    with ProcessTree() as tree:
        checkpoints.tree = tree
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    into.add(seconds, tree)


def breakdown(label: str, measured: Measured) -> str:
    """Where a mode's time went: CPU per role, waiting for a CPU (load), idle."""
    cpu, idle = measured.cpu, measured.idle
    total = sum(cpu.values()) or 1.0
    parts = [
        f"{label}: CPU writer {cpu['writer']:.1f} s ({cpu['writer'] / total:.0%}),"
        f" workers {cpu['worker']:.1f} s, helpers {cpu['helper']:.1f} s;"
        f" waiting for a CPU (load): writer {measured.wait['writer']:.1f} s,"
        f" workers {measured.wait['worker']:.1f} s",
        f"  idle: writer {idle['writer']:.1f} s; workers {idle['worker start-up']:.1f} s"
        f" at start-up, {idle['worker between batches']:.1f} s between batches,"
        f" {idle['worker final drain']:.1f} s in the final drain;"
        f" projected quiet-machine time {measured.projected:.1f} s",
    ]
    return "\n".join(parts)


def write_slice(articles: Iterator[str], words: int, path: Path, first: int) -> tuple[int, int]:
    """Write articles from the stream to a JSONL file until it holds about `words` words;
    (documents, words) written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = total = 0
    with path.open("w", encoding="utf-8") as handle:
        for text in articles:
            handle.write(json.dumps({"id": f"a{first + count}", "text": text}) + "\n")
            count, total = count + 1, total + len(text.split())
            if total >= words:
                break
    return count, total


def read_slice(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]


def write_jsonl(texts: list[str], folder: Path, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(texts, first):
            handle.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
    return path


class Checkpoints:
    """Peak RSS of the process tree so far, noted each time another `every` words have been
    ingested: one long run shows how memory grows with input size."""

    def __init__(self, every: int) -> None:
        self.every, self.words, self.tree = every, 0, None
        self.noted: list[tuple[int, int]] = []

    def __call__(self, document: object) -> None:
        before = self.words
        self.words += len(getattr(document, "text", "").split())
        if self.every and self.tree is not None and self.words // self.every > before // self.every:
            self.noted.append((self.words, max(self.tree.peak, self.tree.rss())))


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
    parser.add_argument("--skip-one", action="store_true", help="skip the one-worker run")
    parser.add_argument("--skip-two", action="store_true", help="skip the two-worker run")
    parser.add_argument(
        "--skip-bare", action="store_true", help="skip the bare model (memory growth only)"
    )
    parser.add_argument(
        "--rounds", type=int, default=4, help="interleaved slices (robust to drifting load)"
    )
    parser.add_argument(
        "--rss-every",
        type=int,
        default=0,
        metavar="WORDS",
        help="note the process tree's peak RSS every WORDS words ingested (use with --rounds 1)",
    )
    args = parser.parse_args(argv)

    import spacy

    from factionmap.config import Config
    from factionmap.nlp.pipeline import MODEL_PACKAGE
    from factionmap.pipeline import ingest

    source_texts = [text for text in read_corpus(args.corpus) if text.split()]
    if not source_texts:
        print(f"{args.corpus}: no article text found", file=sys.stderr)
        return 1
    print(f"corpus: about {args.words:,} words of perturbed copies from {args.corpus.name}")
    print(
        f"machine: {os.cpu_count()} cores, load average"
        f" {'/'.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min) at start"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        bare = spacy.load(MODEL_PACKAGE) if not args.skip_bare else None
        heads = [f"Warm-up {n}. " + t[:300] for n, t in enumerate(build_corpus(source_texts, 6000))]
        if bare is not None:
            list(bare.pipe(heads[:4], batch_size=16))  # warm up
        # Start-up (model loads, the workers' fork server) is paid once per command and timed
        # apart: the runs below measure the steady state.
        warm = folder / "warm"
        warm.mkdir()
        started = time.perf_counter()
        ingest([write_jsonl(heads[:1], warm)], warm / "kb1.sqlite")
        ingest([write_jsonl(heads[:17], warm)], warm / "kb2.sqlite", workers=2)
        print(f"start-up (model loads, fork server): {time.perf_counter() - started:.1f} s")

        # The perturbed copies are near-duplicates by design; linking them instead of analysing
        # them would measure the copy finder, not analysis, so it is off here.
        config = Config(near_duplicates=0)

        # Interleaved rounds: each slice of the corpus goes through the bare model, then the
        # one-worker ingest, then the two-worker one, so that load from other jobs drifting
        # during the run falls on all three alike and the ratios stay comparable.
        modes = [
            mode
            for mode, skipped in (("bare", args.skip_bare), ("one", args.skip_one),
                                  ("two", args.skip_two))
            if not skipped
        ]  # fmt: skip
        measured = {mode: Measured() for mode in modes}
        checkpoints = {mode: Checkpoints(args.rss_every) for mode in modes}
        articles = iter_corpus(source_texts, args.words)
        per_round = -(-args.words // max(args.rounds, 1))
        docs = words = 0
        for number in range(max(args.rounds, 1)):
            source = folder / f"part{number}" / "corpus.jsonl"
            count, total = write_slice(articles, per_round, source, docs)
            if not count:
                break
            docs, words = docs + count, words + total
            runs: dict[str, Callable[[], object]] = {
                "bare": lambda s=source: sum(1 for _ in bare.pipe(read_slice(s), batch_size=16)),
                "one": lambda s=source: ingest(
                    [s], folder / "kb1.sqlite", config=config, on_document=checkpoints["one"]
                ),
                "two": lambda s=source: ingest(
                    [s], folder / "kb2.sqlite", config=config, workers=2,
                    on_document=checkpoints["two"],
                ),
            }  # fmt: skip
            for mode in modes:
                measure(runs[mode], measured[mode], checkpoints[mode])
        print(f"corpus: {docs} documents, {words:,} words")
        labels = {
            "bare": f"bare {MODEL_PACKAGE}",
            "one": "factionmap ingest, 1 worker",
            "two": "factionmap ingest, 2 workers",
        }
        for mode in modes:
            m = measured[mode]
            print(lines(labels[mode], m.seconds, m.peak, words, docs))
        if "bare" in measured and "one" in measured:
            ratio = measured["bare"].seconds / measured["one"].seconds
            cpu_ratio = measured["bare"].cpu["writer"] / max(measured["one"].cpu["writer"], 1e-9)
            print(f"ratio full/spaCy: {ratio:.2f} (1.00 = no cost beyond the model);"
                  f" in CPU seconds {cpu_ratio:.2f}")  # fmt: skip
        if "one" in measured and "two" in measured:
            one, two = measured["one"], measured["two"]
            print(f"speed-up 1→2 workers: {one.seconds / two.seconds:.2f} measured;"
                  f" {one.projected / max(two.projected, 1e-9):.2f} projected from CPU time"
                  " for a quiet 2-core machine")  # fmt: skip
            total_one, total_two = sum(one.cpu.values()), sum(two.cpu.values())
            print(f"CPU seconds: 1 worker {total_one:.1f}, 2 workers {total_two:.1f}"
                  f" ({total_two / max(total_one, 1e-9) - 1:+.0%} for processes and"
                  " pickling)")  # fmt: skip
        print("1 worker runs in this process (no pickling); 2 workers are two processes"
              " forked from a warm fork server, this process reading and writing")  # fmt: skip
        for mode in ("one", "two"):
            if mode in measured:
                print(breakdown(labels[mode], measured[mode]))
        for mode in ("one", "two"):
            noted = checkpoints[mode].noted if mode in checkpoints else []
            if noted:
                marks = ", ".join(f"{w:,} words {p / 2**20:,.0f} MB" for w, p in noted)
                first, last = noted[0][1], noted[-1][1]
                print(f"{labels[mode]}, peak RSS so far: {marks}"
                      f" ({last / first - 1:+.1%} from first to last)")  # fmt: skip
        print(f"load average {'/'.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min) at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
