"""Typed mentions: demonym states, names inside longer names, places named like people."""

from __future__ import annotations

import pytest

from factionmap.nlp.mentions import corrected_type, mentions_from_doc, split_title
from factionmap.nlp.states import names_people


def _analyze(nlp, text: str):
    from factionmap.pipeline import analyze_text

    return analyze_text(text, nlp=nlp)


def _mentions(analyzed) -> dict[str, tuple[str, str | None]]:
    """Mention text → (entity type, curated key of its entity)."""
    return {m.text: (e.type, e.actor_key) for e in analyzed.entities for m in e.mentions}


# ---- rules on name shape (no model) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "model_type", "expected"),
    [
        ("Abu Amsha", "LOCATION", "PERSON"),  # a kunya, whatever the model says
        ("Abu Bakr al-Siddiq Brigade", "PERSON", "ORG"),  # a unit named after a man
        ("Hamza Division", "PERSON", "ORG"),
        ("Afrin countryside", "ORG", "LOCATION"),
        ("Nizar Khalaf", "PERSON", "PERSON"),
    ],
)
def test_mentions_corrected_type(text: str, model_type, expected: str) -> None:
    assert corrected_type(text, model_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Field Marshal Khalifa Haftar", ("Field Marshal", "Khalifa Haftar")),
        ("Speaker Nabih Berri", ("Speaker", "Nabih Berri")),
        ("President Bashar al-Assad", ("President", "Bashar al-Assad")),
        ("Field Marshal", ("", "Field Marshal")),
    ],
)
def test_mentions_split_title(text: str, expected: tuple[str, str]) -> None:
    assert split_title(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kurds", True),
        ("the Alawites", True),
        ("Druze", True),
        ("Sunni Arabs", True),
        ("Nusayri", True),
        ("Houthis", False),
        ("Turkey", False),
        ("Kurdish Peshmerga", False),
    ],
)
def test_mentions_names_people(text: str, expected: bool) -> None:
    assert names_people(text) is expected


class _NoPlaces:
    """A gazetteer service that knows no place: rule tests must not depend on geonames."""

    def place(self, name: str) -> None:
        return None

    def country(self, name: str) -> None:
        return None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the town of X" is a place whatever the gazetteer knows.
        ("Rebels shelled the town of Abu Qurain overnight.", ("Abu Qurain", "LOCATION")),
        (
            "The towns were shelled, and residents of Sheikh Shamsu said drones were heard.",
            ("Sheikh Shamsu", "LOCATION"),
        ),
    ],
)
def test_mentions_place_words_beat_name_shape(nlp, make_document, empty_dictionary, text, expected):
    document = make_document(text)
    found = mentions_from_doc(nlp(text), document, empty_dictionary, _NoPlaces())  # type: ignore[arg-type]
    assert (expected[0], expected[1]) in {(m.text, m.type) for m in found}


# ---- the English model with the packaged dictionary and gazetteer -----------------------

