"""Qualifiers around a toponym are peeled off into a core name and a reading."""

from __future__ import annotations

import pytest

from factionmap.geo.phrases import clean_phrase, parse_phrase, strip_preposition


@pytest.mark.parametrize(
    ("text", "core", "kind"),
    [
        ("Idlib governorate", "Idlib", "admin"),
        ("Idlib province", "Idlib", "admin"),
        ("province of Idlib", "Idlib", "admin"),
        ("rural Idlib", "Idlib", "countryside"),
        ("countryside of Idlib", "Idlib", "countryside"),
        ("Idlib countryside", "Idlib", "countryside"),
        ("Aleppo's countryside", "Aleppo", "countryside"),
        ("northern countryside of Aleppo", "Aleppo", "part"),
        ("northern and eastern countryside of Aleppo", "Aleppo", "part"),
        ("north-western countryside of Aleppo", "Aleppo", "part"),
        ("Aleppo's northern countryside", "Aleppo", "part"),
        ("northern Aleppo countryside", "Aleppo", "part"),
        ("southern rural Idlib", "Idlib", "part"),
        ("northern Idlib", "Idlib", "part"),
        ("part of the western countryside of Aleppo", "the western countryside of Aleppo", "part"),
        ("north of Idlib", "Idlib", "near"),
        ("northwest of Hama", "Hama", "near"),
        ("15 km south-east of Manbij", "Manbij", "near"),
        ("near Azaz", "Azaz", "near"),
        ("the outskirts of Azaz", "Azaz", "near"),
        ("Azaz outskirts", "Azaz", "near"),
        ("Atma area", "Atma", "near"),
        ("city of Idlib", "Idlib", "settlement"),
        ("Idlib city", "Idlib", "settlement"),
        ("town of Azaz", "Azaz", "settlement"),
        ("Afrin district", "Afrin", "district"),
        ("Afrin region", "Afrin", "region"),
        ("Afrin and its countryside", "Afrin", "region"),
        ("Bab al-Hawa border crossing", "Bab al-Hawa", "crossing"),
        ("al-Hol camp", "al-Hol", "camp"),
        ("Kuweires airbase", "Kuweires", "base"),
        ("Tishrin dam", "Tishrin", "dam"),
        ("Ghab plain", "Ghab", "plain"),
        ("Euphrates river", "Euphrates", "river"),
    ],
)
def test_phrases_qualifier_is_split_off(text: str, core: str, kind: str) -> None:
    phrase = parse_phrase(text)
    assert phrase is not None, text
    assert (phrase.core, phrase.reading.kind) == (clean_phrase(core), kind)


@pytest.mark.parametrize("text", ["Idlib", "Tal Abyad", "Ras al-Ain", "Syria", "Bab al-Hawa"])
def test_phrases_bare_names_carry_no_qualifier(text: str) -> None:
    assert parse_phrase(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Idlib countryside,", "Idlib countryside"),
        ("“Afrin”", "Afrin"),
        ("Turkey's", "Turkey"),
        ("  Deir   ez-Zor. ", "Deir ez-Zor"),
    ],
)
def test_phrases_clean_removes_article_punctuation_and_possessive(text: str, expected: str) -> None:
    assert clean_phrase(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("in the Ghab", "Ghab"), ("into Afrin", "Afrin")])
def test_phrases_strip_preposition(text: str, expected: str) -> None:
    assert strip_preposition(text) == expected
