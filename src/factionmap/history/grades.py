"""Admiralty-style grades: source reliability A-F from the outlets file, credibility 1-6
from how many independent outlets assert (or deny) the same fact."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
    # "according to SANA", "Reuters reported": a claim the text credits to an outlet of the
    # file is that outlet's, whoever carried it.
    attributions: re.Pattern[str] | None = None

    def reliability(self, outlet: str | None, verified: bool = True) -> str:
        """The outlet's letter, one lower when the document says it was not verified."""
        letter = self.letters.get(surface_key(outlet or ""), UNKNOWN)
        if not verified and letter not in "EF":
            letter = RELIABILITY[RELIABILITY.index(letter) + 1]
        return letter

    def sources_of(self, assertion: Assertion) -> set[str]:
        """The names of the one source an assertion counts as (claims sharing any name are
        one source): the outlet the text credits the claim to; else the report it repeats
        (a longer report containing it, the stored original it translates) or its own, as
        the wire a dateline credits, else the outlet's group, else the document; and a
        translation whose original is not stored is that original's, by URL, too."""
        credited = self._outlet_credited(assertion)
        if credited:
            return {credited}
        if assertion.report_doc:
            opening, outlet = assertion.report_opening or "", assertion.report_outlet
            doc = assertion.report_doc
        else:
            opening, outlet, doc = assertion.opening, assertion.outlet, assertion.doc
        wire = self.credits.search(opening) if self.credits else None
        if wire:
            names = {self.groups[surface_key(wire.group(1))]}
        else:
            key = surface_key(outlet or "")
            names = {self.groups.get(key, key) or doc}
        if assertion.original:
            names.add(f"original {assertion.original}")
        return names

    def _outlet_credited(self, assertion: Assertion) -> str | None:
        named = surface_key(assertion.attributed or "")
        if named in self.groups:  # attributed to an entity that is an outlet of the file
            return self.groups[named]
        found = self.attributions.search(assertion.evidence) if self.attributions else None
        if found:
            return self.groups[surface_key(found.group("before") or found.group("after"))]
        return None


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
        credits = re.compile(rf"\(\s*({_alternatives(wires)})\s*\)\s*[-–—:]")
    every = [str(name) for entry in entries for name in [entry["name"], *entry.get("aliases", [])]]
    attributions = None
    if every:
        # Names as spelled (an outlet is a proper name: "AP", not "ap"); cue words in any case.
        spelled = _alternatives(every)
        attributions = re.compile(
            rf"(?i:according to|citing|cited by|quoted by|reported by|told)\s+(?:the\s+)?"
            rf"(?:(?i:state|official|news|agency|broadcaster|outlet)\s+){{0,3}}"
            rf"(?P<before>{spelled})\b"
            rf"|\b(?P<after>{spelled}),?\s+(?:(?i:news agency|agency|reported|reports|said|says"
            rf"|quoted|cited|learned|has learned|confirmed))\b"
        )
    return Outlets(letters, groups, credits, attributions)


def _alternatives(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


def independent_sources(claims: Sequence[Assertion], outlets: Outlets) -> list[int]:
    """One number per claim: the independent source it counts as. Claims that share any
    name of their source (Outlets.sources_of) are one source."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, claim in enumerate(claims):
        for name in outlets.sources_of(claim):
            if name in first_with:
                parent[root(i)] = root(first_with[name])
            else:
                first_with[name] = i
    return [root(i) for i in range(len(claims))]


def source_counts(claims: Sequence[Assertion], outlets: Outlets) -> tuple[set[int], set[int]]:
    """The independent sources asserting the fact, and those denying it."""
    sources = independent_sources(claims, outlets)
    confirming = {s for s, c in zip(sources, claims, strict=True) if c.polarity == "asserted"}
    denying = {s for s, c in zip(sources, claims, strict=True) if c.polarity == "negated"}
    return confirming, denying


def credibility(claims: Iterable[Assertion], outlets: Outlets) -> int:
    """1 confirmed (3+ independent sources), 2 probably true (2), 3 possibly true (1),
    4 doubtful (denied, but more confirm), 5 improbable (denials outweigh), 6 no claim."""
    confirming, denying = source_counts(list(claims), outlets)
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
