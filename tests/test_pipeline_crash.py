"""Crash safety and concurrency of a real ingest, run as real processes on real articles.

An ingest is killed with SIGKILL at random moments and re-run with the same command: the
store must stay intact, hold no duplicate or half-written document, and end equal to an
uninterrupted run. A second ingest into the same store is refused while readers keep working.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import factionmap

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Columns that record when, not what: everything else must match exactly.
VOLATILE = {"ingested_at", "decided_at"}


def real_corpus(data_dir: Path, folder: Path) -> Path:
    """The re3d source documents (real press releases and encyclopaedia text) as JSONL."""
    folder.mkdir()
    lines = []
    for source in sorted((data_dir / "re3d").glob("*/documents.json")):
        for raw in source.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                record = json.loads(raw)
                lines.append(
                    {
                        "id": record["_id"],
                        "text": record["text"],
                        "title": record.get("title"),
                        "url": record.get("sourceUrl"),
                        "outlet": record.get("sourceName"),
                    }
                )
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def command(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "factionmap", "ingest", str(corpus), "--db", str(db),
            "--workers", str(workers)]  # fmt: skip


def environment() -> dict[str, str]:
    source = str(Path(factionmap.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": source + os.pathsep + os.environ.get("PYTHONPATH", "")}


def stored_documents(db: Path) -> int:
    """Documents committed so far, read by a separate reader while the ingest writes."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def canonical(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record wall-clock time."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        dump = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            dump[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        return dump


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def start(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        command(corpus, db, workers),
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so SIGKILL reaches the worker processes too
    )


def wait_for_documents(process: subprocess.Popen, db: Path, count: int) -> None:
    deadline = time.monotonic() + 300
    while stored_documents(db) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, data_dir: Path) -> tuple[Path, dict]:
    """The corpus and the store an uninterrupted one-process run leaves."""
    folder = tmp_path_factory.mktemp("crash")
    corpus = real_corpus(data_dir, folder / "input")
    db = folder / "reference.sqlite"
    done = subprocess.run(command(corpus, db, 1), env=environment(), capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return corpus, canonical(db)


def test_pipeline_kill_9_at_random_moments_then_rerun_equals_uninterrupted(
    reference, tmp_path: Path
) -> None:
    corpus, expected = reference
    total = len(expected["documents"])
    assert total >= 50
    seed = random.randrange(1 << 30)
    chooser = random.Random(seed)
    db = tmp_path / "kb.sqlite"
    stored_before = 0
    # Kill points: after a random number of committed documents, plus a random delay that
    # lands inside the parse, the extraction or the write of a later one.
    for target in sorted(chooser.sample(range(2, total - 5), 3)):
        process = start(corpus, db, workers=2)
        wait_for_documents(process, db, max(target, stored_before + 1))
        time.sleep(chooser.uniform(0, 0.4))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert integrity(db) == "ok", f"seed {seed}"
        now = canonical(db)
        ids = [row[0] for row in now["documents"]]
        assert len(ids) == len(set(ids)), f"duplicate document (seed {seed})"
        # No half-written document: every stored document has its mentions, and nothing
        # refers to a document that is not stored.
        stored = set(ids)
        with closing(sqlite3.connect(db)) as conn:
            for table in ("mentions", "relations", "events", "quotes"):
                orphans = conn.execute(
                    f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
                ).fetchone()[0]
                assert orphans == 0, f"{table} of an unstored document (seed {seed})"
            with_mentions = {r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM mentions")}
        assert stored <= with_mentions | _mentionless(expected), f"seed {seed}"
        assert len(stored) >= stored_before
        stored_before = len(stored)
    finished = subprocess.run(command(corpus, db, 2), env=environment(), capture_output=True,
                              text=True, timeout=600, check=False)  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert f"ingested {total - stored_before} new, {stored_before} already stored" in (
        finished.stdout.replace("\n", " ")
    )
    assert integrity(db) == "ok"
    assert canonical(db) == expected, f"seed {seed}"


def _mentionless(expected: dict) -> set[str]:
    with_mentions = {row[2] for row in expected["mentions"]}
    return {row[0] for row in expected["documents"]} - with_mentions


def test_pipeline_second_ingest_refused_while_readers_keep_reading(
    reference, tmp_path: Path
) -> None:
    corpus, expected = reference
    db = tmp_path / "kb.sqlite"
    first = start(corpus, db, workers=1)
    wait_for_documents(first, db, 2)
    second = subprocess.run(command(corpus, db, 1), env=environment(), capture_output=True,
                            text=True, timeout=300, check=False)  # fmt: skip
    assert second.returncode == 1
    [line] = second.stderr.strip().splitlines()
    assert line == (
        f"error: {db}: another ingest (process {first.pid}) is writing to this database; "
        "wait for it to finish or use another --db"
    )
    # Readers: the CLI's stats and a plain SQLite reader, while the first ingest writes.
    stats = subprocess.run([sys.executable, "-m", "factionmap", "stats", "--db", str(db)],
                           env=environment(), capture_output=True, text=True, timeout=300,
                           check=False)  # fmt: skip
    assert stats.returncode == 0, stats.stderr
    assert first.poll() is None, "the ingest ended before the readers could overlap it"
    during = stored_documents(db)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert 2 <= during <= len(expected["documents"])
    assert canonical(db) == expected
