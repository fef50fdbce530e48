"""Analyst decisions on a four-report corpus the team wrote (tests/data/decisions): a faction
cut in two by extraction ("Idlib Free Army" → "Idlib" + "Free Army"), two people sharing a
kunya, a name cut short, a media outlet and a think tank with acronyms. Everything goes through
the real CLI into a real SQLite file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.store.db import connect

pytestmark = pytest.mark.model

ELDER_DOC = "elder_deir_ezzor.txt"


@pytest.fixture(scope="module")
def corpus_db(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from factionmap.cli import app

    folder = data_dir / "decisions"
    db = tmp_path_factory.mktemp("decisions") / "kb.sqlite"
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--meta", str(folder / "meta.jsonl"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(corpus_db: Path, tmp_path: Path, copy_db) -> Path:
    """A private copy, so that decisions taken by one test do not leak into another."""
    return copy_db(corpus_db, tmp_path / "kb.sqlite")


def one_line_error(result, *fragments: str) -> None:  # noqa: ANN001
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def entity_of(db: Path, doc_file: str, text: str) -> tuple[str, str, str]:
    """(id, name, type) of the entity holding the first mention `text` in a document."""
    with closing(connect(db)) as conn:
        row = conn.execute(
            "SELECT e.id, e.name, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " JOIN documents d ON d.id = m.doc_id WHERE d.file LIKE ? AND m.text = ?"
            " ORDER BY m.start LIMIT 1",
            (f"%{doc_file}", text),
        ).fetchone()
    assert row is not None, (doc_file, text)
    return tuple(row)  # type: ignore[return-value]


def doc_prefix(db: Path, doc_file: str) -> str:
    with closing(connect(db)) as conn:
        return conn.execute(
            "SELECT id FROM documents WHERE file LIKE ?", (f"%{doc_file}",)
        ).fetchone()[0][:8]


def snapshot(db: Path) -> dict:
    """Who holds each mention, every entity's name and type, and every relation by span."""
    with closing(connect(db)) as conn:
        return {
            "mentions": sorted(
                tuple(row)
                for row in conn.execute(
                    "SELECT m.doc_id, m.start, m.end, e.name, e.type FROM mentions m"
                    " JOIN entities e ON e.id = m.entity_id"
                )
            ),
            "relations": sorted(
                tuple(row)
                for row in conn.execute(
                    "SELECT r.doc_id, r.start, r.predicate, s.name, o.name FROM relations r"
                    " JOIN entities s ON s.id = r.subject JOIN entities o ON o.id = r.object"
                )
            ),
        }


def test_decisions_review_lists_candidates_and_suspicious_entities(db: Path, run_cli) -> None:
    result = run_cli("review", "--db", db)
    assert result.exit_code == 0, result.output
    candidates, suspicious = result.output.split("suspicious entities")
    # "Free Men of Hama Brigade" was cut into two fragments in two reports.
    assert "Brigade of the Free Men of" in candidates and "Free Men of [" in candidates
    assert "factionmap merge" in candidates
    assert "Free Army [org_free_army" in suspicious and "a generic name" in suspicious
    assert "Free Men of [" in suspicious and "a fragment of a longer name" in suspicious
    assert "[" in suspicious.split("\n")[2]  # each entity with an evidence sentence


