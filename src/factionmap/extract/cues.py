"""Cue lexicons kept as data: loading, inflection of verbs and nouns, and phrase matching."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

WILDCARD = "*"  # in a cue phrase: zero or one word ("under the * control of")
_VOWELS = set("aeiou")
PREPOSITIONS = frozenset({"of", "with", "to", "on", "against", "in", "for", "from", "towards",
                           "toward", "between", "into", "over", "by", "at", "about"})  # fmt: skip
# Irregular verb forms a news report uses; lexicons may add more under `irregular:`.
_IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "fight": ("fought",), "lead": ("led",),
    "take": ("took", "taken"), "break": ("broke", "broken"), "seize": ("seized",),
    "strike": ("struck",), "shoot": ("shot",), "send": ("sent",), "give": ("gave", "given"),
    "begin": ("began", "begun"), "spring": ("sprang", "sprung"),
    "withdraw": ("withdrew", "withdrawn"),
    "split": ("split",), "set": ("set",), "put": ("put",), "hit": ("hit",), "win": ("won",),
    "undertake": ("undertook", "undertaken"), "overtake": ("overtook", "overtaken"),
    "fall": ("fell", "fallen"), "bring": ("brought",), "speak": ("spoke", "spoken"),
    "leave": ("left",), "buy": ("bought",), "sell": ("sold",), "forbid": ("forbade", "forbidden"),
    "drive": ("drove", "driven"), "beat": ("beaten",), "tell": ("told",), "say": ("said",),
    "think": ("thought",), "see": ("saw", "seen"), "find": ("found",), "keep": ("kept",),
    "build": ("built",), "pay": ("paid",), "lay": ("laid",), "become": ("became",),
    "freeze": ("froze", "frozen"), "lose": ("lost",), "catch": ("caught",), "flee": ("fled",),
    "throw": ("threw", "thrown"), "blow": ("blew", "blown"), "shut": ("shut",), "cut": ("cut",),
    "hang": ("hung",), "spread": ("spread",), "choose": ("chose", "chosen"),
    "rise": ("rose", "risen"),
}  # fmt: skip


def verb_forms(base: str) -> set[str]:
    """Inflected forms of an English verb (over-generating is harmless: forms are matched)."""
    base = base.lower()
    forms = {base, *_IRREGULAR.get(base, ())}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        # Closed syllables may double their consonant ("ban" → "banned", "control" →
        # "controlled"); stress decides, so keep both guesses.
        if base[-1] not in _VOWELS | {"w", "x", "y"} and base[-2] in _VOWELS:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def noun_forms(base: str) -> set[str]:
    """Singular and plural of a noun."""
    base = base.lower()
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return {base, base + "es"}
    if base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        return {base, base[:-1] + "ies"}
    return {base, base + "s"}


def _words(phrase: str) -> tuple[str, ...]:
    # Split like the parser does on the things that matter here: spaces, hyphens, apostrophes.
    spaced = re.sub(r"([\-’'])", r" \1 ", phrase.lower())
    spaced = re.sub(r" ([’']) s\b", r" \1s", spaced)
    return tuple(spaced.split())


def phrase_variants(phrase: str, kind: str) -> set[tuple[str, ...]]:
    """Token sequences a cue phrase stands for; `kind` inflects its first (verb) or last (noun)."""
    words = _words(phrase)
    if not words:
        return set()
    if kind == "verb":
        return {(form, *words[1:]) for form in verb_forms(words[0])}
    if kind == "noun":
        # Inflect the noun, not a preposition after it: "backer of" → "backers of".
        k = len(words) - 1
        while k > 0 and words[k] in PREPOSITIONS:
            k -= 1
        return {(*words[:k], form, *words[k + 1 :]) for form in noun_forms(words[k])}
    return {words}


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue phrase found in a parsed document, with the lexicon entry it came from."""

    start: int  # token index
    end: int  # token index, exclusive
    entry: Any  # the lexicon entry (a frozen dataclass of the caller's choosing)

    def head(self, doc: Doc) -> Token:
        """The syntactic head of the matched tokens."""
        span = doc[self.start : self.end]
        return span.root


class PhraseIndex:
    """Token-sequence lookup of cue phrases; wildcards stand for zero or one word."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, words: Iterable[str], entry: Any) -> None:
        """Register one token sequence for an entry."""
        seq = tuple(words)
        self._by_first.setdefault(seq[0], []).append((seq, entry))

    def _match_from(self, lowers: list[str], i: int, seq: tuple[str, ...]) -> int | None:
        if not seq:
            return i
        word, rest = seq[0], seq[1:]
        if word == WILDCARD:
            skipped = self._match_from(lowers, i, rest)
            if skipped is not None:
                return skipped
            if i < len(lowers) and lowers[i].isalpha():
                return self._match_from(lowers, i + 1, rest)
            return None
        if i < len(lowers) and lowers[i] == word:
            return self._match_from(lowers, i + 1, rest)
        return None

    def find(self, doc: Doc | Span) -> Iterator[CueMatch]:
        """Every match, longest first at each position (indices relative to `doc`)."""
        lowers = [t.lower_ for t in doc]
        for i, word in enumerate(lowers):
            for seq, entry in sorted(self._by_first.get(word, ()), key=lambda s: -len(s[0])):
                end = self._match_from(lowers, i, seq)
                if end is not None:
                    yield CueMatch(i, end, entry)


@lru_cache(maxsize=8)
def load_lexicon(name: str) -> dict[str, Any]:
    """A packaged YAML lexicon from factionmap/data/lexicons, parsed once."""
    path = resources.files("factionmap.data") / "lexicons" / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def word_set(values: Iterable[str], kind: str = "plain") -> frozenset[str]:
    """Lower-case single words and their inflections, for membership tests on tokens."""
    out: set[str] = set()
    for value in values:
        if " " not in value:
            out.add(value.lower())  # one token with an apostrophe: "d'affaires"
        for variant in phrase_variants(value, kind):
            out.add(" ".join(variant))
    return frozenset(out)
