"""Frames: every predicate of a document with its arguments, modality, place and time.

Built once per document by `frames_of`; the event (and relation) extractors map frames through
their lexicons instead of walking the parse themselves. A frame's trigger is a verb ("Turkey
shelled X"), a light-verb construction ("carried out raids against X": the noun's frame takes
the verb's subject), an event noun ("the arrest of X by Y", "Y's offensive against Z",
"clashes between A and B"), an "X-backed"/"X-led" compound, or a role noun ("commander of X").

Argument finding lives here and only here: coordination ("A and B"), apposition, relative
clauses ("X, which attacked Y"), passives ("was attacked by Y"), control ("threatened to strike
X", "urged X to attack Y"), "the two sides", anaphors, and demonym actors ("Turkish drones").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Token

from factionmap.extract.arguments import (
    agent_of,
    antecedent,
    coordinated_entities,
    entity_of_noun,
    state_may_own,
)
from factionmap.extract.attribution import (
    attributed_to,
    modality,
    mutual_expression_at,
    mutual_pair,
    parties,
    polarity_of,
    scope_chain,
    speaker_group,
)
from factionmap.extract.cues import load_lexicon, word_set
from factionmap.extract.docview import (
    DocView,
    cached_for,
    nouns,
    scoped_date,
    state_entity,
    verbal,
)
from factionmap.extract.surface import RELATIVE_PRONOUNS, between_after, objects_after
from factionmap.records import HAPPENED, DateMention, DocEntity, Modality, Quote
from factionmap.resolve.names import surface_key

FrameKind = Literal["verb", "light", "noun", "compound", "role"]

ACTOR = ("PERSON", "ORG")
_WE = frozenset({"we", "our", "us"})
_QUANTITIES = frozenset({"hundreds", "dozens", "thousands", "tens", "scores", "number", "group",
                         "batch", "some", "several", "many", "few", "most", "all", "dozen",
                         "hundred", "thousand", "handful", "wave", "series", "round", "spate",
                         "string", "barrage", "campaign", "dollars", "euros", "pounds",
                         "tons", "tonnes", "worth", "million", "billion", "shipment",
                         "consignment", "package", "load", "days", "weeks", "months",
                         "hours", "rounds"})  # fmt: skip
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northwest", "northeast", "southwest",
                         "southeast", "north-west", "north-east", "south-west",
                         "south-east"})  # fmt: skip
_CLAUSE_EDGES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One predicate: its trigger, who acts, on whom, with what else, where, when, how surely."""

    kind: FrameKind
    head: int  # token index of the trigger's head word
    start: int  # character span of the trigger (the light verb through its noun)
    end: int
    lemma: str
    agent: tuple[DocEntity, ...]
    patient: tuple[DocEntity, ...]
    # Further arguments by the word that introduces them: "with", "against", "between", "on",
    # "to", "from"; "of" and "poss" ("Turkey's attack") for nouns, whose meaning the lexicon
    # decides ("the arrest of X" names the target, "the visit of X" the visitor).
    obliques: tuple[tuple[str, tuple[DocEntity, ...]], ...]
    objects: tuple[str, ...]  # lower-case head words of the direct objects ("delegation")
    location: DocEntity | None
    time: DateMention | None
    modality: Modality
    attribution: DocEntity | None
    modality_cue: str | None = None  # the word deciding the modality: "vow", "will", "urge"
    support: int | None = None  # token of the light verb ("launched" in "launched an attack")
    passive: bool = False
    future: bool = False  # "will attack", "would not meet": told as to come
    conditional: bool = False  # "unless X withdraws", "if attacked"

    def role(self, *names: str) -> tuple[DocEntity, ...]:
        """The entities of the named obliques, in order, without repeats."""
        found: list[DocEntity] = []
        for name, entities in self.obliques:
            if name in names:
                found += [e for e in entities if e not in found]
        return tuple(found)

    @property
    def happened(self) -> bool:
        """True when the act is told as having taken place (not planned, negated, asked ...)."""
        return self.modality in HAPPENED


