"""What the analyst should look at: pairs of entities likely to be one actor, and entities
whose name or use suggests a wrong extraction. Nothing here changes the store; the analyst's
answers are decisions (store/decisions.py)."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from factionmap.geo.demonyms import is_demonym
from factionmap.nlp.names import GENERIC_WORDS, is_generic_name
from factionmap.query.profiles import sentence_around
from factionmap.resolve.names import fold_key, is_acronym, surface_key
from factionmap.store import reads
from factionmap.store.decisions import kept_apart

_GLUE = frozenset("of for the and in al el on to".split())
_TITLES = frozenset(
    """president minister secretary general commander leader chief spokesman spokesperson
    envoy ambassador official officials king prince emir governor mayor deputy""".split()
)
# Words that make a longer name a *part* of the shorter one's actor, not the same actor:
# "Ahrar al-Sham Eastern Sector" is a wing of Ahrar al-Sham.
_PART_WORDS = frozenset("sector wing branch office bureau command council committee".split())
# Head words of organisations' names that a person's name never has.
_ORG_WORDS = frozenset(
    """international institute institution center centre foundation company corporation
    network channel radio tv television news agency times post press observatory monitor
    university college school hospital bank fund trust society club""".split()
)
_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|ad|at|az)-", re.IGNORECASE)
_BLOCK_LIMIT = 300  # a key shared by more entities than this says nothing about any pair
_SHOW_FROM = 0.75
# The ontology's relation signatures: which entity types may stand on each side.
_SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "leader_of": ({"PERSON"}, {"ORG"}),
    "member_of": ({"PERSON", "ORG"}, {"ORG"}),
    "founder_of": ({"PERSON", "ORG"}, {"ORG"}),
    "part_of": ({"ORG"}, {"ORG"}),
    "backed_by": ({"ORG", "PERSON"}, {"ORG"}),
    "merged_into": ({"ORG"}, {"ORG"}),
    "split_from": ({"ORG"}, {"ORG"}),
    "controls": ({"ORG"}, {"LOCATION"}),
}


@dataclass(slots=True)
class Side:
    """One entity as the review shows it."""

    id: str
    name: str
    type: str
    mentions: int
    documents: int
    curated: bool
    names: list[str] = field(default_factory=list)
    example: str | None = None  # "[doc:start] sentence" of one mention

    def label(self) -> str:
        """Name, id, type and counts in one line."""
        return (
            f"{self.name} [{self.id}, {self.type}, {self.mentions} mentions in "
            f"{self.documents} documents]"
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (the review page)."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "mentions": self.mentions,
            "documents": self.documents,
            "curated": self.curated,
            "aliases": [n for n in self.names if n != self.name][:8],
            "example": self.example,
        }


@dataclass(frozen=True, slots=True)
class MergeCandidate:
    """Two entities that may be one actor, with the score and the reasons for it."""

    score: float
    first: Side
    second: Side
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suspicious:
    """An entity whose name or use suggests an extraction error."""

    entity: Side
    reasons: tuple[str, ...]


def _significant(key: str) -> list[str]:
    return [w for w in key.split() if w not in _GLUE]


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", name) if w.lower() not in _GLUE]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _keys(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        folded = fold_key(name)
        keys.add("f:" + folded)
        if is_acronym(name):
            keys.add("a:" + name.lower())
        elif initials := _initials(name):
            keys.add("a:" + initials)
        # Common words make big blocks, which _BLOCK_LIMIT drops: no stop list needed.
        keys |= {"w:" + word for word in _significant(folded) if len(word) >= 3}
    return keys


def _name_signal(a: Side, b: Side) -> tuple[float, str] | None:
    """How strongly the names alone say one actor, and why."""
    best: tuple[float, str] | None = None

    def offer(score: float, why: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, why)

    if a.type == b.type == "PERSON":
        # A lone surname never joins a person across reports on its own: listed here instead.
        for lone, full in ((a, b), (b, a)):
            words, others = fold_key(lone.name).split(), fold_key(full.name).split()
            if len(words) == 1 and len(others) >= 2 and others[-1] == words[0]:
                offer(0.7, f"{lone.name!r} may be the surname of {full.name!r}")
    for x in a.names:
        fx, sx = fold_key(x), surface_key(x)
        for y in b.names:
            fy, sy = fold_key(y), surface_key(y)
            one_word = " " not in fx or " " not in fy
            if sx == sy:
                # A lone word (a surname, "Isis") joins actors less surely than a full name.
                offer(0.8 if one_word else 1.0, f"same name: {x!r} / {y!r}")
            elif fx == fy and not (is_acronym(x) or is_acronym(y)):
                offer(0.6 if one_word else 0.95, f"same name once folded: {x!r} / {y!r}")
            elif is_acronym(x) and x.lower() == _initials(y):
                offer(0.85, f"{x!r} is the initials of {y!r}")
            elif is_acronym(y) and y.lower() == _initials(x):
                offer(0.85, f"{y!r} is the initials of {x!r}")
            elif len(_significant(fx)) >= 2 and len(_significant(fy)) >= 2:
                ratio = fuzz.token_sort_ratio(fx, fy)
                if ratio >= 85:
                    offer(ratio / 100 - 0.05, f"close spellings {x!r} / {y!r} ({ratio:.0f})")
                elif a.type != "PERSON" and (extra := _extra_words(fx, fy)) is not None:
                    # A shorter name inside a longer one is the same body only when what the
                    # longer adds is a kind word ("Brigade"), not a part ("Eastern Sector").
                    shorter, longer = (x, y) if len(fx) < len(fy) else (y, x)
                    if not is_generic_name(shorter) and extra <= GENERIC_WORDS - _PART_WORDS:
                        offer(0.7, f"{shorter!r} is part of {longer!r}")
    return best


def _extra_words(a: str, b: str) -> set[str] | None:
    """The words the longer of two folded names adds, when it holds all of the shorter's."""
    wa, wb = set(_significant(a)), set(_significant(b))
    if wa < wb:
        return wb - wa
    if wb < wa:
        return wa - wb
    return None


