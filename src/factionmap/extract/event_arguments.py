"""Arguments of an event cue: source and target actors, the place, and the host of a visit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from factionmap.extract.arguments import agent_of, antecedent, coordinated_entities
from factionmap.extract.attribution import (
    mutual_expression_at,
    mutual_pair,
    parties,
    speaker_group,
)
from factionmap.extract.docview import DocView, nouns
from factionmap.extract.event_cues import EventCue, EventLexicon
from factionmap.extract.surface import RELATIVE_PRONOUNS, between_after, objects_after
from factionmap.records import DocEntity, Quote, Relation
from factionmap.resolve.names import surface_key

ACTOR = ("PERSON", "ORG")
_WE = frozenset({"we", "our", "us"})
_ROLE_HEADS = frozenset({"commander", "leader", "head", "chief", "spokesman", "spokesperson",
                         "official", "officials", "commanders", "leaders", "emir", "members",
                         "member", "delegation", "representatives", "envoy"})  # fmt: skip
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northwest", "northeast", "southwest",
                         "southeast", "north-west", "north-east", "south-west",
                         "south-east"})  # fmt: skip
_PLACE_WORDS = frozenset({"the", "governorate", "province", "city", "town", "countryside", "area",
                          "region", "district", "village", "rural"})  # fmt: skip
JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # coordinated sources act with each other
_CLAUSE_EDGES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp"})


def actors(view: DocView, token: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The actors a noun phrase names: one entity, a coordination, or "the two parties"."""
    for start in dict.fromkeys((token, token.doc[max(0, token.i - 1)], token.left_edge)):
        # "the two factions" headed by "factions", "each other"
        if mutual_expression_at(view, start) and start.i <= token.i:
            pair = mutual_pair(view, start)
            return list(pair) if pair else []
    if token.lower_ in _WE:
        speaker = speaker_group(view, quotes, token)
        return [speaker] if speaker else []
    if token.lower_ in RELATIVE_PRONOUNS:
        # "X, who was arrested by the group": the relative stands for its antecedent.
        referent = antecedent(view, token, ACTOR)
        return [referent] if referent is not None and view.is_actor(referent) else []
    found = coordinated_entities(view, token)
    if not found and token.lower_ in _ROLE_HEADS:
        # "dismissed the commander of X": the act falls on X through its officer.
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                found += [e for obj in child.children if obj.dep_ == "pobj"
                          for e in actors(view, obj, quotes) if e.type == "ORG"]  # fmt: skip
    if not found:
        # "dozens of people, including members of X"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "among"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += [e for e in actors(view, obj, quotes) if e not in found]
    return found


_QUANTITIES = frozenset({"hundreds", "dozens", "thousands", "tens", "scores", "number", "group",
                         "batch", "some", "several", "many", "few", "most", "all", "dozen",
                         "hundred", "thousand", "handful", "wave", "series"})  # fmt: skip


def quantified(token: Token) -> Token:
    """The noun a quantity stands before: "hundreds of prisoners" → "prisoners"."""
    if token.lower_ in _QUANTITIES or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return quantified(obj)
    return token


