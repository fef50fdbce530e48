"""Turn spaCy entities into typed mentions, correcting the model where this domain misleads it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from factionmap.records import Document, EntityType, Mention
from factionmap.resolve.dictionary import ActorDictionary
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
_KUNYA = re.compile(r"^(?:abu|abou|umm|um)\s", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:(?:brigadier|major|lieutenant|lt\.?|colonel|col\.?|general|gen\.?|captain|sheikh|"
    r"shaykh|dr\.?|doctor|president|prime minister|minister|commander|leader|mr\.?|mrs\.?|ms\.?|"
    r"imam|mullah|emir|amir)\s+)+",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_JUNK = re.compile(r"^[\W\d_]+$")


def _trim(span: Span) -> tuple[int, int, str]:
    """Character bounds of a span without a leading article or trailing possessive."""
    start, end = span.start_char, span.end_char
    text = span.text
    article = _LEADING_ARTICLE.match(text)
    if article and len(text) > len(article.group(0)):
        start += article.end()
        text = text[article.end() :]
    # Quote marks and brackets glued to a name by the tokenizer are not part of it.
    while text and text[0] in "“”\"'‘’([«»":
        text, start = text[1:], start + 1
    while text and text[-1] in '“”"‘)]«»,;:':
        text, end = text[:-1], end - 1
    stripped = strip_possessive(text)
    end -= len(text) - len(stripped)
    return start, end, stripped


def split_title(text: str) -> tuple[str, str]:
    """Separate a leading title or rank ("Brigadier General X") from a person's name."""
    match = _TITLES.match(text)
    if not match or match.end() >= len(text):
        return "", text
    return match.group(0).strip(), text[match.end() :]


def corrected_type(text: str, model_type: EntityType) -> EntityType:
    """Override the model where name shape is decisive (kunyas, org and place head words)."""
    if _KUNYA.match(text):
        return "PERSON"
    if _PLACE_HEADS.search(text) and not _ORG_HEADS.search(text):
        return "LOCATION"
    if _ORG_HEADS.search(text):
        return "ORG"
    return model_type


def _common_words(doc: Doc) -> set[str]:
    """Words the document also writes in lower case: a capitalised one is no name."""
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def mentions_from_doc(doc: Doc, document: Document, dictionary: ActorDictionary) -> list[Mention]:
    """Typed mentions of people, organisations and places in a parsed document."""
    mentions: list[Mention] = []
    common = _common_words(doc)
    outlet = surface_key(document.outlet) if document.outlet else None
    for ent in doc.ents:
        model_type = _MODEL_TYPES.get(ent.label_)
        if model_type is None:
            continue
        start, end, text = _trim(ent)
        if len(text) < 2 or _JUNK.match(text):
            continue
        actor_key = ent.ent_id_ or None
        entry = dictionary.by_key.get(actor_key) if actor_key else None
        if entry is None and not actor_key:
            entry = dictionary.lookup_variant(text)
        if entry is not None:
            mentions.append(
                Mention(
                    document.id,
                    start,
                    end,
                    document.text[start:end],
                    entry.type,  # type: ignore[arg-type]
                    entry.subtype,
                    entry.key,
                    "dictionary",
                )
            )
            continue
        if actor_key and actor_key.startswith("place:"):
            mentions.append(
                Mention(document.id, start, end, text, "LOCATION", None, actor_key, "dictionary")
            )
            continue
        if " " not in text and text.lower() in common:
            continue  # Title Case headlines make the model see names in ordinary words
        if outlet and surface_key(text) == outlet:
            # The publishing outlet, named in its own byline or credit line.
            mentions.append(Mention(document.id, start, end, text, "ORG", "media", None, "model"))
            continue
        title, name = split_title(text)
        if title:
            start += len(text) - len(name)
            text = name
        entity_type = corrected_type(text, model_type)
        if entity_type == "PERSON" and not any(c.isupper() for c in text):
            continue
        mentions.append(Mention(document.id, start, end, text, entity_type, None, None, "model"))
    return mentions


def merge_mentions(*groups: Iterable[Mention]) -> list[Mention]:
    """Union of mention lists; where two overlap, the earlier group wins."""
    taken: list[Mention] = []
    for group in groups:
        for mention in group:
            if not any(m.start < mention.end and mention.start < m.end for m in taken):
                taken.append(mention)
    return sorted(taken, key=lambda m: m.start)
