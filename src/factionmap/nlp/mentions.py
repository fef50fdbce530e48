"""Turn spaCy entities into typed mentions, correcting the model where this domain misleads it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from factionmap.extract.cues import load_lexicon
from factionmap.geo.demonyms import is_demonym
from factionmap.geo.normalize import fold_name
from factionmap.nlp.credits import credit_spans, in_credit
from factionmap.nlp.names import is_short_generic_name, is_title_case_line
from factionmap.nlp.places import (
    LARGE_TOWN,
    LIKELY,
    SURELY,
    PlaceNames,
    default_place_names,
    listed_with,
    place_context,
)
from factionmap.nlp.roles import mention_role
from factionmap.nlp.states import names_people, split_compound, state_mentions, state_of
from factionmap.records import Document, EntityType, Mention
from factionmap.resolve.dictionary import ActorDictionary, ActorEntry
from factionmap.resolve.names import strip_possessive, surface_key

_MODEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "LOCATION": "LOCATION",
}
# Head words that make a name an organisation or a place, whatever the model said.
_ORG_HEADS = re.compile(
    r"\b(?:army|front|movement|division|brigades?|battalions?|legion|corps|forces|"
    r"regiment|group|faction|committee|commission|council|government|ministry|party|room|"
    r"organi[sz]ation|agency|news|network|directorate|intelligence|guard|militia|coalition|"
    r"command|authority|administration|alliance|union|assembly|office|police|units?|"
    r"observatory|institute|center|centre|tv|radio|channel|foundation|society|"
    # Transliterated Arabic and Turkish words for armed units and movements.
    r"liwa|jaysh|jaish|harakat|katiba|katibat|firqa|faylaq|saraya|kataib|tajamu|jabhat|"
    r"hay'?at|tanzim|quwat)\b",
    re.IGNORECASE,
)
_PLACE_HEADS = re.compile(
    r"\b(?:plain|countryside|governorate|province|district|camp|crossing|city|town|village|"
    r"valley|mountains?|river|dam|airport|base|region|desert|road|highway)\b",
    re.IGNORECASE,
)
# Last words that make a name an organisation only in that place: "Amnesty International",
# "Human Rights Watch" ("Damascus International Airport" is a place).
_ORG_LAST_WORDS = re.compile(r"international|watch", re.IGNORECASE)
# A generic word right before a title names a portfolio, not a body: "Defence Minister X".
_PORTFOLIO_TITLE = re.compile(
    r"\s+(?:minister|ministers|secretary|undersecretary|spokesman|spokesperson|chief)\b",
    re.IGNORECASE,
)
# A lower-case body noun right after a name the model typed as an organisation is its head.
_BODY_AFTER = re.compile(r"[ \t]+(?:ministry|council|directorate|command|agency)\b")
_STANCE_PREFIX = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
_ARTICLES = frozenset({"al", "el", "al-", "el-"})
_KUNYA = re.compile(r"^(?:abu|abou|umm|um)\s", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:(?:brigadier|major|lieutenant|lt\.?|colonel|col\.?|general|gen\.?|captain|sheikh|"
    r"field marshal|marshal|speaker|"
    r"shaykh|dr\.?|doctor|president|prime minister|minister|commander|leader|mr\.?|mrs\.?|ms\.?|"
    r"imam|mullah|emir|amir)\s+)+",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_JUNK = re.compile(r"^[\W\d_]+$")


def _trim(span: Span) -> tuple[int, int, str]:
    """Character bounds of a span without a leading article or trailing possessive."""
    if len(span) > 1 and span[0].is_sent_start and span[0].tag_ == "VBG":
        span = span[1:]  # "Attacking Bashar has been the demand": the verb opens the sentence
    if len(span) > 1 and span[0].tag_ == "IN" and span[0].is_title:
        span = span[1:]  # "Near Bayji, two strikes": the preposition opens the sentence
    start, end = span.start_char, span.end_char
    text = span.text
    article = _LEADING_ARTICLE.match(text)
    if article and len(text) > len(article.group(0)):
        start += article.end()
        text = text[article.end() :]
    # Quote marks and brackets glued to a name by the tokenizer are not part of it.
    while text and text[0] in "“”\"'‘’([«»":
        text, start = text[1:], start + 1
    # "Abboud Qanbar(Arabic": a bracket glued to the name opens an aside, not part of it.
    glued = re.search(r"(?<=\w)[(\[]", text)
    if glued:
        end -= len(text) - glued.start()
        text = text[: glued.start()]
    while text and text[-1] in '“”"‘)]«»,;:([ ':
        text, end = text[:-1], end - 1
    conjunction = re.search(r"\s+(?:and|or)$", text)
    if conjunction:  # "Ministry of Defense and" before a second name
        end -= len(conjunction.group(0))
        text = text[: conjunction.start()]
    # "MENAFN- Khaama Press": a hyphen before a space ends a source tag, not a name part.
    tag = re.search(r"(?<=\w)-\s+(?=\S)", text)  # not the spaced dash of "Task Force - OIR"
    if tag:
        start += tag.end()
        text = text[tag.end() :]
    stripped = strip_possessive(text)
    end -= len(text) - len(stripped)
    return start, end, stripped


def split_title(text: str) -> tuple[str, str]:
    """Separate a leading title or rank ("Brigadier General X") from a person's name."""
    match = _TITLES.match(text)
    if not match or match.end() >= len(text):
        return "", text
    return match.group(0).strip(), text[match.end() :]


