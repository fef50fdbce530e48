"""Readers: every input format becomes RawArticles, and every bad input one ReadFailure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factionmap.errors import FactionmapError
from factionmap.ingest.readers import (
    apply_sidecar,
    decode_bytes,
    iter_files,
    load_sidecar,
    read_articles,
    read_html_file,
    read_jsonl_file,
    read_path,
    read_text_file,
)
from factionmap.records import RawArticle, ReadFailure

ENGLISH = (
    "The Hamza Division (al-Hamzat) withdrew its fighters from two checkpoints near "
    "A’zaz on Friday, a commander in the Syrian National Army told the newsroom."
)
ARABIC = (
    "قالت مصادر محلية إن فصائل الجيش الوطني السوري انتشرت في ريف حلب الشمالي يوم الثلاثاء، "
    "بعد اشتباكات مع قوات سوريا الديمقراطية قرب مدينة منبج."
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(ENGLISH.encode("utf-8"), ENGLISH, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH, id="utf-8-bom"),
        pytest.param(ENGLISH.encode("utf-16"), ENGLISH, id="utf-16-bom"),
        pytest.param(ARABIC.encode("utf-8"), ARABIC, id="arabic-utf-8"),
        pytest.param(ARABIC.encode("cp1256"), ARABIC, id="arabic-windows-1256"),
        pytest.param(
            ("Idlib\r\n" + ARABIC).encode("cp1256"), "Idlib\r\n" + ARABIC, id="mixed-1256"
        ),
    ],
)
def test_readers_decode_bytes_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\r\n\t ", "empty file", id="whitespace-only"),
        pytest.param(b"PK\x03\x04\x00\x00\x08\x00" * 20, "binary file", id="nul-bytes"),
        pytest.param(
            b"\x80\x84\x85\x86\x87\x89\x8b\x95\x99\xa2\xa4\xa6\xa7\xa9\xab\xb0\xb1" * 8,
            "not valid UTF-8",
            id="undecodable",
        ),
    ],
)
def test_readers_decode_bytes_rejects_bad_input(data: bytes, problem: str) -> None:
    with pytest.raises(FactionmapError) as info:
        decode_bytes(data, "articles/bad.txt")
    assert str(info.value).startswith("articles/bad.txt: ")
    assert problem in str(info.value)


def test_readers_text_file_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    article = read_text_file(path)
    assert article.text == ARABIC
    assert article.file == str(path)


def test_readers_html_page_main_text_and_metadata(data_dir: Path) -> None:
    article = read_html_file(data_dir / "articles" / "manbij_front.html")
    assert article.title == "SDF and SNA factions trade shelling near the Tishreen Dam"
    assert article.url == "https://example.org/furat-dispatch/2024/12/20/tishreen-dam-shelling/"
    assert article.published == "2024-12-20"
    assert article.author == "Rania Suleiman"
    assert article.outlet == "Furat Dispatch"
    assert article.text.startswith(article.title)
    assert "repelled an attack on the road leading to the dam" in article.text
    # Navigation, the related-articles aside and the footer are not the article.
    for furniture in ("Home", "Kobani Braces", "Related Articles", "All rights reserved"):
        assert furniture not in article.text


def test_readers_html_without_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>x</title></head><body><script>var a;</script></body></html>"
    )
    [result] = list(read_path(path))
    assert isinstance(result, ReadFailure)
    assert result.file == str(path)
    assert "no article text" in result.message


def test_readers_html_copyright_year_is_not_a_publication_day(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        f"<html><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article>"
        "<footer>© 2024 Furat Dispatch</footer></body></html>",
        encoding="utf-8",
    )
    article = read_html_file(path)
    assert article.published in (None, "2024")


def test_readers_jsonl_lines_become_articles(data_dir: Path) -> None:
    path = data_dir / "articles" / "wire.jsonl"
    articles = list(read_jsonl_file(path))
    assert [a.external_id for a in articles] == ["wire-2025-001", "wire-2025-002"]
    first = articles[0]
    assert isinstance(first, RawArticle)
    assert first.file == f"{path}#wire-2025-001"
    assert first.outlet == "Levant Wire"
    assert first.published == "2025-01-30"
    assert first.text.startswith("Northern commanders travel to Damascus")


def test_readers_jsonl_bad_lines_reported_rest_read(tmp_path: Path) -> None:
    good = {"id": "ok-1", "text": ENGLISH, "outlet": "Levant Wire"}
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(good),
                '{"id": "broken", "text": ',
                "",
                json.dumps({"id": "no-text", "title": "A title without a text"}),
                json.dumps(["not", "an", "object"]),
                json.dumps({**good, "id": "ok-2"}),
            ]
        ),
        encoding="utf-8",
    )
    results = list(read_path(path))
    assert [r.external_id for r in results if isinstance(r, RawArticle)] == ["ok-1", "ok-2"]
    failures = [r.message for r in results if isinstance(r, ReadFailure)]
    assert len(failures) == 3
    assert "line 2: not valid JSON" in failures[0]
    assert 'line 4: an article needs a non-empty "text" field' in failures[1]
    assert "line 5:" in failures[2]
    assert all(message.startswith(f"{path}: ") for message in failures)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("binary.txt", b"\x00\x01\x02GIF89a" * 30, "binary file"),
        ("empty.txt", b"", "empty file"),
        ("garbled.html", b"\x80\x84\x85\x86\x87\x89\x8b\x95\x99\xa2\xa4\xa6" * 10, "not valid"),
        ("scan.pdf", b"%PDF-1.7 not an article", "unsupported file type '.pdf'"),
    ],
)
def test_readers_read_path_bad_file_yields_one_failure(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    results = list(read_path(path))
    assert len(results) == 1
    [failure] = results
    assert isinstance(failure, ReadFailure)
    assert failure.message.startswith(f"{path}: ")
    assert problem in failure.message


def test_readers_iter_files_expands_directories(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "sub/c.jsonl", "notes.pdf", ".hidden/d.txt", "sub/.e.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ENGLISH)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.html", "b.txt", "sub/c.jsonl"]


def test_readers_iter_files_reports_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    [result] = list(iter_files([missing]))
    assert isinstance(result, ReadFailure)
    assert result.message == f"{missing}: path does not exist"


def test_readers_sidecar_keyed_by_file_and_by_id(data_dir: Path) -> None:
    sidecar = load_sidecar(data_dir / "articles" / "meta.jsonl")
    assert sidecar["afrin_commanders.txt"]["outlet"] == "Shamal Ledger"
    assert sidecar["wire-2025-002"]["author"] == "Levant Wire staff"

    by_file = apply_sidecar(RawArticle(text="x", file="/any/dir/afrin_commanders.txt"), sidecar)
    assert by_file.outlet == "Shamal Ledger"
    assert by_file.url == "https://example.org/shamal-ledger/2023/11/20/abu-amsha-returns/"

    line = RawArticle(
        text="x", file="wire.jsonl#wire-2025-002", external_id="wire-2025-002", outlet="Levant Wire"
    )
    by_id = apply_sidecar(line, sidecar)
    assert by_id.title == "Talks over Sheikh Maqsoud stall"
    assert by_id.author == "Levant Wire staff"
    assert by_id.outlet == "Levant Wire"  # the sidecar has no outlet: the article's stays

    unknown = RawArticle(text="x", file="other.txt", outlet="Kept")
    assert apply_sidecar(unknown, sidecar) == unknown


def test_readers_sidecar_wins_where_it_has_a_value(tmp_path: Path) -> None:
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"file": "a.txt", "outlet": "Sidecar Outlet", "title": None}))
    article = RawArticle(text="x", file=str(tmp_path / "a.txt"), outlet="Own", title="Own title")
    updated = apply_sidecar(article, load_sidecar(meta))
    assert (updated.outlet, updated.title) == ("Sidecar Outlet", "Own title")


def test_readers_sidecar_keyed_by_stem_matches_file(tmp_path: Path) -> None:
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"id": "003_553aa93b031c26a4", "published": "2022-05"}))
    article = RawArticle(text="x", file=str(tmp_path / "003_553aa93b031c26a4.txt"))
    assert apply_sidecar(article, load_sidecar(meta)).published == "2022-05"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"file": "a.txt", "url": ', "line 1: not valid JSON"),
        ('{"file": "a.txt"}\n{"url": "https://example.org/x"}', 'line 2: metadata needs a "file"'),
    ],
)
def test_readers_sidecar_errors_name_the_line(tmp_path: Path, content: str, problem: str) -> None:
    meta = tmp_path / "meta.jsonl"
    meta.write_text(content)
    with pytest.raises(FactionmapError, match=problem):
        load_sidecar(meta)


def test_readers_sidecar_missing(tmp_path: Path) -> None:
    with pytest.raises(FactionmapError, match="path does not exist"):
        load_sidecar(tmp_path / "meta.jsonl")


def test_readers_read_articles_skips_sidecar_and_applies_it(data_dir: Path) -> None:
    folder = data_dir / "articles"
    meta = folder / "meta.jsonl"
    results = list(read_articles([folder], load_sidecar(meta), skip={meta.resolve()}))
    assert all(isinstance(r, RawArticle) for r in results)
    files = sorted(Path(r.file.split("#")[0]).name for r in results)
    assert files == ["afrin_commanders.txt", "manbij_front.html", "wire.jsonl", "wire.jsonl"]
    by_id = {r.external_id: r for r in results}
    assert by_id["wire-2025-002"].title == "Talks over Sheikh Maqsoud stall"
