"""Demonyms and ethnonyms ("Turkish", "Syrians", "Kurdish"): words that name people, not places.

Reports use them as adjectives of actors ("Turkish-backed", "Syrian regime") and as
plural nouns ("the Turks"). The gazetteer never resolves them to a place; whether the
country *name* is a place or an actor ("Turkey said ...") is the caller's decision.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factionmap.geo.normalize import fold_name


@lru_cache(maxsize=1)
def _table() -> dict[str, str | None]:
    path = Path(str(resources.files("factionmap.data").joinpath("gazetteer", "demonyms.csv")))
    table: dict[str, str | None] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            folded = fold_name(row["demonym"])
            country = row["country"] or None
            # Singular, and the plural nouns reporters use ("Syrians", "Turks", "Druzes").
            for form in (folded, folded + "s", folded + "es"):
                table.setdefault(form, country)
    return table


def _folded(text: object) -> str:
    if not isinstance(text, str) or len(text) > 64:
        return ""
    folded = fold_name(text)
    return folded[4:] if folded.startswith("the ") else folded


def is_demonym(text: str) -> bool:
    """True when `text` is a demonym or ethnonym ("Turkish", "the Syrians", "Kurdish")."""
    return _folded(text) in _table()


def demonym_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 country a demonym refers to ("Turkish" -> "TR"), if any."""
    return _table().get(_folded(text))


@lru_cache(maxsize=64)
def demonyms_of(country: str) -> tuple[str, ...]:
    """The demonyms of a country as written in the table ("TR" -> "Turkish", "Turk", ...)."""
    path = Path(str(resources.files("factionmap.data").joinpath("gazetteer", "demonyms.csv")))
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            row["demonym"]
            for row in csv.DictReader(handle)
            if (row["country"] or "").upper() == country.upper()
        )
