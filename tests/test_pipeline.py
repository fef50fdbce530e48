"""The pipeline end to end: read → clean → analyse → resolve → store, failures isolated."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap import pipeline
from factionmap.ingest.cleaning import clean_article
from factionmap.ingest.readers import read_text_file
from factionmap.records import ReadFailure
from factionmap.store import db as store
from factionmap.store import reads

# Furniture of tests/data/articles/afrin_commanders.txt that must never become content.
AFRIN_FURNITURE = [
    "Logo Wide",
    "Read also",
    "Olive Harvest Levies",
    "Share this article",
    "Related Articles",
    "Jindires",
    "Who Controls",
    "free media",
    "Support Shamal",
    "Click here",
]


def test_pipeline_iter_documents_applies_sidecar(data_dir: Path) -> None:
    articles = data_dir / "articles"
    report = pipeline.IngestReport()
    documents = list(pipeline.iter_documents([articles], articles / "meta.jsonl", report))
    assert (report.read, report.failures) == (4, [])
    by_name = {Path(d.file).name: d for d in documents}
    afrin = by_name["afrin_commanders.txt"]
    assert afrin.outlet == "Shamal Ledger"
    assert afrin.published == "2023-11-20"  # from the sidecar's URL
    assert (
        afrin.title == "Abu Amsha returns to Sheikh al-Hadid as rivals in the National Army look on"
    )
    wire = {d.file.rsplit("#", 1)[1]: d for d in documents if "#" in d.file}
    assert wire["wire-2025-002"].title == "Talks over Sheikh Maqsoud stall"
    assert wire["wire-2025-002"].author == "Levant Wire staff"
    assert wire["wire-2025-002"].verified is False
    assert wire["wire-2025-001"].verified is True
    html = by_name["manbij_front.html"]
    assert (html.published, html.outlet) == ("2024-12-20", "Furat Dispatch")


def test_pipeline_iter_documents_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "only_furniture.txt").write_text("Related Articles\n  1. A teaser title\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    report = pipeline.IngestReport()
    assert list(pipeline.iter_documents([tmp_path, tmp_path / "gone.txt"], None, report)) == []
    messages = sorted(f.message for f in report.failures)
    assert messages == sorted(
        [
            f"{tmp_path / 'empty.txt'}: empty file (no text to read)",
            f"{tmp_path / 'gone.txt'}: path does not exist",
            f"{tmp_path / 'only_furniture.txt'}: "
            "no article text left after removing page furniture",
        ]
    )


@pytest.mark.model
def test_pipeline_analyze_text_offsets_point_into_text(nlp) -> None:
    text = (
        "Hayat Tahrir al-Sham (HTS), which controls Idleb, and the Turkish-backed Syrian "
        "National Army (SNA) exchanged accusations last March. “They want the crossings,” "
        "said the military expert Brigadier General Nizar Khalaf."
    )
    analyzed = pipeline.analyze_text(text, published="2024-05", nlp=nlp)
    assert analyzed.document.text == text
    assert analyzed.entities
    for entity in analyzed.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.type == entity.type


@pytest.mark.model
def test_pipeline_stores_cleaned_text_and_valid_spans(db_path: Path, data_dir: Path) -> None:
    articles = data_dir / "articles"
    report = pipeline.ingest([articles], db_path, articles / "meta.jsonl")
    assert (report.added, report.failures) == (4, [])
    expected = clean_article(read_text_file(articles / "afrin_commanders.txt")).text
    with closing(store.connect(db_path)) as conn:
        texts = reads.document_texts(conn)
        files = {r["id"]: Path(r["file"]).name for r in reads.documents(conn)}
        [afrin_id] = [i for i, name in files.items() if name == "afrin_commanders.txt"]
        assert texts[afrin_id] == expected
        mentions = reads.mentions(conn)
    assert mentions
    for m in mentions:
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
    afrin_mentions = " | ".join(m["text"] for m in mentions if m["doc_id"] == afrin_id)
    for furniture in AFRIN_FURNITURE:
        assert furniture not in texts[afrin_id]
        assert furniture not in afrin_mentions


@pytest.mark.model
def test_pipeline_same_article_in_two_files_stored_once(
    db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    source = data_dir / "articles" / "afrin_commanders.txt"
    shutil.copy(source, folder / "one.txt")
    shutil.copy(source, folder / "two.txt")
    report = pipeline.ingest([folder], db_path)
    assert (report.added, report.unchanged, report.failures) == (1, 1, [])


@pytest.mark.model
def test_pipeline_extraction_failure_skips_only_that_document(
    db_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.extract_assertions

    def fragile(analyzed):
        if "Tishreen" in analyzed.document.text:
            raise ValueError("extractor broke")
        return real(analyzed)

    monkeypatch.setattr(pipeline, "extract_assertions", fragile)
    articles = data_dir / "articles"
    report = pipeline.ingest([articles], db_path, articles / "meta.jsonl")
    assert report.added == 3
    [failure] = report.failures
    assert failure.file.endswith("manbij_front.html")
    assert failure.message.endswith("extraction failed (ValueError: extractor broke)")


@pytest.mark.model
def test_pipeline_failed_write_keeps_earlier_documents(
    db_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = data_dir / "articles"
    real = store._write_assertions

    def disk_full(conn, document, *args):
        if document.file.endswith("wire-2025-001"):
            raise sqlite3.OperationalError("database or disk is full (simulated)")
        return real(conn, document, *args)

    monkeypatch.setattr(store, "_write_assertions", disk_full)
    report = pipeline.ingest([articles], db_path, articles / "meta.jsonl")
    assert report.added == 3
    [failure] = report.failures
    assert isinstance(failure, ReadFailure)
    assert (
        failure.message == f"{articles / 'wire.jsonl'}#wire-2025-001: not stored "
        "(database or disk is full (simulated))"
    )
    with closing(store.connect(db_path)) as conn:
        stored = {Path(d["file"]).name for d in reads.documents(conn)}
        assert stored == {"afrin_commanders.txt", "manbij_front.html", "wire.jsonl#wire-2025-002"}
        orphans = conn.execute(
            "SELECT COUNT(*) FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)"
        ).fetchone()[0]
        assert orphans == 0

    monkeypatch.setattr(store, "_write_assertions", real)
    again = pipeline.ingest([articles], db_path, articles / "meta.jsonl")
    assert (again.added, again.unchanged, again.failures) == (1, 3, [])
