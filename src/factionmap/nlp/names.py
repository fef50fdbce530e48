"""Entity spans that stop short of the name the text uses, and names no one found.

The entity ruler matches the dictionary's short forms wherever they occur, so "National
Army" (the SNA) also matches inside "Libyan National Army", "Houthi" (the movement) inside
"Mohammed Ali al-Houthi", "al-Assad" inside "Bassel al-Assad" and "Ahrar al-Sham" inside
"Ahrar al-Sham Eastern Sector". A longer name is a different actor unless the dictionary
lists it (the ruler would then have matched it whole), so such a match gives up its
curated key and becomes part of the longer, uncurated name; its type then comes from
the name's shape and the model.

The statistical model, for its part, misses unit names ("the Abu Bakr al-Siddiq
Brigade") and cuts long Arabic names short ("Usama Jamal [Muhammad Ibrahim al-Janabi]").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factionmap.geo.demonyms import is_demonym

# Words that name a kind of body rather than one body: a curated alias made only of them
# ("National Army", "Liberation Front", "Republican Guard") identifies its actor only
# when nothing name-like stands before it.
GENERIC_WORDS = frozenset(
    """national army armed forces force front liberation security council guard guards
    republican revolutionary islamic islamist democratic popular people peoples people's
    resistance brigade brigades battalion battalions division corps legion movement party
    committee government interim transitional salvation coalition alliance union general
    command special operations operation room unified supreme military intelligence
    directorate ministry defence defense interior police border air aerospace navy naval
    republic state authority administration assembly parliament congress federation
    organisation organization group faction mobilization mobilisation units unit
    protection local southern northern eastern western central new free united joint
    jihad service services agency office bureau high higher presidential leadership
    regime administration first second third fourth fifth sixth seventh eighth ninth tenth
    army's forces'""".split()
)
_GLUE = frozenset("of for the and in al el".split())
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_ORDINAL_WORD = re.compile(r"^\d+(?:st|nd|rd|th)$")  # "the 62nd Division"
_WORD = re.compile(r"[\w'’]+")
_ARTICLES = frozenset({"al", "el"})
# Words that stand before a name without being part of it.
_TITLE_WORDS = frozenset(
    """president vice prime minister general gen brigadier major lieutenant colonel col
    captain commander leader chief head sheikh shaykh dr doctor mr mrs ms imam mullah emir
    amir marshal field speaker secretary spokesman spokesperson ambassador envoy king
    prince crown sultan judge governor mayor deputy former late researcher analyst expert
    journalist activist cleric director founder official officer correspondent reporter
    professor lawyer engineer fighter member resident witness""".split()
)
_GROUP_NOUNS = frozenset("movement group militia militias rebels forces fighters".split())
# A named part of a curated body: "Ahrar al-Sham Eastern Sector", "Hamas Political Bureau".
_PART_NOUNS = frozenset(
    "sector wing branch brigade brigades battalion division office bureau".split()
)
# Head words of unit names the model may miss: "the Abu Bakr al-Siddiq Brigade".
_UNIT_HEADS = frozenset(
    """brigade brigades battalion battalions division regiment legion corps front army
    movement forces council party gathering union alliance coalition""".split()
)
_NUMBER_LABELS = frozenset({"ORDINAL", "CARDINAL"})
_MODEL_NAME_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})


def is_generic_name(text: str) -> bool:
    """True when every word of a name is a generic word ("National Army", "4th Division")."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _GLUE]
    return bool(words) and all(w in GENERIC_WORDS or _ORDINAL.match(w) for w in words)


def is_short_generic_name(text: str) -> bool:
    """A generic name of one or two words, which other actors' names often end with.

    Longer ones ("Popular Mobilization Forces", "Southern Transitional Council") are
    specific enough that "Iraqi Popular Mobilization Forces" is still the same actor.
    """
    words = [w for w in _WORD.findall(text.lower()) if w not in _GLUE]
    return is_generic_name(text) and len(words) <= 2