# Naval ship prefixes: "USS Mahan", "HMS Ocean", "FS Forbin" are vessels, not people or places
# (typed ORG: the ontology has no vehicle type, and a crew acts as a unit).
_SHIP_PREFIX = re.compile(r"^(?:USS|USNS|HMS|HMAS|HMCS|HMNZS|FS|INS|TCG|ITS|ESPS|HNLMS|FGS)\s")


def corrected_type(text: str, model_type: EntityType) -> EntityType:
    """Override the model where name shape is decisive (kunyas, ships, org and place head
    words)."""
    if _SHIP_PREFIX.match(text):
        return "ORG"
    last = text.split()[-1]
    if (_ORG_HEADS.fullmatch(last) or _ORG_LAST_WORDS.fullmatch(last)) and len(text.split()) > 1:
        return "ORG"  # "Abu Bakr al-Siddiq Brigade" is named after a man, and is a unit
    if _KUNYA.match(text):
        return "PERSON"
    if _PLACE_HEADS.search(text) and not _ORG_HEADS.search(text):
        return "LOCATION"
    if _ORG_HEADS.search(text):
        return "ORG"
    return model_type


def _shouted_word(span: Span) -> bool:
    """ "IS" in "WHAT IS NEXT": an acronym that is an English word, in an all-capitals line."""
    if not (span.text.isupper() and span.text.lower() in STOP_WORDS):
        return False
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


_DETERMINERS = frozenset("the a an his her their its our my this that".split())


def _common_noun_compound(span: Span, entry: ActorEntry) -> bool:
    """ "the Trump card": a person's one-word name between a determiner and a common noun
    is a word of the noun phrase, not the person."""
    if entry.type != "PERSON" or len(span) != 1:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (
        before is not None
        and before.lower_ in _DETERMINERS
        and after is not None
        and after.pos_ == "NOUN"
        and after.is_lower
    )


def _description(document: Document, start: int, text: str, span: Span) -> bool:
    """A curated name used as a description: "an Islamic state" (an indefinite article and a
    lower-case word), "Syrian military sources" (a "military" that modifies a noun)."""
    words = [w for w in _NAME_WORD.findall(text) if w.lower() not in _PARTICLES]
    indefinite = re.search(r"\ban?\s+$", document.text[max(0, start - 4) : start], re.I)
    if indefinite and any(w.islower() for w in words[1:]):
        return True
    after = span.doc[span.end] if span.end < len(span.doc) else None
    modifier = after is not None and after.pos_ == "NOUN" and after.is_lower
    return bool(words) and words[-1].lower() == "military" and modifier


def _common_words(doc: Doc) -> set[str]:
    """Words the document also writes in lower case: a capitalised one is no name."""
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def _typed_spans(doc: Doc) -> Iterator[tuple[Span, EntityType]]:
    """The entity spans of the kinds we keep, with the model's type in our terms."""
    for ent in doc.ents:
        model_type = _MODEL_TYPES.get(ent.label_)
        if model_type is not None:
            yield ent, model_type


def _group_plural(document: Document, start: int, text: str) -> bool:
    """ "the Houthis": one capitalised plural after "the" names a movement, not a person."""
    return (
        " " not in text
        and len(text) >= 5
        and text[0].isupper()
        and text.endswith("s")
        and not text.endswith("ss")
        and document.text[max(0, start - 4) : start].lower() == "the "
    )


