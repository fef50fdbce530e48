"""A description set beside a name is a mention of that name's entity, and never a name."""

from __future__ import annotations

import pytest

from factionmap.geo.locate import locate_mentions
from factionmap.pipeline import analyze_text
from factionmap.records import DocEntity
from factionmap.resolve.appositions import SOURCE


def _described(entities: tuple[DocEntity, ...]) -> dict[str, list[str]]:
    return {
        e.name: [m.text for m in e.mentions if m.source == SOURCE]
        for e in entities
        if any(m.source == SOURCE for m in e.mentions)
    }


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("Gen. Joseph L. Votel, U.S. Central Command commander, released a statement today.",
         "Joseph L. Votel", "commander"),
        ("The coalition's commanding general, Lt. Gen. Stephen J. Townsend, spoke on Monday.",
         "Stephen J. Townsend", "coalition's commanding general"),
        ("The offensive on Raqqah, ISIL's self-proclaimed capital, began in June.",
         "Raqqah", "self-proclaimed capital"),
        ("Commodore Andrew Burns embarked on the U.K.'s large-deck amphibious assault ship "
         "HMS Ocean (L 12).", "HMS Ocean", "large-deck amphibious assault ship"),
    ],
)  # fmt: skip
def test_descriptions_beside_a_name_join_its_entity(text: str, name: str, description: str) -> None:
    entities = analyze_text(text).entities
    described = _described(entities)
    holder = next(e for e in entities if name in (e.name, *(m.text for m in e.mentions)))
    assert described.get(holder.name) == [description], described
    # No alias, no canonical name: a description never joins documents on its own.
    assert description not in holder.aliases and holder.name != description


@pytest.mark.model
def test_descriptions_keep_the_names_nested_in_them() -> None:
    entities = analyze_text(
        "Gen. Joseph L. Votel, U.S. Central Command commander, released a statement today."
    ).entities
    command = [e for e in entities if any("Central Command" in m.text for m in e.mentions)]
    assert command and command[0].type == "ORG"
    assert all(m.source != SOURCE for m in command[0].mentions)


@pytest.mark.model
def test_descriptions_of_two_people_do_not_join_them() -> None:
    entities = analyze_text(
        "Gen. Joseph L. Votel, U.S. Central Command commander, met Gen. Raymond A. Thomas, "
        "Special Operations Command commander, in Tampa."
    ).entities
    people = [e for e in entities if e.type == "PERSON"]
    holders = [e for e in people if any(m.source == SOURCE for m in e.mentions)]
    assert len(holders) == 2, _described(entities)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Turkey, Iran and the Syrian army agreed on a ceasefire.",  # a list, not an apposition
        "Ahmed Hassan, who leads the brigade, said the town had fallen.",  # a clause
        # The name modifies the phrase: US forces, not a description of the US.
        "Working with western, and especially US, military forces, the Kurds gained ground.",
        # A phrase that leads to a noun is no description of the name before it.
        "Troops act with the Government of Iraq, under the umbrella of the Coalition. It is so.",
    ],
)
def test_descriptions_need_an_apposition_of_the_names_kind(text: str) -> None:
    assert _described(analyze_text(text).entities) == {}


@pytest.mark.model
def test_descriptions_of_places_are_not_geocoded() -> None:
    analyzed = analyze_text("The offensive on Raqqah, ISIL's self-proclaimed capital, began.")
    located = locate_mentions(analyzed)
    assert all(m.source != SOURCE for m in located.mentions)
    assert any(m.text == "Raqqah" for m in located.mentions)
