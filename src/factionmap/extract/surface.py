"""Argument finders by surface order, for where the small parser's tree gives nothing usable:
the mentions before a cue, the (coordinated) objects after it, the "between" a noun governs."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from factionmap.extract.docview import FINITE, DocView, Slot, nouns

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
_CONNECTORS = frozenset({",", "and", "or", "as", "well", "of", "the", "a", "an", "its", "their",
                         "his", "her", "some", "several", "many", "most", "all", "both", "parts",
                         "part", "-", "’s", "'s", "large", "entire", "whole"})  # fmt: skip
_STOPS = frozenset({"in", "near", "with", "since", "when", "after", "before", "during", "from",
                    "to", "by", "for", "on", "at", "into", "while", "where", "until", "against",
                    "through", "across", "over", "under", "inside", "between", "within", ";",
                    ":", "(", ")", "“", "”", '"'})  # fmt: skip


# Verbs an event noun takes before naming its parties: "clashes erupted on Thursday between".
_ONSET_VERBS = frozenset({"erupt", "break", "flare", "continue", "escalate", "resume",
                          "intensify", "renew", "occur", "take", "rage", "spread", "begin",
                          "start"})  # fmt: skip


def between_after(view: DocView, index: int, reach: int = 8) -> Token | None:
    """The "between" a cue noun ending before token `index` governs: directly, or past an
    onset verb, a date or a place phrase ("clashes broke out last week between A and B",
    "an escalation along the front lines between A and B"); no name may come first."""
    doc = view.analyzed.doc
    segment = view.segments[view.token_segment[min(index, len(doc) - 1)]]
    for i in range(index, min(index + reach, segment.end)):
        token = doc[i]
        if token.lower_ == "between":
            return token
        if view.slot_of(token) is not None or token.text in (",", ";", ":", "(", "“", '"'):
            return None
        verb = token.tag_ in FINITE or token.pos_ == "VERB"  # "homeland split between ..."
        if verb and token.lemma_.lower() not in _ONSET_VERBS:
            return None
    return None


def slots_before(view: DocView, token: Token, segments_back: int) -> list[Slot]:
    """Mentions ending before `token` from `segments_back` segments back on, nearest first."""
    first = max(0, view.token_segment[token.i] - segments_back)
    start = view.segments[first].start
    return [s for s in view.slots if start <= s.start and s.end <= token.i][::-1]


def nearest_left(view: DocView, token: Token, types: Iterable[str], window: int = 8) -> Slot | None:
    """The nearest mention of the wanted types before `token` in its segment, no verb between."""
    wanted = set(types)
    segment = view.segment_of(token)
    for slot in slots_before(view, token, 0):
        if slot.start < segment.start or token.i - slot.end > window:
            return None
        between = token.doc[slot.end : token.i]
        if any(t.tag_ in FINITE for t in between):
            return None
        if slot.entity.type in wanted:
            return slot
    return None


def objects_after(
    view: DocView, index: int, types: Iterable[str], many: bool = True, gap: int = 6
) -> list[Slot]:
    """Mentions of the wanted types that follow token `index` as its (coordinated) objects.

    "controls Idlib governorate and part of the western countryside of Aleppo and the al-Ghab
    Plain northwest of Hama since 2017" gives Idlib, Aleppo and al-Ghab: a mention reached
    through another preposition or a direction word is a modifier, a verb or "since" ends the list.
    """
    wanted = set(types)
    doc = view.analyzed.doc
    segment = view.segments[view.token_segment[min(index, len(doc) - 1)]]
    n = nouns()
    found: list[Slot] = []
    i = index
    steps = 0
    modifier = False
    while i < segment.end:
        token = doc[i]
        slot = view.slot_of(token)
        if slot is not None:
            after = doc[slot.end].text if slot.end < len(doc) else ""
            owner = after in ("’s", "'s") or (after == "’" and doc[slot.end - 1].text.endswith("s"))
            appended = found and any(t.text == "," for t in doc[found[-1].end : slot.start])
            if after == "-" or (owner and (appended or slot.entity.type == "LOCATION")):
                # "the Ankara-based centre", "the HTS-backed government", "X, al-Qaeda's branch",
                # "Syria's province of Idlib": the name qualifies the object, it is not one.
                i, steps, modifier = slot.end, 0, False
                continue
            if (
                not modifier
                and slot.entity.type in wanted
                and slot.entity not in [s.entity for s in found]
            ):
                found.append(slot)
                if not many:
                    return found
            elif not found and not modifier and slot.entity.type not in wanted:
                return found  # another actor stands where the object should be
            i, steps, modifier = slot.end, 0, False
            continue
        lower = token.lower_
        if i + 2 < segment.end and doc[i + 1].text == "-" and doc[i + 2].lower_ in n.participles:
            i += 3  # "the Ankara-based centre", "the Turkish-backed SNA": a modifier
            continue
        if (
            token.tag_ in FINITE
            or lower in RELATIVE_PRONOUNS
            or (token.pos_ == "VERB" and token.tag_ != "VBN")
        ):
            break
        direction = lower in n.directions and (
            lower in ("near", "outside", "around")
            or (i + 1 < segment.end and doc[i + 1].lower_ == "of")
        )
        if token.pos_ == "ADP" and lower not in _STOPS and lower != "of":
            modifier = True  # "fought alongside X": X is no direct object
        elif lower in _STOPS or direction:
            if lower in ("in", "near", "with", "inside", "to", "from", "within") or direction:
                modifier = True  # "in northeastern Syria", "north of Hama": not an object
            elif found or lower in (";", ":", "(", ")", "since", "when", "while", "where", "until"):
                break
            else:
                modifier = True
        elif lower in (",", "and", "or"):
            modifier = False if lower != "," else modifier
        elif lower == "of" and found and i == found[-1].end:
            modifier = True  # "the Front of the National Army": a modifier, not another object
        elif (
            lower in _CONNECTORS
            or token.pos_ in ("ADJ", "DET", "NUM")
            or lower in n.place
            or lower in n.group
        ):
            pass
        else:
            steps += 1
            if steps > 1:
                break
        i += 1
        if not found and i - index > gap:
            break
    return found