def _curated(
    document: Document, start: int, end: int, entry: ActorEntry, dictionary: ActorDictionary
) -> list[Mention]:
    """Mentions of a curated actor; a backer named in the alias becomes its own mention."""
    found: list[Mention] = []
    text = document.text[start:end]
    split = split_compound(text)
    backer = state_of(text[: split[0]], dictionary) if split else None
    if split and backer is not None and backer.key != entry.key:
        # "Turkish-backed Syrian National Army": Turkey, and the SNA by its own name.
        found.append(dictionary_mention(document, start, start + split[0], backer))
        start += split[1]
    elif entry.type == "PERSON":
        # "President Bashar al-Assad": the title is a role, kept apart from the name.
        title, name = split_title(text)
        start += len(text) - len(name) if title else 0
    found.append(dictionary_mention(document, start, end, entry))
    return found


def dictionary_mention(document: Document, start: int, end: int, entry: ActorEntry) -> Mention:
    """The mention of a dictionary actor at a span of the document."""
    return Mention(
        document.id,
        start,
        end,
        document.text[start:end],
        entry.type,  # type: ignore[arg-type]
        entry.subtype,
        entry.key,
        "dictionary",
    )


_NAME_WORD = re.compile(r"[\w'’]+")
# Particles a name may write in lower case ("Hay'at Tahrir al-Sham", "Army of Conquest").
_PARTICLES = frozenset(
    "of for the and in al el as ash ad ar at az an wa bin ibn li lil de du".split()
)


def _written_in_lower_case(mention: Mention, dictionary: ActorDictionary) -> bool:
    """ "new Syrian army" for the curated "New Syrian Army": a description, perhaps a name.

    True when the name's first word, which the dictionary capitalises, is written in lower
    case (the ruler matches names case-insensitively). Lower-case common nouns after a
    capital ("the Turkish defence ministry", "Amaq news agency") are house style.
    """
    entry = dictionary.by_key.get(mention.actor_key or "")
    words = [w for w in _NAME_WORD.findall(mention.text) if w.lower() not in _PARTICLES]
    if mention.source != "dictionary" or entry is None or not words or not words[0].islower():
        return False
    key = surface_key(mention.text)
    same = [name for name in entry.all_names() if surface_key(name) == key]
    return bool(same) and not any(
        [w for w in _NAME_WORD.findall(name) if w.lower() not in _PARTICLES][:1] == words[:1]
        for name in same
    )


def _named_elsewhere(mentions: list[Mention], dictionary: ActorDictionary) -> list[Mention]:
    """Drop a name written in lower case unless the actor is named properly too.

    "the national army" refers back to the SNA in a report that names it; "Tripoli's
    southern front" is no reference to Syria's Southern Front, nor "the new Syrian army"
    to the New Syrian Army of 2015.
    """
    lower = [_written_in_lower_case(m, dictionary) for m in mentions]
    named = {m.actor_key for m, low in zip(mentions, lower, strict=True) if not low}
    return [m for m, low in zip(mentions, lower, strict=True) if not low or m.actor_key in named]


def _place_keys(
    document: Document,
    names: list[tuple[int, int, str, EntityType]],
    places: PlaceNames,
    people: set[str],
    known: Sequence[Mention],
) -> set[str]:
    """Names the document uses as places somewhere (fold_name keys)."""
    keys: set[str] = set()
    located = [(m.start, m.end) for m in known if m.type == "LOCATION"]
    located += [(start, end) for start, end, _, model_type in names if model_type == "LOCATION"]
    # Twice: a name read as a place lets the next one in its list be read too ("the villages
    # of Khidr Hassan and Sheikh Ali": the second is as sure as the first).
    surely: list[tuple[int, int]] = []
    for _ in range(2):
        for start, end, text, model_type in names:
            key = fold_name(text)
            if key in keys or (" " not in text.strip() and key in people):
                continue  # a lone word that is also someone's surname here stays a name
            if _ORG_HEADS.search(text):
                continue  # "the Hamza Division countryside" is still the division
            if listed_with(document.text, start, end, surely) or _place_context_key(
                document, start, end, model_type, located, places
            ):
                keys.add(key)
                located.append((start, end))
                if place_context(document.text, start, end) == SURELY:
                    surely.append((start, end))
    return keys