def test_decisions_survive_reingest_and_full_reextraction(
    db: Path, data_dir: Path, tmp_path: Path, run_cli
) -> None:
    free_army, _, _ = entity_of(db, "clashes_maarat.txt", "Free Army")
    elder_before, _, _ = entity_of(db, ELDER_DOC, "Abu Hassan")
    commander, _, _ = entity_of(db, "free_army_repels.txt", "Abu Hassan")
    assert elder_before == commander  # one kunya, two people: the resolver joined them
    steps = [
        ("merge", "Free Idlib Army", free_army, "--why", "name order varies between outlets"),
        ("split", "Abu Hassan", "--document", doc_prefix(db, ELDER_DOC),
         "--name", "Abu Hassan (Deir ez-Zor elder)", "--why", "a tribal elder, not the commander"),
        ("rename", "org_brigade_of_the_free_men_of", "Free Men of Hama Brigade"),
        ("retype", "Free Men of Hama Brigade", "ORG/armed_group", "--who", "tester"),
    ]  # fmt: skip
    for step in steps:
        result = run_cli(*step, "--db", db)
        assert result.exit_code == 0, result.output

    def holds() -> None:
        assert entity_of(db, "clashes_maarat.txt", "Free Army")[0] == "free_idlib_army"
        elder = entity_of(db, ELDER_DOC, "Abu Hassan")
        assert elder[1] == "Abu Hassan (Deir ez-Zor elder)"
        assert entity_of(db, "free_army_repels.txt", "Abu Hassan")[1] == "Abu Hassan"
        brigade = entity_of(db, "clashes_maarat.txt", "Brigade of the Free Men of")
        assert brigade[1] == "Free Men of Hama Brigade" and brigade[2] == "ORG"
        with closing(connect(db)) as conn:
            subtype = conn.execute(
                "SELECT subtype FROM entities WHERE name = 'Free Men of Hama Brigade'"
            ).fetchone()[0]
            # The elder's facts followed him: the SDF detained *his* son, in his report.
            assert not conn.execute(
                "SELECT 1 FROM relations r JOIN documents d ON d.id = r.doc_id"
                " WHERE d.file LIKE ? AND (r.subject = ? OR r.object = ?)",
                (f"%{ELDER_DOC}", commander, commander),
            ).fetchone()
        assert subtype == "armed_group"

    holds()
    before = snapshot(db)
    # A later ingest: the same reports again, and a new one naming the merged faction.
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(data_dir / "decisions" / "clashes_maarat.txt", later / "old.txt")
    (later / "new.txt").write_text(
        "The Idlib Free Army said on Monday that it had shot down a drone over its positions.\n",
        encoding="utf-8",
    )
    result = run_cli("ingest", later, "--db", db)
    assert result.exit_code == 0 and "1 new, 1 already stored" in result.output, result.output
    assert entity_of(db, "new.txt", "Free Army")[0] == "free_idlib_army"
    holds()
    result = run_cli("reextract", "--db", db)
    assert result.exit_code == 0, result.output
    assert "4 decisions re-applied" in result.output
    holds()
    after = snapshot(db)
    assert {m for m in after["mentions"] if "new" not in m[0]} >= set(before["mentions"])
    assert set(before["relations"]) <= set(after["relations"])
    listed = run_cli("decisions", "--db", db)
    assert listed.exit_code == 0 and "tester" in listed.output and "split" in listed.output


def test_decisions_reextract_without_decisions_rebuilds_the_same_store(db: Path, run_cli) -> None:
    before = snapshot(db)
    with closing(connect(db)) as conn:
        first_ingest = dict(conn.execute("SELECT id, ingested_at FROM documents"))
    result = run_cli("reextract", "--db", db)
    assert result.exit_code == 0, result.output
    assert snapshot(db) == before
    with closing(connect(db)) as conn:
        assert dict(conn.execute("SELECT id, ingested_at FROM documents")) == first_ingest
    assert not list(db.parent.glob("*.reextract*"))


def test_decisions_export_carries_them(db: Path, run_cli) -> None:
    free_army, _, _ = entity_of(db, "clashes_maarat.txt", "Free Army")
    assert (
        run_cli("merge", "free_idlib_army", free_army, "--why", "same", "--db", db).exit_code == 0
    )
    with closing(connect(db)) as conn:
        claim = conn.execute("SELECT id FROM relations ORDER BY id LIMIT 1").fetchone()[0]
    assert run_cli("reject", claim, "--why", "misread", "--db", db).exit_code == 0
    output = db.parent / "kb.json"
    assert run_cli("export", "--db", db, "--format", "json", "-o", output).exit_code == 0
    kb = json.loads(output.read_text(encoding="utf-8"))
    merge, reject = kb["decisions"]
    assert merge["kind"] == "merge" and merge["why"] == "same"
    assert [s["id"] for s in merge["subjects"]] == ["free_idlib_army", free_army]
    assert merge["now"] == [{"id": "free_idlib_army", "name": "Free Idlib Army"}] * 2
    assert merge["who"] and merge["when"].endswith("+00:00")
    assert reject["kind"] == "reject" and reject["now"] == [claim]
    assert free_army not in {e["id"] for e in kb["entities"]}


