"""Where a text credits its sources rather than reporting: names there are not content.

Photo credits ("(AP Photo/Lefteris Pitarakis)", "REUTERS/Ali Hashisho", "Photo by X/AFP",
"[Kerem Kocalar/ Anadolu Agency]"), numbered citations ("(ToI [11], DW [14])") and the site
name a page title ends with ("... in Northern Syria | Independent Newspapers Nigeria") name
photographers, agencies and sites, never actors of the story. "Photo courtesy of SANA"
stays: it is a statement about who took the picture, written in the text's own words.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w’'.-]*(?:[ \t][A-Z][\w’'.-]*){0,3}"
_SLASH_CREDIT = re.compile(rf"(?P<left>{_NAME})/[ \t]?(?P<right>{_NAME})")
# "(ToI [11], DW [14])", or what cleaning leaves of it once the markers are gone: "(ToI , DW )".
_CITATIONS = re.compile(
    r"\((?=[^()\n]*(?:\[\d+\]|\w\s,))[^()\n]*\)"
    rf"|\((?:{_NAME})\s+\)"  # one source: "(AP )"
)
_SITE_SUFFIX = re.compile(r"[ \t]\|[ \t][^\n|]{2,60}$", re.MULTILINE)
_CREDIT_LEAD = re.compile(r"(?:\bphoto(?:graph)?s?(?:\s+by)?|\bcredit)\s*:?\s*$", re.IGNORECASE)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text's credits and citations, in text order."""
    spans = [m.span() for m in _CITATIONS.finditer(text)]
    spans += [m.span() for m in _SITE_SUFFIX.finditer(text)]
    for match in _SLASH_CREDIT.finditer(text):
        sides = (match["left"].split(), match["right"].split())
        if max(len(side) for side in sides) < 2:
            continue  # "YPG/PKK" joins two names; a credit names a person
        start, end = match.span()
        before = text[text.rfind("\n", 0, start) + 1 : start]
        rest = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
        bracketed = before.rstrip()[-1:] in ("(", "[") or rest.lstrip()[:1] in (")", "]")
        if bracketed or _CREDIT_LEAD.search(before) or not rest.strip(" .\t"):
            lead = _CREDIT_LEAD.search(before)
            if len(rest.split()) <= 2:
                end += len(rest)  # "(AP Photo/Lefteris Pitarakis) AP": the caption's tail
            spans.append((start - (len(lead.group(0)) if lead else 0), end))
    return sorted(spans)


def in_credit(spans: list[tuple[int, int]], start: int) -> bool:
    """True when a name starting at `start` lies in one of the spans."""
    return any(s <= start < e for s, e in spans)