def _place_context_key(
    document: Document,
    start: int,
    end: int,
    model_type: EntityType,
    located: list[tuple[int, int]],
    places: PlaceNames,
) -> bool:
    """True when the words around a name, with the gazetteer, read it as a place."""
    text = document.text[start:end]
    context = place_context(document.text, start, end, located)
    if context == SURELY:
        return True
    place = places.place(text)
    if place is None:
        return False
    if context == LIKELY:
        return True
    # The model and the gazetteer agree; a kunya needs more ("Abu Ali" is a village and a
    # man), unless it is a town everyone knows ("Abu Dhabi").
    return model_type == "LOCATION" and (not _KUNYA.match(text) or place.population >= LARGE_TOWN)


def mentions_from_doc(
    doc: Doc,
    document: Document,
    dictionary: ActorDictionary,
    places: PlaceNames | None = None,
) -> list[Mention]:
    """Typed mentions of people, organisations and places in a parsed document."""
    mentions: list[Mention] = []
    names: list[tuple[int, int, str, EntityType]] = []  # uncurated, typed below
    common = _common_words(doc)
    outlet = surface_key(document.outlet) if document.outlet else None
    for ent, model_type in _typed_spans(doc):
        start, end, text = _trim(ent)
        prefix = re.fullmatch(r"\w+-", text)  # "pro-", what the ruler left of "pro-Assad forces"
        if len(text) < 2 or _JUNK.match(text) or prefix or text.lower() in _ARTICLES:
            continue
        actor_key = ent.ent_id_ or None
        entry = dictionary.by_key.get(actor_key) if actor_key else None
        if entry is None and not actor_key:
            entry = dictionary.lookup_variant(text)
        stance = _STANCE_PREFIX.search(document.text, max(0, start - 5), start)
        if (stance or re.match(r"(?:pro|anti)-", text)) and (
            entry is None or entry.type == "LOCATION"
        ):
            continue  # "a pro-Damascus commander", "anti-Islamic State action": a stance
        if entry is not None:
            if _shouted_word(ent) or _common_noun_compound(ent, entry):
                continue
            if _description(document, start, text, ent):
                continue
            entry = dictionary.at_date(entry, text, document.published)
            actor_key = None if entry is None else actor_key
        if entry is not None:
            if entry.subtype == "state" and document.text.startswith("-based", end):
                continue  # "a Britain-based monitor" says where it is, not what Britain did
            mentions.extend(_curated(document, start, end, entry, dictionary))
            continue
        if actor_key and actor_key.startswith("place:"):
            if _inside_longer_name(ent):
                continue  # "Boko Haram", "the Independent Houran Reporters": not the place
            mentions.append(
                Mention(document.id, start, end, text, "LOCATION", None, actor_key, "dictionary")
            )
            continue
        if " " not in text and text.lower() in common:
            continue  # Title Case headlines make the model see names in ordinary words
        if _names_no_actor(document, ent, end, text):
            continue
        if names_people(text):
            continue  # "the Kurds", "Druze": communities, not actors
        if outlet and surface_key(text) == outlet:
            # The publishing outlet, named in its own byline or credit line.
            mentions.append(Mention(document.id, start, end, text, "ORG", "media", None, "model"))
            continue
        body = _BODY_AFTER.match(document.text, end) if model_type == "ORG" else None
        if body:
            # "Interior ministry", "Defense ministry": the model stopped at the capital.
            end, text = body.end(), document.text[start : body.end()]
        names.append((start, end, text, model_type))
    mentions = _named_elsewhere(mentions, dictionary)
    mentions.extend(_typed_names(document, names, places or default_place_names(), mentions))
    mentions.sort(key=lambda m: m.start)
    mentions.extend(state_mentions(doc, document, dictionary, mentions))
    places = places or default_place_names()
    mentions = [_country_by_role(doc, m, dictionary, places) for m in mentions]
    mentions = merge_mentions(mentions, _outlet_mentions(document))
    credits = credit_spans(document.text)
    mentions = [m for m in mentions if not in_credit(credits, m.start)]
    mentions = [m for m in mentions if not _section_label(document, m)]
    return sorted(mentions, key=lambda m: m.start)


