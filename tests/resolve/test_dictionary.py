"""The curated dictionary: states by country code, case-exact entries, sound data."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap.resolve.dictionary import load_dictionary_files, packaged_dictionary
from factionmap.resolve.names import surface_key


def test_dictionary_state_by_country(tmp_path: Path) -> None:
    path = tmp_path / "states.yaml"
    path.write_text(
        "- {key: turkey, name: Turkey, type: ORG, subtype: state, country: TR}\n"
        "- {key: tsk, name: Turkish Armed Forces, type: ORG, subtype: state}\n"
        "- {key: lf, name: Lebanese Forces, type: ORG, subtype: political, case_sensitive: true}\n",
        encoding="utf-8",
    )
    dictionary = load_dictionary_files([path])
    assert dictionary.state("TR").key == "turkey"  # type: ignore[union-attr]
    assert dictionary.state("tr").key == "turkey"  # type: ignore[union-attr]
    assert dictionary.state("SY") is None
    assert dictionary.state(None) is None
    assert dictionary.by_key["lf"].case_sensitive
    assert not dictionary.by_key["turkey"].case_sensitive


def test_dictionary_packaged_names_are_claimed_once() -> None:
    dictionary = packaged_dictionary()
    claims: dict[str, set[str]] = {}
    for entry in dictionary.entries:
        for name in entry.all_names():
            claims.setdefault(surface_key(name), set()).add(entry.key)
    assert not {name: keys for name, keys in claims.items() if len(keys) > 1}


def test_dictionary_packaged_affiliations_point_at_entries() -> None:
    dictionary = packaged_dictionary()
    missing = [
        (entry.key, affiliation.object)
        for entry in dictionary.entries
        for affiliation in entry.affiliations
        if affiliation.object not in dictionary.by_key
    ]
    assert not missing


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Libyan National Army", "lna"),
        ("Ansar Allah", "houthis"),
        ("Southern Transitional Council", "stc"),
        ("Hashd al-Shaabi", "popular_mobilization_forces"),
        ("Peshmerga", "peshmerga"),
        ("Kata'ib Hezbollah", "kataib_hezbollah"),
        ("Lebanese Armed Forces", "lebanese_armed_forces"),
        ("Amal Movement", "amal_movement"),
        ("Hamas", "hamas"),
        ("PIJ", "pij"),
        ("Rapid Support Forces", "rsf"),
        ("Sudanese Armed Forces", "sudanese_armed_forces"),
        ("Africa Corps", "africa_corps"),
        ("Wagner Group", "wagner_group"),
        ("Israel Defense Forces", "israel_defense_forces"),
    ],
)
def test_dictionary_covers_other_theatres(name: str, key: str) -> None:
    entry = packaged_dictionary().lookup(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize(
    "description",
    ["Turkish troops", "Russian warplanes", "Israeli army", "US forces", "Iraqi army"],
)
def test_dictionary_demonym_descriptions_are_left_to_the_state(description: str) -> None:
    """ "Russian warplanes" names Russia (through its country code), not a listed institution."""
    assert packaged_dictionary().lookup(description) is None
