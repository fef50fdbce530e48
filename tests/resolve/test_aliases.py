"""Alias discovery (extract/aliases.py) and title stripping: the names the text itself links.

Alias discovery feeds resolution, so its tests live here; tests/extract/ belongs to the
assertion extractors.
"""

from __future__ import annotations

import pytest

from factionmap.extract.aliases import discover_aliases, nominal_bodies
from factionmap.nlp.mentions import split_title
from factionmap.records import Mention
from factionmap.resolve.within_doc import resolve_document

# (text, the anchoring name and its type, the alias the text states, the kind of link)
STATED_ALIASES = [
    pytest.param(
        "Mohammed al-Jassem, known as Abu Amsha, returned to the Afrin countryside last week.",
        ("Mohammed al-Jassem", "PERSON"),
        "Abu Amsha",
        "alias",
        id="known-as",
    ),
    pytest.param(
        "Sayf Boulad, also known as Sayf Abu Bakr, met Turkish officers in Afrin on Sunday.",
        ("Sayf Boulad", "PERSON"),
        "Sayf Abu Bakr",
        "alias",
        id="also-known-as",
    ),
    pytest.param(
        "The rebel commander Jihad Sheikh (known as Abu Ahmed Zakour) visited the town.",
        ("Jihad Sheikh", "PERSON"),
        "Abu Ahmed Zakour",
        "alias",
        id="paren-known-as",
    ),
    pytest.param(
        "Mohammed al-Jassem (Abu Amsha) appeared in a video recorded in the Atma area.",
        ("Mohammed al-Jassem", "PERSON"),
        "Abu Amsha",
        "alias",
        id="paren-kunya",
    ),
    pytest.param(
        "Fighters of Hayat Tahrir al-Sham (HTS) entered the town of Darat Izza at dawn.",
        ("Hayat Tahrir al-Sham", "ORG"),
        "HTS",
        "acronym",
        id="paren-acronym",
    ),
    pytest.param(
        "The Syrian Salvation Government (SSG) runs the civil administration in Idleb.",
        ("Syrian Salvation Government", "ORG"),
        "SSG",
        "acronym",
        id="paren-acronym-political",
    ),
    pytest.param(
        "The Levant Front (al-Jabha al-Shamiya) said its fighters had left the checkpoint.",
        ("Levant Front", "ORG"),
        "al-Jabha al-Shamiya",
        "alias",
        id="paren-arabic-name",
    ),
    pytest.param(
        "The Unified Command Room (Azm) was in charge of carrying out the decisions.",
        ("Unified Command Room", "ORG"),
        "Azm",
        "alias",
        id="paren-short-name",
    ),
    pytest.param(
        "Jaysh al-Islam, formerly Liwa al-Islam, withdrew from the eastern Ghouta in 2018.",
        ("Jaysh al-Islam", "ORG"),
        "Liwa al-Islam",
        "former_name",
        id="formerly",
    ),
    pytest.param(
        "Ahmed al-Sharaa, formerly known as Abu Mohammad al-Julani, was named president.",
        ("Ahmed al-Sharaa", "PERSON"),
        "Abu Mohammad al-Julani",
        "former_name",
        id="formerly-known-as",
    ),
    pytest.param(
        "HTS (formerly Jabhat Fateh al-Sham) tightened its grip on the Bab al-Hawa crossing.",
        ("HTS", "ORG"),
        "Jabhat Fateh al-Sham",
        "former_name",
        id="paren-formerly",
    ),
    pytest.param(
        "In early 2015, Hayat Tahrir al-Sham (the al-Nusra Front at the time) drove rival "
        "factions out of their strongholds.",
        ("Hayat Tahrir al-Sham", "ORG"),
        "al-Nusra Front",
        "former_name",
        id="at-the-time",
    ),
    pytest.param(
        "Tahrir al-Sham (Jabhat al-Nusra until 2016) expanded its control over Idlib.",
        ("Tahrir al-Sham", "ORG"),
        "Jabhat al-Nusra",
        "former_name",
        id="until-year",
    ),
]


