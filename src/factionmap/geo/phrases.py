"""Read the qualifier around a toponym: "Idlib governorate", "rural Aleppo", "north of Idlib".

A qualifier says which *kind* of place a name means (the governorate, not the city) and
how precisely the text locates the event, in ACLED's geo-precision terms:

1. the place itself ("the city of Idlib", "Atma");
2. part of a region or near a place ("northern Idlib", "north of Idlib",
   "the western countryside of Aleppo", "Atma area");
3. only a larger region ("Idlib governorate", "rural Idlib", "Syria").

`parse_phrase` peels one qualifier off and returns the remaining core name with its
`Reading`; the resolver applies it after finding the core (and recurses when the core
itself carries a qualifier, as in "north of the city of Idlib").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factionmap.geo.gazetteer import ADMIN_FEATURES, REGION_FEATURES, SETTLEMENT_FEATURES


@dataclass(frozen=True, slots=True)
class Reading:
    """How a qualifier narrows a place: which features it prefers and the precision it sets.

    `prefer`: features the qualifier points at (None: the default reading, a settlement
    before a region). `strict`: no other feature will do. `precision`: the ACLED code the
    qualifier sets outright; `floor`: the least precise code it allows; `part`: the text
    names part of the place, so a region becomes precision 2 (a country stays 3).
    """

    kind: str
    prefer: frozenset[str] | None = None
    strict: bool = False
    precision: int | None = None
    floor: int = 1
    part: bool = False

    def apply(self, feature: str, precision: int) -> int:
        """The precision code after this qualifier, given the found place's own."""
        if self.part:
            precision = 3 if feature == "country" else 2
        elif self.precision is not None:
            precision = self.precision
        return max(precision, self.floor)


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """A toponym phrase split into its core name and the qualifier's reading."""

    core: str
    reading: Reading


_REGIONS = REGION_FEATURES | {"country"}

DEFAULT = Reading("default")
NEAR = Reading("near", floor=2)
PART = Reading("part", prefer=_REGIONS, part=True)
COUNTRYSIDE = Reading("countryside", prefer=_REGIONS, floor=2)
REGION = Reading("region", prefer=_REGIONS, floor=2)
ADMIN = Reading("admin", prefer=ADMIN_FEATURES, precision=3)
DISTRICT = Reading("district", prefer=frozenset({"district", "subdistrict"}), floor=2)
SETTLEMENT = Reading("settlement", prefer=SETTLEMENT_FEATURES, precision=1)
CROSSING = Reading("crossing", prefer=frozenset({"crossing"}))
CAMP = Reading("camp", prefer=frozenset({"camp"}))
BASE = Reading("base", prefer=frozenset({"base"}))
DAM = Reading("dam", prefer=frozenset({"dam"}))
PLAIN = Reading("plain", prefer=frozenset({"plain", "region"}))
RIVER = Reading("river", prefer=frozenset({"river"}), strict=True)

_DIR = (
    r"(?:far[- ])?(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?)"
    r"|central|middle|upper|lower|inner|outer"
)
_DIRS = rf"(?:{_DIR})(?:\s*(?:,|and|&|or)\s*(?:{_DIR}))*"
_DIR_NOUN = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_DIST = r"(?:(?:about|some|around|roughly|nearly|approximately)\s+)?\d+(?:[.,]\d+)?\s*(?:-\s*)?"
_UNIT = r"(?:km|kms|kilomet(?:er|re)s?|miles?|mi|m|met(?:er|re)s?)"
_RURAL = r"(?:countryside|countrysides|rural\s+areas?|rural\s+parts?|hinterland|rif|reef)"
_CORE = r"(?P<core>.+?)"
_POSS = r"(?:'s|’s)?"

