"""Group a document's mentions into one entity per actor: aliases, surnames, kunyas, acronyms."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from factionmap.extract.aliases import AliasLink
from factionmap.geo.demonyms import is_demonym
from factionmap.records import DocEntity, Document, EntityType, Mention
from factionmap.resolve.appositions import SOURCE as DESCRIPTION
from factionmap.resolve.dictionary import ActorDictionary
from factionmap.resolve.names import fold_key, initials, is_acronym, surface_key

# Words too common in group names to identify one on their own ("National Army" is fine,
# "National" is not; "State" in "Secretary of State" is no short form of "Islamic State").
_GENERIC_WORDS = frozenset(
    "syrian syria national army front forces force liberation division brigade brigades "
    "movement faction group free islamic revolutionary revolutionaries council coalition "
    "government interim united democratic people peoples party of the for and al el "
    "state states republic kingdom nations union affairs ministry department office".split()
)
# Words after which a name is what the longer name acts on, not a short form of it:
# "Isis" in "Global Coalition against Isis" is the enemy.
_OBJECT_MARKERS = frozenset("against on versus vs anti counter fighting to".split())
_SOURCE_WEIGHT = {"dictionary": 3, "discovered": 2, "model": 1}
# Modifiers are lower-case words ("military expert"); role nouns and ranks may be capitalised
# ("Brigadier General"). A role starts at a word boundary and never with a possessive ("its").
_ROLE_BEFORE = re.compile(
    r"(?<![\w’'-])(?:the\s+)?(?P<role>"
    r"(?:(?!(?:of|the|a|an|to|in|on|by|with|and|for|from|its|his|her|their|at|as|that|"
    r"met|meets|said|says|told|tells|visited|called|urged|named|appointed|accused|"
    r"killed|arrested|replaced|than)\s)[a-z-]+\s+){0,3}"
    r"(?:(?i:brigadier|major|lieutenant|field|prime|foreign|defen[cs]e|interior|deputy)\s+)?"
    r"(?i:commander|leader|expert|analyst|researcher|"
    r"minister|spokesman|spokesperson|official|head|chief|director|founder|emir|general|"
    r"colonel|sheikh|journalist|activist|cleric|judge|mayor|governor|president|marshal|"
    r"speaker)"
    r"(?:\s+(?i:brigadier|major|lieutenant|general|colonel))*)\s*$"
)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _tokens(text: str) -> list[str]:
    return fold_key(text).split()


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _short_form_of(short: list[str], full: list[str], entity_type: str) -> bool:
    """True when `short` is a surname, kunya or short form of the longer name `full`."""
    if not short or len(short) >= len(full) or not _contains(full, short):
        return False
    if entity_type == "PERSON":
        # A surname or kunya: the end of the name, or its "abu X" part; or, for a name of
        # the form "given (al-)family", the given name alone ("Bashar" of "Bashar al-Assad").
        given = len(short) == 1 and len(full) == 2 and full[0] == short[0]
        return full[-len(short) :] == short or (short[0] == "abu" and len(short) >= 2) or given
    n = len(short)
    at = [i for i in range(len(full) - n + 1) if full[i : i + n] == short]
    if all(i > 0 and full[i - 1] in _OBJECT_MARKERS for i in at):
        return False
    return any(word not in _GENERIC_WORDS for word in short) or len(short) >= 2


def _link_name_variants(mentions: list[Mention], groups: _UnionFind) -> None:
    """Join full names of one person spelled two ways in one report ("Dmitry Peskov",
    "Dmitri Peskov"), so that the surname that follows has one full name to join."""
    people = [
        (i, _tokens(m.text))
        for i, m in enumerate(mentions)
        if m.type == "PERSON" and m.source != DESCRIPTION
    ]
    people = [(i, t) for i, t in people if len(t) == 2]
    for a, (i, first) in enumerate(people):
        for j, second in people[a + 1 :]:
            # One letter apart at most: "Shamima"/"Shamina" is one girl, "Sharmeena" another.
            same_given = min(len(first[0]), len(second[0])) >= 4 and (
                Levenshtein.distance(first[0], second[0]) <= 1
            )
            if first[1] == second[1] and same_given:
                groups.union(i, j)


def resolve_document(
    document: Document,
    mentions: list[Mention],
    links: list[AliasLink],
    dictionary: ActorDictionary,
) -> list[DocEntity]:
    """Cluster mentions into entities with a canonical name, type and aliases."""
    if not mentions:
        return []
    index = {(m.start, m.end): i for i, m in enumerate(mentions)}
    groups = _UnionFind(len(mentions))
    by_key: dict[str, int] = {}
    by_fold: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        if mention.source == DESCRIPTION:
            continue  # joined to its name by its link alone: two "commander"s are two people
        if mention.actor_key:
            groups.union(i, by_key.setdefault(mention.actor_key, i))
        else:
            # Same name, whatever type the model guessed: the cluster votes on the type later.
            groups.union(i, by_fold.setdefault(fold_key(mention.text), i))
    former: set[int] = set()
    for link in links:
        a, b = (
            index.get((link.first.start, link.first.end)),
            index.get((link.second.start, link.second.end)),
        )
        if a is not None and b is not None:
            groups.union(a, b)
            if link.kind == "former_name":
                former.add(b)
    _link_name_variants(mentions, groups)
    _link_short_forms(mentions, groups, dictionary)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        members[groups.find(i)].append(i)
    entities = []
    for number, root in enumerate(sorted(members, key=lambda r: mentions[members[r][0]].start)):
        cluster = [mentions[i] for i in members[root]]
        entities.append(
            _entity(
                f"L{number}",
                cluster,
                {mentions[i].text for i in members[root] if i in former},
                document,
                dictionary,
            )
        )
    return entities


# Words that describe an actor without naming another: "the Revolutionaries for
# Liberation faction" is the curated group itself, "Ahrar al-Sham Eastern Sector" is not.
_DESCRIPTORS = frozenset(
    "faction factions group movement forces fighters militia militias organization "
    "organisation rebels members the".split()
)


def _names_a_part(short: list[str], full: list[str]) -> bool:
    """True when the longer name adds more than descriptive words to the short one."""
    extra = list(full)
    for word in short:
        if word in extra:
            extra.remove(word)
    return any(word not in _DESCRIPTORS for word in extra)


def _link_short_forms(
    mentions: list[Mention], groups: _UnionFind, dictionary: ActorDictionary | None = None
) -> None:
    """Join surnames, kunyas, short forms and acronyms to the one full name they fit. A
    curated person counts under its full name even where the report gives only part of it
    ("Either Bashar [al-Assad, Syria's president] or ...": "Bashar" fits Bashar al-Assad)."""
    names = [(i, m, _tokens(m.text)) for i, m in enumerate(mentions) if m.source != DESCRIPTION]
    # A curated person's written name and its canonical one: "al-Moallem" fits "Walid
    # al-Moallem" as written, whatever spelling the dictionary chose ("Walid al-Muallem").
    fulls = [
        (i, m, full)
        for i, m in enumerate(mentions)
        if m.source != DESCRIPTION
        for full in {tuple(_tokens(m.text)), tuple(_tokens(_full_name(m, dictionary)))}
    ]
    for i, mention, short in names:
        if is_demonym(mention.text):
            continue  # "Turkish" names Turkey, not "Turkish Airlines"
        candidates: set[int] = set()
        for j, other, full in fulls:
            # The model often types a lone surname as a place ("Sejri" → GPE).
            surname_mistyped = mention.source == "model" and other.type == "PERSON"
            if (other.type != mention.type and not surname_mistyped) or len(full) <= len(short):
                continue
            if _short_form_of(short, list(full), other.type):
                if mention.actor_key and not other.actor_key and _names_a_part(short, list(full)):
                    continue  # "Ahrar al-Sham" is not "Ahrar al-Sham Eastern Sector"
                candidates.add(groups.find(j))
            elif (
                mention.type == "ORG"
                and is_acronym(mention.text)
                and initials(other.text).upper() == mention.text
            ):
                candidates.add(groups.find(j))
        if mention.actor_key:
            # A curated name already knows its actor; only uncurated full names may join it.
            candidates = {c for c in candidates if not mentions[c].actor_key}
        if len(candidates) > 1 and len(short) == 1:
            candidates = _spelled_as(i, mentions, names, candidates, groups)
        if len(candidates) == 1:
            groups.union(i, candidates.pop())


def _full_name(mention: Mention, dictionary: ActorDictionary | None) -> str:
    entry = dictionary.by_key.get(mention.actor_key) if dictionary and mention.actor_key else None
    return entry.name if entry is not None and entry.type == "PERSON" else mention.text


def _spelled_as(
    i: int,
    mentions: list[Mention],
    names: list[tuple[int, Mention, list[str]]],
    candidates: set[int],
    groups: _UnionFind,
) -> set[int]:
    """Of the people a lone surname may be, the one whose full name ends in that exact
    spelling ("Al-Assad": Bashar al-Assad, not Abdullah al-Assaad); empty when that is not
    one person: an ambiguous surname stays apart and goes to review."""
    if any(mentions[c].type != "PERSON" for c in candidates):
        return set()
    alone = surface_key(mentions[i].text).split()[-1:]
    exact = {
        groups.find(j)
        for j, other, _ in names
        if groups.find(j) in candidates and surface_key(other.text).split()[-1:] == alone
    }
    return exact if len(exact) == 1 else set()


def _entity_type(cluster: list[Mention]) -> tuple[EntityType, str | None]:
    votes: Counter[EntityType] = Counter()
    subtype = None
    # The model types a lone surname by guesswork ("Kotey" ORG, "Elsheikh" GPE) once it
    # has typed the full name PERSON: a surname of a person in the cluster votes PERSON.
    surnames = {
        _tokens(m.text)[-1] for m in cluster if m.type == "PERSON" and len(_tokens(m.text)) > 1
    }
    for mention in cluster:
        words = _tokens(mention.text)
        is_surname = mention.source == "model" and len(words) == 1 and words[0] in surnames
        votes["PERSON" if is_surname else mention.type] += _SOURCE_WEIGHT.get(mention.source, 1)
        subtype = subtype or mention.subtype
    entity_type = votes.most_common(1)[0][0]
    return entity_type, subtype if entity_type == "ORG" else None


def _canonical_name(cluster: list[Mention], entity_type: str, former: set[str]) -> str:
    named = [m for m in cluster if m.source != DESCRIPTION] or cluster
    candidates = [m.text for m in named if m.text not in former] or [m.text for m in named]
    if entity_type == "ORG":
        spelled_out = [t for t in candidates if not is_acronym(t)]
        candidates = spelled_out or candidates
    # The fullest form, then the most frequent, then the first seen.
    counts = Counter(candidates)
    return max(candidates, key=lambda t: (len(t.split()), counts[t], -candidates.index(t)))


def _roles(cluster: list[Mention], document: Document) -> tuple[str, ...]:
    roles: list[str] = []
    for mention in cluster:
        if mention.source == DESCRIPTION:  # "U.S. Central Command commander" beside the name
            if mention.text not in roles:
                roles.append(mention.text)
            continue
        match = _ROLE_BEFORE.search(document.text[max(0, mention.start - 80) : mention.start])
        if match:
            role = match.group("role").strip()
            if role not in roles:
                roles.append(role)
    return tuple(roles)


def _entity(
    local_id: str,
    cluster: list[Mention],
    former: set[str],
    document: Document,
    dictionary: ActorDictionary,
) -> DocEntity:
    cluster.sort(key=lambda m: m.start)
    actor_key = next((m.actor_key for m in cluster if m.actor_key), None)
    entry = dictionary.by_key.get(actor_key) if actor_key else None
    if entry is not None:
        entity_type, subtype, name = entry.type, entry.subtype, entry.name
        former |= {f.name for f in entry.former_names}
    else:
        entity_type, subtype = _entity_type(cluster)
        name = _canonical_name(cluster, entity_type, former)
    # Mentions typed against the majority keep their text but take the entity's type.
    typed = tuple(
        m
        if m.type == entity_type
        else Mention(
            m.doc,
            m.start,
            m.end,
            m.text,
            entity_type,  # type: ignore[arg-type]
            subtype,
            m.actor_key,
            m.source,
        )
        for m in cluster
    )
    # A description is no name: no alias, so never a key across documents.
    aliases = tuple(
        dict.fromkeys(m.text for m in cluster if m.text != name and m.source != DESCRIPTION)
    )
    return DocEntity(
        local_id=local_id,
        name=name,
        type=entity_type,  # type: ignore[arg-type]
        subtype=subtype,
        mentions=typed,
        aliases=aliases,
        former_names=tuple(
            sorted(former & {m.text for m in cluster} | (former if entry else set()))
        ),
        actor_key=actor_key,
        roles=_roles(cluster, document) if entity_type == "PERSON" else (),
    )
