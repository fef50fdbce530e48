"""Discover aliases the text states: "X, known as Y", "X (Y)", "formerly X", "at the time"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factionmap.nlp.mentions import corrected_type
from factionmap.records import Document, Mention
from factionmap.resolve.names import is_acronym

# A proper name: capitalised words, allowing Arabic particles and hyphenated articles.
_WORD = r"(?:(?:al|el|bin|ibn|bint)[-‑])?[A-ZÀ-ÖØ-ÞŞİ][\w’'‑-]*"
_PARTICLE = r"(?:al|el|bin|ibn|bint|of|for|the|and|lil|li|de|du|wa)"
NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+|{_PARTICLE}[-‑])?{_WORD}){{0,6}}"
_KNOWN_AS = (
    r"(?:also\s+|better\s+|widely\s+|commonly\s+)?"
    r"(?:known\s+as|nicknamed|dubbed|called|aka|a\.k\.a\.)"
)
_FORMER = r"(?:formerly|previously|once)(?:\s+known\s+as|\s+called)?"

# A ship's or unit's number belongs to its designation: "USS Mahan (DDG 72)".
_PAREN = re.compile(
    rf"^\s*\(\s*(?P<cue>{_KNOWN_AS}\s+|{_FORMER}\s+)?(?:the\s+)?(?P<alias>{NAME}(?:\s+\d{{1,4}})?)"
    rf"(?P<then>\s+at\s+the\s+time|\s+until\s+\d{{4}}|\s+before\s+\d{{4}})?\s*\)"
)
_COMMA = re.compile(
    rf"^\s*,?\s*(?:(?P<known>{_KNOWN_AS})|(?P<former>{_FORMER}))\s+(?:the\s+)?[“\"‘]?"
    rf"(?P<alias>{NAME})"
)


# An aside between a name and what the text says of it: the name in its own script, a
# pronunciation, dates of birth.
_ASIDE = re.compile(r"^\s*\([^()]{1,100}\)")


@dataclass(frozen=True, slots=True)
class AliasLink:
    """Two spans of a document that name the same actor, and how the text says so."""

    first: Mention
    second: Mention
    kind: str  # "alias", "acronym" or "former_name"


def _find_mention(mentions: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in mentions if m.start < end and start < m.end), None)


def discover_aliases(
    document: Document, mentions: list[Mention]
) -> tuple[list[Mention], list[AliasLink]]:
    """Alias links stated in the text, with new mentions for alias names no model found."""
    text = document.text
    new_mentions: list[Mention] = []
    links: list[AliasLink] = []
    for mention in mentions:
        tail = text[mention.end : mention.end + 160]
        offset = mention.end
        match = _PAREN.match(tail) or _COMMA.match(tail)
        aside = None if match else _ASIDE.match(tail)
        if aside:
            # "Abboud Qanbar (Arabic: عبود قنبر), also known as Abu Haidar"
            offset += aside.end()
            match = _COMMA.match(tail[aside.end() :])
        if not match:
            continue
        alias_start = offset + match.start("alias")
        alias_end = offset + match.end("alias")
        alias_text = text[alias_start:alias_end]
        groups = match.groupdict()
        cue = (groups.get("cue") or groups.get("former") or "").strip().lower()
        if mention.type == "LOCATION" and not (cue or groups.get("known")):
            continue  # "Aleppo (Syria)" says where, not another name; "also called" does
        former = bool(groups.get("then")) or cue.startswith(("formerly", "previously", "once"))
        existing = _find_mention(mentions + new_mentions, alias_start, alias_end)
        fits = mention.type == "LOCATION" or _bare_parenthesis_fits(mention, alias_text, existing)
        if not cue and not former and not fits:
            continue
        if (
            existing is not None
            and existing.source == "model"
            and alias_start <= existing.start
            and existing.end <= alias_end
            and (existing.start, existing.end) != (alias_start, alias_end)
        ):
            # The model read part of the alias ("DDG" of "DDG 72"): the whole alias is the name.
            existing = None
        if existing is None:
            existing = Mention(
                document.id,
                alias_start,
                alias_end,
                alias_text,
                mention.type,
                mention.subtype,
                None,
                "discovered",
            )
            new_mentions.append(existing)
        elif existing.type != mention.type and existing.source == "model":
            # The text says these are one actor: the anchoring name's type is the better guess.
            replacement = Mention(
                existing.doc,
                existing.start,
                existing.end,
                existing.text,
                mention.type,
                mention.subtype,
                existing.actor_key,
                existing.source,
            )
            new_mentions.append(replacement)
            existing = replacement
        if existing.actor_key and mention.actor_key and existing.actor_key != mention.actor_key:
            continue  # two curated actors: the dictionary knows better than a parenthesis
        kind = "former_name" if former else ("acronym" if is_acronym(alias_text) else "alias")
        links.append(AliasLink(mention, existing, kind))
    return new_mentions, links


def _bare_parenthesis_fits(anchor: Mention, alias: str, existing: Mention | None) -> bool:
    """Whether "X (Y)" with no "known as" renames X, rather than naming X's faction or post."""
    if existing is not None and existing.source != "model" and existing.type != anchor.type:
        return False  # a curated name of another kind: "Sayf Abu Bakr (Hamza Division)"
    if _TITLE_OR_POST.match(alias):
        return False  # "Salim Idris (Minister of Defense)"
    if anchor.type == "PERSON":
        return corrected_type(alias, "PERSON") == "PERSON"  # a kunya or another name
    if anchor.type == "ORG":
        return is_acronym(alias) or corrected_type(alias, "ORG") == "ORG"
    return False