def test_decisions_migration_keeps_older_reject_decisions(tmp_path: Path) -> None:
    from factionmap.store import db as store

    path = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        for _, script in store.MIGRATIONS[:2]:
            conn.executescript(script())
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO assertion_decisions (doc_id, start, end, predicate, decision, why, who,"
            " decided_at) VALUES ('d1', 3, 40, 'controls', 'reject', 'wrong town', 'ana',"
            " '2026-01-01T00:00:00+00:00')"
        )
        conn.commit()
    with closing(store.connect(path)) as conn:
        row = conn.execute("SELECT * FROM decisions").fetchone()
        assert (row["kind"], row["claim_doc"], row["claim_start"], row["why"]) == (
            "reject", "d1", 3, "wrong town",
        )  # fmt: skip
        assert json.loads(row["subjects"]) == [
            {"doc": "d1", "start": 3, "end": 40, "predicate": "controls"}
        ]


# ---- every error path: one line, exit status 1 ----


def test_decisions_merge_needs_a_reason_and_two_actors(db: Path, run_cli) -> None:
    one_line_error(run_cli("merge", "SDF", "HTS", "--db", db), "merge needs --why")
    one_line_error(
        run_cli("merge", "SDF", "Syrian Democratic Forces", "--why", "x", "--db", db),
        "cannot merge", "both names are 'sdf'",
    )  # fmt: skip
    one_line_error(run_cli("merge", "SDF", "Nobody", "--why", "x", "--db", db), "'Nobody'")


def test_decisions_split_error_paths(db: Path, run_cli) -> None:
    why = ("--why", "two people")
    one_line_error(run_cli("split", "Abu Hassan", *why, "--db", db), "say which mentions move")
    one_line_error(run_cli("split", "Abu Hassan", "--mentions", "1", "--db", db), "split needs")
    one_line_error(
        run_cli("split", "Abu Hassan", "--mentions", "nodoc", *why, "--db", db),
        "not a mention", "DOC:START",
    )  # fmt: skip
    one_line_error(
        run_cli("split", "Abu Hassan", "--mentions", "ffffffff:1", *why, "--db", db),
        "no mention of 'per_abu_hassan' starts at 'ffffffff:1'",
    )  # fmt: skip
    one_line_error(
        run_cli("split", "Abu Hassan", "--document", "zz", *why, "--db", db), "no mention in"
    )
    every = [doc_prefix(db, ELDER_DOC), doc_prefix(db, "free_army_repels.txt")]
    one_line_error(
        run_cli("split", "Abu Hassan", "--document", every[0], "--document", every[1], *why,
                "--db", db),
        "every mention",
    )  # fmt: skip


def test_decisions_rename_retype_reject_error_paths(db: Path, run_cli) -> None:
    one_line_error(run_cli("rename", "SDF", "  ", "--db", db), "new name is empty")
    one_line_error(run_cli("retype", "SDF", "MILITIA", "--db", db), "unknown entity type")
    one_line_error(run_cli("reject", "1", "--db", db), "reject needs --why")
    one_line_error(run_cli("reject", "99999", "--why", "x", "--db", db), "no relation with id")
    missing = db.parent / "missing.sqlite"
    one_line_error(run_cli("merge", "A", "B", "--why", "x", "--db", missing), "does not exist")
    one_line_error(run_cli("reextract", "--db", missing), "does not exist")


