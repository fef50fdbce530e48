"""Demonyms and ethnonyms are detected, and mapped to a country where they have one."""

from __future__ import annotations

import pytest

from factionmap.geo.demonyms import demonym_country, is_demonym


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish", True),
        ("Syrian", True),
        ("Syrians", True),
        ("the Turks", True),
        ("Kurdish", True),
        ("Kurds", True),
        ("Iranian", True),
        ("Lebanese", True),
        ("Druze", True),
        ("Turkey", False),
        ("Syria", False),
        ("Idlib", False),
        ("Turkish-backed", False),
        ("", False),
        (None, False),
    ],
)
def test_demonyms_are_detected(text: str, expected: bool) -> None:
    assert is_demonym(text) is expected


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Turkish", "TR"),
        ("Syrians", "SY"),
        ("Russian", "RU"),
        ("American", "US"),
        ("Kurdish", None),
    ],
)
def test_demonyms_map_to_their_country(text: str, country: str | None) -> None:
    assert demonym_country(text) == country
