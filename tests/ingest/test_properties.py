"""Property tests (Hypothesis): on any input the readers, the cleaner, alias discovery and the
date resolver raise nothing unexpected, and every offset they return indexes the cleaned text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factionmap.errors import FactionmapError
from factionmap.extract.aliases import discover_aliases, nominal_bodies
from factionmap.extract.dates import normalise, resolve_dates
from factionmap.ingest.cleaning import clean_article, valid_published
from factionmap.ingest.readers import decode_bytes, display_name, read_path
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import Document, Mention, RawArticle, ReadFailure

# Text in the register of the reporting, with the characters that break naive code mixed in.
WORDS = st.sampled_from(
    "the SDF Syrian Democratic Forces ( ) , . known as al-Hamzat Hamza Division HTS Hay’at "
    "Tahrir al-Sham on Monday 3 March 2021 since last week said \u0085 \u2028 \r\n \n\n "
    "قوات سوريا الديمقراطية \x00 \ufeff é".split(" ")
)
ARTICLE_TEXT = st.one_of(
    st.lists(WORDS, max_size=80).map(" ".join),
    st.text(max_size=400),
)
TEXT_FILES = st.binary(max_size=2000) | ARTICLE_TEXT.map(lambda t: t.encode("utf-8", "replace"))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT_FILES)
def test_properties_decode_bytes_returns_text_or_one_clear_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x.txt")
    except FactionmapError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
    else:
        assert isinstance(text, str)
        text.encode("utf-8")  # storable: no lone surrogate


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
RECORDS = st.dictionaries(
    st.sampled_from(["text", "title", "url", "published", "id", "outlet", "other"]), JSON_VALUES
)


@FAST
@given(st.lists(RECORDS | st.text(max_size=60), max_size=6), st.binary(max_size=40))
def test_properties_jsonl_reader_yields_articles_or_failures(
    tmp_path_factory, lines: list, noise: bytes
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    body = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines)
    path.write_bytes(body.encode("utf-8", "surrogatepass") + b"\n" + noise)
    for item in read_path(path):
        if isinstance(item, ReadFailure):
            assert item.message.startswith(display_name(path)) and "\n" not in item.message
        else:
            assert isinstance(item, RawArticle) and item.text.strip()
            for value in (item.text, item.title, item.url, item.published, item.file):
                if value is not None:
                    assert isinstance(value, str)
                    value.encode("utf-8")


@FAST
@given(ARTICLE_TEXT, st.one_of(st.none(), st.text(max_size=12), st.just("2019-13-45")))
def test_properties_cleaner_keeps_text_and_ids_stable(text: str, published: str | None) -> None:
    document = clean_article(RawArticle(text=text, file="x.txt", published=published))
    assert set(document.text) <= set(text) | {"\n"}
    assert clean_article(RawArticle(text=text, file="x.txt")).id == document.id
    if published is not None:
        valid_published(published)  # never raises


def _mentions(document: Document) -> list[Mention]:
    """Mentions as the model would give them: every capitalised word."""
    found = []
    for start, word in _words(document.text):
        if word[:1].isupper():
            found.append(Mention(document.id, start, start + len(word), word, "ORG"))
    return found


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


@FAST
@given(ARTICLE_TEXT)
def test_properties_alias_discovery_offsets_index_the_text(text: str) -> None:
    document = clean_article(RawArticle(text=text, file="x.txt"))
    new, links = discover_aliases(document, _mentions(document))
    for mention in [*new, *nominal_bodies(document)]:
        assert 0 <= mention.start < mention.end <= len(document.text)
        assert document.text[mention.start : mention.end] == mention.text
    assert all(link is not None for link in links)


@FAST
@given(ARTICLE_TEXT, st.one_of(st.none(), st.text(max_size=12), st.just("2019-13-45")))
def test_properties_date_normalise_never_raises(text: str, published: str | None) -> None:
    value, precision = normalise(text, published)
    assert (value is None) == (precision is None)


@pytest.mark.model
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(ARTICLE_TEXT, st.sampled_from([None, "2021-03-05", "2021", "2019-13-45", "garbage"]))
def test_properties_date_resolver_offsets_index_the_text(
    nlp, text: str, published: str | None
) -> None:
    document = clean_article(RawArticle(text=text, file="x.txt", published=published))
    analyzed = AnalyzedDocument(document, nlp(document.text), ())
    for date in resolve_dates(analyzed):
        assert 0 <= date.start <= date.end <= len(document.text)
        assert document.text[date.start : date.end] == date.text


def test_properties_display_name_is_one_printable_line() -> None:
    name = display_name(Path("a\nb\x1b[2J\udce9.txt"))
    assert name == "a\\nb\\x1b[2J\\xe9.txt"