def test_decisions_names_resolve_exactly_or_list_candidates(db: Path, run_cli) -> None:
    # Exact alias beats folding: "IS" is the Islamic State, never the IISS ("iiss" folds to "is").
    assert run_cli("actor", "IS", "--db", db).output.startswith("Islamic State")
    iiss = run_cli("actor", "IISS", "--db", db).output
    assert iiss.startswith("International Institute for Strategic Studies")
    # No actor is named "Kurds": a near name is offered, never answered.
    one_line_error(run_cli("actor", "Kurds", "--db", db), "no actor is named 'Kurds'",
                   "did you mean: KurdSat")  # fmt: skip
    one_line_error(run_cli("actor", "Zzyzx", "--db", db), "no actor matches 'Zzyzx'")
    # Two actors under one name: both listed with their ids.
    result = run_cli("split", "Abu Hassan", "--document", doc_prefix(db, ELDER_DOC),
                     "--why", "two people", "--db", db)  # fmt: skip
    assert result.exit_code == 0, result.output
    one_line_error(run_cli("actor", "Abu Hassan", "--db", db), "'Abu Hassan' names 2 actors",
                   "[per_abu_hassan,", "[per_abu_hassan_s1,")  # fmt: skip
    assert run_cli("actor", "per_abu_hassan_s1", "--db", db).exit_code == 0
    one_line_error(run_cli("events", "--actor", "Kurds", "--db", db), "did you mean")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--type", "FIGHT"), "unknown event type 'FIGHT'; PLOVER types are"),
        (("events", "--since", "2019-3"), "invalid date '2019-3': use YYYY, YYYY-MM or"),
        (("events", "--since", "2019-13"), "invalid date '2019-13'"),
        (("events", "--since", "March 2019"), "invalid date 'March 2019'"),
        (("actors", "--type", "MILITIA"), "unknown entity type 'MILITIA'"),
    ],
)
def test_decisions_invalid_filters_are_refused(db: Path, run_cli, args, message) -> None:  # noqa: ANN001
    one_line_error(run_cli(*args, "--db", db), message)


def test_decisions_valid_filters_still_answer(db: Path, run_cli) -> None:
    result = run_cli("events", "--type", "assault", "--since", "2019-05", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2019-06-14 ASSAULT" in result.output and "2019-04-10" not in result.output


def test_decisions_not_same_keeps_two_entities_apart(
    db: Path, data_dir: Path, tmp_path: Path, run_cli
) -> None:
    from factionmap.store import decisions

    brigade = entity_of(db, "clashes_maarat.txt", "Brigade of the Free Men of")[0]
    free_men = entity_of(db, "free_army_repels.txt", "Free Men of")[0]
    assert brigade != free_men
    assert f"{brigade} {free_men}" in run_cli("review", "--db", db).output
    one_line_error(run_cli("not-same", brigade, free_men, "--db", db), "not-same needs --why")
    result = run_cli("not-same", brigade, free_men, "--why", "two brigades of one town", "--db", db)
    assert result.exit_code == 0 and "are different actors" in result.output, result.output
    assert "merge candidates (0)" in run_cli("review", "--db", db).output
    one_line_error(
        run_cli("merge", brigade, free_men, "--why", "x", "--db", db),
        "cannot merge", "different actors", "two brigades of one town",
    )  # fmt: skip

    def apart() -> bool:
        return (
            entity_of(db, "clashes_maarat.txt", "Brigade of the Free Men of")[0]
            != entity_of(db, "free_army_repels.txt", "Free Men of")[0]
        )

    later = tmp_path / "later"
    later.mkdir()
    (later / "new.txt").write_text(
        "The Free Men of Hama Brigade said on Monday that it had repelled an attack.\n",
        encoding="utf-8",
    )
    assert run_cli("ingest", later, "--db", db).exit_code == 0
    assert apart()
    result = run_cli("reextract", "--db", db)
    assert result.exit_code == 0 and "1 decisions re-applied" in result.output, result.output
    assert apart()
    # A store that joined them (an earlier merge, a dictionary that changed before a
    # re-extraction) is parted again when the decisions are applied.
    with closing(connect(db)) as conn:
        conn.execute("BEGIN")
        decisions._fold(conn, *(r[0] for r in conn.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE text IN"
            " ('Brigade of the Free Men of', 'Free Men of') ORDER BY entity_id"
        )))  # fmt: skip
        conn.execute("COMMIT")
    assert not apart()
    with closing(connect(db)) as conn:
        applied = decisions.apply_decisions(conn)
    assert applied.changed and apart()
    listed = run_cli("decisions", "--db", db).output
    assert "not_same" in listed and "different actors" in listed
