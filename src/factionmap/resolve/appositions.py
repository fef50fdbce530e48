"""Descriptions set beside a name: "Gen. Joseph L. Votel, U.S. Central Command commander",
"the Minister of Foreign Affairs of Iraq, HE Dr Ibrahim Al-Ja'afari", "Raqqah, ISIL's
self-proclaimed capital", "the U.K.'s large-deck amphibious assault ship HMS Ocean".

An apposition is the one place where a description's referent is not in doubt: the name is
right beside it. Such a description becomes a mention of the name's entity (source
"description"), joined to it by a link. Descriptions further away ("the group" two
sentences on) are left alone: which group is meant is a guess. A description is never a
name: it gives its entity no alias and no canonical name, joins no other mention by its
text, and so never joins two documents' entities (see `within_doc`).

The description must suit the name's type: a post or rank for a person ("commander",
"Minister"), a kind of body or vessel for an organisation ("group", "ship"), a kind of
place for a place ("capital"). Names nested in the description stay their own mentions
("U.S. Central Command" in "U.S. Central Command commander"): the description mention is
the stretch around its head word that no other mention holds ("commander").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from factionmap.extract.aliases import AliasLink
from factionmap.records import Document, Mention

SOURCE = "description"

# Head nouns a description of each type ends in, or starts with before "of"/"for"/"to".
_HEADS: dict[str, frozenset[str]] = {
    "PERSON": frozenset(
        "minister secretary president commander general director advisor adviser spokesman "
        "spokesperson spokeswoman envoy ambassador leader chief head official governor "
        "mayor emir founder colonel officer chairman chairwoman chair chargé d’affaires affaires "
        "representative coordinator administrator deputy commissioner marshal admiral "
        "brigadier lieutenant captain major sheikh cleric judge prosecutor".split()
    ),
    "ORG": frozenset(
        "group organisation organization militia faction coalition movement alliance "
        "force forces ship vessel destroyer frigate carrier cruiser submarine agency "
        "ministry party army front brigade battalion division unit".split()
    ),
    "LOCATION": frozenset(
        "capital city town village province region stronghold base airfield".split()
    ),
}
# Words a description holds no more of: a verb or a clause marker means the stretch is
# a sentence, not a noun phrase beside the name.
_CLAUSE_TAGS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})
_MAX_WORDS = 20
# Before the name: a definite description ending in ", " (with an "a.i." of an acting
# post); after it: ", " then the description up to the next comma or full stop.
# Honorifics and abbreviated ranks between the description and the name the model found
# ("..., Lt. Gen. Stephen J. Townsend", "..., HE Dr Ibrahim Al-Ja'afari").
_TITLES = r"(?:(?:[A-Z][a-z]{0,4}\.|HE|Dr|Sir|Gen|Col|Lt|Maj|Capt|Mr|Mrs|Ms)\s+)*"
# Any character of a phrase but a clause break; a full stop only inside an abbreviation
# ("the U.K.'s ... ship", "the U.S. Embassy Chargé d'Affaires").
_WORDS = r"(?:[^,.;:()“”\"\n]|\.(?=\S))"
_BEFORE = re.compile(
    r"(?:^|(?<=[\s(“\"]))(?P<desc>[Tt]he\s+"
    + _WORDS
    + r"{2,120}?)\s*,\s*(?:a\.i\.,\s*)?"
    + _TITLES
    + "$"
)
_BEFORE_BARE = re.compile(
    r"(?:^|(?<=[\s(“\"]))(?P<desc>[Tt]he\s+" + _WORDS + r"{2,120}?)\s+" + _TITLES + "$"
)
_AFTER = re.compile(
    r"\s*,\s*(?P<desc>(?:the\s+|an?\s+)?[^,;:()“”\"\n]{2,140}?)\s*(?=,|(?<![A-Z])\.(?:\s|$)|\)|$)"
)
_LEAD = re.compile(r"(?:(?:the|an?|its|his|her|their)\s+|[’']s\s+|[–—-]\s*)+", re.IGNORECASE)
_TRAIL = re.compile(r"(?:\s+(?:of|for|to|in|at|on|with|from|and|the)|[\s,.’']+)+$", re.IGNORECASE)


def appositive_descriptions(
    doc: Doc, document: Document, mentions: list[Mention]
) -> tuple[list[Mention], list[AliasLink]]:
    """Description mentions right beside a name, each with its link to that name."""
    text = document.text
    found: list[Mention] = []
    links: list[AliasLink] = []
    for name in mentions:
        heads = _HEADS.get(name.type)
        if heads is None or name.source == SOURCE:
            continue
        candidates = []
        before = text[max(0, name.start - 160) : name.start]
        # A title run straight into a person's name ("the military expert Brigadier
        # General Nizar Khalaf") is a role of the name (`within_doc._roles`), not a mention.
        patterns = (_BEFORE,) if name.type == "PERSON" else (_BEFORE, _BEFORE_BARE)
        for pattern in patterns:
            match = pattern.search(before)
            if match:
                offset = name.start - len(before)
                candidates.append(
                    (offset + match.start("desc"), offset + match.end("desc"), pattern)
                )
                break
        after = _AFTER.match(text, name.end, min(len(text), name.end + 180))
        if after:
            candidates.append((after.start("desc"), after.end("desc"), _AFTER))
        for start, end, pattern in candidates:
            bare = pattern is _BEFORE_BARE
            mention = _description(doc, document, mentions, found, start, end, heads, name, bare)
            if mention is not None:
                found.append(mention)
                links.append(AliasLink(name, mention, SOURCE))
    return found, links


def _description(
    doc: Doc,
    document: Document,
    mentions: list[Mention],
    taken: list[Mention],
    start: int,
    end: int,
    heads: frozenset[str],
    name: Mention,
    bare: bool,
) -> Mention | None:
    """The description mention of the phrase [start, end), or None when the phrase is no
    description of `name`'s kind (no head word of it, a clause, too long)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) > _MAX_WORDS or not len(span):
        return None
    # "commanding general", "self-proclaimed capital": participles as modifiers are fine.
    if any(t.pos_ in _CLAUSE_TAGS and t.dep_ not in ("amod", "compound") for t in span):
        return None
    head = _head(span, heads, bare)
    if head is None:
        return None
    # "Iran and the Syrian army" after "Turkey" is a list, not Turkey's description.
    if any(t.dep_ == "cc" and t.i < head.i for t in span):
        return None
    if _modifies(doc, name, head):
        return None  # "especially US, military forces": the name is part of the phrase
    # The phrase must be a noun phrase of the head from its first word: ", under the
    # umbrella of the Coalition" after "the Government of Iraq" describes nothing.
    if any(t.pos_ == "ADP" for t in span if t.i < head.left_edge.i):
        return None
    others = [m for m in (*mentions, *taken) if m.start < end and start < m.end and m != name]
    if any(m.start <= head.idx < m.end for m in others):
        return None  # the head word is another name's ("the Iraqi Army"): no description
    # The stretch around the head that no other mention holds.
    left = max([m.end for m in others if m.end <= head.idx] + [start])
    right = min([m.start for m in others if m.start >= head.idx + len(head)] + [end])
    piece = document.text[left:right]
    stripped = piece.lstrip()
    left += len(piece) - len(stripped)
    piece = stripped
    leading = _LEAD.match(piece)
    if leading:
        left += leading.end()
        piece = piece[leading.end() :]
    trail = _TRAIL.search(piece)
    if trail:
        right -= len(piece) - trail.start()
        piece = piece[: trail.start()]
    if not piece.strip() or left >= right:
        return None
    return Mention(document.id, left, right, piece, name.type, None, None, SOURCE)


def _head(span: Span, heads: frozenset[str], bare: bool) -> Token | None:
    """The description's head word: its last word, or a head word right before "of",
    "for" or "to" ("Minister of Foreign Affairs of Iraq", "Special Advisor to ..."); only
    its last word when the description runs straight into the name ("the ... ship HMS
    Ocean")."""
    tokens = [t for t in span if not t.is_punct]
    if not tokens:
        return None
    last = tokens[-1]
    if last.lower_ in heads:
        return last
    if bare:
        return None
    for token, following in zip(tokens, tokens[1:], strict=False):
        if token.lower_ in heads and following.lower_ in ("of", "for", "to"):
            return token
    return None


def _modifies(doc: Doc, name: Mention, head: Token) -> bool:
    """Whether the parse hangs the name below the description's head other than as its
    apposition: then the name is a modifier inside the phrase, not the one it describes."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(len(doc)):
        if token.head.i == token.i:
            return False  # reached the sentence root without meeting the head
        if token.head.i == head.i:
            return token.dep_ != "appos"
        token = token.head
    return False
