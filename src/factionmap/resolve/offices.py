"""Offices: titles that name a person by the post they hold ("the Foreign Secretary").

A post named without its holder's name resolves to the person holding it at the article's
publication date, where the dictionary's holders cover that date, and otherwise to the
entity of the post itself — never to a fragment of the title ("State", "Government of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factionmap.geo.demonyms import demonyms_of
from factionmap.records import Document, Mention
from factionmap.resolve.dictionary import ActorDictionary, ActorEntry

# Words of titles and offices: a name made only of them ("President", "Foreign Secretary")
# names a post, and never joins two documents' entities on its own.
OFFICE_WORDS = frozenset(
    "president vice prime minister ministers secretary foreign defence defense interior "
    "home general commander chief head leader envoy ambassador spokesman spokeswoman "
    "spokesperson official officials mayor governor king queen prince emir sheikh "
    "chancellor deputy special representative state of the mr mrs ms dr sir lord".split()
)
# A capitalised word right after the title is the holder's name ("the Foreign Secretary,
# Jeremy Hunt"): the name is the mention then, and the title its role.
_NAME_FOLLOWS = re.compile(r"\s*,?\s*(?:[A-Z][\w’'-]+)")


@dataclass(frozen=True, slots=True)
class _OfficePattern:
    entry: ActorEntry
    pattern: re.Pattern[str]


def _qualifiers(entry: ActorEntry, dictionary: ActorDictionary) -> list[str]:
    """Words naming the actor whose post it is: its short names and its state's demonyms."""
    assert entry.office is not None
    owner = dictionary.by_key.get(entry.office.of)
    words = list(entry.office.qualifiers)
    if owner is not None:
        words += [n for n in owner.all_names() if len(n.split()) <= 3 and n[:1].isupper()]
        if owner.country:
            words += demonyms_of(owner.country)
    return sorted(set(words), key=len, reverse=True)


def _compile(entry: ActorEntry, dictionary: ActorDictionary) -> re.Pattern[str]:
    assert entry.office is not None
    titles = "|".join(
        re.escape(t).replace(r"\ ", r"\s+")
        for t in sorted(entry.office.titles, key=len, reverse=True)
    )
    qualifiers = "|".join(re.escape(q) for q in _qualifiers(entry, dictionary))
    # The qualifier as written ("US", never "us"); the title in any case.
    lead = rf"(?<![\w-])(?:{qualifiers})(?:['’]s)?\s+"
    if entry.office.bare:
        lead = rf"(?:{lead}|(?<![\w-])[Tt]he\s+)"
    return re.compile(rf"{lead}(?P<title>(?i:{titles}))(?![\w-])")


_compiled: dict[int, tuple[ActorDictionary, tuple[_OfficePattern, ...]]] = {}


def _patterns(dictionary: ActorDictionary) -> tuple[_OfficePattern, ...]:
    """The compiled office patterns of a dictionary, built once per dictionary object."""
    cached = _compiled.get(id(dictionary))
    if cached is None or cached[0] is not dictionary:
        patterns = tuple(
            _OfficePattern(entry, _compile(entry, dictionary))
            for entry in dictionary.entries
            if entry.office is not None
        )
        cached = _compiled[id(dictionary)] = (dictionary, patterns)
    return cached[1]


def office_mentions(document: Document, dictionary: ActorDictionary) -> list[Mention]:
    """Mentions of posts named without their holder, keyed to the holder at the date."""
    found: list[Mention] = []
    for office in _patterns(dictionary):
        assert office.entry.office is not None
        holder = office.entry.office.holder_at(document.published)
        entry = dictionary.by_key.get(holder) if holder else None
        entry = entry or office.entry
        for match in office.pattern.finditer(document.text):
            start, end = match.span("title")
            if _NAME_FOLLOWS.match(document.text, end):
                continue
            if any(m.start < end and start < m.end for m in found):
                continue  # "the US special envoy for Syria" is one post, not two
            found.append(
                Mention(
                    document.id,
                    start,
                    end,
                    document.text[start:end],
                    "PERSON",
                    None,
                    entry.key,
                    "dictionary",
                )
            )
    return sorted(found, key=lambda m: m.start)
