"""Near-duplicates: syndicated copies are linked to the first article, stored once, counted once."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap import pipeline
from factionmap.ingest.near_duplicates import signature


def re3d_texts(data_dir: Path, count: int) -> list[str]:
    source = data_dir / "re3d" / "CENTCOM" / "documents.json"
    lines = source.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()][:count]


def syndicated(text: str) -> str:
    """How a wire copy differs: its own dateline and a credit line, the story unchanged."""
    return f"TAMPA, Florida (Wire) — {text}\n\nReporting by the wire desk; editing by staff."


def test_near_duplicates_copy_is_similar_distinct_stories_are_not(data_dir: Path) -> None:
    first, second, third = re3d_texts(data_dir, 3)
    original = signature(first)
    assert original is not None
    copy = signature(syndicated(first))
    assert copy is not None and original.similarity(copy) >= 0.8
    for other in (second, third):
        other_sig = signature(other)
        assert other_sig is not None and original.similarity(other_sig) < 0.3
    assert signature("Too short to judge.") is None


@pytest.mark.model
def test_near_duplicates_linked_not_analysed_and_counted_once(
    tmp_path: Path, data_dir: Path
) -> None:
    texts = re3d_texts(data_dir, 3)
    plain = tmp_path / "plain.jsonl"
    plain.write_text("".join(json.dumps({"id": f"s{i}", "text": t}) + "\n"
                             for i, t in enumerate(texts)))  # fmt: skip
    with_copy = tmp_path / "with_copy.jsonl"
    records = [
        *({"id": f"s{i}", "text": t} for i, t in enumerate(texts)),
        {"id": "wire", "text": syndicated(texts[0]), "outlet": "Wire"},
    ]
    with_copy.write_text("".join(json.dumps(r) + "\n" for r in records))

    alone = pipeline.ingest([plain], tmp_path / "alone.sqlite")
    report = pipeline.ingest([with_copy], tmp_path / "kb.sqlite")
    assert (alone.added, report.added, report.copies) == (3, 3, 1)
    with (
        closing(sqlite3.connect(tmp_path / "kb.sqlite")) as kb,
        closing(sqlite3.connect(tmp_path / "alone.sqlite")) as reference,
    ):
        [(of_doc, similarity, outlet)] = kb.execute(
            "SELECT of_doc, similarity, outlet FROM document_copies"
        ).fetchall()
        first = kb.execute("SELECT id FROM documents WHERE file LIKE '%#s0'").fetchone()[0]
        assert (of_doc, outlet) == (first, "Wire") and similarity >= 0.8
        for table in ("documents", "relations", "events", "quotes", "mentions"):
            count = f"SELECT count(*) FROM {table}"
            assert kb.execute(count).fetchone() == reference.execute(count).fetchone(), table
    again = pipeline.ingest([with_copy], tmp_path / "kb.sqlite")
    assert (again.added, again.copies, again.unchanged) == (0, 0, 4)
