"""Which names the gazetteer knows as places, and which sentences speak of one as a place.

The model reads "Abu Qalqal", "Sheikh al-Hadid" and "Sanaa" as people, and the name-shape
rules agree (a kunya, a title). A name the gazetteer holds is read as a place where the
sentence treats it as one ("in", "near", "the village of", "... airport"): a gazetteer
name alone is not enough, since people are named after places and villages after people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from factionmap.geo.gazetteer import Gazetteer, GazetteerEntry
from factionmap.geo.normalize import fold_name, strip_articles
from factionmap.geo.toponyms import default_gazetteer
from factionmap.nlp.states import names_people

# A town this big is known by its name alone ("Abu Dhabi" said ...), without a preposition.
LARGE_TOWN = 100_000

# Words that make the name after them a place whoever it is named after: "the town of
# Abu Qurain", "residents of Sheikh Shamsu"; and after it: "Sanaa airport".
_SURELY_BEFORE = re.compile(
    r"\b(?:towns?|city|cities|villages?|countryside|outskirts|suburbs?|province|governorate|"
    r"district|neighbou?rhood|municipality|residents|inhabitants|villagers|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?)\s+of\s+(?:the\s+)?\(?\s*"
    # ... and the names listed after it before this one: "villages of ( Balyon, Kesafra"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s*,\s*)*$",
    re.IGNORECASE,
)
_SURELY_AFTER = re.compile(
    r"^(?:\s+(?:airport|countryside|province|governorate|district|subdistrict|"
    r"neighbou?rhood|municipality|crossing|port|villages?|area\s+of)\b|-based\b)",
    re.IGNORECASE,
)
# Words that read a name as a place if the gazetteer knows it: "in Sanaa", "near Abu Kamal".
_LIKELY_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|inside|into|toward|towards|across|throughout|"
    r"nearby|reached|entered)\s+(?:the\s+)?|"
    r"\b(?:area|region|camp|port|capital|centre|center|entrance|people|capture|recapture|"
    r"seizure|fall)\s+of\s+(?:the\s+)?|"
    r"\b(?:town|city|village|port|capital|neighbou?rhood|district)\s+)$",
    re.IGNORECASE,
)
_LIKELY_AFTER = re.compile(
    r"^(?:\s+(?:city|town|village|area|region|outskirts|suburbs?|border|road|highway|front|"
    r"frontline|camp|base|dam|valley)\b|,\s+(?:a|the)\s+(?:town|city|village|port)\b)",
    re.IGNORECASE,
)
# Between two names in a list: "Afrin and Sheikh al-Hadid", "Aden, Taiz or Marib".
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or))\s*$")
_PEOPLE_OF = re.compile(r"\b([\w'’]+)\s+of\s+(?:the\s+)?$")

SURELY, LIKELY = 2, 1


def place_context(text: str, start: int, end: int, places: Sequence[tuple[int, int]] = ()) -> int:
    """How surely the words around text[start:end] use it as a place: SURELY, LIKELY or 0.

    SURELY: a feature word says so ("the town of X", "X airport", "the Druze of X").
    LIKELY: a preposition of place ("in X", "near X"), or a list with a name in `places`
    (spans already read as places: "between Afrin and X").
    """
    before, after = text[max(0, start - 40) : start], text[end : end + 30]
    people = _PEOPLE_OF.search(before)
    if _SURELY_BEFORE.search(before) or _SURELY_AFTER.match(after):
        return SURELY
    if people and names_people(people.group(1)):
        return SURELY  # "the Kurds of Kirkuk", "the Druze of Hasbaya"
    if _LIKELY_BEFORE.search(before) or _LIKELY_AFTER.match(after):
        return LIKELY
    return LIKELY if listed_with(text, start, end, places) else 0


def listed_with(text: str, start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """True when text[start:end] stands in a list next to one of the spans ("A and B")."""
    return any(
        _LIST_GAP.match(text[p_end:start] if p_end <= start else text[end:p_start])
        for p_start, p_end in places
        if p_end <= start or p_start >= end
    )


@dataclass
class PlaceNames:
    """Exact (no fuzzy) gazetteer look-ups of names, cached; the gazetteer is injectable."""

    gazetteer: Gazetteer
    _cache: dict[str, GazetteerEntry | None] = field(default_factory=dict, repr=False)

    def place(self, name: str) -> GazetteerEntry | None:
        """The most populous non-country place spelt `name`, or None.

        A one-word name must match a spelling the gazetteer lists; a longer name may also
        be a transliteration variant of a place in the detail countries ("Sheikh
        al-Hadid" / "Shaykh al Hadid").
        """
        if name in self._cache:
            return self._cache[name]
        folded = fold_name(name)
        entries = [e for e in self.gazetteer.lookup(name) if e.feature != "country"]
        found = [e for e in entries if folded in e.folds]
        if not found and len(strip_articles(folded)) >= 2:
            detail = set(self.gazetteer.detail_countries)
            found = [e for e in entries if e.country in detail or e.source == "curated"]
        best = max(found, key=lambda e: e.population) if found else None
        self._cache[name] = best
        return best

    def country(self, name: str) -> GazetteerEntry | None:
        """The country spelt `name` ("Lebanon", "the US", "Türkiye"), or None."""
        folded = fold_name(name)
        countries = (e for e in self.gazetteer.lookup(name) if e.feature == "country")
        return next((e for e in countries if folded in e.folds), None)


@lru_cache(maxsize=1)
def default_place_names() -> PlaceNames:
    """Look-ups against the process-wide gazetteer."""
    return PlaceNames(default_gazetteer())
