"""Every place mention gets its own point; documents abroad keep their places abroad."""

from __future__ import annotations

import pytest

from factionmap.geo.locate import choose_point, document_context, locate_mentions
from factionmap.geo.toponyms import default_resolver, distance_km
from factionmap.pipeline import analyze_text
from factionmap.records import Geo


def _points(text: str) -> dict[str, Geo]:
    located = locate_mentions(analyze_text(text))
    return {m.text: geo for m, geo in sorted(located.mentions.items(), key=lambda p: p[0].start)}


def _near(geo: Geo | None, lat: float, lon: float, km: float = 161.0) -> bool:
    return geo is not None and distance_km(geo, Geo(lat, lon, "test")) <= km


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Foreign places stay abroad: no Syrian namesake for a place in another country.
        ("Bushfires spread across Tasmania, and residents of Hobart were told to leave.",
         "Tasmania", "AU"),
        ("The festival in Palmyra, Pennsylvania drew crowds from Harrisburg and Philadelphia.",
         "Palmyra", "US"),
        ("Voters in Kentucky and Ohio went to the polls; turnout in Louisville was high.",
         "Kentucky", "US"),
    ],
)  # fmt: skip
def test_locate_foreign_places_stay_abroad(text: str, name: str, country: str) -> None:
    points = _points(text)
    assert points[name].country == country, points


@pytest.mark.model
def test_locate_hall_county_is_not_al_hol() -> None:
    points = _points("A storm hit Hall County, Georgia, and officials in Gainesville closed roads.")
    assert all(g.country != "SY" for g in points.values()), points


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("Buses left Foua and Kfraya under the evacuation deal.", "Foua", 35.98, 36.70),
        ("Buses left Foua and Kfraya under the evacuation deal.", "Kfraya", 35.99, 36.68),
        ("SDF fighters closed in on Baghuz, the last IS-held town.", "Baghuz", 34.46, 40.95),
        ("Diplomats from the Middle East met in Geneva.", "Middle East", 29.0, 41.0),
        ("Ministers from Europe met in Geneva.", "Europe", 48.7, 9.1),
    ],
)
def test_locate_villages_and_regions_of_the_issue(
    text: str, name: str, lat: float, lon: float
) -> None:
    assert _near(_points(text).get(name), lat, lon, km=50)


@pytest.mark.model
def test_locate_literal_country_is_on_the_map_at_its_centre() -> None:
    points = _points("Refugees crossed into Lebanon, and aid reached villages across Syria.")
    assert _near(points["Lebanon"], 33.9, 35.9, km=60)
    assert _near(points["Syria"], 35.0, 38.0, km=60)


@pytest.mark.model
def test_locate_each_mention_has_its_own_point() -> None:
    text = (
        "Shelling hit rural Idlib overnight. Later, residents of the city of Idlib said "
        "the market in Idlib was hit."
    )
    located = locate_mentions(analyze_text(text))
    readings = {(m.start, g.feature, g.precision) for m, g in located.mentions.items()}
    assert len(readings) >= 3 and {r[1] for r in readings} >= {"governorate", "city"}
    (idlib,) = [e for e in analyze_text(text).entities if e.name.startswith("Idlib")][:1]
    # The entity's point is the reading most of its mentions share: the city.
    assert located.entities[idlib.local_id].feature == "city"


def test_locate_choose_point_votes_then_prefers_precision() -> None:
    city = Geo(35.93, 36.63, "curated", feature="city", precision=1, name="Idlib")
    region = Geo(35.93, 36.63, "curated", feature="governorate", precision=3, name="Idlib Gov")
    other = Geo(36.2, 37.16, "curated", feature="city", precision=1, name="Aleppo")
    assert choose_point([region, city, city]) == city
    assert choose_point([other, region]) == other  # a tie goes to the more precise
    assert choose_point([]) is None


@pytest.mark.model
def test_locate_countries_named_as_actors_pick_namesakes() -> None:
    # "London" with Canada in the text (as an actor, not a place) is London, Ontario.
    points = _points(
        "Canada announced new funding on Monday. Police in London said the shelter "
        "will open next week."
    )
    assert points["London"].country == "CA", points


