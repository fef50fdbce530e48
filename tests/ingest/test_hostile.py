"""Hostile input, generated on disk: each bad input costs one clear line, nothing else.

The folder mixes real articles with every kind of damage the readers must survive; one
ingest over it must store the good ones, report each bad one once (naming the file and the
problem), leave what was stored before untouched, and never end with a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from factionmap import pipeline
from factionmap.config import Config
from factionmap.ingest.readers import display_name

ENGLISH = (
    "Fighters of the Hamza Division withdrew from two checkpoints near Azaz on Friday, a "
    "commander in the Syrian National Army told reporters. Residents said the road to the "
    "border crossing reopened in the evening after talks with the Turkish army."
)
ARABIC = (
    "قالت مصادر محلية إن فصائل الجيش الوطني السوري انتشرت في ريف حلب الشمالي يوم الثلاثاء، "
    "بعد اشتباكات مع قوات سوريا الديمقراطية قرب مدينة منبج."
)
LIMITS = Config(max_file_bytes=2_000_000, max_document_chars=1_000_000)


def article(number: int) -> str:
    """A distinct real-register article per case, so none is a copy of another."""
    return f"Report {number}.\n\n{ENGLISH}\n\nThe clashes lasted {number} hours, a monitor said."


def jsonl(*records: object) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return "\n".join(lines).encode("utf-8") + b"\n"


def write_hostile(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Write the cases; (file-name fragment → the problem its one line states, stored names)."""
    problems: dict[str, str] = {}
    stored: list[str] = []

    def put(
        name: str | bytes, data: bytes, problem: str | None = None, lines: bool = False
    ) -> None:
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(data)
        shown = display_name(name)
        if problem:
            problems[shown] = problem
        elif not lines:  # a JSONL file's lines are listed one by one
            stored.append(shown)

    put("binary.txt", b"GIF89a\x00\x01\x00\x00" * 50, "binary file")
    put("empty.txt", b"", "empty file")
    put("nul_inside.txt", article(1).encode() + b"\x00" + article(2).encode(), "binary file")
    put("fifty_mb_line.txt", b"word " * 10_000_000, "over the max_file_bytes limit")
    put("huge_article.txt", "\n".join(f"Line {i}: {ENGLISH}" for i in range(5_000)).encode(),
        "over the max_document_chars limit")  # fmt: skip
    broken = article(3).encode() + "\nويقول السكان".encode()
    put("broken_utf8.txt", broken[:-3] + b"\xd8" + broken[-2:] + article(4).encode(),
        "not valid UTF-8 (invalid byte at offset")  # fmt: skip
    put("arabic_1256.txt", (ARABIC + "\n\n" + ARABIC[:60]).encode("cp1256"))
    put("utf16_bom.txt", article(5).encode("utf-16"))
    put("utf16le_no_bom.txt", article(6).encode("utf-16-le"))
    put("utf16be_no_bom.txt", article(7).encode("utf-16-be"))
    put("deep.html", b"<html><body>" + b"<div>" * 10_000 + article(8).encode()
        + b"</div>" * 10_000 + b"</body></html>", "no article text left")  # fmt: skip
    huge_number = "1" * 5_000
    deep_array = "[" * 100_000 + "]" * 100_000
    put(
        "wire.jsonl",
        jsonl(
            {"id": "ok", "text": article(9)},
            '{"id": "cut", "text": ',
            {"id": "list-text", "text": ["a", "list"]},
            {"id": "dict-title", "text": article(10), "title": {"en": "x"}},
            {"id": "list-url", "text": article(11), "url": ["https://example.org/a"]},
            f'{{"id": "big", "n": {huge_number}, "text": "{article(12)}"}}'.replace("\n", " "),
            f'{{"id": "deep", "text": "x", "nest": {deep_array}}}',
            '{"id": "surrogate", "text": "Fighters \\ud800 left Azaz on Friday morning."}',
            {"id": "nel", "text": article(13).replace("\n\n", "\u0085") + "\u2028more."},
            {"id": "bad-date", "text": article(14), "published": "2019-13-45"},
        ),
        lines=True,
    )
    problems["wire.jsonl line 2"] = "line 2: not valid JSON"
    problems["wire.jsonl line 3"] = "line 3: field 'text' must be a string, not a list"
    problems["wire.jsonl line 4"] = "line 4: field 'title' must be a string, not an object"
    problems["wire.jsonl line 5"] = "line 5: field 'url' must be a string, not a list"
    problems["wire.jsonl line 7"] = "line 7: not valid JSON (nested too deeply)"
    problems["wire.jsonl line 8"] = "line 8: field 'text' is not valid Unicode"
    stored += ["wire.jsonl#ok", "wire.jsonl#big", "wire.jsonl#nel", "wire.jsonl#bad-date"]
    put("long_line.jsonl", jsonl({"text": "word " * 500_000}, {"id": "after", "text": article(15)}),
        "line 1: not valid JSON (2,500,013 bytes, over the max_file_bytes limit")  # fmt: skip
    stored.append("long_line.jsonl#after")

    put("bad\nname.txt", article(16).encode())
    put("\x1b[31mred\x1b[0m.txt", article(17).encode())
    put(b"caf\xe9.txt", article(18).encode())
    os.mkfifo(folder / "pipe.txt")
    problems["pipe.txt"] = "not a regular file (a FIFO)"
    (folder / "self.txt").symlink_to(folder / "self.txt")
    problems["self.txt"] = "symbolic link loop"
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    problems["sub/up"] = "symbolic link loop"
    deep = folder / "deep"  # a link to a folder outside pytest's (see hostile_dir)
    bottom = deep
    for _ in range(1_100):  # os.makedirs would recurse once per level
        bottom = bottom / "d"
        bottom.mkdir()
    (bottom / "bottom.txt").write_text(article(19))
    problems["deep/d/d"] = "folders nested deeper than 64 levels"
    if os.geteuid() != 0:  # root reads every file, whatever its mode
        put("unreadable.txt", article(20).encode(), "cannot read (Permission denied)")
        (folder / "unreadable.txt").chmod(0)
    return problems, stored