@lru_cache(maxsize=1)
def _not_actor_words() -> dict[str, frozenset[str]]:
    lexicon = load_lexicon("not_actors.yaml")
    return {
        kind: frozenset(str(word).lower() for word in lexicon.get(kind, []))
        for kind in ("materiel", "units", "ideologies", "event_heads", "operation_words")
    }


# Particles that open the next word of a name: a name ending in one was cut short
# ("President Bashir al" before "Assad's regime").
_OPENING_PARTICLES = frozenset("al el bin ibn abu abou umm um de van von".split())
_PLACE_DESCRIPTION_HEADS = frozenset(
    "city town village province capital border coast countryside desert".split()
)


def _names_no_actor(document: Document, ent: Span, end: int, text: str) -> bool:
    """A capitalised name the model found that names no actor nor place: a weapon ("VBIED"),
    an ideology ("Salafist"), an agreement or meeting ("the Cessation of Hostilities"), an
    operation ("the Jazeera Storm campaign"), a common noun opening a sentence ("Shells
    rained down"), a name cut short ("Bashir al"), a headline's description ("Besieged
    Syrian City of Kobane")."""
    words = _not_actor_words()
    folded = text.lower()
    last = folded.split()[-1]
    if any(folded in words[kind] for kind in ("materiel", "units", "ideologies")):
        return True
    parts = folded.split()
    heads = {last, parts[0] if len(parts) > 2 and parts[1] == "of" else last}  # "Law of ..."
    if heads & words["event_heads"] and len(parts) > 1 and not _ORG_HEADS.search(text):
        return True
    following = re.match(r"\s+([a-z]+)\b", document.text[end : end + 20])
    if following and following.group(1) in words["operation_words"]:
        if not _ORG_HEADS.search(text) and ent.label_ != "PERSON":
            return True
    if len(ent) == 1 and ent[0].is_sent_start and ent[0].tag_ in ("NN", "NNS"):
        return True
    if last in _OPENING_PARTICLES:
        return True
    glued = re.match(r"[-‑]([A-Z][\w]+)", document.text[end : end + 30])
    if glued and (is_demonym(glued.group(1)) or re.search(r"(?:an|ese|ish)$", glued.group(1))):
        return True  # "his Bissau-Guinean counterpart": half of an adjective
    return (
        len(parts) > 1
        and is_demonym(parts[0])
        and all(p in _PLACE_DESCRIPTION_HEADS for p in parts[1:])
    )


_PLACE_QUALIFIERS = frozenset(
    """northern southern eastern western north south east west central greater upper lower
    rural old new mount lake al el""".split()
)


_PREPOSITIONS = frozenset(
    "near outside inside around across along towards toward beyond between off".split()
)
# Words that end a place's own longer name: "Golan Heights", "Tiyas Military Airfield".
_FEATURE_WORDS = frozenset(
    """heights hills hill sea gulf bay island islands peninsula strait gate square street
    bridge canal oasis basin lake airfield airbase field station prison""".split()
)


def _name_part(token: Token) -> bool:
    """A capitalised word that belongs to a name around it, not a qualifier of a place."""
    return (
        token.is_title
        and token.is_alpha
        and not token.ent_type_
        and not token.is_stop
        and token.lower_ not in _PREPOSITIONS  # "Near Mosul, five strikes" (tagged NNP)
        and (token.pos_ == "PROPN" or (token.pos_ == "ADJ" and not token.is_sent_start))
        and token.lower_ not in _PLACE_QUALIFIERS
        and not is_demonym(token.text)
        and not split_title(token.text + " x")[0]
    )


def _inside_longer_name(ent: Span) -> bool:
    """A gazetteer name the running text writes inside a longer capitalised name: "Boko
    Haram", "the Independent Houran Reporters", "the Jazira Storm campaign"."""
    doc = ent.doc
    if is_title_case_line(ent[0]):
        return False  # a headline capitalises every word
    if ent.start > 0 and _name_part(doc[ent.start - 1]):
        return True
    end = ent.end
    while end < len(doc) and not doc[end].is_sent_start and _name_part(doc[end]):
        end += 1
    following = [t.lower_ for t in doc[ent.end : end]]
    return bool(following) and not any(
        _PLACE_HEADS.fullmatch(word) or word in _FEATURE_WORDS for word in following
    )


