"""Whether a country's name is used as a place or as an actor, read from the parse.

The same name is a place in "in Lebanon", "across Syria", "to Turkey", "visited Iraq" or
"Syria's north", and an actor in "Lebanon said", "Russia struck", "talks with Turkey" or
"Russia's envoy"; one article may use it both ways. The decision is the dependency role
of the mention's head (after climbing coordination, so "in Syria and Iraq" reads both),
never a list of names.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

Role = Literal["place", "actor"]

# Prepositions whose object is where something is, goes or comes from.
LOCATIVE_PREPOSITIONS = frozenset(
    """in inside into across throughout to toward towards from near within around through
    over at outside via along onto beyond among amid off under""".split()
)
# Prepositions whose object is a party to what is done: "talks with Turkey", "by Russia".
PARTY_PREPOSITIONS = frozenset({"with", "by", "against"})
# Verbs whose "to" object is an addressee or recipient, not a destination: "said to Iran".
ADDRESS_VERBS = frozenset(
    """talk speak say write appeal complain report sell give offer propose announce explain
    listen turn respond reply protest apologise apologize belong lose send deliver hand
    supply provide pledge promise signal""".split()
)
# Verbs whose direct object is a territory: "visited Iraq", "fled Syria", "border Mexico".
TERRITORY_VERBS = frozenset(
    """visit enter leave invade cross flee reach tour quit exit travel return cross occupy
    bomb shell traverse roam border""".split()
)
# Nouns that make a possessor a territory: "Syria's north", "Lebanon's border".
TERRITORY_NOUNS = frozenset(
    """north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west centre center interior capital border borders frontier coast
    coastline territory territories soil airspace countryside province provinces region
    regions city cities town towns village villages desert mountains heartland outskirts
    side part parts area areas map""".split()
)
# Nouns whose "of", "on", "with" or "between" object is a territory: "the rest of the US",
# "a tour of the United States", "the invasion of Iraq", "the border with Mexico",
# "flights between Harare and the UK".
TERRITORY_OF = frozenset(
    """rest tour invasion occupation bombing map part parts much most all""".split()
)
BOUNDARY_NOUNS = frozenset(
    """border borders frontier boundary crossing crossings flight flights route routes road
    roads line""".split()
)
# "countries such as Cyprus, Greece and Italy": places that are examples of places.
PLACE_CLASS_NOUNS = frozenset(
    """country countries nation nations state states place places destination destinations
    market markets region regions zone zones""".split()
)
# Subjects that are places rather than actors: "Syria is ...", "Lebanon lies ...".
PLACE_PREDICATES = frozenset({"lie", "border", "neighbour", "neighbor", "stretch", "sit"})


def _head_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _territory_object(prep: Token) -> bool:
    """Whether the object of `prep` is a territory by the noun the preposition hangs on."""
    word, head = prep.lower_, prep.head
    noun = head.lemma_.lower()
    if word == "of" and (noun in TERRITORY_OF or head.lower_ in TERRITORY_NOUNS):
        return True
    if word in ("with", "between", "on") and noun in BOUNDARY_NOUNS | {"invasion"}:
        return True
    # "countries such as Greece": the examples of places are places.
    such = any(child.lower_ == "such" for child in prep.children)
    return word == "as" and such and noun in PLACE_CLASS_NOUNS


def mention_role(doc: Doc, start: int, end: int) -> Role | None:
    """ "place", "actor", or None when the parse does not say, for a name at [start, end)."""
    token = _head_token(doc, start, end)
    if token is None:
        return None
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "pobj":
        prep = head.lower_
        verb = head.head
        if _territory_object(head):
            return "place"
        if prep == "to" and verb.lemma_.lower() in ADDRESS_VERBS:
            return "actor"
        if prep in PARTY_PREPOSITIONS:
            return "actor"
        if prep in LOCATIVE_PREPOSITIONS:
            return "place"
        return None
    if dep in ("nsubj", "nsubjpass", "agent"):
        return "place" if head.lemma_.lower() in PLACE_PREDICATES else "actor"
    if dep == "dobj":
        return "place" if head.lemma_.lower() in TERRITORY_VERBS else None
    if dep == "poss":
        return "place" if head.lower_ in TERRITORY_NOUNS else "actor"
    return None