@pytest.mark.parametrize(("text", "anchor", "alias", "kind"), STATED_ALIASES)
def test_aliases_discovered(make_document, mentions_of, text, anchor, alias, kind) -> None:
    document = make_document(text)
    mentions = mentions_of(document, [anchor])
    new, links = discover_aliases(document, mentions)
    assert [(link.first.text, link.second.text, link.kind) for link in links] == [
        (anchor[0], alias, kind)
    ]
    [found] = new
    assert document.text[found.start : found.end] == alias
    assert (found.type, found.source) == (anchor[1], "discovered")


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        pytest.param(
            "Today the NFL, formerly the main rival coalition in Idlib, follows HTS policy.",
            ("NFL", "ORG"),
            id="formerly-common-noun",
        ),
        pytest.param(
            "The SDF (which controls Raqqa) denied the accusations on Monday.",
            ("SDF", "ORG"),
            id="relative-clause",
        ),
        pytest.param(
            "Mustafa Sejri (pictured) said the factions had to unite.",
            ("Mustafa Sejri", "PERSON"),
            id="photo-note",
        ),
        pytest.param(
            "The Hamza Division (north of al-Bab) reinforced its positions.",
            ("Hamza Division", "ORG"),
            id="location-note",
        ),
        pytest.param(
            "HTS (2017) and the SNA (2019) were formed in different years.",
            ("HTS", "ORG"),
            id="year",
        ),
    ],
)
def test_aliases_not_stated(make_document, mentions_of, text, anchor) -> None:
    document = make_document(text)
    new, links = discover_aliases(document, mentions_of(document, [anchor]))
    assert (new, links) == ([], [])


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Sayf Abu Bakr (Hamza Division) met Turkish officers in Hawar Kilis.",
            [("Sayf Abu Bakr", "PERSON"), ("Hamza Division", "ORG")],
            id="person-faction",
        ),
        pytest.param(
            "Abu Amsha (Sultan Suleiman Shah Division) denied the accusations.",
            [("Abu Amsha", "PERSON")],
            id="person-faction-undetected",
        ),
        pytest.param(
            "Salim Idris (Minister of Defense) signed the decision.",
            [("Salim Idris", "PERSON")],
            id="person-post",
        ),
    ],
)
def test_aliases_parenthesis_naming_affiliation_is_not_alias(
    make_document, mentions_of, text, names
) -> None:
    document = make_document(text)
    _, links = discover_aliases(document, mentions_of(document, names))
    assert links == []


def test_aliases_existing_mention_is_linked_and_retyped(make_document, mentions_of) -> None:
    document = make_document("Mohammed al-Jassem, known as Abu Amsha, left the town of Atma.")
    # The model often types a kunya as a place; the text says it is the same person.
    mentions = mentions_of(document, [("Mohammed al-Jassem", "PERSON"), ("Abu Amsha", "LOCATION")])
    new, links = discover_aliases(document, mentions)
    [retyped] = new
    assert (retyped.text, retyped.type, retyped.source) == ("Abu Amsha", "PERSON", "model")
    assert (retyped.start, retyped.end) == (mentions[1].start, mentions[1].end)
    assert [(link.first.text, link.second.text) for link in links] == [
        ("Mohammed al-Jassem", "Abu Amsha")
    ]


def test_aliases_two_curated_actors_are_not_linked(make_document) -> None:
    text = "Ahrar al-Sham (National Front for Liberation) fighters withdrew."
    document = make_document(text)
    first = Mention(
        document.id, 0, 13, "Ahrar al-Sham", "ORG", "armed_group", "ahrar", "dictionary"
    )
    start = text.index("National")
    end = start + len("National Front for Liberation")
    second = Mention(
        document.id, start, end, text[start:end], "ORG", "armed_group", "nfl", "dictionary"
    )
    assert discover_aliases(document, [first, second]) == ([], [])


def test_aliases_places_do_not_anchor(make_document, mentions_of) -> None:
    document = make_document("The town of Atma (Idlib countryside) received displaced families.")
    assert discover_aliases(document, mentions_of(document, [("Atma", "LOCATION")])) == ([], [])


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("After a tripartite committee convicted Abu Amsha of violations", "tripartite committee"),
        ("The decision of the military court was announced on Sunday.", "military court"),
        ("a joint committee of the factions will oversee the crossing", "joint committee"),
        ("The committee said nothing.", None),
        ("The Manbij Military Council said its fighters withdrew.", None),
    ],
)
def test_aliases_nominal_bodies(make_document, text: str, body: str | None) -> None:
    found = nominal_bodies(make_document(text))
    assert [(m.text, m.type, m.subtype) for m in found] == (
        [(body, "ORG", "other")] if body else []
    )


