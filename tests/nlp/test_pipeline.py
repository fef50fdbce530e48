"""Entity-ruler patterns: one place per shared name, case-exact names where needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap.nlp.pipeline import actor_patterns, place_names, ruler_pattern
from factionmap.resolve.dictionary import load_dictionary_files

_PLACES = """name,variants,feature,lat,lon,country,admin1,admin2,precision,geonameid,note
Idlib Governorate,Idlib|Idleb|Idlib province,governorate,35.9,36.6,SY,Idlib,,3,,
Idlib,Idleb|Idlib city,city,35.9,36.6,SY,Idlib,Idlib,1,169389,
Sahel,Syrian coast|the coast,region,35.3,35.9,SY,Latakia,,3,,
"""


def test_pipeline_shared_place_name_goes_to_the_settlement(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(_PLACES, encoding="utf-8")
    owners: dict[str, set[str]] = {}
    for name, place_id in place_names(path):
        owners.setdefault(name, set()).add(place_id)
    assert owners["Idlib"] == {"place:Idlib"}  # a bare name is the city, as the gazetteer reads it
    assert owners["Idleb"] == {"place:Idlib"}
    assert owners["Idlib province"] == {"place:Idlib Governorate"}
    assert "the coast" not in owners  # a description, not a name to find in any text
    assert owners["Syrian coast"] == {"place:Sahel"}


@pytest.mark.parametrize(
    ("variant", "exact", "expected"),
    [
        ("Hezbollah", False, "Hezbollah"),
        ("US", False, [{"ORTH": "US"}]),
        ("Lebanese Forces", True, [{"ORTH": "Lebanese"}, {"ORTH": "Forces"}]),
    ],
)
def test_pipeline_ruler_pattern(variant: str, exact: bool, expected) -> None:
    assert ruler_pattern(variant, exact=exact) == expected


def test_pipeline_case_sensitive_entries(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- {key: lf, name: Lebanese Forces, type: ORG, subtype: political, case_sensitive: true}\n"
        "- {key: hez, name: Hezbollah, type: ORG, subtype: armed_group}\n",
        encoding="utf-8",
    )
    patterns = {p["id"]: p["pattern"] for p in actor_patterns(load_dictionary_files([path]))}
    assert patterns["lf"] == [{"ORTH": "Lebanese"}, {"ORTH": "Forces"}]
    assert patterns["hez"] == "Hezbollah"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Russian warplanes struck Idlib while Iranian-backed militias advanced.",
        "Russian warplanes struck Idlib and the Israeli army said US forces left.",
        "Idlib",
        "HTS controls Idlib, Hama and the Idlib governorate.",
    ],
)
def test_pipeline_bare_name_is_always_the_same_place(nlp, text: str) -> None:
    """The city, whatever else the document says (the ruler's own tie-break varies)."""
    ids = {e.ent_id_ for e in nlp(text).ents if e.text == "Idlib"}
    assert ids == {"place:Idlib"}


@pytest.mark.model
def test_pipeline_lebanese_forces_case(nlp) -> None:
    doc = nlp("Lebanese Forces leader Samir Geagea said Lebanese forces deployed.")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.ent_id_ and "Lebanese" in e.text] == [
        ("Lebanese Forces", "lebanese_forces")
    ]


_RULER_PATTERNS = [
    {"label": "ORG", "pattern": [{"ORTH": "US"}], "id": "us"},
    {"label": "ORG", "pattern": [{"ORTH": "Lebanese"}, {"ORTH": "Forces"}], "id": "lf"},
    {"label": "ORG", "pattern": [{"ORTH": "SDF"}], "id": "sdf"},
    {"label": "ORG", "pattern": "Syrian Democratic Forces", "id": "sdf"},
    {"label": "LOCATION", "pattern": "Lebanese", "id": "place:Lebanon"},
    {"label": "ORG", "pattern": "Hezbollah", "id": "hez"},
    {"label": "ORG", "pattern": [{"ORTH": "Hezbollah"}, {"ORTH": "'s"}], "id": "hez_s"},
]


@pytest.mark.parametrize(
    "text",
    [
        "US-backed SDF fighters and the Lebanese Forces met; us and lebanese forces did not.",
        "Hezbollah's allies, the Syrian Democratic Forces (SDF), and Lebanese Forces Lebanese",
        "sdf US US Lebanese Forces Forces",
    ],
)
def test_pipeline_name_ruler_matches_as_spacys_entity_ruler(text: str) -> None:
    """Case-exact patterns moved from the token Matcher to a phrase matcher change nothing."""
    import spacy

    results = []
    for factory in ("entity_ruler", "factionmap_name_ruler_v1"):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe(
            factory, config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
        )
        ruler.add_patterns(_RULER_PATTERNS)  # type: ignore[attr-defined]
        doc = nlp(text)
        results.append(
            (ruler.match(doc), [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents])
        )  # type: ignore[attr-defined]
    assert results[0] == results[1]
    assert results[1][1]  # something was found
