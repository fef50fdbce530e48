"""Group descriptions that name one actor in the document's country at the article's date."""

from __future__ import annotations

import pytest

from factionmap.pipeline import analyze_text

pytestmark = pytest.mark.model

_IDLIB = "Government forces shelled villages near Idlib and Saraqeb on Monday."
_MANBIJ = "Turkish-backed factions attacked villages near Manbij and Aleppo, monitors said."
_KOBANI = "Kurdish-led fighters repelled an attack on Kobani in Aleppo province."


def _actor_of(text: str, published: str | None, nlp, words: str) -> str | None:
    analyzed = analyze_text(text, published=published, nlp=nlp)
    start = text.index(words)
    entity = analyzed.entity_at(start, start + len(words))
    return entity.actor_key if entity is not None else None


@pytest.mark.parametrize(
    ("text", "published", "words", "actor"),
    [
        # The dictionary's dated aliases pick the army of the date.
        (_IDLIB, "2019-05-01", "Government forces", "saa"),
        (_IDLIB, "2025-03-10", "Government forces", "new_syrian_army"),
        ("Regime troops advanced on Saraqeb in Idlib.", "2016-02", "Regime troops", "saa"),
        # The Syrian National Army exists from the end of 2017; "Turkish" stays Turkey's.
        (_MANBIJ, "2019-10-12", "factions", "sna"),
        (_MANBIJ, "2019-10-12", "Turkish", "turkey"),
        (_MANBIJ, "2016-09-01", "factions", None),
        (_KOBANI, "2019-10-12", "Kurdish-led fighters", "sdf"),
        (_KOBANI, "2014-10-01", "Kurdish-led fighters", None),  # before the SDF
        ("Kurdish forces shelled Afrin.", "2018-01-19", "Kurdish forces", "ypg"),
        # A demonym names its own country's forces, wherever the story is set.
        ("Syrian forces pushed deeper into Idlib.", "2019-12-22", "Syrian forces", "saa"),
        (
            "Yemeni forces clashed near Marib and Aden.",
            "2019-12-22",
            "Yemeni forces",
            "yemeni_government",
        ),
        ("US-backed Syrian forces held Raqqa.", "2019-12-22", "Syrian forces", None),
    ],
)
def test_descriptions_name_the_actor_of_the_date(
    nlp, text: str, published: str, words: str, actor: str | None
) -> None:
    assert _actor_of(text, published, nlp, words) == actor


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Another country's government, or no country at all: no Syrian actor.
        ("Government forces shelled villages near Mosul and Tikrit.", "Government forces"),
        ("Government forces shelled the villages.", "Government forces"),
        # Kurdish forces in Iraq are the Peshmerga, not the YPG.
        ("Kurdish forces entered Kirkuk and Erbil.", "Kurdish forces"),
        # Several actors at once: no one actor.
        ("Pro-Iranian militias moved into Deir ez-Zor and Mayadin.", "militias"),
    ],
)
def test_descriptions_outside_their_setting_name_no_syrian_actor(
    nlp, text: str, words: str
) -> None:
    actor = _actor_of(text, "2019-05-01", nlp, words)
    assert actor not in {"saa", "new_syrian_army", "sna", "sdf", "ypg"}
