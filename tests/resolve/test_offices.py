"""Offices: a post named without its holder resolves to the holder at the date, else to the
post's own entity, never to a fragment of the title (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap.records import Document
from factionmap.resolve.dictionary import load_dictionary_files, packaged_dictionary
from factionmap.resolve.offices import office_mentions

OFFICES = """
- {key: turkey, name: Turkey, type: ORG, subtype: state, country: TR}
- {key: united_kingdom, name: United Kingdom, type: ORG, subtype: state, aliases: [UK, Britain]}
- {key: canikli, name: Nurettin Canikli, type: PERSON}
- {key: akar, name: Hulusi Akar, type: PERSON}
- {key: johnson, name: Boris Johnson, type: PERSON}
- key: office_tr_defence
  name: Turkish Minister of National Defence
  type: PERSON
  office:
    of: turkey
    titles: [defence minister, minister of defence]
    holders:
      - {key: canikli, from: "2017-07-19", until: "2018-07-10"}
      - {key: akar, from: "2018-07-10", until: "2023-06-04"}
- key: office_gb_foreign
  name: UK Foreign Secretary
  type: PERSON
  office:
    of: united_kingdom
    titles: [foreign secretary]
    bare: true
    holders:
      - {key: johnson, from: "2016-07-13", until: "2018-07-09"}
"""


@pytest.fixture
def dictionary(tmp_path: Path):
    path = tmp_path / "offices.yaml"
    path.write_text(OFFICES, encoding="utf-8")
    return load_dictionary_files([path])


def keyed(text: str, published: str | None, dictionary) -> list[tuple[str, str | None]]:
    document = Document(id="d", text=text, file="<text>", published=published)
    return [(m.text, m.actor_key) for m in office_mentions(document, dictionary)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Turkey's defence minister flew to Moscow.",
            "2018-03-01",
            [("defence minister", "canikli")],
        ),
        ("Turkey’s defence minister flew to Moscow.", "2019-03-01", [("defence minister", "akar")]),
        ("The Turkish defence minister spoke.", "2019-03-01", [("defence minister", "akar")]),
        # Out of the holders' dates, or undated: the post itself.
        (
            "Turkey's defence minister spoke.",
            "2024-01-01",
            [("defence minister", "office_tr_defence")],
        ),
        ("Turkey's defence minister spoke.", None, [("defence minister", "office_tr_defence")]),
        (
            "The Foreign Secretary said Britain would act.",
            "2018-01-05",
            [("Foreign Secretary", "johnson")],
        ),
        ("the UK foreign secretary said so.", "2018-01-05", [("foreign secretary", "johnson")]),
        # A bare title is a post only where it is the owner's usage.
        ("The defence minister said so.", "2018-03-01", []),
        # The holder's name follows: the name is the mention, the title its role.
        ("The Foreign Secretary, Boris Johnson, said so.", "2018-01-05", []),
        ("Turkey's defence minister Hulusi Akar said so.", "2019-01-05", []),
        # A former or shadow holder is not the holder at the date.
        ("The former foreign secretary said so.", "2018-01-05", []),
        ("the shadow foreign secretary said so.", "2018-01-05", []),
    ],
)
def test_offices_title_resolves_to_holder_at_date_or_post(
    dictionary, text: str, published: str | None, expected: list
) -> None:
    assert keyed(text, published, dictionary) == expected


def test_offices_packaged_holders_are_entries_and_do_not_overlap() -> None:
    actors = packaged_dictionary()
    offices = [e for e in actors.entries if e.office is not None]
    assert len(offices) >= 15
    for entry in offices:
        assert entry.office is not None and entry.office.of in actors.by_key, entry.key
        spans = []
        for holder in entry.office.holders:
            assert holder.key in actors.by_key, (entry.key, holder.key)
            spans.append((holder.start or "", holder.end or "9999"))
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), entry.key


@pytest.mark.model
def test_offices_through_the_pipeline_one_entity_with_the_named_holder() -> None:
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(
        "Jeremy Hunt arrived in Ankara on Monday. The Foreign Secretary later met Turkey's "
        "defence minister and the US envoy.",
        "2019-01-10",
    )
    by_text = {m.text: e for e in analyzed.entities for m in e.mentions}
    assert by_text["Foreign Secretary"] is by_text["Jeremy Hunt"]
    assert by_text["defence minister"].actor_key == "hulusi_akar"
    assert by_text["envoy"].actor_key == "office_us_envoy"
    assert not [e for e in analyzed.entities if e.name in {"State", "Government of"}]