# (text, {mention text: (type, curated key)}, mention texts that must not be entities)
MODEL_CASES = [
    # 1. Demonyms name states where they modify what a state commands or does.
    pytest.param(
        "Turkish-backed factions shelled the area while Russian warplanes struck Idlib.",
        {"Turkish": ("ORG", "turkey"), "Russian": ("ORG", "russia")},
        [],
        id="demonym-backed-and-warplanes",
    ),
    pytest.param(
        "Iranian-backed militias advanced, the Israeli army said, as U.S.-backed fighters "
        "and Turkish and Russian forces watched.",
        {
            "Iranian": ("ORG", "iran"),
            "Israeli": ("ORG", "israel"),
            "U.S.": ("ORG", "united_states"),
            "Turkish": ("ORG", "turkey"),
            "Russian": ("ORG", "russia"),
        },
        [],
        id="demonym-coordination-and-glued-compound",
    ),
    pytest.param(
        "Syrian refugees in Gaziantep said the Turkish lira had collapsed, Turkish media "
        "reported, and Iranian state media agreed.",
        {},
        ["Syrian", "Turkish", "Iranian"],
        id="demonym-of-people-and-things",
    ),
    pytest.param(
        "Libyan forces and Yemeni fighters were blamed; Kurdish parties stayed silent.",
        {},
        ["Libyan", "Yemeni", "Kurdish"],
        id="contested-or-stateless-demonyms",
    ),
    pytest.param(
        "The regime and the Russians have failed to end the threat, a Saudi delegation said.",
        {"Russians": ("ORG", "russia"), "Saudi": ("ORG", "saudi_arabia")},
        [],
        id="the-russians-and-a-delegation",
    ),
    pytest.param(
        "The U.S.-led international coalition sent reinforcements to the Saudi-led coalition.",
        {
            "international coalition": ("ORG", "us_led_coalition"),
            "Saudi-led coalition": ("ORG", "saudi_led_coalition"),
        },
        ["U.S."],
        id="led-coalition-is-a-name",
    ),
    pytest.param(
        "The Turkish-backed Syrian National Army captured the village.",
        {"Turkish": ("ORG", "turkey"), "Syrian National Army": ("ORG", "sna")},
        [],
        id="backer-split-from-curated-name",
    ),
    # 2. Short curated names inside longer names.
    pytest.param(
        "Egyptian Islamic Jihad and Palestinian Islamic Jihad are different groups.",
        {
            "Egyptian Islamic Jihad": ("ORG", None),
            "Palestinian Islamic Jihad": ("ORG", "pij"),
        },
        [],
        id="generic-alias-after-demonym",
    ),
    pytest.param(
        "Mohammed Ali al-Houthi said the al-Houthi movement would respond.",
        {
            "Mohammed Ali al-Houthi": ("PERSON", None),
            "al-Houthi movement": ("ORG", "houthis"),
        },
        [],
        id="family-name-is-not-the-movement",
    ),
    pytest.param(
        "Bassel al-Assad died in 1994.",
        {"Bassel al-Assad": ("PERSON", None)},
        [],
        id="another-member-of-the-family",
    ),
    pytest.param(
        "The Ahrar al-Sham Eastern Sector, which split from Ahrar al-Sham, joined HTS.",
        {
            "Ahrar al-Sham Eastern Sector": ("ORG", None),
            "Ahrar al-Sham": ("ORG", "ahrar_al_sham"),
        },
        [],
        id="named-part-of-a-curated-group",
    ),
    pytest.param(
        "Haftar's forces probe Tripoli's southern front, and a new Syrian army is planned.",
        {"Haftar's forces": ("ORG", "lna")},
        ["southern front", "new Syrian army"],
        id="curated-name-in-lower-case-is-a-description",
    ),
    # 3. Kunyas, titles and people's names that are places.
    pytest.param(
        "Turkish drones struck the SDF near Abu Qalqal, and residents of Sheikh al-Hadid fled "
        "to Abu Dhabi.",
        {
            "Abu Qalqal": ("LOCATION", None),
            "Sheikh al-Hadid": ("LOCATION", None),
            "Abu Dhabi": ("LOCATION", None),
        },
        ["al-Hadid"],
        id="kunya-and-title-shaped-places",
    ),
    pytest.param(
        "The Houthis fired drones at Sanaa airport. Abu Amsha said nothing.",
        {
            "Houthis": ("ORG", "houthis"),
            "Sanaa": ("LOCATION", None),
            "Abu Amsha": ("PERSON", "mohammed_al_jassem"),
        },
        [],
        id="capital-read-as-person",
    ),
    # 4. Communities are not actors.
    pytest.param(
        "The Kurds and the Alawites fear the Druze factions in Sweida.",
        {"Sweida": ("LOCATION", "place:As-Suwayda")},
        ["Kurds", "Alawites", "Druze"],
        id="ethnonyms",
    ),
    # 6. Titles are roles, also on dictionary names.
    pytest.param(
        "President Bashar al-Assad met Field Marshal Khalifa Haftar.",
        {
            "Bashar al-Assad": ("PERSON", "bashar_al_assad"),
            "Khalifa Haftar": ("PERSON", "khalifa_haftar"),
        },
        ["President Bashar al-Assad", "Field Marshal"],
        id="titles-stripped-from-dictionary-names",
    ),
    # Names the model misses or cuts short.
    pytest.param(
        "CENTCOM said its forces killed Usama Jamal Muhammad Ibrahim al-Janabi, a commander "
        "in the Abu Bakr al-Siddiq Brigade and the 62nd Division.",
        {
            "Usama Jamal Muhammad Ibrahim al-Janabi": ("PERSON", None),
            "Abu Bakr al-Siddiq Brigade": ("ORG", None),
            "62nd Division": ("ORG", None),
        },
        [],
        id="long-names-and-unit-names",
    ),
    pytest.param(
        "The Syrian Observatory, a Britain-based war monitor, said so.",
        {"Syrian Observatory": ("ORG", "sohr")},
        ["Britain"],
        id="based-compound-is-no-actor",
    ),
    pytest.param(
        "Jordan's Defence Minister met researchers from Century International.",
        {"Century International": ("ORG", None)},
        ["Defence"],
        id="portfolio-is-no-body-and-international-is-an-org",
    ),
    # issue 7: entity classes seen on the real dev set
    pytest.param(
        "Interior ministry spokesman Noureddine Al-Baba said the churches were safe, a "
        "pro-Damascus commander said.",
        {"Interior ministry": ("ORG", None), "Noureddine Al-Baba": ("PERSON", None)},
        ["Interior", "Damascus", "pro-"],
        id="lower-case-body-head-kept-and-stance-prefix-is-no-place",
    ),
    pytest.param(
        "2025-08-28 05:01:50\n(MENAFN- Khaama Press) Israel carried out strikes. "
        "(AP Photo/Lefteris Pitarakis)\n"
        "Clashes erupted between armed Druze factions and Bedouin tribal forces. (Reuters [17])",
        {
            "Khaama Press": ("ORG", None),
            "armed Druze factions": ("ORG", None),
            "Bedouin tribal forces": ("ORG", None),
        },
        ["AP", "Photo/Lefteris Pitarakis", "Reuters", "MENAFN- Khaama Press"],
        id="source-tags-credits-citations-and-community-forces",
    ),
    pytest.param(
        "Forces shelled the villages of Khidr Hassan and Sheikh Ali, and Cavusoglu met his "
        "counterpart in Ankara.",
        {"Sheikh Ali": ("LOCATION", None), "Ankara": ("LOCATION", "place:Ankara")},
        ["Ali"],
        id="place-lists-and-capital-as-a-place",
    ),
    pytest.param(
        "Fighters who want to establish an Islamic state attacked, Syrian military sources said.",
        {},
        ["Islamic state", "Syrian military"],
        id="curated-names-used-as-descriptions",
    ),
    # Names that name no actor nor place (issue 7: real reporting).
    pytest.param(
        "The fighters, armed with Kalashnikovs, met a VBIED and an RPG team near Homs.",
        {"Homs": ("LOCATION", "place:Homs")},
        ["Kalashnikovs", "VBIED", "RPG"],
        id="weapons-are-no-actors",
    ),
    pytest.param(
        "The Nusra Front teamed up with another Salafist jihadist group in Raqqa.",
        {"Nusra Front": ("ORG", "hts")},
        ["Salafist"],
        id="an-ideology-qualifies-an-actor",
    ),
    pytest.param(
        "The Coalition complies with the Law of Armed Conflict and the Cessation of "
        "Hostilities, officials told the Manama Dialogue.",
        {},
        ["Law of Armed Conflict", "Cessation of Hostilities", "Manama Dialogue"],
        id="laws-truces-and-meetings-are-no-actors",
    ),
    pytest.param(
        "The YPG said it would soon announce the end of the Jazeera Storm campaign.",
        {"YPG": ("ORG", "ypg")},
        ["Jazeera Storm", "Jazeera"],
        id="an-operation-name-is-no-actor",
    ),
    pytest.param(
        "Shells rained down on Rastan. Media run by Hezbollah reported gains.",
        {"Rastan": ("LOCATION", "place:Al-Rastan"), "Hezbollah": ("ORG", "hezbollah")},
        ["Shells", "Media"],
        id="a-common-noun-opening-a-sentence",
    ),
    pytest.param(
        "Near Mosul, five strikes hit ISIL. Boko Haram and the Independent Houran Reporters "
        "campaign said so.",
        {"Mosul": ("LOCATION", "place:Mosul")},
        ["Haram", "Houran", "Near Mosul"],
        id="a-place-name-inside-a-longer-name",
    ),
    pytest.param(
        "Syria Daily: Besieged Syrian City of Kobane Holds Out\nSYRIA\nFighters held Kobani.",
        {},
        ["Syrian City", "SYRIA"],
        id="headline-descriptions-and-section-labels",
    ),
    pytest.param(
        "A curfew runs from 5 p.m. (1400 GMT) in Latakia. He met his Bissau-Guinean "
        "counterpart. Tribal forces held the Latwa area of Dhiban.",
        {"Dhiban": ("LOCATION", None)},
        ["GMT", "Bissau"],
        id="time-zones-adjective-halves-and-areas",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected", "absent"), MODEL_CASES)
def test_mentions_model_typing(nlp, text: str, expected: dict, absent: list[str]) -> None:
    found = _mentions(_analyze(nlp, text))
    for mention, typed in expected.items():
        assert found.get(mention) == typed, f"{mention!r}: {found}"
    for mention in absent:
        assert mention not in found, f"{mention!r} should not be an entity: {found}"


@pytest.mark.model
def test_mentions_role_kept_when_title_stripped(nlp) -> None:
    analyzed = _analyze(nlp, "Prime Minister Abdul Hamid Dbeibah met Speaker Nabih Berri.")
    roles = {e.name: e.roles for e in analyzed.entities}
    assert roles["Abdul Hamid Dbeibah"] == ("Prime Minister",)
    assert roles["Nabih Berri"] == ("Speaker",)


# ---- composed articles from other theatres (tests/data/entities) -------------------------

# (file, mention text, entity type, curated key or None)
ARTICLE_ENTITIES = [
    ("libya_tripoli_front.txt", "Libyan National Army", "ORG", "lna"),
    ("libya_tripoli_front.txt", "Khalifa Haftar", "PERSON", "khalifa_haftar"),
    ("libya_tripoli_front.txt", "Turkish", "ORG", "turkey"),
    ("libya_tripoli_front.txt", "Emirati", "ORG", "uae"),
    ("libya_tripoli_front.txt", "Russian", "ORG", "russia"),
    ("libya_tripoli_front.txt", "Abu Qurain", "LOCATION", None),
    ("libya_tripoli_front.txt", "Gharyan", "LOCATION", None),
    ("libya_tripoli_front.txt", "Government of National Unity", "ORG", "gnu_libya"),
    ("yemen_red_sea.txt", "Houthis", "ORG", "houthis"),
    ("yemen_red_sea.txt", "Sanaa", "LOCATION", None),
    ("yemen_red_sea.txt", "Mohammed Ali al-Houthi", "PERSON", None),
    ("yemen_red_sea.txt", "Abdul-Malik al-Houthi", "PERSON", "abdul_malik_al_houthi"),
    ("yemen_red_sea.txt", "Yemeni Republican Guard", "ORG", None),
    ("yemen_red_sea.txt", "Southern Transitional Council", "ORG", "stc"),
    ("yemen_red_sea.txt", "Iranian", "ORG", "iran"),
    ("yemen_red_sea.txt", "al-Masirah television", "ORG", "al_masirah"),
    ("iraq_kirkuk_dispute.txt", "Peshmerga", "ORG", "peshmerga"),
    ("iraq_kirkuk_dispute.txt", "Iraqi", "ORG", "iraq"),
    ("iraq_kirkuk_dispute.txt", "Iraqi Republican Guard", "ORG", None),
    ("iraq_kirkuk_dispute.txt", "Sheikh Shamsu", "LOCATION", None),
    ("iraq_kirkuk_dispute.txt", "Badr Organization", "ORG", "badr_organization"),
    ("lebanon_south_border.txt", "Lebanese Forces", "ORG", "lebanese_forces"),
    ("lebanon_south_border.txt", "Lebanese", "ORG", "lebanon"),
    ("lebanon_south_border.txt", "Israeli", "ORG", "israel"),
    ("lebanon_south_border.txt", "Egyptian Islamic Jihad", "ORG", None),
    ("lebanon_south_border.txt", "Palestinian Islamic Jihad", "ORG", "pij"),
    ("lebanon_south_border.txt", "Hasbaya", "LOCATION", None),
    ("lebanon_south_border.txt", "Amal Movement", "ORG", "amal_movement"),
]
# (file, text that names no actor or place of its own)
ARTICLE_NON_ENTITIES = [
    ("libya_tripoli_front.txt", "Libyan"),
    ("libya_tripoli_front.txt", "Field Marshal"),
    ("libya_tripoli_front.txt", "southern front"),
    ("libya_tripoli_front.txt", "coast"),
    ("yemen_red_sea.txt", "Houthi spokesman"),
    ("iraq_kirkuk_dispute.txt", "Kurds"),
    ("iraq_kirkuk_dispute.txt", "Turkmen"),
    ("lebanon_south_border.txt", "Druze"),
    ("lebanon_south_border.txt", "Christians"),
]


@pytest.fixture(scope="module")
def articles(nlp, data_dir):
    """Each composed article of tests/data/entities, analysed once."""
    folder = data_dir / "entities"
    return {
        path.name: _mentions(_analyze(nlp, path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.txt"))
    }


@pytest.mark.model
@pytest.mark.parametrize(("file", "text", "entity_type", "key"), ARTICLE_ENTITIES)
def test_mentions_articles_of_other_theatres(articles, file, text, entity_type, key) -> None:
    assert articles[file].get(text) == (entity_type, key), articles[file]


@pytest.mark.model
@pytest.mark.parametrize(("file", "text"), ARTICLE_NON_ENTITIES)
def test_mentions_articles_non_entities(articles, file, text) -> None:
    assert text not in articles[file]