def _is_lone_name(span: Span) -> bool:
    """One word, perhaps with its article: a surname or short name ("al-Assad", "Houthi")."""
    words = [t for t in span if t.is_alpha and t.lower_ not in _ARTICLES]
    return len(words) == 1


def _is_bare_article(span: Span) -> bool:
    """ "al-" on its own: the article of the name that follows."""
    return len(span) == 2 and span[0].lower_ in _ARTICLES and span[1].text in "-‑"


def _common_words(doc: Doc) -> set[str]:
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def is_title_case_line(token: Token) -> bool:
    """A headline in Title Case: capitals there say nothing about names."""
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and all(t.is_title or t.is_upper for t in words)


def _name_word(
    token: Token, common: set[str], *, after: bool = False, person: bool = False
) -> bool:
    """A capitalised word that can be part of a proper name, outside any other entity.

    `after`: it follows the name, so it may not start a sentence; `person`: it belongs to
    a person's name, so it is a proper noun and no demonym.
    """
    if token.ent_type_ or not token.is_alpha or not (token.is_title or token.is_upper):
        return False
    if token.lower_ in _TITLE_WORDS or token.is_stop or token.lower_ in common:
        return False
    if "\n" in token.whitespace_ or (after and token.is_sent_start):
        return False
    if person:
        # A capital at the start of a sentence says nothing ("Researcher Yaman Khatib").
        return token.pos_ == "PROPN" and not token.is_sent_start and not is_demonym(token.text)
    if token.is_sent_start and not (is_demonym(token.text) or token.pos_ == "PROPN"):
        return False
    return token.pos_ in ("PROPN", "ADJ") or is_demonym(token.text)


def _glued(doc: Doc, i: int) -> bool:
    """True when token i is written against token i + 1 ("al" "-" "Houthi")."""
    return not doc[i].whitespace_


def _name_start(doc: Doc, ent: Span, before: Span | None, common: set[str]) -> int | None:
    """Where the longer name that `ent` ends starts, or None when `ent` stands alone."""
    i = ent.start
    # "Mohammed Ali al-Houthi", "al-Assad" after a first name: a surname, not the actor.
    if i >= 2 and doc[i - 1].text in "-‑" and doc[i - 2].lower_ in _ARTICLES and _glued(doc, i - 2):
        after = doc[ent.end] if ent.end < len(doc) else ent[-1]
        if ent[-1].lower_ in _GROUP_NOUNS or after.lower_ in _GROUP_NOUNS:
            return None  # "the al-Houthi movement" names the movement after the family
        start = i - 2
        if before is not None and before.end in (start, i) and before.label_ == "PERSON":
            return before.start  # the model's name runs up to the article ("Mohammed Ali al-")
        while start > 0 and _name_word(doc[start - 1], common):
            start -= 1
        return start
    if before is not None and before.end == i:
        # The model saw a name right before the match ("the Libyan" + "National Army").
        adjacent_name = not before.ent_id_ and before.label_ in _MODEL_NAME_LABELS
        if adjacent_name and ent.label_ == "ORG" and is_short_generic_name(ent.text):
            return before.start
        if before.label_ == "PERSON" and not before.ent_id_ and ent.label_ == "PERSON":
            return before.start if _is_lone_name(ent) else None
        return None
    if i == 0 or not _name_word(doc[i - 1], common) or is_title_case_line(ent[0]):
        return None
    start = i - 1
    while start > 0 and _name_word(doc[start - 1], common):
        start -= 1
    if ent.label_ == "ORG" and is_short_generic_name(ent.text):
        return start
    if ent.label_ == "PERSON" and _is_lone_name(ent) and doc[i - 1].pos_ == "PROPN":
        return start  # "Bassel al-Assad": another member of the family
    return None