@dataclass(frozen=True, slots=True)
class FrameWords:
    """frames.yaml, compiled."""

    planned: frozenset[str]
    aims: frozenset[str]
    demanded: frozenset[str]
    possible: frozenset[str]
    support_verbs: frozenset[str]
    location_prepositions: frozenset[str]
    role_nouns: frozenset[str]
    non_state_nouns: frozenset[str]


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    """The word lists of frames.yaml."""
    data = load_lexicon("frames.yaml")
    spec = data["modality"]

    def forms(values: Iterable[str]) -> frozenset[str]:
        return word_set(values, "verb") | word_set(values, "noun")

    return FrameWords(
        planned=forms(spec["planned"]),
        aims=forms(spec["aims"]) | {"to"},
        demanded=forms(spec["demanded"]),
        possible=forms(spec["possible"]),
        support_verbs=frozenset().union(*(word_set([v], "verb") for v in data["support_verbs"])),
        location_prepositions=word_set(data["location_prepositions"]),
        role_nouns=word_set(data["role_nouns"]),
        non_state_nouns=word_set(data["non_state_nouns"]),
    )


_FRAMES: dict[int, tuple[object, tuple[tuple, tuple[Frame, ...]]]] = {}


def frames_of(
    view: DocView, dates: Sequence[DateMention] = (), quotes: Sequence[Quote] = ()
) -> tuple[Frame, ...]:
    """Every frame of a document, in text order (built once per document view, dates and
    quotes: the event and relation extractors share one build)."""
    inputs = (tuple(dates), tuple(quotes))
    built = cached_for(_FRAMES, view, lambda: (inputs, tuple(_build(view, *inputs))))
    if built[0] != inputs:
        built = (inputs, tuple(_build(view, *inputs)))
        _FRAMES[id(view)] = (view, built)
    return built[1]


def frame_at(frames: Sequence[Frame], head: int) -> Frame | None:
    """The frame whose trigger head is token `head`."""
    for frame in frames:
        if frame.head == head:
            return frame
    return None


def _build(view: DocView, dates: Sequence[DateMention], quotes: Sequence[Quote]) -> list[Frame]:
    doc = view.analyzed.doc
    found: list[Frame] = []
    for token in doc:
        if view.slot_of(token) is not None and not _compound_trigger(token):
            continue
        frame: Frame | None = None
        if _compound_trigger(token):
            frame = _compound_frame(view, token, dates, quotes)
        elif verbal(view, token) and token.pos_ != "AUX" and token.dep_ != "prep":
            frame = _verb_frame(view, token, dates, quotes)
        elif token.pos_ == "NOUN":
            frame = _noun_frame(view, token, dates, quotes)
        if frame is not None:
            found.append(frame)
    return found


# --- actors a noun phrase names -----------------------------------------------------------