def _sides(conn: sqlite3.Connection) -> dict[str, Side]:
    aliases = reads.aliases(conn)
    sides = {}
    for row in reads.entities(conn):
        names = [row["name"]] + [a["alias"] for a in aliases.get(row["id"], [])]
        sides[row["id"]] = Side(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            mentions=row["mention_count"],
            documents=row["doc_count"],
            curated=row["actor_key"] is not None,
            names=list(dict.fromkeys(names)),
        )
    return sides


def _with_examples(conn: sqlite3.Connection, sides: list[Side]) -> None:
    firsts = {s.id: reads.first_mention(conn, s.id) for s in sides if s.example is None}
    texts = reads.texts_of(conn, {m["doc_id"] for m in firsts.values() if m})
    for side in sides:
        m = firsts.get(side.id)
        if m:
            sentence = sentence_around(texts[m["doc_id"]], m["start"], m["end"])
            side.example = f"[{m['doc_id'][:8]}:{m['start']}] {sentence[:220]}"


def merge_candidates(
    conn: sqlite3.Connection, at_least: float = _SHOW_FROM
) -> list[MergeCandidate]:
    """Pairs of entities likely to be one actor, best first: names that fold together, an
    acronym and its expansion, close spellings; same type and shared neighbours raise the
    score, different types and generic names lower it. Two curated actors are never offered
    (the dictionary says they differ), nor two an analyst decided are not the same."""
    sides = _sides(conn)
    blocks: dict[str, list[str]] = defaultdict(list)
    for side in sides.values():
        for key in _keys(side.names):
            blocks[key].append(side.id)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if 1 < len(members) <= _BLOCK_LIMIT:
            pairs |= {(a, b) if a < b else (b, a) for a, b in combinations(members, 2)}
    # An analyst's not-same decision settles a pair for good.
    pairs -= {(a, b) if a < b else (b, a) for _, a, b in kept_apart(conn)}
    neighbours = reads.document_neighbours(conn, {e for pair in pairs for e in pair})
    found = []
    for a_id, b_id in pairs:
        a, b = sides[a_id], sides[b_id]
        if a.curated and b.curated:
            continue
        signal = _name_signal(a, b)
        if signal is None:
            continue
        score, why = signal
        reasons = [why]
        if a.type == b.type:
            score += 0.1
            reasons.append(f"both {a.type}")
        else:
            score -= 0.25
            reasons.append(f"types differ ({a.type} / {b.type})")
        na, nb = neighbours.get(a_id, set()) - {b_id}, neighbours.get(b_id, set()) - {a_id}
        shared = na & nb
        if shared:
            score += 0.2 * len(shared) / len(na | nb)
            reasons.append(f"{len(shared)} neighbours in common")
        if any(all(is_generic_name(n) for n in side.names) for side in (a, b)):
            score -= 0.2
            reasons.append("a generic name")
        if score >= at_least:
            found.append(MergeCandidate(round(min(score, 1.0), 2), a, b, tuple(reasons)))
    found.sort(key=lambda c: (-c.score, -(c.first.mentions + c.second.mentions), c.first.id))
    _with_examples(conn, [s for c in found[:100] for s in (c.first, c.second)])
    return found


