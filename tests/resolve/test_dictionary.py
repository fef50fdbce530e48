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
    """A name has one owner, or owners by date whose validity intervals do not overlap."""
    dictionary = packaged_dictionary()
    claims: dict[str, set[str]] = {}
    for entry in dictionary.entries:
        dated = {a.name for a in entry.dated_aliases}
        for name in entry.all_names():
            if name not in dated:
                claims.setdefault(surface_key(name), set()).add(entry.key)
    assert not {name: keys for name, keys in claims.items() if len(keys) > 1}
    for owners in dictionary.by_date.values():
        spans = sorted((start or "", end or "9999") for _, start, end in owners)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), owners


DATED = """
- key: assad_state
  name: Syrian regime
  type: ORG
  aliases: [{name: Syrian government, until: "2024-12-08"}]
- key: transitional
  name: Syrian transitional government
  type: ORG
  aliases: [{name: Syrian government, from: "2024-12-08"}]
- key: maghawir
  name: Maghawir al-Thawra
  type: ORG
  former_names: [{name: New Syrian Army, until: "2016-12"}]
- key: new_army
  name: Syrian Army (transitional government)
  type: ORG
  aliases: [{name: New Syrian Army, from: "2024-12-08"}]
"""


@pytest.mark.parametrize(
    ("name", "date", "expected"),
    [
        ("Syrian government", "2018-03-01", "assad_state"),
        ("Syrian government", "2024-12-07", "assad_state"),
        ("Syrian government", "2024-12-08", "transitional"),
        ("the Syrian government", "2025-03", "transitional"),
        ("Syrian government", None, "assad_state"),  # undated: the earliest owner
        ("New Syrian Army", "2016-05-01", "maghawir"),  # out of the dated alias: undated owner
        ("new Syrian army", "2025-02-01", "new_army"),
        ("Maghawir al-Thawra", "2025-02-01", "maghawir"),  # an undated name is never switched
    ],
)
def test_dictionary_dated_alias_picks_the_entry_of_the_date(
    tmp_path: Path, name: str, date: str | None, expected: str
) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(DATED, encoding="utf-8")
    dictionary = load_dictionary_files([path])
    found = dictionary.lookup(name)
    assert found is not None
    chosen = dictionary.at_date(found, name, date)
    assert chosen is not None and chosen.key == expected


def test_dictionary_dated_alias_out_of_every_interval_names_no_entry(tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(DATED, encoding="utf-8")
    dictionary = load_dictionary_files([path])
    entry = dictionary.by_key["assad_state"]
    assert dictionary.at_date(entry, "Syrian government", "2030-01-01") is not None
    only = tmp_path / "only.yaml"
    only.write_text(
        "- {key: hafez, name: Hafez al-Assad, type: PERSON,"
        " aliases: [{name: Assad, until: '2000-06-10'}]}\n",
        encoding="utf-8",
    )
    single = load_dictionary_files([only])
    assert single.at_date(single.by_key["hafez"], "Assad", "2018-01-01") is None


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