def actors(view: DocView, token: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The actors a noun phrase names: one entity, a coordination, "the two parties", "we" in a
    quotation, a relative pronoun's antecedent, the body of a role ("the commander of X"), the
    state of a demonym ("Turkish drones"), or the named members ("people, including X")."""
    for start in dict.fromkeys((token, token.doc[max(0, token.i - 1)], token.left_edge)):
        if mutual_expression_at(view, start) and start.i <= token.i:
            pair = mutual_pair(view, start)
            return list(pair) if pair else []
    if _we(token):
        speaker = speaker_group(view, quotes, token)
        return [speaker] if speaker else []
    if token.lower_ in RELATIVE_PRONOUNS:
        referent = antecedent(view, token, ACTOR)
        return [referent] if referent is not None and view.is_actor(referent) else []
    found = coordinated_entities(view, token)
    if not found and token.lower_ in frame_words().role_nouns:
        # "dismissed the commander of X": the act falls on X through its officer.
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                found += [e for obj in child.children if obj.dep_ == "pobj"
                          for e in actors(view, obj, quotes) if e.type == "ORG"]  # fmt: skip
    if not found:
        entity = view.entity_of(token)
        state = entity if entity is not None and stands_for_state(entity) else None
        state = state or _demonym_state(view, token) or _named_modifier(view, token)
        if state is not None:
            found = [state]  # "sanctions on Iraq", "Turkish drones", "the APEC forum"
    if not found:
        for child in token.children:
            such_as = child.lower_ == "as" and child.doc[child.i - 1].lower_ == "such"
            if child.dep_ == "prep" and (child.lower_ in ("including", "among") or such_as):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += [e for e in actors(view, obj, quotes) if e not in found]
    return found


def _owners(view: DocView, noun: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """Whose thing an object is, when the object names no actor: "rejected a US offer",
    "support Turkey's efforts", "accepted demands from the rebels", "the removal of X"."""
    found: list[DocEntity] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            found += [e for e in actors(view, child, quotes) if e not in found]
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("of", "from", "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += [e for e in actors(view, obj, quotes) if e not in found]
    state = _demonym_state(view, noun)
    return found or ([state] if state is not None else [])


def _named_modifier(view: DocView, token: Token) -> DocEntity | None:
    """The actor or state a noun's name modifier names: "the APEC forum", "Nicaragua's
    government", "the Sri Lankan army" (the head noun is that body, or speaks for it)."""
    if token.lower_ in frame_words().non_state_nouns or not state_may_own(token):
        return None  # "the Syrian opposition" is not Syria's, "the Syrian town of Afrin" neither
    for child in token.children:
        if child.i > token.i or child.dep_ not in ("compound", "nmod", "amod", "poss"):
            continue
        entity = view.entity_of(child)
        if entity is None:
            continue
        if child.dep_ == "poss" and token.lower_ not in nouns().group:
            continue  # "Turkey's efforts" are Turkey's, not Turkey
        if view.is_actor(entity) or stands_for_state(entity):
            return entity
    return None


def _we(token: Token) -> bool:
    """ "we", "our", "us" as pronouns ("the US" is a state)."""
    return token.lower_ in _WE and not token.text.isupper()


def _demonym_state(view: DocView, token: Token) -> DocEntity | None:
    """Turkey for "Turkish drones", "Israeli troops" (when the document names the state); not
    for a place it only locates ("the Syrian city of Raqqah") nor a body of its own."""
    if token.lower_ in frame_words().non_state_nouns or not state_may_own(token):
        return None
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i:
            names = nouns().demonyms.get(child.lower_)
            if names:
                entity = state_entity(view, names)
                if entity is not None:
                    return entity
    return None


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


def _obliques(
    view: DocView, head: Token, quotes: Sequence[Quote]
) -> list[tuple[str, tuple[DocEntity, ...]]]:
    """(preposition, actors) for every prepositional argument of `head`."""
    found = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative"):
            named: list[DocEntity] = []
            for obj in child.children:
                if obj.dep_ == "pobj":
                    named += [e for e in actors(view, obj, quotes) if e not in named]
                elif obj.dep_ == "prep":  # "away from X", "out of X"
                    for inner in obj.children:
                        if inner.dep_ == "pobj":
                            named += [e for e in actors(view, inner, quotes) if e not in named]
            word = child.lower_
            if word == "between" and len(named) < 2:
                # "between the SDF and factions of the SNA": the resolver reads the second side
                named = list(_between(view, child)) or named
            if named:
                found.append((word, tuple(named)))
    return found


def _between(view: DocView, between: Token) -> tuple[DocEntity, ...]:
    """Both parties of "between A and B" / "between the two parties"."""
    doc = between.doc
    if between.i + 1 < len(doc) and mutual_expression_at(view, doc[between.i + 1]):
        pair = mutual_pair(view, doc[between.i + 1])
        return tuple(pair) if pair else ()
    for position, pair in parties(view).pairs:
        if position == between.i:
            return tuple(pair)
    return ()


def stands_for_state(entity: DocEntity) -> bool:
    """A country, or a capital the demonym table lists as naming its state: as the one who
    acts or is acted on ("Portugal will support", "sanctions on Iraq") it is the state."""
    if entity.type != "LOCATION":
        return False
    if surface_key(entity.name) in _demonym_state_keys():
        return True
    return is_country(entity.name)


_STATE_KEYS: dict[int, tuple[object, frozenset[str]]] = {}


def _demonym_state_keys() -> frozenset[str]:
    """Surface keys of every name the demonym table gives a state, built once per lexicon."""
    lists = nouns()
    cached = _STATE_KEYS.get(id(lists))
    if cached is None or cached[0] is not lists:
        keys = frozenset(surface_key(n) for names in lists.demonyms.values() for n in names)
        cached = _STATE_KEYS[id(lists)] = (lists, keys)
    return cached[1]


@lru_cache(maxsize=4096)
def is_country(name: str) -> bool:
    """True when the gazetteer knows `name` as a country."""
    from factionmap.geo.toponyms import default_gazetteer

    return any(e.feature == "country" for e in default_gazetteer().lookup(name))


def subject_of(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The actors doing what `verb` says: "both parties", "we" in a quote, "A and B", one actor
    found through relatives, participles and infinitives, or "the regime's troops" as the state."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if mutual_expression_at(view, child) or _we(child):
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
    controller = _object_control(view, verb, quotes) or _speaker_self(view, verb, quotes)
    if controller:
        return controller
    shared = _shared_subject(view, verb, quotes)
    if len(shared) > 1:
        return shared  # "A and B continued to clash with C, and recaptured D": both do
    entity, _ = agent_of(view, verb, ACTOR)
    if entity is not None and view.is_actor(entity):
        return [entity]
    entity, _ = agent_of(view, verb)
    if entity is not None and stands_for_state(entity):
        return [entity]  # "Syria says it is willing to withdraw": the state the place names
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ == "NOUN":
            owners = _owners(view, child, quotes)
            if owners:
                return owners  # "US drone strikes killed ...": whose strikes
    noun = verb.head
    described = noun.lower_ in nouns().group or noun.lemma_.lower() in nouns().group
    if (
        verb.dep_ == "acl"
        and noun.i != verb.i
        and not described  # "joined Kurdish forces fighting X": the forces fight, unnamed
        and _support_verb(noun) is not None
    ):
        # "issued a statement demanding ...": who issued it demands
        return subject_of(view, _support_verb(noun), quotes)  # type: ignore[arg-type]
    if coordinated:
        return coordinated
    for child in verb.children:
        if child.dep_ == "nsubj":
            place = view.entity_of(child)
            if place is not None and stands_for_state(place):
                return [place]  # "Damascus accused X" where the report names no government
    return []


def _shared_subject(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The subject an infinitive or a later coordinated verb without its own subject shares with
    the verb it hangs on, as a whole coordination (`agent_of` finds one name only)."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return []
    head = verb.head
    if verb.dep_ not in ("xcomp", "conj") or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ == "nsubjpass" for c in head.children):
        return []  # "A and B were forced to withdraw": someone else's doing
    return subject_of(view, head, quotes)


_SELF = frozenset({"it", "they", "he", "she", "we"})


def _speaker_self(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The speaker, for a pronoun subject of what it says of itself: "Syria says it is willing
    to withdraw", "Uganda said it had paid"."""
    clause = verb
    for _ in range(4):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            break
        if clause.dep_ not in ("xcomp", "acomp", "conj") or clause.head.i == clause.i:
            return []
        clause = clause.head
    else:
        return []
    if subject.lower_ not in _SELF or clause.dep_ != "ccomp":
        return []
    speaker = clause.head
    if (
        speaker.lemma_.lower() not in modality().reporting
        and speaker.lower_ not in modality().reporting
    ):
        return []
    for child in speaker.children:
        if child.dep_ == "nsubj":
            found = actors(view, child, quotes)
            if subject.lower_ in ("he", "she"):
                found = [e for e in found if e.type == "PERSON"]
            return found
    return []


def _object_control(view: DocView, verb: Token, quotes: Sequence[Quote]) -> list[DocEntity]:
    """The object of "urged X to attack", "allowed X to rally": X does what the infinitive says."""
    if verb.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    for child in verb.head.children:
        if child.dep_ == "dobj" and child.i < verb.i:
            return actors(view, child, quotes)
    return []


# --- modality ------------------------------------------------------------------------------


def modality_of(view: DocView, anchor: Token, own: set[int]) -> tuple[Modality, str | None]:
    """How surely the act cued at `anchor` took place, from the nearest word governing it:
    "did not attack" negated, "threatened to attack" planned, "urged X to attack" demanded,
    "may attack" possible, "X said Y attacked" reported, else asserted; with the governing
    word's lemma ("threaten", "will"; "to" for an infinitive of purpose) when one decided it."""
    polarity = polarity_of(view, anchor, [anchor.doc[i] for i in own])
    if polarity == "negated":
        return "negated", None
    if polarity is None:
        return "possible", None  # asked about: "whether X attacked"
    if _topic(anchor):
        return "possible", "about"
    words = frame_words()
    kinds: tuple[tuple[Modality, frozenset[str]], ...] = (
        ("possible", words.possible), ("demanded", words.demanded), ("planned", words.planned)
    )  # fmt: skip
    reporting = modality().reporting
    chain = scope_chain(view, anchor)
    reported = False
    for position, link in enumerate(chain):
        via_conj = position > 0 and chain[position - 1].dep_ == "conj"
        if _condition(link, own):
            return "possible", "if"  # "would strike if attacked": the act is hypothetical
        governors = [] if (link.i in own or via_conj) else [link]
        governors += [
            c
            for c in link.children
            if c.dep_ in ("aux", "mark", "advmod", "acomp") and c.i not in own
        ]
        if position > 0 and link.pos_ == "AUX":
            governors.append(link)
        for word in governors:
            lower, lemma = word.lower_, word.lemma_.lower()
            for found, listed in kinds:
                if lower in listed or lemma in listed:
                    return found, lemma if lemma in listed else lower
        if link.i not in own and link.lower_ in reporting:
            reported = True
    if _purpose(anchor):
        return "planned", "to"  # "sent inspectors to investigate": the aim, not yet the act
    return ("reported" if reported else "asserted"), None


def _topic(anchor: Token) -> bool:
    """True for an event noun named as what is talked about ("talked about the chaos and his
    meeting with X", "questions about the raid"): a subject matter, not an act told."""
    current = anchor
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.lower_ == "about":
            return True
        if current.dep_ not in ("conj", "pobj", "prep", "appos"):
            return False
        current = current.head
    return False


def _condition(link: Token, own: set[int]) -> bool:
    """True when `link` has an "if"/"unless" clause of its own."""
    return any(
        child.dep_ == "advcl"
        and child.i not in own
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children)
        for child in link.children
    )


def _future(view: DocView, anchor: Token) -> bool:
    """True for "will/would/shall" on the anchor or the clause it hangs on ("said it would
    not meet", "is going to attack")."""
    for link in scope_chain(view, anchor, limit=3):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in link.children):
            return True
    return False


_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "going"})