def _section_label(document: Document, mention: Mention) -> bool:
    """ "SYRIA" on a line of its own: a page's section label, not the text naming it."""
    if not mention.text.isupper():
        return False
    line_start = document.text.rfind("\n", 0, mention.start) + 1
    line_end = document.text.find("\n", mention.end)
    line = document.text[line_start : line_end if line_end >= 0 else len(document.text)]
    return line.strip() == mention.text


def _outlet_mentions(document: Document) -> list[Mention]:
    """The publishing outlet where the text names it ("Shafaq News/ Clashes continue ..."):
    datelines and credit lines the model reads as part of the headline."""
    outlet = re.sub(r"\s*\(.*\)\s*$", "", document.outlet or "").strip()
    if len(outlet) < 3:
        return []
    pattern = re.compile(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])")
    return [
        Mention(document.id, m.start(), m.end(), m.group(0), "ORG", "media", None, "model")
        for m in pattern.finditer(document.text)
    ]


def _country_by_role(
    doc: Doc, mention: Mention, dictionary: ActorDictionary, places: PlaceNames
) -> Mention:
    """A country's name as a place ("in Lebanon") or as its state ("Lebanon said").

    Place uses take the key "place:<country>" so that they form one place entity apart
    from the state actor, whatever the model or the dictionary said; actor uses of a
    country the dictionary does not know become an ORG of subtype state.
    """
    country = places.country(mention.text)
    entry = dictionary.by_key.get(mention.actor_key or "")
    if country is None:
        # A capital named for its government ("Ankara said") is still a city "in Ankara".
        state = entry is not None and entry.subtype == "state"
        city = places.place(mention.text) if state else None
        if city is not None and mention_role(doc, mention.start, mention.end) == "place":
            return replace(mention, type="LOCATION", subtype=None, actor_key="place:" + city.name)
        return mention
    if entry is None and mention.type == "PERSON":
        return mention  # "Jordan" the man
    if entry is not None and entry.country != country.country:
        return mention  # a curated actor that merely shares the name
    role = mention_role(doc, mention.start, mention.end)
    as_place = role == "place" if entry is not None else role != "actor"
    if as_place:
        key = "place:" + country.name
        return Mention(mention.doc, mention.start, mention.end, mention.text, "LOCATION",
                       None, key, "dictionary")  # fmt: skip
    if entry is None:
        return Mention(mention.doc, mention.start, mention.end, mention.text, "ORG", "state",
                       None, mention.source)  # fmt: skip
    return mention


def _typed_names(
    document: Document,
    names: list[tuple[int, int, str, EntityType]],
    places: PlaceNames,
    curated: list[Mention],
) -> list[Mention]:
    """Mentions of the names no dictionary knows, typed by shape, gazetteer and model."""
    people = {
        fold_name(text.split()[-1])
        for text in [
            *(m.text for m in curated if m.type == "PERSON"),
            *(n[2] for n in names if n[3] == "PERSON"),
        ]
        if " " in text
    }
    place_keys = _place_keys(document, names, places, people, curated)
    found: list[Mention] = []
    for start, end, text, model_type in names:
        if fold_name(text) in place_keys:
            found.append(Mention(document.id, start, end, text, "LOCATION", None, None, "model"))
            continue
        if _TITLES.fullmatch(text + " "):
            continue  # "Field Marshal" on its own is a rank, not a name
        portfolio = not re.search(r"\b(?:ministry|council|directorate)$", text, re.IGNORECASE)
        if portfolio and is_short_generic_name(text) and _PORTFOLIO_TITLE.match(document.text, end):
            continue  # "Defence" in "Defence Minister X" is a portfolio
        title, name = split_title(text) if model_type == "PERSON" else ("", text)
        if title:
            start += len(text) - len(name)
            text = name
        entity_type = corrected_type(text, model_type)
        if entity_type == "PERSON" and _group_plural(document, start, text):
            entity_type = "ORG"
        if entity_type == "PERSON" and not any(c.isupper() for c in text):
            continue
        found.append(Mention(document.id, start, end, text, entity_type, None, None, "model"))
    return found


def merge_mentions(*groups: Iterable[Mention]) -> list[Mention]:
    """Union of mention lists; where two overlap, the earlier group wins."""
    taken: list[Mention] = []
    for group in groups:
        for mention in group:
            if not any(m.start < mention.end and mention.start < m.end for m in taken):
                taken.append(mention)
    return sorted(taken, key=lambda m: m.start)
