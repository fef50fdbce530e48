"""Credits and citations: the spans whose names are not content (issue 7)."""

from __future__ import annotations

import pytest

from factionmap.nlp.credits import credit_spans


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("Smoke rises, Oct. 9. (AP Photo/Lefteris Pitarakis) AP\nNext", ["AP Photo/Lefteris"]),
        ("Arsal, July 21. REUTERS/Ali Hashisho\n\nThe operation", ["REUTERS/Ali Hashisho"]),
        ("Monday. Photo by Abdulmonam Eissa/AFP.\n\nToday", ["Photo by Abdulmonam Eissa/AFP"]),
        ("offensive [Kerem Kocalar/ Anadolu Agency]\n", ["Kerem Kocalar/ Anadolu Agency"]),
        ("attacks. (ToI [11], Al Jazeera [13], DW [14])\nThe", ["(ToI [11], Al Jazeera"]),
        # what cleaning leaves of citation markers
        ("attacks. (ToI , Al Jazeera , DW )\nThe", ["(ToI , Al Jazeera , DW )"]),
        ("in Suwayda. (AP )\nAfter", ["(AP )"]),
        ("Four Killed In Northern Syria | Independent Newspapers Nigeria\n", [" | Independent"]),
        # joined names, lists of places and asides are content
        ("The YPG/PKK said. Hay'at Tahrir al-Sham/Jabhat Fateh al-Sham fighters left.", []),
        ("the villages of ( Balyon, Kesafra, Eblin and Maghara in the Zawiya mount ) fell", []),
        ("the group (HTS) and the Syrian Democratic Forces (SDF) said", []),
        ("Photo courtesy of SANA.", []),
    ],
)
def test_credits_credit_spans(text: str, credits: list[str]) -> None:
    found = [text[s:e] for s, e in credit_spans(text)]
    assert len(found) == len(credits), found
    for span, prefix in zip(found, credits, strict=True):
        assert span.startswith(prefix), found