def _purpose(token: Token) -> bool:
    """True for an infinitive of purpose: "deployed troops to secure the border"."""
    return token.dep_ in ("advcl", "relcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


# --- frames by kind ------------------------------------------------------------------------


def _frame(
    view: DocView,
    kind: FrameKind,
    trigger: Token,
    anchor: Token,
    own: set[int],
    agent: Iterable[DocEntity],
    patient: Iterable[DocEntity],
    obliques: list[tuple[str, tuple[DocEntity, ...]]],
    objects: Iterable[str],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
    support: Token | None = None,
    passive: bool = False,
) -> Frame:
    """A frame with the place, time, modality and attribution read at `anchor`."""
    doc = trigger.doc
    first = min(own)
    last = max(own)
    agents = tuple(dict.fromkeys(agent))
    patients = tuple(e for e in dict.fromkeys(patient))
    modality, modality_cue = modality_of(view, anchor, own)
    return Frame(
        kind=kind,
        head=trigger.i,
        start=doc[first].idx,
        end=doc[last].idx + len(doc[last]),
        lemma=trigger.lemma_.lower(),
        agent=agents,
        patient=patients,
        obliques=tuple(obliques),
        objects=tuple(objects),
        location=location_of(view, trigger),
        time=scoped_date(doc, dates, anchor),
        modality=modality,
        modality_cue=modality_cue,
        attribution=attributed_to(view, quotes, anchor, anchor.idx, anchor.idx + len(anchor)),
        support=support.i if support is not None else None,
        passive=passive,
        future=_future(view, anchor),
        conditional=any(_condition(link, own) for link in scope_chain(view, anchor)),
    )


def _verb_frame(
    view: DocView, verb: Token, dates: Sequence[DateMention], quotes: Sequence[Quote]
) -> Frame:
    # "X, joined by Y, ...", "a camp attacked by X": a participle with its agent is passive too
    # ("the ousted president", "the besieged city": a participle before its noun always is;
    # so is a bare participle clause, "when asked about X, he said": he is the one asked)
    # (a past form heading a clause with no subject is such a participle, whatever its tag)
    passive = (
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        or (
            verb.tag_ == "VBN"
            and verb.dep_ in ("acl", "amod")
            and (verb.i < verb.head.i or any(c.dep_ == "agent" for c in verb.children))
        )
        or (
            verb.tag_ in ("VBN", "VBD")
            and verb.dep_ == "advcl"
            and not any(c.dep_ in ("nsubj", "aux", "auxpass", "expl") for c in verb.children)
        )
    )
    obliques = _obliques(view, verb, quotes)
    objects: list[str] = []
    patient: list[DocEntity] = []
    agent: list[DocEntity]
    if passive:
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        patient = [e for c in subjects for e in actors(view, c, quotes)]
        agent = [e for word, named in obliques if word == "by" for e in named]
        if not agent and any(c.dep_ == "agent" for c in verb.children):
            agent = [e for word, named in obliques if word == "from" for e in named]
        if not patient and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            patient = actors(view, verb.head, quotes)  # "a camp attacked by X"
    else:
        agent = subject_of(view, verb, quotes)
        for child in verb.children:
            if child.dep_ not in ("dobj", "dative"):
                continue
            objects.append(quantified(child).lower_)
            named = actors(view, child, quotes) or _owners(view, quantified(child), quotes)
            patient += [e for e in named if e not in patient]
            obliques += _obliques(view, child, quotes)
            if named and not mutual_expression_at(view, child.doc[child.left_edge.i]):
                # A list the parser split ("blamed A, B, and the leaders of C").
                slot = view.slot_of(child)
                after = slot.end if slot else child.i + 1
                listed = objects_after(view, after, ACTOR)
                # Only items after a comma or "and" ("the regime of X" names X's regime), and
                # not a name the parser makes a subject: it starts the next clause ("..., the
                # ministry said").
                starts_clause = ("nsubj", "nsubjpass")
                patient += [s.entity for s in listed
                            if s.entity not in patient and view.is_actor(s.entity)
                            and child.doc[s.end - 1].dep_ not in starts_clause
                            and _listed(child.doc, after, s.start)]  # fmt: skip
        for child in verb.children:
            if child.dep_ == "prt":
                # "cut off electricity to X": the particle's own object
                obliques += _obliques(view, child, quotes)
    return _frame(view, "verb", verb, verb, {verb.i}, agent, patient, obliques, objects, dates,
                  quotes, passive=passive)  # fmt: skip


def _listed(doc: Doc, start: int, end: int) -> bool:
    """True when a comma or a conjunction stands between tokens `start` and `end`."""
    return any(t.text == "," or t.dep_ == "cc" for t in doc[start:end])


def _noun_frame(
    view: DocView, noun: Token, dates: Sequence[DateMention], quotes: Sequence[Quote]
) -> Frame | None:
    agent: list[DocEntity] = []
    own: list[DocEntity] = []
    obliques: list[tuple[str, tuple[DocEntity, ...]]] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            own += actors(view, child, quotes)
        elif child.dep_ == "amod" and child.i < noun.i and view.entity_of(child) is not None:
            own += actors(view, child, quotes)  # "an Israeli strike", "Turkish shelling"
    if not own:
        state = _demonym_state(view, noun)
        if state is not None:
            own.append(state)
    for word, named in _obliques(view, noun, quotes):
        if word == "by":
            agent += named
        else:
            obliques.append((word, named))
    if own:
        obliques.append(("poss", tuple(own)))
    if not any(word == "between" for word, _ in obliques):
        # "clashes broke out last week between A and B": the parser attaches it elsewhere
        between = between_after(view, noun.i + 1)
        pair = _between(view, between) if between is not None else ()
        if pair:
            obliques.append(("between", pair))
    kind: FrameKind = "noun"
    support = _support_verb(noun)
    anchor = noun
    members = {noun.i}
    if support is not None:
        kind, anchor = "light", support
        members = set(range(min(support.i, noun.i), max(support.i, noun.i) + 1))
        verb_obliques = _obliques(view, support, quotes)
        if support.dep_ == "xcomp" or not agent:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in support.children)
            if passive:
                agent = agent or [e for w, named in verb_obliques if w == "by" for e in named]
            else:
                agent = agent or subject_of(view, support, quotes)
        obliques += [(w, named) for w, named in verb_obliques if w != "by"]
    elif not agent and not own and _in_phrase(noun):
        # "rioted in protest against X", "responded with airstrikes": the verb's subject acts
        verb = noun.head.head
        agent = subject_of(view, verb, quotes)
        anchor = verb
    return _frame(view, kind, noun, anchor, members, agent, [], obliques, [], dates, quotes,
                  support=support)  # fmt: skip