def _person_shaped(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?", w) for w in words)
        and not any(w.lower() in GENERIC_WORDS | _GLUE | _ORG_WORDS for w in words)
        and not any(is_demonym(w) for w in words)
    )


def _fragment(name: str) -> str | None:
    """Why a name is no name on its own, if it is not."""
    words = re.findall(r"[\w'’]+", name.lower())
    if not words or words[-1] in _GLUE:
        return "a fragment of a longer name"
    if all(w in GENERIC_WORDS or w in _TITLES or w in _GLUE for w in words):
        return "a generic name: says what kind of body, not which one"
    if len(name.split()) == 1 and _ARTICLE.sub("", name)[:1].islower():
        return "a common word, not a name"
    return None


def suspicious_entities(conn: sqlite3.Connection) -> list[Suspicious]:
    """Entities to check, most mentioned first: a person's name typed ORG, fragments and
    generic words ("State", "Government of"), names the articles also use as common words,
    a lone name spanning many documents, and uses that contradict the entity's type."""
    sides = _sides(conn)
    misuse = _type_misuse(conn, sides)
    lowercase = reads.lowercase_uses(
        conn, {s.id: s.name for s in sides.values() if len(s.name.split()) == 1}
    )
    found = []
    for side in sorted(sides.values(), key=lambda s: (-s.mentions, s.id)):
        if side.curated:
            continue
        reasons = []
        if side.type == "ORG" and _person_shaped(side.name):
            reasons.append("name shaped like a person's, typed ORG")
        if fragment := _fragment(side.name):
            reasons.append(fragment)
        uses = lowercase.get(side.id, 0)
        if uses and uses >= side.mentions / 3:
            reasons.append(f"{side.name.lower()!r} is a common word in its documents ({uses}×)")
        if side.type == "PERSON" and len(side.name.split()) == 1 and side.documents >= 3:
            reasons.append(f"a lone name across {side.documents} documents: maybe several people")
        for other, count in misuse.get(side.id, Counter()).items():
            reasons.append(f"used as {other} in {count} relations")
        if reasons:
            found.append(Suspicious(side, tuple(reasons)))
    _with_examples(conn, [s.entity for s in found[:100]])
    return found


def _type_misuse(conn: sqlite3.Connection, sides: dict[str, Side]) -> dict[str, Counter[str]]:
    """Per entity, the types its relations say it has when they contradict its own type."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for rel in reads.relation_ends(conn):
        signature = _SIGNATURES.get(rel["predicate"])
        if not signature:
            continue
        for entity_id, allowed in ((rel["subject"], signature[0]), (rel["object"], signature[1])):
            side = sides.get(entity_id)
            if side and side.type not in allowed:
                found[entity_id]["/".join(sorted(allowed))] += 1
    return found