def counted(noun: Token) -> Token:
    """The token standing in a noun's place when a quantity heads it: "dozens" in "carried out
    dozens of airstrikes"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        outer = head.head
        if outer.lower_ in _QUANTITIES or outer.pos_ == "NUM":
            return outer
    return noun


def prep_objects(
    view: DocView, head: Token, preps: Iterable[str], quotes: Sequence[Quote]
) -> list[DocEntity]:
    wanted = set(preps)
    found: list[DocEntity] = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += [e for e in actors(view, obj, quotes) if e not in found]
    return found


def governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(5):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def subject_of(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The actors doing what `verb` says: "both parties", "we" in a quote, "A and B", or one."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if mutual_expression_at(view, child) or child.lower_ in _WE:
                return actors(view, child, quotes)
            if child.i > 0 and mutual_expression_at(view, child.doc[child.i - 1]):
                return actors(view, child, quotes)
    coordinated: list[DocEntity] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            # "Turkey and Russia reached ...", and "a delegation from A and representatives
            # of B held ...", which the parser may split into two subjects.
            coordinated += [e for e in actors(view, child, quotes) if e not in coordinated]
    if len(coordinated) > 1:
        return coordinated
    entity, _ = agent_of(view, verb, ACTOR)
    if entity is not None and view.is_actor(entity):
        return [entity]
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ in _WE:
            return actors(view, child, quotes)
    for child in verb.children:
        if child.dep_ == "nsubj":
            place = view.entity_of(child)
            if place is not None and _stands_for_state(place):
                return [place]  # "Damascus accused X" where the report names no government
    return []


def _stands_for_state(entity: DocEntity) -> bool:
    """A capital or country that the demonym table lists as naming its state."""
    if entity.type != "LOCATION":
        return False
    key = surface_key(entity.name)
    return any(key in {surface_key(n) for n in names} for names in nouns().demonyms.values())


def verb_arguments(
    view: DocView, cue: EventCue, tokens: Span, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> tuple[list[DocEntity], list[DocEntity]]:
    verb = tokens[0]
    preps = lexicon.types[cue.type].targets
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    targets: list[DocEntity]
    if passive:
        targets = [
            e for c in verb.children if c.dep_ == "nsubjpass" for e in actors(view, c, quotes)
        ]
        sources = prep_objects(view, verb, ("by",), quotes)
        if not sources and any(c.dep_ == "agent" for c in verb.children):
            # "killed by sniper fire from regime forces"
            sources = prep_objects(view, verb, ("from",), quotes)
        if not sources and cue.type in lexicon.passive_actors:
            return targets, []  # "fighters of X were deployed": X acts, nobody is acted on
        return sources, targets
    sources = subject_of(view, verb, quotes)
    targets = []
    if tokens[-1].pos_ == "ADP" or tokens[-1].lower_ in preps:
        # "reach an understanding with X": the target follows the cue.
        targets = [
            s.entity for s in objects_after(view, tokens.end, ACTOR) if view.is_actor(s.entity)
        ]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            if cue.objects and quantified(child).lower_ not in cue.objects:
                return [], []  # "received an award" is no visit
            if cue.type in lexicon.passive_actors:
                continue  # "deployed its fighters", "reinforced their positions": its own
            named = actors(view, child, quotes)
            targets += [e for e in named if e not in targets]
            targets += [e for e in prep_objects(view, child, preps, quotes) if e not in targets]
            if named and not mutual_expression_at(view, child.doc[child.left_edge.i]):
                # A list the parser split ("blamed A, B, and the leaders of C").
                slot = view.slot_of(child)
                listed = objects_after(view, slot.end if slot else child.i + 1, ACTOR)
                targets += [
                    s.entity for s in listed if s.entity not in targets and view.is_actor(s.entity)
                ]
    targets += [e for e in prep_objects(view, verb, preps, quotes) if e not in targets]
    if cue.objects and not any(c.dep_ == "dobj" for c in verb.children):
        return [], []
    if not targets:
        # "arrested dozens of people in Raqqa, including members of X"
        targets = prep_objects(view, verb, ("including",), quotes)
    if not targets:
        # "threatened to launch an operation against X", "vowed to strike X"
        for action in (c for c in verb.children if c.dep_ == "xcomp"):
            for obj in (c for c in action.children if c.dep_ == "dobj"):
                targets += [e for e in actors(view, obj, quotes) if e not in targets]
                targets += [e for e in prep_objects(view, obj, preps, quotes) if e not in targets]
            targets += [e for e in prep_objects(view, action, preps, quotes) if e not in targets]
    return sources, targets


def noun_arguments(
    view: DocView, cue: EventCue, noun: Token, lexicon: EventLexicon, quotes: Sequence[Quote]
) -> tuple[list[DocEntity], list[DocEntity]]:
    preps = lexicon.types[cue.type].targets
    sources: list[DocEntity] = []
    targets: list[DocEntity] = []
    own: list[DocEntity] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            own += actors(view, child, quotes)
        elif child.dep_ == "amod" and child.i < noun.i and view.entity_of(child) is not None:
            own += actors(view, child, quotes)  # "an Israeli strike", "Turkish shelling"
        elif child.dep_ == "prep" and child.lower_ == "of":
            own += [
                e for obj in child.children if obj.dep_ == "pobj" for e in actors(view, obj, quotes)
            ]
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            sources += [e for obj in child.children if obj.dep_ == "pobj"
                        for e in actors(view, obj, quotes)]  # fmt: skip
    if cue.of_target:
        targets += own
    else:
        sources += [e for e in own if e not in sources]
    targets += [e for e in prep_objects(view, noun, preps, quotes) if e not in targets]
    verb = governing_verb(noun)
    # The verb governing the noun supplies its arguments only when it is a support verb with
    # the noun as its object ("held meetings with X", "carried out dozens of attacks on Y",
    # "responded with airstrikes"), not "dispersed a sit-in" or "were killed in a strike".
    place = counted(noun)
    direct = place.dep_ == "attr"
    if verb is not None and verb.lemma_.lower() in lexicon.support_verbs:
        direct = direct or (place.dep_ in ("dobj", "nsubjpass") and place.head.i == verb.i)
        direct = direct or (place.dep_ == "pobj" and place.head.head.i == verb.i)
    if verb is not None and direct:
        targets += [e for e in prep_objects(view, verb, preps, quotes) if e not in targets]
        if not sources:
            sources = subject_of(view, verb, quotes)
    return sources, targets


def between_pair(view: DocView, anchor: Token) -> list[DocEntity]:
    """Both parties of "<noun> between A and B" / "between the two parties"."""
    doc = anchor.doc
    between = between_after(view, anchor.i + 1)
    if between is None:
        return []
    i = between.i
    if i + 1 < len(doc) and mutual_expression_at(view, doc[i + 1]):
        pair = mutual_pair(view, doc[i + 1])
        return list(pair) if pair else []
    for position, pair in parties(view).pairs:
        if position == i:
            return list(pair)
    return []


def segment_pair(view: DocView, anchor: Token) -> list[DocEntity]:
    """The parties a sentence already named as a pair, for "which escalated into fighting"."""
    segment = view.segment_of(anchor)
    resolver = parties(view)
    for position, pair in resolver.pairs:
        if segment.start <= position < anchor.i:
            return list(pair)
    for i in range(segment.start, anchor.i):
        resolved = resolver.pair_at(anchor.doc[i])
        if resolved:
            return list(resolved)
    return []


def location_of(
    view: DocView, anchor: Token, lexicon: EventLexicon
) -> tuple[DocEntity | None, list[DocEntity]]:
    """The place of an event (a LOCATION reached through "in", "at", "to" ...), and the places
    named only as reference points ("north of Idlib")."""
    segment = view.segment_of(anchor)
    doc = anchor.doc
    places = [
        s
        for s in view.slots
        if s.entity.type == "LOCATION" and segment.start <= s.start < segment.end
    ]
    references = [s.entity for s in places if _reference_point(doc, s.start)]
    roots = [anchor]
    verb = governing_verb(anchor) if anchor.pos_ != "VERB" else None
    if verb is not None:
        roots.append(verb)
    for root in roots:
        best: tuple[int, DocEntity] | None = None
        for slot in places:
            if slot.entity in references:
                continue
            token = doc[slot.end - 1]
            path: list[Token] = []
            current = token
            while current.i != root.i and current.head.i != current.i and len(path) < 10:
                if current.dep_ in _CLAUSE_EDGES and current.pos_ in ("VERB", "AUX"):
                    break  # another clause's place ("and made clear their entry into X")
                current = current.head
                path.append(current)
            if current.i != root.i:
                continue
            words = {t.lower_ for t in path}
            # "visited the town of X", "entered X": a place as the verb's own object.
            if path and root.pos_ == "VERB" and _object_chain(token, root):
                words.add("in")
            if not words & lexicon.location_prepositions:
                continue
            if best is None or len(path) < best[0]:
                best = (len(path), slot.entity)
        if best is not None:
            return best[1], references
    return None, references


def _reference_point(doc: Doc, start: int) -> bool:
    """True for a place after "north of", "near": it locates another place."""
    before = [t.lower_ for t in doc[max(0, start - 3) : start] if t.lower_ not in ("the", "of")]
    return bool(before) and before[-1] in _DIRECTIONS


def _object_chain(token: Token, root: Token) -> bool:
    """True when `token` is the verb's direct object or its "the town of X" complement."""
    current = token
    for _ in range(4):
        if current.dep_ == "dobj" and current.head.i == root.i:
            return True
        if current.dep_ not in ("pobj", "prep", "compound") and current.i != token.i:
            return False
        current = current.head
    return False


def place_key(entity: DocEntity) -> str:
    """A place's name without its head word: "Idlib governorate" and "Idlib" meet."""
    words = [w for w in entity.name.lower().split() if w not in _PLACE_WORDS]
    return " ".join(words)


def hosts_of(view: DocView, relations: Sequence[Relation]) -> dict[str, str]:
    """Place key → the actor the document says controls that place."""
    hosts: dict[str, str] = {}
    for relation in relations:
        if relation.predicate == "controls" and relation.polarity == "asserted":
            place = view.analyzed.entity(relation.object)
            if place is not None:
                hosts.setdefault(place_key(place), relation.subject)
    return hosts