def _support_verb(noun: Token) -> Token | None:
    """The light verb lending its subject to an event noun: "held talks", "carried out dozens of
    attacks", "an attack was launched", "responded with airstrikes"."""
    words = frame_words()
    place = counted(noun)
    verb = place.head
    if place.dep_ in ("dobj", "nsubjpass", "attr") and verb.lemma_.lower() in words.support_verbs:
        return verb
    if place.dep_ == "pobj":
        outer = verb.head
        if outer.pos_ in ("VERB", "AUX") and outer.lemma_.lower() in words.support_verbs:
            return outer
    return None


def _in_phrase(noun: Token) -> bool:
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "with")
        and noun.head.head.pos_ == "VERB"
        and noun.head.head.i != noun.head.i
    )


def _compound_trigger(token: Token) -> bool:
    """The participle of "Turkish-backed", "Russia-led" (written with a hyphen)."""
    doc = token.doc
    return (
        token.i >= 2 and doc[token.i - 1].text in ("-", "‑") and token.lower_ in nouns().participles
    )


def _compound_frame(
    view: DocView, token: Token, dates: Sequence[DateMention], quotes: Sequence[Quote]
) -> Frame | None:
    """ "the Turkish-backed SNA": Turkey backs the SNA."""
    doc = token.doc
    name = doc[token.i - 2]
    agent = view.entity_of(name)
    if agent is None:
        names = nouns().demonyms.get(name.lower_)
        agent = state_entity(view, names) if names else None
    head = token.head
    while head.dep_ in ("amod", "compound") and head.head.i != head.i and head.i < head.head.i:
        head = head.head
    patient = entity_of_noun(view, head) if head.i != token.i else None
    if agent is None or patient is None:
        return None
    return _frame(view, "compound", token, token, {name.i, token.i}, [agent], [patient], [], [],
                  dates, quotes)  # fmt: skip