@pytest.fixture
def hostile_dir(tmp_path: Path):
    """The folder for the cases. Its 1,100-deep branch lives outside pytest's temporary
    folders, linked in, and is removed level by level here: pytest's clean-up recurses once
    per level and would fail on it, in this session or a later one."""
    outside = Path(tempfile.mkdtemp(prefix="factionmap-deep-"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep").symlink_to(outside, target_is_directory=True)
    yield folder
    levels, path = [], outside
    while path.is_dir():
        levels.append(path)
        for child in path.iterdir():
            if child.name != "d":
                child.unlink()
        path = path / "d"
    for level in reversed(levels):
        level.rmdir()


def test_hostile_folder_one_line_per_bad_input_good_ones_stored(
    hostile_dir: Path, tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    before = pipeline.ingest([data_dir / "articles" / "afrin_commanders.txt"], db)
    assert before.added == 1
    with closing(sqlite3.connect(db)) as conn:
        kept = conn.execute("SELECT * FROM documents").fetchall()
        kept_mentions = conn.execute("SELECT * FROM mentions ORDER BY id").fetchall()
    problems, stored = write_hostile(hostile_dir)
    seen: list[tuple[str, bool]] = []
    report = pipeline.ingest(
        [hostile_dir, hostile_dir / "pipe.txt"],
        db,
        config=LIMITS,
        on_problem=lambda p, fatal: seen.append((p.message, fatal)),
    )
    messages = [f.message for f in report.failures]
    # Streamed as they happened, and kept for the summary: the same lines in the same order.
    assert [m for m, fatal in seen if fatal] == messages
    assert all("\n" not in m and "\x1b" not in m for m in messages)
    for fragment, problem in problems.items():
        name, _, line = fragment.partition(" line ")
        hits = [m for m in messages if name in m and (not line or f"line {line}:" in m)]
        if fragment == "pipe.txt":
            assert len(hits) == 2, hits  # once inside the folder, once named on its own
        else:
            assert len(hits) == 1, (fragment, messages)
        assert all(problem in m for m in hits), (problem, hits)
    assert len(messages) == len(problems) + 1
    [warning] = report.warnings
    assert "published date '2019-13-45' is not a valid date; stored without one" in warning.message
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT * FROM documents WHERE file LIKE '%afrin%'").fetchall() == kept
        assert (
            conn.execute(
                "SELECT * FROM mentions WHERE id <= ? ORDER BY id", (len(kept_mentions),)
            ).fetchall()
            == kept_mentions
        )
        rows = dict(conn.execute("SELECT file, text FROM documents").fetchall())
        dates = dict(conn.execute("SELECT file, published FROM documents").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = {Path(file).name: text for file, text in rows.items()}
    for name in stored:
        assert name in names, (name, sorted(names))
    assert names["bad\\nname.txt"].startswith("Report 16.")
    assert "\\x1b[31mred\\x1b[0m.txt" in names and "caf\\xe9.txt" in names
    assert names["arabic_1256.txt"].startswith(ARABIC)
    for number, name in (
        (5, "utf16_bom.txt"),
        (6, "utf16le_no_bom.txt"),
        (7, "utf16be_no_bom.txt"),
    ):
        assert names[name].startswith(f"Report {number}.")
    assert "\u0085" in names["wire.jsonl#nel"] and "more." in names["wire.jsonl#nel"]
    bad_date = next(f for f in dates if f.endswith("#bad-date"))
    assert dates[bad_date] is None
    assert report.added == len(stored)


def test_hostile_cli_prints_names_escaped_one_line_each(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b]0;pwned\x07evil\n.txt").write_bytes(b"\x00\x01" * 40)
    os.mkfifo(folder / "pipe.txt")
    result = run_cli("ingest", folder, "--db", tmp_path / "kb.sqlite", "--workers", "1")
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, result.stderr
    assert any("\\x1b]0;pwned\\x07evil\\n.txt: binary file" in e for e in errors)
    assert any("pipe.txt: not a regular file (a FIFO)" in e for e in errors)


@pytest.mark.model
def test_hostile_120000_short_lines_break_sentences_in_one_pass(nlp) -> None:
    from factionmap.nlp.pipeline import line_breaks

    text = "\n".join(f"a{i}" for i in range(120_000))  # 0.8 MB, as in the issue
    doc = line_breaks(nlp.make_doc(text))
    starts = sum(1 for token in doc if token.is_sent_start)
    assert starts == 120_000
