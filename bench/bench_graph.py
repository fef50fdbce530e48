"""Benchmark: query latency of the actor graph over time on a large store.

Builds a store of N synthetic documents (default 10,000) through the real writer (so the
derived histories are maintained as during ingest), then times, in this process, the query
layer's answers that the CLI and web call: an actor profile, the as-of graph around an actor
and whole, and a diff between two dates. Prints the one-off load of the graph's read model,
p50/p95 per query, the same right after another connection wrote one document (20 writes
per query; the store grows by them), and the CLI's start-up apart (`factionmap --help`, and
`graph` on an empty store). Never run as a test.

    python bench/bench_graph.py [DOCUMENTS] [--store PATH]   # PATH: build once, then reuse
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from factionmap.query.graph import as_of_graph, diff
from factionmap.query.interval_model import interval_model
from factionmap.query.profiles import actor_profile
from factionmap.records import DocEntity, Document, Event, Evidence, Mention, Relation, TimeSpec
from factionmap.store.db import connect, write_document

PREDICATES = ("member_of", "part_of", "allied_with", "hostile_to", "controls", "leader_of")
OUTLETS = ("Reuters", "Enab Baladi", "Syria Direct", "SANA", "North Press Agency", "Rudaw")


def build_store(path: Path, documents: int, actors: int = 1500, seed: int = 7) -> None:
    """A store of synthetic but realistically shaped documents (Zipf-like actor use)."""
    rng = random.Random(seed)
    with closing(connect(path)) as conn:
        for number in range(documents):
            write_synthetic(conn, rng, number, 2012 + number * 13 // documents, actors)


def write_synthetic(
    conn: sqlite3.Connection, rng: random.Random, number: int, year: int, actors: int = 1500
) -> None:
    """Write one synthetic document through the real writer (histories refreshed with it)."""
    weights = [1 / (rank + 1) for rank in range(actors)]
    month = rng.randint(1, 12)
    published = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    picked = sorted(set(rng.choices(range(actors), weights, k=8)))
    text = " ".join(f"Actor{a} did things in the war." for a in picked)
    doc = Document(
        id=f"doc{number:06d}", text=text, file=f"synthetic/{number}.txt",
        outlet=rng.choice(OUTLETS), published=published,
    )  # fmt: skip
    entities, offset = [], 0
    for a in picked:
        name = f"Actor{a}"
        start = text.index(name, offset)
        offset = start + len(name)
        mention = Mention(doc.id, start, offset, name, "ORG")
        entities.append(DocEntity(f"l{a}", name, "ORG", None, (mention,)))
    ids = {e.local_id: f"actor_{e.local_id[1:]}" for e in entities}
    known = {
        row[0] for row in conn.execute(
            f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(ids))})",
            tuple(ids.values()),
        )
    }  # fmt: skip
    new = {ids[e.local_id]: e for e in entities if ids[e.local_id] not in known}
    evidence = Evidence(doc.id, 0, min(len(text), 60), text[:60])
    relations = tuple(
        Relation(
            rng.choice(entities).local_id,
            rng.choice(PREDICATES),
            rng.choice(entities).local_id,
            evidence,
            TimeSpec(start=published[:7]) if rng.random() < 0.5 else TimeSpec(),
        )  # fmt: skip
        for _ in range(5)
    )
    events = tuple(
        Event(
            "ASSAULT",
            (rng.choice(entities).local_id,),
            (rng.choice(entities).local_id,),
            evidence,
            date=published,
        )  # fmt: skip
        for _ in range(3)
    )
    write_document(conn, doc, entities, ids, new, relations, events, ())


def timed(function, repeats: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="?", type=int, default=10_000)
    parser.add_argument(
        "--store", type=Path, help="keep the built store here and reuse it on the next run"
    )
    args = parser.parse_args(argv)
    documents = args.documents
    with tempfile.TemporaryDirectory() as folder:
        path = args.store or Path(folder) / "kb.sqlite"
        if not path.exists():
            start = time.perf_counter()
            build_store(path, documents)
            print(f"store: {documents:,} documents built in {time.perf_counter() - start:.1f} s")
        else:
            print(f"store: reusing {path}")
        rng = random.Random(1)
        with closing(connect(path)) as conn:
            rows = conn.execute("SELECT COUNT(*) FROM history_intervals").fetchone()[0]
            print(f"history intervals: {rows:,}")
            # The graph's read model loads once per process (then follows each write): the
            # first as-of query pays for it, the ones after are what the rows below time.
            start = time.perf_counter()
            interval_model(conn)
            loaded = (time.perf_counter() - start) * 1000
            print(f"{'read model load (once per process)':<36} {loaded:7.1f} ms")
            names = [f"Actor{rng.randint(0, 300)}" for _ in range(40)]
            dates = [f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}" for _ in range(40)]
            cases = {
                "actor profile": lambda: actor_profile(conn, rng.choice(names)),
                "graph --as-of --around (depth 2)": lambda: as_of_graph(
                    conn, rng.choice(dates), f"actor_{rng.randint(0, 300)}", 2
                ),
                "graph --as-of (whole network)": lambda: as_of_graph(conn, rng.choice(dates)),
                "diff --from --to": lambda: diff(conn, rng.choice(dates), rng.choice(dates)),
            }
            for label, function in cases.items():
                function()  # warm the page cache
                p50, p95 = timed(function, 40)
                print(f"{label:<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
            # Right after a write (by another connection, as an ingest beside the web would):
            # the model follows the facts the write logged; the write itself is not timed.
            print("right after a write of one document:")
            with closing(connect(path)) as writer:
                stored = writer.execute("SELECT count(*) FROM documents").fetchone()[0]
                numbers = iter(range(stored, stored + 1000))
                for label, function in cases.items():
                    samples = []
                    for _ in range(20):
                        write_synthetic(writer, rng, next(numbers), rng.randint(2012, 2024))
                        samples.append(timed(function, 1)[0])
                    samples.sort()
                    p50, p95 = statistics.median(samples), samples[int(0.95 * 19)]
                    print(f"  {label:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    cli = Path(sys.executable).with_name("factionmap")
    p50, p95 = timed(lambda: subprocess.run([str(cli), "--help"], capture_output=True), 5)
    print(f"{'CLI start-up (factionmap --help)':<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.sqlite"
        connect(empty).close()
        query = [str(cli), "graph", "--as-of", "2017-06", "--db", str(empty)]
        p50, p95 = timed(lambda: subprocess.run(query, capture_output=True, check=True), 5)
    print(f"{'CLI start-up (graph, empty store)':<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