# --- place ---------------------------------------------------------------------------------


def location_of(view: DocView, anchor: Token) -> DocEntity | None:
    """The place of a predicate: a LOCATION reached through "in", "at", "to" ... from the trigger
    or the verb governing it, not a place named as a reference point ("north of Idlib")."""
    segment = view.segment_of(anchor)
    doc = anchor.doc
    words_in = frame_words().location_prepositions
    places = [s for s in view.slots if s.entity.type == "LOCATION"
              and segment.start <= s.start < segment.end
              and not _reference_point(doc, s.start)]  # fmt: skip
    roots = [anchor]
    if anchor.pos_ != "VERB":
        verb = _governing_verb(anchor)
        if verb is not None:
            roots.append(verb)
    for root in roots:
        best: tuple[int, DocEntity] | None = None
        for slot in places:
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
            if path and root.pos_ == "VERB" and _object_chain(token, root):
                words.add("in")  # "visited the town of X", "entered X"
            if words & words_in and (best is None or len(path) < best[0]):
                best = (len(path), slot.entity)
        if best is not None:
            return best[1]
    return None


def reference_places(view: DocView, anchor: Token) -> list[DocEntity]:
    """Places of the anchor's segment named only to locate another ("north of Idlib")."""
    segment = view.segment_of(anchor)
    return [s.entity for s in view.slots if s.entity.type == "LOCATION"
            and segment.start <= s.start < segment.end
            and _reference_point(anchor.doc, s.start)]  # fmt: skip


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(5):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


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
