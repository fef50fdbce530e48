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
    rf"^\s*,?\s*(?:(?P<known>{_KNOWN_AS})|(?P<former>{_FORMER}))\s+(?:the\s+)?(?P<alias>{NAME})"
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
        if mention.type == "LOCATION":
            continue
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
        former = bool(groups.get("then")) or cue.startswith(("formerly", "previously", "once"))
        existing = _find_mention(mentions + new_mentions, alias_start, alias_end)
        if not cue and not former and not _bare_parenthesis_fits(mention, alias_text, existing):
            continue
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
