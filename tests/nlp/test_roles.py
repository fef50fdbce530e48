"""A country's name is a place or an actor by its role in the sentence, not by its name."""

from __future__ import annotations

import pytest

from factionmap.pipeline import analyze_text

# (text, the country mention's text, which occurrence, "place" | "actor")
ROLE_CASES = [
    ("Thousands of refugees have crossed into Lebanon since March.", "Lebanon", 0, "place"),
    ("Lebanon said it could take no more refugees.", "Lebanon", 0, "actor"),
    ("Fighting spread across Syria in the spring.", "Syria", 0, "place"),
    ("The convoy travelled to Turkey overnight.", "Turkey", 0, "place"),
    ("Russia struck rebel positions overnight.", "Russia", 0, "actor"),
    ("The US warned of new sanctions.", "US", 0, "actor"),
    ("American troops in the US were put on alert.", "US", 0, "place"),
    ("Officials held talks with Turkey on Monday.", "Turkey", 0, "actor"),
    ("Shelling was reported along Turkey's border.", "Turkey", 0, "place"),
    ("Iran's foreign minister arrived on Sunday.", "Iran", 0, "actor"),
    ("Thousands fled Iraq after the offensive.", "Iraq", 0, "place"),
    # Both roles in one article, each mention read on its own.
    ("Refugees fled into Lebanon, and Lebanon said it could take no more.", "Lebanon", 0, "place"),
    ("Refugees fled into Lebanon, and Lebanon said it could take no more.", "Lebanon", 1, "actor"),
    # A country the dictionary does not know follows the same rule.
    ("Brazil said it would send aid.", "Brazil", 0, "actor"),
    ("Floods hit villages in Brazil.", "Brazil", 0, "place"),
    # Issue 8: the noun the preposition hangs on says the object is a territory.
    ("Troops were deployed to the border with Mexico.", "Mexico", 0, "place"),
    ("The prince concluded a tour of the United States.", "United States", 0, "place"),
    ("Prices are double those in the rest of the US.", "US", 0, "place"),
    ("We want direct flights between Harare and the UK.", "UK", 0, "place"),
    ("Unemployment is high in countries such as Greece and Italy.", "Greece", 0, "place"),
    ("Officials held talks with Turkey on Monday.", "Turkey", 0, "actor"),
    ("Talks between Russia and Turkey resumed.", "Russia", 0, "actor"),
]


def _mentions(text: str) -> list[tuple[str, str, str | None]]:
    analyzed = analyze_text(text)
    found = [(m.start, m.text, m.type, m.actor_key) for e in analyzed.entities for m in e.mentions]
    return [(t, ty, key) for _, t, ty, key in sorted(found)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "nth", "role"), ROLE_CASES)
def test_roles_country_is_place_or_actor_by_dependency_role(
    text: str, name: str, nth: int, role: str
) -> None:
    same = [(ty, key) for t, ty, key in _mentions(text) if t == name]
    assert len(same) > nth, (text, _mentions(text))
    entity_type, key = same[nth]
    if role == "place":
        assert entity_type == "LOCATION" and (key or "").startswith("place:"), same
    else:
        assert entity_type == "ORG" and not (key or "").startswith("place:"), same


@pytest.mark.model
def test_roles_place_and_actor_uses_are_separate_entities() -> None:
    analyzed = analyze_text("Refugees fled into Lebanon, and Lebanon said it could take no more.")
    lebanon = [e for e in analyzed.entities if e.name == "Lebanon"]
    assert sorted(e.type for e in lebanon) == ["LOCATION", "ORG"]