def test_locate_document_context_ranks_evidence_by_how_sure_it_is() -> None:
    ottawa = Geo(45.42, -75.70, "test", country="CA")
    london_uk = Geo(51.51, -0.13, "test", country="GB")
    context = document_context(
        [ottawa, london_uk], default_resolver(), mentioned=["US", "US", "CA"],
        doubtful=[london_uk],
    )  # fmt: skip
    # Sure places first, then countries named as actors; a shared name vouches for none.
    assert context.countries == ("CA", "US")
    # The document is still abroad, about the countries of all its places.
    assert context.preferred is not None and set(context.preferred) == {"CA", "GB"}


@pytest.mark.model
def test_locate_dateline_abbreviation_settles_the_name_for_the_document() -> None:
    points = _points("GLASGOW, Ky. (WBKO) -- A woman died after being struck by a car in Glasgow.")
    assert {g.country for g in points.values()} == {"US"}, points
    assert all(_near(g, 37.0, -85.9) for g in points.values()), points


@pytest.mark.model
def test_locate_name_cut_short_by_the_model_reads_whole() -> None:
    points = _points("Work on the Tijuana River in Baja California will start soon.")
    assert all(g.country == "MX" for g in points.values()), points


@pytest.mark.model
def test_locate_list_after_a_town_is_no_container() -> None:
    points = _points("Fans support either Real Madrid or Barcelona, Liverpool or Arsenal.")
    assert points["Barcelona"].country == "ES", points


@pytest.mark.model
def test_locate_small_town_abroad_stays_off_the_map_in_a_report_from_elsewhere() -> None:
    text = (
        "Police in Cape Town said the woman had moved to Delft after the fire. She was "
        "treated at a hospital in the Western Cape on Friday."
    )
    analyzed = analyze_text(text)
    located = locate_mentions(analyzed)
    delft = [m for e in analyzed.entities for m in e.mentions if m.text == "Delft"]
    assert delft, "the model no longer reads Delft as a name; pick another town"
    # Delft, Netherlands is the only Delft the gazetteer knows: no reason in this report.
    assert all(located.mentions.get(m) is None for m in delft), located.mentions
    assert _points(text)["Cape Town"].country == "ZA"


@pytest.mark.model
def test_locate_two_shared_names_next_to_each_other_settle_their_country() -> None:
    # Edmonton (Alberta or north London) and London (England or Ontario): only in
    # England are the two within a few kilometres of each other.
    points = _points(
        "A man was charged after the attack in Edmonton on Friday. The victim was taken "
        "to a London hospital and has since been discharged."
    )
    assert points["Edmonton"].country == "GB", points
    assert points["London"].country == "GB", points


@pytest.mark.model
def test_locate_city_of_after_a_province_belongs_to_the_town() -> None:
    points = _points("Floods hit the Hunan city of Yueyang after days of rain.")
    assert points["Hunan"].feature == "province", points


@pytest.mark.model
def test_locate_country_named_with_and_reads_whole() -> None:
    points = _points("Trinidad and Tobago did not attend the meeting in Washington.")
    trinidad = next(g for name, g in points.items() if name.startswith("Trinidad"))
    assert trinidad.feature == "country" and trinidad.country == "TT", points


@pytest.mark.model
def test_locate_name_placed_by_its_container_later_keeps_that_place_earlier() -> None:
    located = locate_mentions(
        analyze_text(
            "Mary Jones, 81, of Paris died on Sunday. She is survived by a sister, Ann, of "
            "Paris, Texas, and two sons."
        )
    )
    paris = [geo for m, geo in located.mentions.items() if m.text == "Paris"]
    assert len(paris) == 2 and all(g.country == "US" for g in paris), paris


def test_locate_state_after_a_name_is_the_division() -> None:
    from factionmap.geo.toponyms import resolve_place

    for phrase in ("New York state", "Washington State", "the state of Texas"):
        geo = resolve_place(phrase)
        assert geo is not None and geo.feature == "province" and geo.country == "US", phrase