def _curated_parts(doc: Doc, spans: list[Span], common: set[str]) -> list[Span]:
    """ "Ahrar al-Sham" + "Eastern Sector": the named part is an actor of its own."""
    out: list[Span] = []
    for i, span in enumerate(spans):
        limit = spans[i + 1].start if i + 1 < len(spans) else len(doc)
        end = span.end
        if span.ent_id_ and span.label_ == "ORG" and not span.ent_id_.startswith("place:"):
            while end < min(limit, span.end + 3) and _name_word(doc[end], common, after=True):
                end += 1
                if doc[end - 1].lower_ in _PART_NOUNS:
                    out.append(Span(doc, span.start, end, label="ORG"))
                    break
            else:
                out.append(span)
            continue
        out.append(span)
    return out


def _missed_units(doc: Doc, spans: list[Span], common: set[str]) -> list[Span]:
    """Unit names the model did not see: capitalised words ending in "Brigade", "Front"..."""
    # The model reads "the 62nd Division" as an ordinal and nothing more.
    numbers = [span for span in spans if span.label_ in _NUMBER_LABELS]
    spans = [span for span in spans if span.label_ not in _NUMBER_LABELS]
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for head in doc:
        if head.i in taken or not head.is_title or head.lower_ not in _UNIT_HEADS:
            continue
        if is_title_case_line(head):
            continue
        start = head.i
        while start > 0 and start - 1 not in taken:
            if _name_word(doc[start - 1], common) or _ORDINAL_WORD.match(doc[start - 1].text):
                start -= 1
            elif start >= 3 and doc[start - 1].text in "-‑" and doc[start - 2].lower_ in _ARTICLES:
                start -= 2  # "al-Siddiq"
            else:
                break
        words = [t for t in doc[start : head.i] if t.lower_ not in _ARTICLES and t.text != "-"]
        first = doc[start]
        if (
            words
            and not all(is_demonym(t.text) for t in words)
            and (first.is_title or _ORDINAL_WORD.match(first.text))
        ):
            found.append(Span(doc, start, head.i + 1, label="ORG"))
            taken.update(range(start, head.i + 1))
    numbers = [n for n in numbers if not any(n.start < f.end and f.start < n.end for f in found)]
    return sorted([*spans, *found, *numbers], key=lambda span: span.start)


def _whole_person_names(doc: Doc, spans: list[Span], common: set[str]) -> list[Span]:
    """ "Usama Jamal" + "Muhammad Ibrahim al-Janabi": the model cut the name short."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        if span.label_ == "PERSON" and not span.ent_id_:
            before = out[-1] if out else None
            if before is not None and _one_person_name(doc, before, span):
                start = out.pop().start  # two PERSON spans with only a space between
            floor = out[-1].end if out else 0
            while start > floor and _name_word(doc[start - 1], common, person=True):
                start -= 1
        out.append(span if start == span.start else Span(doc, start, span.end, label="PERSON"))
    return out


def _one_person_name(doc: Doc, first: Span, second: Span) -> bool:
    """ "Usama Jamal" "Muhammad Ibrahim al-Janabi": adjacent parts of one long name."""
    return (
        first.label_ == "PERSON"
        and not first.ent_id_
        and first.end == second.start
        and not second[0].is_sent_start
        and "\n" not in doc[first.end - 1].whitespace_
    )


# Verbs right after a name that, with a possessor before it ("SNHR's Nour al-Khatib told"),
# show the name is a person speaking for that body.
_SPEECH_VERBS = frozenset("said says told tells added adds stated explained noted".split())
_ABBREVIATED_TITLES = frozenset("gen. brig. col. lt. maj. capt. sgt. dr.".split())


def _person_token(token: Token) -> bool:
    """A word of a person's name: a capitalised proper noun, or the "al-" of a surname."""
    if token.lower_ in _ARTICLES or token.text in "-‑":
        return True
    if not token.is_alpha and "'" not in token.text and "’" not in token.text:
        return False
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not token.is_upper
        and token.lower_ not in _TITLE_WORDS
        and not token.is_stop
        and not is_demonym(token.text)
    )