_TITLE_OR_POST = re.compile(
    r"(?:minister|deputy|head|chief|commander|leader|spokes(?:man|person|woman)|director|"
    r"president|prime minister|general|colonel|brigadier|governor|mayor|emir|founder)\b",
    re.IGNORECASE,
)


_NOMINAL_BODY = re.compile(
    r"\b(?:a|the)\s+(?P<name>(?:tripartite|joint|military|security|judicial|local|civil|central|"
    r"supreme|revolutionary|sharia|legal|investigative|ministerial|higher|high|"
    r"reconciliation|fact-finding)\s+(?:committee|commission|council|court|tribunal))\b",
    re.IGNORECASE,
)


# Armed men of a community that is no state, fighting as one side: "armed Druze factions",
# "Bedouin tribal forces", "local Druze militias" (Suwayda, 2025). Demonyms of states are
# left out: "Turkish forces" are the state's.
_COMMUNITY_FORCE = re.compile(
    r"\b(?P<name>(?:(?:armed|local)\s+)?(?:Druze|Bedouin|Alawite|Ismaili|Circassian|Assyrian)"
    r"\s+(?:(?:armed|tribal|Arab)\s+)?(?:militias|factions|fighters|armed\s+groups|tribes|"
    r"gunmen|forces|clans))\b"
)


def nominal_bodies(document: Document) -> list[Mention]:
    """Unnamed bodies that act in the story ("a tripartite committee convicted ...") and the
    armed men of a community ("Bedouin tribal forces")."""
    found = [(m, "other") for m in _NOMINAL_BODY.finditer(document.text)] + [
        (m, "armed_group") for m in _COMMUNITY_FORCE.finditer(document.text)
    ]
    return [
        Mention(
            document.id,
            m.start("name"),
            m.end("name"),
            m.group("name"),
            "ORG",
            subtype,
            None,
            "discovered",
        )
        for m, subtype in sorted(found, key=lambda pair: pair[0].start())
    ]


# "(SRTF)", "(NAVCENT)", "(CJTF-OIR)": an all-capitals name in brackets, to be spelled out by
# the capitalised words before it.
_ACRONYM_IN_BRACKETS = re.compile(r"\((?P<acronym>[A-Z][A-Z0-9&-]{1,11})\)")
_RUN_WORD = re.compile(r"[A-Z][\w.’'&-]*|of|for|the|and|on|in")
_RUN_PARTICLES = frozenset("of for the and on in".split())
_MAX_RUN = 9