# Ordered: the first pattern that matches wins. Each maps to the reading it implies.
_PATTERNS: tuple[tuple[re.Pattern[str], Reading], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (rf"^(?:{_DIST}{_UNIT}\s+)?(?:to\s+the\s+)?(?:{_DIR_NOUN})\s+of\s+{_CORE}$", NEAR),
        (
            r"^(?:near|nearby|outside|around|close\s+to|next\s+to|(?:in\s+)?the\s+vicinity\s+of|"
            r"vicinity\s+of|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|the\s+edges?\s+of|"
            r"(?:the\s+)?surroundings\s+of|(?:the\s+)?environs\s+of|(?:the\s+)?areas?\s+around|"
            rf"(?:the\s+)?suburbs\s+of)\s+{_CORE}$",
            NEAR,
        ),
        (rf"^{_CORE}{_POSS}\s+(?:outskirts|surroundings|environs|vicinity|suburbs)$", NEAR),
        (
            rf"^{_CORE}\s+and\s+its\s+(?:countryside|surroundings|environs|suburbs|outskirts|"
            r"rural\s+areas|vicinity|villages|environs)$",
            REGION,
        ),
        (rf"^(?:{_DIRS})\s+{_RURAL}\s+of\s+{_CORE}$", PART),
        (rf"^{_RURAL}\s+of\s+{_CORE}$", COUNTRYSIDE),
        (rf"^(?:{_DIRS})\s+rural\s+{_CORE}$", PART),
        (rf"^rural\s+(?:{_DIRS})\s+{_CORE}$", PART),
        (rf"^rural\s+{_CORE}$", COUNTRYSIDE),
        (rf"^(?:{_DIRS})\s+{_CORE}{_POSS}\s+{_RURAL}$", PART),
        (rf"^{_CORE}{_POSS}\s+(?:{_DIRS})\s+{_RURAL}$", PART),
        (rf"^{_CORE}{_POSS}\s+{_RURAL}$", COUNTRYSIDE),
        (
            r"^(?:(?:a\s+)?part|parts|(?:several|some|many|various|other|large|most)\s+"
            rf"(?:areas|parts|regions)|areas|much|most)\s+of\s+{_CORE}$",
            PART,
        ),
        (
            r"^(?:governorate|governate|province|muhafazah?|muhafazat|wilayah?|vilayet|state)"
            rf"\s+of\s+{_CORE}$",
            ADMIN,
        ),
        (
            rf"^{_CORE}\s+(?:governorate|governate|province|provinces|muhafazah?|vilayet|ili|state)$",
            ADMIN,
        ),
        (
            r"^(?:city|town|village|township|hamlet|municipality|city\s+cent(?:er|re)|"
            rf"town\s+cent(?:er|re)|downtown)\s+of\s+{_CORE}$",
            SETTLEMENT,
        ),
        (
            rf"^{_CORE}\s+(?:city|town|village|city\s+cent(?:er|re)|town\s+cent(?:er|re)|"
            r"downtown|municipality|proper)$",
            SETTLEMENT,
        ),
        (rf"^downtown\s+{_CORE}$", SETTLEMENT),
        (rf"^(?:district|sub-?district|nahiy(?:a|ah|eh)|canton)\s+of\s+{_CORE}$", DISTRICT),
        (rf"^{_CORE}\s+(?:district|sub-?district|nahiy(?:a|ah|eh)|mintaqa|canton)$", DISTRICT),
        (rf"^(?:region|plain|plains)\s+of\s+{_CORE}$", REGION),
        (rf"^{_CORE}\s+(?:region|regions)$", REGION),
        (rf"^{_CORE}\s+(?:area|areas)$", NEAR),
        (
            rf"^{_CORE}\s+(?:border\s+)?(?:crossing|crossing\s+point|border\s+gate|gate|"
            r"border\s+post|checkpoint)$",
            CROSSING,
        ),
        (rf"^(?:border\s+)?crossing\s+(?:of|at)\s+{_CORE}$", CROSSING),
        (
            rf"^{_CORE}\s+(?:camp|camps|refugee\s+camps?|displacement\s+camps?|idp\s+camps?)$",
            CAMP,
        ),
        (rf"^(?:camp|camps)\s+(?:of|at|in)\s+{_CORE}$", CAMP),
        (
            rf"^{_CORE}\s+(?:military\s+)?(?:air\s*base|airbase|base|airport|military\s+airport|"
            r"airfield|air\s+field)$",
            BASE,
        ),
        (rf"^{_CORE}\s+dam$", DAM),
        (rf"^{_CORE}\s+(?:plain|plains|valley)$", PLAIN),
        (rf"^{_CORE}\s+river$", RIVER),
        (rf"^river\s+{_CORE}$", RIVER),
        (rf"^(?:{_DIRS})\s+{_CORE}$", PART),
    )
)

_PREPOSITION = re.compile(
    r"^(?:in|at|from|into|inside|within|across|throughout|to|toward|towards|of)\s+",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_EDGE = " \t\n\"'“”‘’.,;:!?()[]"


def clean_phrase(text: str) -> str:
    """The phrase without edge punctuation, a leading "the" or a trailing possessive."""
    # "the Idlib countryside," -> "Idlib countryside"; "Turkey's" -> "Turkey".
    text = " ".join(text.split()).strip(_EDGE)
    text = _ARTICLE.sub("", text, count=1)
    return _POSSESSIVE.sub("", text).strip(_EDGE)


def strip_preposition(text: str) -> str:
    """A cleaned phrase without a leading preposition ("in the Ghab" -> "Ghab")."""
    return clean_phrase(_PREPOSITION.sub("", text, count=1))


def parse_phrase(text: str) -> PlacePhrase | None:
    """Split one qualifier off a cleaned phrase; None when it carries none."""
    for pattern, reading in _PATTERNS:
        match = pattern.match(text)
        if match:
            core = clean_phrase(match.group("core"))
            if core and core.casefold() != text.casefold():
                return PlacePhrase(core=core, reading=reading)
    return None
