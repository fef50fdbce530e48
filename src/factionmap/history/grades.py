"""Admiralty-style grades: source reliability A-F from the outlets file, credibility 1-6
from how many independent outlets assert (or deny) the same fact."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factionmap.records import Assertion
from factionmap.resolve.names import surface_key

OPENING = 400  # characters of a document's text searched for a wire's dateline credit
RELIABILITY = "ABCDEF"  # A completely reliable ... E unreliable, F cannot be judged
UNKNOWN = "F"


@dataclass(frozen=True, slots=True)
class Outlets:
    """Reliability letters by outlet name (any listed spelling), and each outlet's group."""

    letters: dict[str, str]
    groups: dict[str, str]  # syndicating outlets of one wire count once
    # "BEIRUT (Reuters) -": a dateline crediting a wire of the file (an outlet with a
    # `group`) marks a republished wire report, whoever published it.
    credits: re.Pattern[str] | None = None

    def reliability(self, outlet: str | None, verified: bool = True) -> str:
        """The outlet's letter, one lower when the document says it was not verified."""
        letter = self.letters.get(surface_key(outlet or ""), UNKNOWN)
        if not verified and letter not in "EF":
            letter = RELIABILITY[RELIABILITY.index(letter) + 1]
        return letter

    def source_of(self, assertion: Assertion) -> str:
        """What counts as one independent source: the wire a dateline credits, else the
        outlet's group, else the document."""
        credited = self.credits.search(assertion.opening) if self.credits else None
        if credited:
            return self.groups[surface_key(credited.group(1))]
        key = surface_key(assertion.outlet or "")
        return self.groups.get(key, key) or assertion.doc


def load_outlets(path: Path | None = None) -> Outlets:
    """The outlets file: packaged `data/outlets.yaml`, or the user's file of the same shape."""
    import yaml  # here: the store imports this module, and most commands never grade

    if path is None:
        return _packaged()
    return _parse(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


@lru_cache(maxsize=1)
def _packaged() -> Outlets:
    import yaml

    text = (resources.files("factionmap.data") / "outlets.yaml").read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text) or [])


def _parse(entries: list[dict]) -> Outlets:
    letters: dict[str, str] = {}
    groups: dict[str, str] = {}
    wires: list[str] = []
    for entry in entries:
        letter = str(entry.get("reliability", UNKNOWN)).upper()
        if letter not in RELIABILITY:
            letter = UNKNOWN
        names = [entry["name"], *entry.get("aliases", [])]
        group = surface_key(entry.get("group") or entry["name"])
        for name in names:
            letters[surface_key(name)] = letter
            groups[surface_key(name)] = group
        if entry.get("group"):
            wires += [str(name) for name in names]
    credits = None
    if wires:
        alternatives = "|".join(re.escape(w) for w in sorted(wires, key=len, reverse=True))
        credits = re.compile(rf"\(\s*({alternatives})\s*\)\s*[-–—:]")
    return Outlets(letters, groups, credits)


def credibility(claims: Iterable[Assertion], outlets: Outlets) -> int:
    """1 confirmed (3+ independent sources), 2 probably true (2), 3 possibly true (1),
    4 doubtful (denied, but more confirm), 5 improbable (denials outweigh), 6 no claim."""
    confirming: set[str] = set()
    denying: set[str] = set()
    for claim in claims:
        source = outlets.source_of(claim)
        if claim.polarity == "asserted":
            confirming.add(source)
        elif claim.polarity == "negated":
            denying.add(source)
    if not confirming:
        return 6 if not denying else 5
    if denying - confirming:
        return 4 if len(confirming) > len(denying) else 5
    return {1: 3, 2: 2}.get(len(confirming), 1)


def grade(assertion: Assertion, claims: Iterable[Assertion], outlets: Outlets) -> str:
    """The assertion's grade, e.g. "B2": its outlet's reliability, its fact's credibility."""
    return (
        f"{outlets.reliability(assertion.outlet, assertion.verified)}{credibility(claims, outlets)}"
    )