def _run_before(text: str, end: int) -> list[tuple[int, int, str]]:
    """The capitalised words (with particles between them) ending at `end`, as spans."""
    words: list[tuple[int, int, str]] = []
    position = end
    while len(words) < _MAX_RUN:
        match = re.search(r"(\S+)\s*$", text[max(0, position - 60) : position])
        if not match:
            break
        word = match.group(1)
        start = position - len(match.group(0))
        if not _RUN_WORD.fullmatch(word):
            break
        words.insert(0, (start, start + len(word), word))
        position = start
    while words and words[0][2] in _RUN_PARTICLES:
        words.pop(0)
    return words


def _letters(word: str) -> str:
    """What one word gives an acronym: all its letters if it is one ("U.S."), else its first."""
    bare = word.replace(".", "")
    return bare.lower() if bare.isupper() and len(bare) > 1 else word[0].lower()


def _spells_initials(acronym: str, words: list[str]) -> bool:
    """Each name word gives its initial(s), particles may or may not: "Syria Recovery Trust
    Fund" → SRTF, "Organisation for the Prohibition of Chemical Weapons" → OPCW."""
    if not words:
        return not acronym
    word, rest = words[0], words[1:]
    given = _letters(word)
    if word in _RUN_PARTICLES and _spells_initials(acronym, rest):
        return True
    return acronym.startswith(given) and _spells_initials(acronym[len(given) :], rest)


def _spells_syllables(acronym: str, words: list[str]) -> bool:
    """A contraction of word beginnings of two letters or more, in order, some words left
    out: "Naval Forces Central Command" → NAVCENT."""
    pieces = 0
    remaining = acronym
    for word in (w.lower() for w in words if w not in _RUN_PARTICLES):
        if not remaining:
            break
        size = 0
        while size < min(len(word), len(remaining)) and word[size] == remaining[size]:
            size += 1
        if size >= 2 or (size == len(remaining) and size >= 1 and pieces):
            remaining, pieces = remaining[size:], pieces + 1
    return not remaining and pieces >= 2


def spelled_out_acronyms(
    document: Document, mentions: list[Mention]
) -> tuple[list[Mention], list[AliasLink]]:
    """Organisations named by the text as "Full Name (ACRONYM)" whose full name no model
    found whole ("the Syria Recovery Trust Fund (SRTF)" read as the place "Syria"): a mention
    of the full name, which then wins over the fragments inside it, one of the acronym, and
    the link between them. Names a mention already spans are left to `discover_aliases`."""
    text = document.text
    found: list[Mention] = []
    links: list[AliasLink] = []
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = re.sub(r"[^a-z]", "", match.group("acronym").lower())
        head = text[: match.start()].rstrip()
        head = re.sub(r"[’']s$", "", head)
        run = _run_before(text, len(head))
        if len(acronym) < 2 or len(run) < 2:
            continue
        chosen: tuple[int, int] | None = None
        for first in range(len(run) - 1):
            if run[first][2] in _RUN_PARTICLES:
                continue
            if _spells_initials(acronym, [w for _, _, w in run[first:]]):
                chosen = (run[first][0], run[-1][1])
                break
        if chosen is None and _spells_syllables(acronym, [w for _, _, w in run]):
            chosen = (run[0][0], run[-1][1])
        if chosen is None:
            continue
        start, end = chosen
        if any(m.start <= start and end <= m.end for m in mentions):
            continue  # already one name: `discover_aliases` links it
        if any(m.source == "dictionary" and (m.start < start < m.end or m.start < end < m.end)
               for m in mentions):  # fmt: skip
            continue  # a curated name runs across the edge: the words are not one name
        full = Mention(document.id, start, end, text[start:end], "ORG", None, None, "discovered")
        a_start, a_end = match.start("acronym"), match.end("acronym")
        short = _find_mention(mentions, a_start, a_end) or Mention(
            document.id, a_start, a_end, text[a_start:a_end], "ORG", None, None, "discovered"
        )
        found += [full] if short in mentions else [full, short]
        links.append(AliasLink(full, short, "acronym"))
    return found, links
