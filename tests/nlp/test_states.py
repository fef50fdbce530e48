"""States named by their demonym: which words name a state, and which state."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap.nlp.states import split_compound, state_of
from factionmap.resolve.dictionary import load_dictionary_files, packaged_dictionary

_STATES = """
- key: turkey
  name: Turkey
  type: ORG
  subtype: state
  country: TR
- key: syrian_regime
  name: Syrian regime
  type: ORG
  subtype: state
- key: un
  name: United Nations
  type: ORG
  subtype: other
  aliases: [UN]
"""


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("actors") / "states.yaml"
    path.write_text(_STATES, encoding="utf-8")
    return load_dictionary_files([path])


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Turkish", "turkey"),  # the demonym, through the entry's country code
        ("Turkey", "turkey"),  # the name itself
        ("UN", "un"),  # any curated organisation can back or lead ("UN-backed")
        ("Turks", None),  # the people
        ("Syrian", None),  # no entry carries SY: the demonym is contested
        ("Kurdish", None),  # no state
        ("Libyan", None),
    ],
)
def test_states_state_of(states, word: str, expected: str | None) -> None:
    entry = state_of(word, states)
    assert (entry.key if entry else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish-backed Syrian National Army", ("Turkish", "Syrian National Army")),
        (
            "Emirati-backed Southern Transitional Council",
            ("Emirati", "Southern Transitional Council"),
        ),
        ("US-led coalition", None),  # the coalition's own name
        ("Kurdish-led forces", None),
        ("Syrian National Army", None),
    ],
)
def test_states_split_compound(text: str, expected: tuple[str, str] | None) -> None:
    split = split_compound(text)
    assert (None if split is None else (text[: split[0]], text[split[1] :])) == expected


def test_states_packaged_dictionary_has_one_state_per_country() -> None:
    dictionary = packaged_dictionary()
    codes = [e.country for e in dictionary.entries if e.country]
    assert len(codes) == len(set(codes))
    assert all(dictionary.by_key[key].subtype == "state" for key in dictionary.by_country.values())
    # Contested demonyms name no actor on their own.
    assert not {"SY", "LY", "YE", "SD"} & set(dictionary.by_country)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish drones struck positions near Kobani.", ["turkey"]),
        ("Turkish officials met Iranian diplomats.", ["turkey", "iran"]),
        ("Turkish, Russian and Iranian envoys met.", ["turkey", "russia", "iran"]),
        ("Russian fighter jets and Israeli air strikes hit the area.", ["russia", "israel"]),
        ("Turkish military bases were shelled.", ["turkey"]),
        ("Turkish-made drones were sold to Ukraine.", []),
        ("Iranian state media reported it.", []),
        ("Syrian refugees and Kurdish parties protested.", []),
        ("The Russians have failed, and Russians living abroad agreed.", ["russia"]),
    ],
)
def test_states_model_demonyms(nlp, text: str, expected: list[str]) -> None:
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(text, nlp=nlp)
    found = [
        m.actor_key
        for e in analyzed.entities
        for m in e.mentions
        if m.actor_key and e.subtype == "state"
    ]
    assert found == expected
