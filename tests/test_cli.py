"""The real `factionmap` command line on real files: ingest, re-ingest, export, browse, errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.cli import app
from factionmap.store import reads
from factionmap.store.db import connect

SUMMARY = re.compile(
    r"ingested (?P<added>\d+) new, (?P<unchanged>\d+) already stored, (?P<failed>\d+) failed → "
    r"(?P<db>.+): (?P<totals>\d+ documents, \d+ entities, \d+ relations, \d+ events, \d+ quotes)"
)
PREDICATES = {
    "leader_of",
    "member_of",
    "founder_of",
    "part_of",
    "backed_by",
    "allied_with",
    "hostile_to",
    "negotiating_with",
    "merged_into",
    "split_from",
    "controls",
}
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def summary(result) -> dict[str, str]:
    match = SUMMARY.search(result.stdout)
    assert match, result.stdout
    return match.groupdict()


def table_rows(output: str) -> list[list[str]]:
    """Body rows of a rich table, as lists of stripped cells."""
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


@pytest.fixture(scope="module")
def kb(tmp_path_factory, data_dir: Path) -> tuple[Path, object]:
    """The fixture articles ingested once through the CLI; (database, the ingest result)."""
    db = tmp_path_factory.mktemp("cli") / "kb.sqlite"
    articles = data_dir / "articles"
    result = CliRunner().invoke(
        app, ["ingest", str(articles), "--meta", str(articles / "meta.jsonl"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db, result


@pytest.mark.model
def test_cli_ingest_reports_counts(kb) -> None:
    db, result = kb
    found = summary(result)
    assert (found["added"], found["unchanged"], found["failed"]) == ("4", "0", "0")
    assert found["db"] == str(db)
    assert result.stderr == ""
    with closing(connect(db)) as conn:
        totals = reads.counts(conn)
    assert found["totals"].startswith(f"{totals['documents']} documents, {totals['entities']} ")


@pytest.mark.model
def test_cli_reingest_is_a_no_op(kb, run_cli, copy_db, data_dir: Path, tmp_path: Path) -> None:
    db, first = kb
    copy = copy_db(db, tmp_path / "again.sqlite")
    stats_before = run_cli("stats", "--db", copy).stdout.replace(str(copy), "DB")
    articles = data_dir / "articles"
    again = run_cli("ingest", articles, "--meta", articles / "meta.jsonl", "--db", copy)
    assert again.exit_code == 0, again.output
    found = summary(again)
    assert (found["added"], found["unchanged"], found["failed"]) == ("0", "4", "0")
    assert found["totals"] == summary(first)["totals"]
    assert run_cli("stats", "--db", copy).stdout.replace(str(copy), "DB") == stats_before


@pytest.mark.model
def test_cli_export_json_matches_contract(kb, run_cli, tmp_path: Path) -> None:
    db, _ = kb
    output = tmp_path / "kb.json"
    result = run_cli("export", "--db", db, "--format", "json", "--output", output)
    assert result.exit_code == 0, result.output
    exported = json.loads(output.read_text(encoding="utf-8"))
    contract = {"documents", "entities", "relations", "events", "quotes"}
    extra = {"histories", "lineage", "conflicts", "decisions", "events_not_happened"}
    assert set(exported) == contract | extra

    documents = {d["id"]: d for d in exported["documents"]}
    assert len(documents) == 4
    for d in documents.values():
        assert {"id", "file", "url", "outlet", "title", "published", "verified"} <= set(d)
        assert isinstance(d["verified"], bool)
    assert sorted(d["verified"] for d in documents.values()) == [False, True, True, True]

    with closing(connect(db)) as conn:
        texts = reads.document_texts(conn)
    ids = {e["id"] for e in exported["entities"]}
    for e in exported["entities"]:
        assert {"id", "name", "type", "subtype", "aliases", "mentions"} <= set(e)
        assert e["type"] in {"PERSON", "ORG", "LOCATION"}
        assert isinstance(e["aliases"], list) and e["name"] not in e["aliases"]
        assert e["mentions"], e["id"]
        for m in e["mentions"]:
            assert set(m) == {"doc", "start", "end", "text"}
            assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
        if "geo" in e:
            assert {"lat", "lon", "source"} <= set(e["geo"])

    def check_evidence(items: list[dict]) -> None:
        assert items
        for ev in items:
            assert set(ev) == {"doc", "start", "end", "text"}
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]

    for r in exported["relations"]:
        assert {
            "subject",
            "predicate",
            "object",
            "time",
            "polarity",
            "attributed_to",
            "confidence",
            "evidence",
        } <= set(r)
        assert {r["subject"], r["object"]} <= ids and r["subject"] != r["object"]
        assert r["predicate"] in PREDICATES
        assert r["polarity"] in {"asserted", "negated", "possible"}
        assert set(r["time"]) <= {"start", "end", "as_of"}
        assert r["attributed_to"] is None or r["attributed_to"] in ids
        check_evidence(r["evidence"])
    for ev in exported["events"]:
        assert {"type", "source", "target", "location", "time", "attributed_to", "evidence"} <= set(
            ev
        )
        assert ev["type"] in PLOVER
        assert set(ev["source"]) | set(ev["target"]) <= ids
        assert ev["location"] is None or ev["location"] in ids
        check_evidence(ev["evidence"])
    for q in exported["quotes"]:
        assert set(q) >= {"speaker", "text", "cue", "doc", "start", "end"}
        assert q["speaker"] is None or q["speaker"] in ids
        assert texts[q["doc"]][q["start"] : q["end"]] == q["text"]


@pytest.mark.model
def test_cli_stats_counts(kb, run_cli) -> None:
    db, _ = kb
    result = run_cli("stats", "--db", db)
    assert result.exit_code == 0, result.output
    rows = {row[0]: int(row[1]) for row in table_rows(result.stdout) if len(row) == 2}
    with closing(connect(db)) as conn:
        totals = reads.counts(conn)
    for key in ("documents", "entities", "aliases", "mentions", "relations", "events", "quotes"):
        assert rows[key] == totals[key]
    assert rows["documents"] == 4
    assert rows["unverified documents"] == 1
    assert rows["PERSON"] + rows["ORG"] + rows.get("LOCATION", 0) == rows["entities"]


@pytest.mark.model
@pytest.mark.parametrize("entity_type", ["PERSON", "ORG", "LOCATION"])
def test_cli_actors_type_filter(kb, run_cli, entity_type: str) -> None:
    db, _ = kb
    result = run_cli("actors", "--db", db, "--type", entity_type, "--limit", 500)
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows
    assert all(row[2].split("/")[0] == entity_type for row in rows)
    with closing(connect(db)) as conn:
        expected = {e["id"] for e in reads.entities(conn, entity_type)}
    assert {row[0] for row in rows} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("search", "expected_name"),
    [
        ("Abu Amsha", "Abu Amsha"),
        ("al-Jasim", "Abu Amsha"),  # another transliteration, stated in wire.jsonl
        ("Khalaf", "Nizar Khalaf"),
    ],
)
def test_cli_actors_search(kb, run_cli, search: str, expected_name: str) -> None:
    db, _ = kb
    result = run_cli("actors", "--db", db, "--search", search)
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert len(rows) == 1, rows
    [entity_id, name, _, _, _, aliases] = rows[0]
    assert expected_name in [name, *aliases.split(", ")]
    assert entity_id


@pytest.mark.model
def test_cli_actors_search_without_match(kb, run_cli) -> None:
    db, _ = kb
    result = run_cli("actors", "--db", db, "--search", "Jaysh al-Nonexistent")
    assert result.exit_code == 0
    assert table_rows(result.stdout) == []


@pytest.mark.model
def test_cli_actor_profile_shows_aliases_and_sentences(kb, run_cli) -> None:
    db, _ = kb
    result = run_cli("actor", "Abu Amsha", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = lines[0]
    assert "PERSON" in header
    [aliases] = [line for line in lines if line.startswith("aliases: ")]
    names = {header.split("  (")[0], *aliases.removeprefix("aliases: ").split(", ")}
    assert {"Abu Amsha", "Mohammed al-Jassem", "Muhammad al-Jasim"} <= names
    mentions = lines[lines.index(next(x for x in lines if x.startswith("mentions ("))) + 1 :]
    assert len(mentions) >= 4
    for line in mentions:
        # "[doc:offset] mention: sentence", the location printed literally
        assert re.match(r"  \[[0-9a-f]{8}:\d+\] \S", line), line
    sentences = "\n".join(mentions)
    assert (
        "Abu Amsha did not respond to a request for comment on the accusations against his men."
        in sentences
    )
    assert "had protected al-Jassem for years." in sentences
    # the same actor under another spelling
    again = run_cli("actor", "Muhammad al-Jasim", "--db", db)
    assert again.stdout.splitlines()[0] == header


@pytest.mark.model
def test_cli_actor_unknown(kb, run_cli) -> None:
    db, _ = kb
    result = run_cli("actor", "Nobody al-Unknown", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: no actor matches 'Nobody al-Unknown'; try `factionmap actors --search`"
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["stats", "--db", "{tmp}/missing.sqlite"], "missing.sqlite: path does not exist"),
        (["actors", "--db", "{tmp}/missing.sqlite"], "missing.sqlite: path does not exist"),
        (["stats", "--db", "{tmp}/notes.txt"], "not a factionmap database"),
        (
            ["export", "--db", "{kb}", "--format", "pdf", "-o", "{tmp}/x.pdf"],
            "unknown export format 'pdf'",
        ),
        (
            [
                "ingest",
                "{tmp}/notes.txt",
                "--meta",
                "{tmp}/no-meta.jsonl",
                "--db",
                "{tmp}/n.sqlite",
            ],
            "no-meta.jsonl: path does not exist",
        ),
    ],
)
def test_cli_usage_errors_are_one_line(kb, run_cli, tmp_path: Path, args, problem) -> None:
    (tmp_path / "notes.txt").write_text("Not a database at all.\n" * 100)
    values = {"tmp": str(tmp_path), "kb": str(kb[0])}
    result = run_cli(*[a.format(**values) for a in args])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and problem in line


GARBLED = b"\x80\x84\x85\x86\x87\x89\x8b\x95\x99\xa2\xa4\xa6\xa7\xa9\xab\xb0" * 8
ARABIC_1256 = (
    "قالت مصادر محلية إن فصائل الجيش الوطني السوري انتشرت في ريف حلب الشمالي يوم الثلاثاء."
).encode("cp1256")
# file name → (content, the problem its one error line must state; None: it must be read)
INPUTS: dict[str, tuple[bytes | None, str | None]] = {
    "binary.txt": (b"GIF89a\x00\x01\x00\x00" * 50, "binary file, not an article (found NUL bytes)"),
    "empty.txt": (b"", "empty file (no text to read)"),
    "garbled.txt": (GARBLED, "not valid UTF-8, UTF-16 or Windows-1256 text"),
    "broken.jsonl": (None, "line 2: not valid JSON"),
    "only_furniture.txt": (b"Related Articles\n  1. A teaser\n", "no article text left"),
    "arabic_1256.txt": (ARABIC_1256, None),
    "good.html": (None, None),
}


def write_inputs(folder: Path, data_dir: Path) -> None:
    folder.mkdir()
    for name, (content, _) in INPUTS.items():
        if content is not None:
            (folder / name).write_bytes(content)
    shutil.copy(data_dir / "articles" / "manbij_front.html", folder / "good.html")
    good_line = json.dumps(
        {
            "id": "ok-1",
            "text": "Fighters of the Hamza Division left A’zaz on "
            "Friday, a commander in the Syrian National Army said.",
        }
    )
    (folder / "broken.jsonl").write_text(good_line + '\n{"id": "bad", "text": \n', encoding="utf-8")


@pytest.mark.model
def test_cli_bad_inputs_one_line_each_and_stored_data_stays(
    run_cli, data_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    first = run_cli("ingest", data_dir / "articles" / "afrin_commanders.txt", "--db", db)
    assert first.exit_code == 0, first.output
    folder = tmp_path / "incoming"
    write_inputs(folder, data_dir)
    missing = tmp_path / "no-such-article.txt"

    result = run_cli("ingest", folder, missing, "--db", db)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    bad = {name: problem for name, (_, problem) in INPUTS.items() if problem}
    bad[missing.name] = "path does not exist"
    # Each error streams as one line when it happens; the summary repeats them, indented.
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == len(bad), errors
    assert lines[len(errors)] == f"{len(bad)} not stored:"
    assert [e.removeprefix("error: ").removesuffix("; skipped") for e in errors] == [
        line.strip() for line in lines[len(errors) + 1 :]
    ]
    for name, problem in bad.items():
        [line] = [e for e in errors if f"/{name}" in e]
        assert line.startswith("error: ") and problem in line and line.endswith("; skipped")

    found = summary(result)
    # stored: the JSONL line that parsed, the Arabic text and the HTML page
    assert (found["added"], found["failed"]) == ("3", str(len(bad)))
    with closing(connect(db)) as conn:
        stored = sorted(Path(d["file"]).name for d in reads.documents(conn))
    assert stored == ["afrin_commanders.txt", "arabic_1256.txt", "broken.jsonl#ok-1", "good.html"]


@pytest.mark.model
def test_cli_installed_script_bad_input_no_traceback(data_dir: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("factionmap")
    if not script.exists():
        pytest.skip(f"{script} is not installed")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 64)
    completed = subprocess.run(
        [str(script), "ingest", str(tmp_path), "--db", str(tmp_path / "kb.sqlite")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    streamed = [e for e in completed.stderr.splitlines() if e.startswith("error: ")]
    assert sorted(streamed) == [
        f"error: {tmp_path / 'binary.txt'}: binary file, not an article (found NUL bytes); skipped",
        f"error: {tmp_path / 'empty.txt'}: empty file (no text to read); skipped",
    ]


@pytest.mark.parametrize("polarity", ["negated", "possible"])
def test_cli_relation_polarity_is_printed(capsys, polarity: str) -> None:
    from factionmap import cli

    relation = {
        "subject_name": "Abu Amsha",
        "predicate": "merged_into",
        "object_name": "Tahrir al-Sham",
        "polarity": polarity,
        "time_start": None,
        "time_end": None,
        "time_as_of": "2022-05",
        "attributed_to": None,
        "text": "denying at the same time the possibility of a merger",
    }
    cli._print_relations([relation], {})
    printed = capsys.readouterr().out
    assert f"Abu Amsha —merged_into→ Tahrir al-Sham [{polarity}] as of=2022-05" in printed


def test_cli_runs_as_a_module_with_every_command() -> None:
    import os

    import factionmap

    src = str(Path(factionmap.__file__).resolve().parents[1])
    for module in ("factionmap", "factionmap.cli"):
        done = subprocess.run(
            [sys.executable, "-m", module, "graph", "--help"], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": src, "COLUMNS": "120"}, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0 and "--as-of" in done.stdout, (module, done.stderr)
