"""States named by their demonym: "Turkish drones", "Iranian-backed militias", "U.S.-led".

A demonym names a state as an actor only where it modifies something a state does or
commands (forces, warplanes, officials, strikes) or forms a compound of backing or
command ("Turkish-backed", "Saudi-led"). "Syrian refugees", "the Turkish lira" and
"Kurdish parties" name no state. Which state a demonym names is data: the demonym table
(`data/gazetteer/demonyms.csv`) gives the country, and the dictionary entry that carries
that `country` code is the state; a country whose demonym is contested (Syria, Libya,
Yemen, Sudan) has no such entry, so its demonym never names an actor on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from factionmap.geo.demonyms import demonym_country, is_demonym
from factionmap.records import Document, Mention
from factionmap.resolve.dictionary import ActorDictionary, ActorEntry

# Participles of compounds in which the first element acts: "Turkish-backed factions".
COMPOUND_CUES = frozenset(
    """backed led supported funded sponsored armed trained allied aligned affiliated held
    controlled run dominated occupied brokered mediated""".split()
)
# What a state has, commands or does: the head nouns that make its demonym an actor.
ACTOR_NOUNS = frozenset(
    """forces force troops troop army military soldiers soldier servicemen officers
    commanders commander warplanes warplane jets jet aircraft planes drones drone
    helicopters helicopter navy artillery tanks shelling bombardment bombing bombings
    strikes strike airstrikes airstrike raids raid missiles missile rockets patrols patrol
    convoy convoys bases base positions posts outposts government authorities officials
    official ministry president minister ministers diplomats diplomat delegation
    delegations embassy envoy ambassador charge chargé consul consulate intelligence police
    gendarmerie gendarmes guards coastguard regime state side leadership administration parliament
    mediators mediation operation operations offensive incursion intervention deployment
    backing support funding""".split()
)
_PREFIX = re.compile(r"^[A-Z][A-Za-z.]*$")  # "U.S.", "UN", "Turkish"; not "FSA)"
_COALITIONS = frozenset({"coalition", "alliance"})
_COORDINATION = frozenset({",", "and", "or", "&"})
_COMPOUND = re.compile(
    rf"^(?P<prefix>[^\s-]+)[-‑](?:{'|'.join(sorted(COMPOUND_CUES))})\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


# Faiths and sects name communities, not actors ("the Sunnis", "Druze" alone).
_CONFESSIONS = frozenset(
    """sunni sunnis shia shias shiite shiites shi'ite shi'ites christian christians muslim
    muslims ismaili ismailis maronite maronites catholic catholics orthodox jewish jews
    yazidis nusayri nusayris rafidi rafida rafidah""".split()
)


def names_people(text: str) -> bool:
    """True for a demonym, ethnonym or faith alone ("Kurds", "the Alawites", "Sunni Arabs")."""
    words = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).split()
    return bool(words) and all(is_demonym(w) or w.lower() in _CONFESSIONS for w in words)


def state_of(word: str, dictionary: ActorDictionary) -> ActorEntry | None:
    """The curated actor a compound's first element or a demonym names ("U.S.", "Turkish")."""
    if is_demonym(word):
        if _is_plural(word):
            return None
        return dictionary.state(demonym_country(word))
    entry = dictionary.lookup(word)
    return entry if entry is not None and entry.type == "ORG" else None


def _is_plural(word: str) -> bool:
    """ "Turks", "Syrians": the people, not the adjective that names their state."""
    return word.lower().endswith("s") and is_demonym(word[:-1])


def split_compound(text: str) -> tuple[int, int] | None:
    """(end of the backer, start of the name) in "Turkish-backed Syrian National Army".

    Only when what follows the compound is itself a proper name: "US-led coalition" is
    the coalition's name as a whole, "Turkish-backed Syrian National Army" is the SNA
    described by its backer.
    """
    match = _COMPOUND.match(text)
    if match is None or not match.group("rest")[0].isupper():
        return None
    return match.end("prefix"), match.start("rest")


def _covered(taken: Sequence[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in taken)


def _modifies_actor(doc: Doc, token: Token) -> bool:
    """True when a demonym modifies a state's noun, perhaps through a coordination."""
    j = token.i + 1
    # "Turkish and Russian forces", "Turkish, Russian and Iranian officials".
    while j + 1 < len(doc) and doc[j].lower_ in _COORDINATION:
        if not is_demonym(doc[j + 1].text):
            return False
        j += 2
    # One lower-case modifier may stand between: "Russian fighter jets".
    for k in (j, j + 1):
        if k >= len(doc) or not doc[k].is_lower or not doc[k].is_alpha:
            return False
        if doc[k].lower_ in ACTOR_NOUNS or doc[k].lemma_ in ACTOR_NOUNS:
            after = doc[k + 1] if k + 1 < len(doc) else None
            # The noun must head its phrase: "state media" is media, not the state.
            return after is None or not (
                after.is_lower and after.pos_ == "NOUN" and after.lower_ not in ACTOR_NOUNS
            )
    return False


def _compound_follows(doc: Doc, token: Token) -> bool:
    """True for "Turkish" in "Turkish-backed", written as three tokens."""
    i = token.i
    return (
        i + 2 < len(doc)
        and not token.whitespace_
        and doc[i + 1].text in "-‑"
        and not doc[i + 1].whitespace_
        and doc[i + 2].lower_ in COMPOUND_CUES
    )


def _led_coalition(doc: Doc, i: int, cue: str) -> bool:
    """ "U.S.-led international coalition": the compound is part of the coalition's name."""
    return cue == "led" and any(t.lower_ in _COALITIONS for t in doc[i + 1 : i + 4])


def _after_the(doc: Doc, token: Token) -> bool:
    return token.i > 0 and doc[token.i - 1].lower_ == "the"


def state_mentions(
    doc: Doc, document: Document, dictionary: ActorDictionary, taken: Sequence[Mention]
) -> Iterator[Mention]:
    """Mentions of states named by a demonym or a compound's first element."""
    for token in doc:
        text = token.text
        if not text[:1].isupper():
            continue
        start, end = token.idx, token.idx + len(text)
        prefix, _, cue = text.rpartition("-")
        entry: ActorEntry | None
        if cue.lower() in COMPOUND_CUES and _PREFIX.match(prefix):
            # The tokenizer keeps "U.S.-backed" whole: the backer is the part before.
            if _led_coalition(doc, token.i, cue.lower()):
                continue
            entry = state_of(prefix, dictionary)
            end = start + len(prefix)
        elif not is_demonym(text):
            continue
        elif _is_plural(text):
            # "the Russians" (have failed to ...): the state, as reporters use it.
            entry = dictionary.state(demonym_country(text)) if _after_the(doc, token) else None
        elif _compound_follows(doc, token):
            if _led_coalition(doc, token.i + 2, doc[token.i + 2].lower_):
                continue
            entry = state_of(text, dictionary)
        elif _modifies_actor(doc, token):
            entry = state_of(text, dictionary)
        else:
            continue
        if entry is None or _covered(taken, start, end):
            continue
        yield Mention(
            document.id,
            start,
            end,
            document.text[start:end],
            "ORG",
            entry.subtype,
            entry.key,
            "dictionary",
        )