def _role_before(doc: Doc, start: int) -> bool:
    """ "a YPG spokesperson Shiyar Hasakah", "Brig. Gen. (res.) Amal As'ad": a title first."""
    k = start - 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k < 0:
        return False
    # A capitalised title may start a name of its own ("the General Staff Compound").
    return (doc[k].is_lower and doc[k].lower_ in _TITLE_WORDS) or (
        doc[k].lower_ in _ABBREVIATED_TITLES
    )


def _role_after(doc: Doc, end: int) -> bool:
    """ "Adnan Afrin, a SDF spokesperson": an appositive whose head is a role."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for token in doc[end + 1 : end + 6]:
        if token.lower_ in _TITLE_WORDS:
            return True
        if token.pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "PUNCT") or token.text == ",":
            return False
    return False


def _spokesperson_of(doc: Doc, start: int, end: int) -> bool:
    """ "SNHR's Nour al-Khatib told": a possessor before the name, a speech verb after it."""
    possessive = start > 0 and doc[start - 1].lower_ in ("'s", "’s")
    return possessive and end < len(doc) and doc[end].lower_ in _SPEECH_VERBS


def _people_by_role(doc: Doc, spans: list[Span]) -> list[Span]:
    """Two or more name words the text gives a role ("a spokesperson X Y", "X Y, a member
    of ...") are a person, even where a word of it is also a place or a short curated name
    ("Adnan Afrin", "Shiyar Hasakah", "Amal As'ad"): the ruler saw only that word."""
    owner: dict[int, Span] = {i: span for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if not _person_token(doc[i]) or doc[i].lower_ in _ARTICLES or doc[i].text in "-‑":
            i += 1
            continue
        end = i
        while end < len(doc) and _person_token(doc[end]) and "\n" not in doc[end - 1].whitespace_:
            end += 1
        while doc[end - 1].lower_ in _ARTICLES or doc[end - 1].text in "-‑":
            end -= 1
        words = [t for t in doc[i:end] if t.lower_ not in _ARTICLES and t.text not in "-‑"]
        inside = {id(owner[k]) for k in range(i, end) if k in owner}
        spans_inside = [sp for sp in spans if id(sp) in inside]
        replaceable = all(
            sp.start >= i
            and sp.end <= end
            and len(sp) == 1
            and sp.label_ != "PERSON"
            and (sp.ent_id_ or sp.label_ in _MODEL_NAME_LABELS)
            for sp in spans_inside
        )
        evidence = _role_before(doc, i) or _role_after(doc, end) or _spokesperson_of(doc, i, end)
        if len(words) >= 2 and replaceable and evidence and (spans_inside or not inside):
            found.append(Span(doc, i, end, label="PERSON"))
        i = max(end, i + 1)
    if not found:
        return spans
    taken = {k for span in found for k in range(span.start, span.end)}
    kept = [span for span in spans if not any(k in taken for k in range(span.start, span.end))]
    return sorted([*kept, *found], key=lambda span: span.start)


# Lower-case feature nouns that make the capitalised words before them a place name the
# model rarely knows: "the Zarba area", "the Dwelaa district", "al-Khourafi road".
_FEATURE_NOUNS = frozenset(
    "area district road neighbourhood neighborhood quarter highway plain crossing".split()
)


def _places_by_feature(doc: Doc, spans: list[Span]) -> list[Span]:
    """Name words right before a feature noun are a place, feature included, unless a
    curated name or an organisation already holds them."""
    owner: dict[int, Span] = {i: span for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for noun in doc:
        if not noun.is_lower or noun.lower_ not in _FEATURE_NOUNS or noun.i == 0:
            continue
        start = noun.i
        while start > 0:
            prev = doc[start - 1]
            glued_article = prev.lower_ in _ARTICLES and not prev.whitespace_
            if prev.text in "-‑" and start >= 2 and doc[start - 2].lower_ in _ARTICLES:
                start -= 1
            elif glued_article or (prev.text[:1].isupper() and prev.is_alpha):
                start -= 1
            else:
                break
        words = [t for t in doc[start : noun.i] if t.lower_ not in _ARTICLES and t.text not in "-‑"]
        if not words or any(is_demonym(t.text) or t.lower_ in _TITLE_WORDS for t in words):
            continue
        if words[0].is_sent_start or is_title_case_line(noun):
            continue
        held = {id(owner[k]): owner[k] for k in range(start, noun.i) if k in owner}
        if any(sp.ent_id_ or sp.label_ == "ORG" or sp.start < start for sp in held.values()):
            continue
        found.append(Span(doc, start, noun.i + 1, label="LOCATION"))
    if not found:
        return spans
    taken = {k for span in found for k in range(span.start, span.end)}
    kept = [span for span in spans if not any(k in taken for k in range(span.start, span.end))]
    return sorted([*kept, *found], key=lambda span: span.start)


_SETTLEMENT_NOUNS = frozenset("village villages town towns city cities".split())


def _places_after_settlement(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names listed after "the village of" are places even where the model saw nothing:
    "captured the village of Sa’ideen", "the towns and villages of ( Balyon, Kesafra, ...)"."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for of in doc:
        if of.lower_ != "of" or of.i == 0 or doc[of.i - 1].lower_ not in _SETTLEMENT_NOUNS:
            continue
        i = of.i + 1
        while i < len(doc) and doc[i].lower_ in ("the", "("):
            i += 1
        while i < len(doc):
            start = i
            while i < len(doc) and (
                (doc[i].text[:1].isupper() and not doc[i].is_stop and not is_demonym(doc[i].text))
                or (doc[i].lower_ in _ARTICLES and i > start)
                or (doc[i].text in "-‑" and i > start and not doc[i - 1].whitespace_)
            ):
                i += 1
            if i > start and not any(k in taken for k in range(start, i)):
                found.append(Span(doc, start, i, label="LOCATION"))
            if i < len(doc) and doc[i].lower_ in (",", "and", "or") and i > start:
                i += 1
                continue
            break
    return sorted([*spans, *found], key=lambda span: span.start)


@Language.component(
    "factionmap_longer_names_v1",
    assigns=["doc.ents"],
    requires=["doc.ents", "token.pos", "token.is_sent_start"],
)
def longer_names(doc: Doc) -> Doc:
    """Entity spans widened to the whole name the text uses, with names the model missed."""
    common = _common_words(doc)
    kept: list[Span] = []
    keys: list[tuple[Span, str]] = []  # entity ids to write on the tokens of new spans
    for ent in doc.ents:
        before = kept[-1] if kept else None
        start = None
        if ent.ent_id_ and not ent.ent_id_.startswith("place:"):
            start = _name_start(doc, ent, before, common)
        if start is not None:
            while kept and kept[-1].end > start:
                kept.pop()
            person = ent.label_ == "PERSON" or doc[ent.start - 1].text in "-‑"
            kept.append(Span(doc, start, ent.end, label="PERSON" if person else "ORG"))
            keys.append((kept[-1], ""))
        elif (
            ent.ent_id_
            and before is not None
            and before.end == ent.start
            and (_is_bare_article(before))
        ):
            # The model took the article of "al-Houthi movement" for a name of its own.
            kept[-1] = Span(doc, before.start, ent.end, label=ent.label_)
            keys.append((kept[-1], ent.ent_id_))
        else:
            kept.append(ent)
    spans = _whole_person_names(
        doc, _missed_units(doc, _curated_parts(doc, kept, common), common), common
    )
    spans = _places_by_feature(doc, _people_by_role(doc, spans))
    spans = _places_after_settlement(doc, spans)
    known = {(e.start, e.end, e.label_) for e in doc.ents} | {
        (span.start, span.end, span.label_) for span, _ in keys
    }
    keys += [(span, "") for span in spans if (span.start, span.end, span.label_) not in known]
    if keys:
        doc.ents = spans
        for span, key in keys:
            for token in span:
                token.ent_id_ = key  # a span's entity id is read from its tokens
    return doc
