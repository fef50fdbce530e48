"""Corroboration counts reports, not documents: on a corpus the team wrote in the style of
this reporting (an agency report and a shortened uncredited copy of it, two translations of
one Arabic original, a report crediting the agency, and two outlets' own reports of an
alliance), ingested by the real CLI into a real SQLite file, each report counts once and
the grades follow."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.history.grades import independent_sources, load_outlets
from factionmap.records import Assertion
from factionmap.store.db import connect
from factionmap.store.history import claims

pytestmark = pytest.mark.model

CONTROL = ("saa", "controls", "place_khan_shaykhun")
ALLIANCE = ("hts", "allied_with", "nfl")


def ingest(db: Path, *inputs: Path, meta: Path) -> None:
    from typer.testing import CliRunner

    from factionmap.cli import app

    args = ["ingest", *map(str, inputs), "--meta", str(meta), "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def corpus(data_dir: Path) -> Path:
    return data_dir / "corroboration"


@pytest.fixture(scope="module")
def corpus_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corroboration") / "kb.sqlite"
    ingest(db, corpus, meta=corpus / "meta.jsonl")
    return db


def interval(conn: sqlite3.Connection, key: tuple[str, str, str]) -> sqlite3.Row:
    [row] = conn.execute(
        "SELECT * FROM history_intervals WHERE subject = ? AND predicate = ? AND object = ?", key
    ).fetchall()
    return row


def source_groups(conn: sqlite3.Connection, key: tuple[str, str, str]) -> set[frozenset[str]]:
    """The files of the claims of a fact, grouped by the independent source they count as."""
    facts = claims(conn)[key]
    files = dict(conn.execute("SELECT id, file FROM documents").fetchall())
    groups: dict[int, set[str]] = {}
    for source, claim in zip(independent_sources(facts, load_outlets()), facts, strict=True):
        groups.setdefault(source, set()).add(Path(files[claim.doc]).stem[:2])
    return {frozenset(g) for g in groups.values()}


def test_a_copy_translations_and_credited_claims_count_once(corpus_db: Path) -> None:
    with closing(connect(corpus_db)) as conn:
        # k2 is k1 shortened, k5 credits SANA, k3 and k4 translate one Arabic original.
        assert source_groups(conn, CONTROL) == {
            frozenset({"k1", "k2", "k5"}),
            frozenset({"k3", "k4"}),
        }
        control = interval(conn, CONTROL)
        assert (control["assertions"], control["sources"], control["credibility"]) == (5, 2, 2)
        # Two outlets' own reports stay two sources.
        assert source_groups(conn, ALLIANCE) == {frozenset({"k6"}), frozenset({"k7"})}
        assert interval(conn, ALLIANCE)["credibility"] == 2


def test_the_short_copy_is_linked_to_the_report_containing_it(corpus_db: Path) -> None:
    with closing(connect(corpus_db)) as conn:
        links = conn.execute(
            "SELECT c.file, o.file, share FROM document_origins"
            " JOIN documents c ON c.id = doc_id JOIN documents o ON o.id = of_doc"
        ).fetchall()
    assert [(Path(a).stem[:2], Path(b).stem[:2]) for a, b, _ in links] == [("k2", "k1")]
    assert links[0][2] >= 0.8


def test_the_export_grades_follow(corpus_db: Path, tmp_path: Path) -> None:
    from factionmap.export.registry import exporter

    with closing(connect(corpus_db)) as conn:
        exporter("json")(conn, tmp_path / "kb.json")
        files = dict(conn.execute("SELECT id, file FROM documents").fetchall())
    exported = json.loads((tmp_path / "kb.json").read_text(encoding="utf-8"))
    grades = {
        Path(files[r["evidence"][0]["doc"]]).stem[:2]: r["grade"]
        for r in exported["relations"]
        if (r["subject"], r["predicate"], r["object"]) == CONTROL
    }
    # Reliability is the carrying outlet's (SANA D, Syria Times not listed F, Enab Baladi C,
    # The Syrian Observer C, Middle East Eye C); credibility is the fact's: two sources.
    assert grades == {"k1": "D2", "k2": "F2", "k3": "C2", "k4": "C2", "k5": "C2"}


def test_a_copy_stored_before_its_report_is_linked_when_the_report_arrives(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    meta = corpus / "meta.jsonl"
    ingest(db, corpus / "k2_syriatimes_short_copy.txt", corpus / "k6_syriadirect_alliance.txt",
           meta=meta)  # fmt: skip
    with closing(connect(db)) as conn:
        assert interval(conn, CONTROL)["sources"] == 1
    ingest(db, corpus / "k1_sana_khan_shaykhun.txt", corpus / "k7_npa_alliance.txt", meta=meta)
    with closing(connect(db)) as conn:
        assert interval(conn, CONTROL)["sources"] == 1  # the copy now counts as the report
        assert interval(conn, ALLIANCE)["sources"] == 2


def test_translations_count_as_their_stored_original(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    with closing(sqlite3.connect(corpus_db)) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)
    original = tmp_path / "k8_enab_arabic.txt"
    original.write_text("قوات النظام تسيطر على مدينة خان شيخون في ريف إدلب الجنوبي", "utf-8")
    meta = tmp_path / "meta.jsonl"
    url = "https://example.org/enab/ar/khan-shaykhun"
    record = {"file": original.name, "outlet": "Enab Baladi", "language": "ar", "url": url}
    meta.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest(db, original, meta=meta)
    with closing(connect(db)) as conn:
        [arabic] = conn.execute("SELECT id FROM documents WHERE file LIKE '%k8_%'").fetchall()
        translations = [c for c in claims(conn)[CONTROL] if c.report_doc == arabic[0]]
        assert len(translations) == 2
        assert all(load_outlets().sources_of(c) == {"enab baladi"} for c in translations)
        assert interval(conn, CONTROL)["sources"] == 2


def claim(evidence: str, outlet: str = "Middle East Eye", **fields: object) -> Assertion:
    return Assertion(1, "a", "controls", "b", "asserted", None, None, None, "2019-08-24",
                     "doc1", outlet, evidence=evidence, **fields)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "source"),
    [
        ("The army took the town, according to SANA.", "sana"),
        ("The army took the town, according to the state news agency SANA.", "sana"),
        ("Reuters reported that the army took the town.", "reuters"),
        ("The army took the town, a commander told AFP.", "afp"),
        ("Syria's official news agency SANA, said the army took the town.", "sana"),
        ("The army took the town, according to the SDF.", "middle east eye"),
        ("The army took the town, residents said.", "middle east eye"),
    ],
)
def test_a_claim_the_text_credits_to_an_outlet_is_that_outlets(evidence: str, source: str) -> None:
    assert load_outlets().sources_of(claim(evidence)) == {source}


def test_a_claim_attributed_to_an_outlet_entity_is_that_outlets() -> None:
    said = "The army took the town, the agency said."
    credited = claim(said, attributed="Syrian Arab News Agency")
    assert load_outlets().sources_of(credited) == {"sana"}