def test_aliases_former_name_resolves_into_one_entity(
    make_document, mentions_of, empty_dictionary
) -> None:
    text = (
        "In early 2015, Hayat Tahrir al-Sham (the al-Nusra Front at the time) expelled rival "
        "factions from Jabal al-Zawiya. Tahrir al-Sham now controls most of Idleb."
    )
    document = make_document(text)
    mentions = mentions_of(document, [("Hayat Tahrir al-Sham", "ORG"), ("Tahrir al-Sham", "ORG")])
    new, links = discover_aliases(document, mentions)
    entities = resolve_document(
        document, sorted(mentions + new, key=lambda m: m.start), links, empty_dictionary
    )
    orgs = [e for e in entities if e.type == "ORG"]
    assert len(orgs) == 1
    [hts] = orgs
    assert hts.name == "Hayat Tahrir al-Sham"
    assert hts.former_names == ("al-Nusra Front",)
    assert set(hts.aliases) == {"al-Nusra Front", "Tahrir al-Sham"}


# Titles and ranks are not part of a person's name; they become the entity's roles.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brigadier General Abdullah al-Assaad", ("Brigadier General", "Abdullah al-Assaad")),
        ("Colonel Hatem Darwish", ("Colonel", "Hatem Darwish")),
        ("Sheikh Jihad al-Issa", ("Sheikh", "Jihad al-Issa")),
        ("Dr. Samir Hafez", ("Dr.", "Samir Hafez")),
        ("Prime Minister Ali Keda", ("Prime Minister", "Ali Keda")),
        ("Mustafa Sejri", ("", "Mustafa Sejri")),
        ("General", ("", "General")),  # a title alone is left alone
    ],
)
def test_aliases_split_title(text: str, expected: tuple[str, str]) -> None:
    assert split_title(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        (
            "The military expert Brigadier General Nizar Khalaf told the newsroom that the "
            "factions lacked a unified command.",
            "Nizar Khalaf",
            ("military expert Brigadier General",),
        ),
        (
            "The HTS general commander Abu Mohammad al-Jolani met notables in Atma.",
            "Abu Mohammad al-Jolani",
            ("general commander",),
        ),
        (
            "The sanctions targeted the Sultan Suleiman Shah Division and its commander "
            "Mohammed al-Jassem.",
            "Mohammed al-Jassem",
            ("commander",),
        ),
        (
            "Brigadier General Salim Idris led the meeting in Gaziantep.",
            "Salim Idris",
            ("Brigadier General",),
        ),
        (
            "The political analyst Omar Bitar disagreed with the plan.",
            "Omar Bitar",
            ("political analyst",),
        ),
        ("According to Nizar Khalaf, the factions lacked a unified command.", "Nizar Khalaf", ()),
    ],
)
def test_aliases_titles_become_roles(
    make_document, mentions_of, empty_dictionary, text, name, roles
) -> None:
    document = make_document(text)
    mentions = mentions_of(document, [(name, "PERSON")])
    [person] = resolve_document(document, mentions, [], empty_dictionary)
    assert person.name == name
    assert person.roles == roles


@pytest.mark.model
def test_aliases_model_title_stripped_into_role(nlp) -> None:
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(
        "The military expert Brigadier General Nizar Khalaf said the Syrian National Army "
        "would not merge with Hayat Tahrir al-Sham. Khalaf added that talks were possible.",
        nlp=nlp,
    )
    people = [e for e in analyzed.entities if e.type == "PERSON"]
    [khalaf] = [e for e in people if "Khalaf" in e.name]
    assert khalaf.name == "Nizar Khalaf"
    assert "Brigadier General" in " ".join(khalaf.roles)
    assert not any("Brigadier" in m.text for e in analyzed.entities for m in e.mentions)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "full", "alias"),
    [
        pytest.param(
            "Mohammad al-Jasim, known as Abu Amsha, returned to A'zaz on Sunday. Al-Jasim did "
            "not comment on his return.",
            "Mohammad al-Jasim",
            "Abu Amsha",
            id="known-as",
        ),
        pytest.param(
            "Ahmed al-Sharaa, known as Abu Mohammad al-Golani, addressed the crowd in Idleb city.",
            "Ahmed al-Sharaa",
            "Abu Mohammad al-Golani",
            id="known-as-kunya",
        ),
        pytest.param(
            "Fighters of the Syrian Democratic Forces (SDF) withdrew from two villages near "
            "Manbij, and the SDF said the move was agreed.",
            "Syrian Democratic Forces",
            "SDF",
            id="acronym",
        ),
    ],
)
def test_aliases_model_alias_joins_entity(nlp, text: str, full: str, alias: str) -> None:
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(text, nlp=nlp)
    holders = [e for e in analyzed.entities if {full, alias} <= {e.name, *e.aliases}]
    assert len(holders) == 1, [(e.name, e.aliases) for e in analyzed.entities]
