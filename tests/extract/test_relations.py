"""Relations between actors: one table per cue family, plus polarity, time and attribution.

Sentences are composed in the style of conflict reporting (several theatres, several
outlets' habits); none is taken from the seed articles.
"""

from __future__ import annotations

import pytest

from factionmap.extract.cues import noun_forms, phrase_variants, verb_forms
from factionmap.extract.dates import resolve_dates
from factionmap.extract.quotes import extract_quotes
from factionmap.extract.relation_candidates import relation_lexicon
from factionmap.extract.relations import extract_relations
from factionmap.pipeline import analyze_text
from factionmap.records import Relation

SYMMETRIC = {"allied_with", "hostile_to", "negotiating_with"}


def _names(analyzed, local_id: str) -> set[str]:
    entity = analyzed.entity(local_id)
    assert entity is not None
    texts = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
    return {t.lower() for t in texts}


def _relations(nlp, text: str, published: str | None = "2024-03"):
    analyzed = analyze_text(text, published, nlp=nlp)
    found = extract_relations(analyzed, resolve_dates(analyzed), extract_quotes(analyzed))
    return analyzed, found


def _named(analyzed, local_id: str, surface: str) -> bool:
    """True when one of an entity's names contains `surface` ("al-Jolani" in a full name)."""
    wanted = surface.lower().replace("’", "'")
    return any(wanted in name.replace("’", "'") for name in _names(analyzed, local_id))


def _find(analyzed, relations: tuple[Relation, ...], subject: str, predicate: str, obj: str):
    """Relations matching (subject, predicate, object) by any surface form of the entities."""
    hits = []
    for relation in relations:
        if relation.predicate != predicate:
            continue
        s, o = relation.subject, relation.object
        if (_named(analyzed, s, subject) and _named(analyzed, o, obj)) or (
            predicate in SYMMETRIC and _named(analyzed, o, subject) and _named(analyzed, s, obj)
        ):
            hits.append(relation)
    return hits


def test_relations_inflections_cover_regular_and_doubled_forms():
    assert {"controls", "controlled", "controlling"} <= verb_forms("control")
    assert {"banned", "bans"} <= verb_forms("ban")
    assert {"accused", "accusing"} <= verb_forms("accuse")
    assert {"met"} <= verb_forms("meet")
    assert noun_forms("militia") == {"militia", "militias"}
    assert ("reached", "*", "understanding", "with") in phrase_variants(
        "reach * understanding with", "verb"
    )


def test_relations_lexicon_types_follow_the_ontology():
    lexicon = relation_lexicon()
    assert lexicon.predicates["leader_of"].subject == ("PERSON",)
    assert lexicon.predicates["controls"].object == ("LOCATION",)
    assert {p for p, spec in lexicon.predicates.items() if spec.symmetric} == SYMMETRIC
    assert lexicon.demonyms["turkish"][0] == "Turkey"


# (text, subject, predicate, object)
ROLE_CASES = [
    ("The HTS general commander Abu Mohammad al-Jolani visited Sarmada.",
     "al-Jolani", "leader_of", "HTS"),
    ("SDF commander Mazloum Abdi met a US delegation in Hasakah.",
     "Mazloum Abdi", "leader_of", "SDF"),
    ("The commander of the Hamza Division, Sayf Boulad Abu Bakr, said his forces were ready.",
     "Sayf Boulad Abu Bakr", "leader_of", "Hamza Division"),
    ("Fahim Issa, the leader of the Sultan Murad Division, denied the reports.",
     "Fahim Issa", "leader_of", "Sultan Murad Division"),
    ("Mazloum Abdi became the commander of the Syrian Democratic Forces in 2015.",
     "Mazloum Abdi", "leader_of", "Syrian Democratic Forces"),
    ("The Rapid Support Forces, led by Mohamed Hamdan Dagalo, attacked the army in Khartoum.",
     "Mohamed Hamdan Dagalo", "leader_of", "Rapid Support Forces"),
    ("Hadi al-Bahra, a member of the Syrian National Coalition, met officials in Ankara.",
     "Hadi al-Bahra", "member_of", "Syrian National Coalition"),
    ("Anas Khattab assumed the position of a member of the Levant Front last year.",
     "Anas Khattab", "member_of", "Levant Front"),
    ("The deputy commander of the Hamza Division, Fahim Issa, was wounded.",
     "Fahim Issa", "member_of", "Hamza Division"),
    ("Zahran Alloush founded Jaysh al-Islam in 2011.",
     "Zahran Alloush", "founder_of", "Jaysh al-Islam"),
    ("Jaysh al-Islam was established in 2013 by Zahran Alloush.",
     "Zahran Alloush", "founder_of", "Jaysh al-Islam"),
    ("The Levant Front was formed by several brigades, led by Abdul Jabbar al-Oqaidi.",
     "Abdul Jabbar al-Oqaidi", "founder_of", "Levant Front"),
]  # fmt: skip

GROUP_CASES = [
    ("The Hamza Division, which operates under the banner of the Syrian National Army, "
     "took over the village.", "Hamza Division", "part_of", "Syrian National Army"),
    ("The Sultan Murad Division, one of the factions of the Syrian National Army, shelled Manbij.",
     "Sultan Murad Division", "part_of", "Syrian National Army"),
    ("Fighters of the Levant Front affiliated with the Syrian National Army entered the town.",
     "Levant Front", "part_of", "Syrian National Army"),
    ("The YPG is the main component of the SDF, which controls much of northeast Syria.",
     "YPG", "part_of", "SDF"),
    ("The Syrian Salvation Government, the civilian administration affiliated with HTS, "
     "announced reforms.", "Syrian Salvation Government", "part_of", "HTS"),
    ("Faylaq al-Sham of the National Front for Liberation refused to withdraw.",
     "Faylaq al-Sham", "part_of", "National Front for Liberation"),
    ("The Syrian Democratic Forces, backed by the United States, control Raqqa.",
     "Syrian Democratic Forces", "backed_by", "United States"),
    ("Turkey said the Turkish-backed Syrian National Army would stay in Afrin.",
     "Syrian National Army", "backed_by", "Turkey"),
    ("Iran keeps sending money to the Iranian-backed Hezbollah.",
     "Hezbollah", "backed_by", "Iran"),
    ("Russia supports the Syrian regime militarily.", "Syrian regime", "backed_by", "Russia"),
    ("Jaysh al-Islam merged into the Third Legion in 2017.",
     "Jaysh al-Islam", "merged_into", "Third Legion"),
    ("The Sultan Murad Division split from the Levant Front in 2021.",
     "Sultan Murad Division", "split_from", "Levant Front"),
    ("The Hamza Division joined the Azm Unified Command Room last year.",
     "Hamza Division", "merged_into", "Azm Unified Command Room"),
    ("Abdul Jabbar al-Oqaidi joined the Levant Front in 2016.",
     "Abdul Jabbar al-Oqaidi", "member_of", "Levant Front"),
]  # fmt: skip

PAIR_CASES = [
    ("The Hamza Division fought alongside the Sultan Murad Division in the battle for Afrin.",
     "Hamza Division", "allied_with", "Sultan Murad Division"),
    ("Jaysh al-Islam carried out a joint operation with Faylaq al-Sham against regime forces.",
     "Jaysh al-Islam", "allied_with", "Faylaq al-Sham"),
    ("Faylaq al-Sham works in coordination with Hay'at Tahrir al-Sham in Idlib.",
     "Faylaq al-Sham", "allied_with", "Hay'at Tahrir al-Sham"),
    ("Tensions between the Levant Front and the Hamza Division escalated in January 2023.",
     "Levant Front", "hostile_to", "Hamza Division"),
    ("The feud between Ahrar al-Sham and Hay'at Tahrir al-Sham dates back years.",
     "Ahrar al-Sham", "hostile_to", "Hay'at Tahrir al-Sham"),
    ("The Hamza Division clashed with the Levant Front in al-Bab.",
     "Hamza Division", "hostile_to", "Levant Front"),
    ("In a speech, Fahim Issa spoke of his hostility to the Syrian Democratic Forces.",
     "Fahim Issa", "hostile_to", "Syrian Democratic Forces"),
    ("The SDF and SNA factions exchanged artillery fire near the Tishreen Dam on Thursday.",
     "SDF", "hostile_to", "SNA"),
    ("Washington has partnered with the SDF in the fight against Islamic State.",
     "United States", "allied_with", "SDF"),
    ("Turkey has been holding talks with the Syrian regime since 2022.",
     "Turkey", "negotiating_with", "Syrian regime"),
    ("Ankara stepped up its efforts to reconcile with the Assad regime.",
     "Turkey", "negotiating_with", "Assad regime"),
    ("Mazloum Abdi expressed his willingness to reach an understanding with the Syrian regime.",
     "Mazloum Abdi", "negotiating_with", "Syrian regime"),
]  # fmt: skip

CONTROL_CASES = [
    ("Hay'at Tahrir al-Sham, which controls Idlib and parts of western Aleppo, arrested a "
     "journalist.", "Hay'at Tahrir al-Sham", "controls", "Idlib"),
    ("Hay'at Tahrir al-Sham, which controls Idlib and parts of western Aleppo, arrested a "
     "journalist.", "Hay'at Tahrir al-Sham", "controls", "Aleppo"),
    ("The Islamic State once controlled large parts of Raqqa and Deir ez-Zor.",
     "Islamic State", "controls", "Deir ez-Zor"),
    ("Afrin has been under the control of the Syrian National Army since 2018.",
     "Syrian National Army", "controls", "Afrin"),
    ("The town of Manbij, held by the SDF, was shelled again.",
     "SDF", "controls", "Manbij"),
    ("The Syrian regime recaptured Aleppo in December 2016.",
     "Syrian regime", "controls", "Aleppo"),
    ("Two civilians were wounded in the village of Tal Tamr, which has been under SDF control "
     "since last week.", "SDF", "controls", "Tal Tamr"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"), ROLE_CASES + GROUP_CASES + PAIR_CASES + CONTROL_CASES
)
def test_relations_cue_families_find_the_relation(nlp, text, subject, predicate, obj):
    analyzed, found = _relations(nlp, text)
    assert _find(analyzed, found, subject, predicate, obj), [
        (analyzed.entity(r.subject).name, r.predicate, analyzed.entity(r.object).name)
        for r in found
    ]


# Sentences that must not yield the relation (wrong direction, no relation, only a topic).
ABSENT_CASES = [
    ("The Hamza Division fought alongside the Sultan Murad Division near Afrin.",
     "Hamza Division", "hostile_to", "Sultan Murad Division"),
    ("The leaders of the Hamza Division met Fahim Issa in Azaz.",
     "Fahim Issa", "leader_of", "Hamza Division"),
    ("Abu Mohammad al-Jolani criticized the Syrian Democratic Forces, which control Raqqa.",
     "al-Jolani", "controls", "Raqqa"),
    ("The Syrian Democratic Forces, which control Raqqa, accused HTS of smuggling.",
     "HTS", "controls", "Raqqa"),
    ("Fighters loyal to the Levant Front withdrew north of Azaz.",
     "Levant Front", "controls", "Azaz"),
    ("The Syrian regime seized the village near Idlib in March.",
     "Syrian regime", "controls", "Idlib"),
    ("Analysts raised questions about the extent of coordination between HTS and Ahrar al-Sham.",
     "HTS", "allied_with", "Ahrar al-Sham"),
    ("The Sultan Murad Division, led by Fahim Issa, attacked the Levant Front.",
     "Sultan Murad Division", "leader_of", "Fahim Issa"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "predicate", "obj"), ABSENT_CASES)
def test_relations_do_not_overreach(nlp, text, subject, predicate, obj):
    analyzed, found = _relations(nlp, text)
    assert not _find(analyzed, found, subject, predicate, obj)


# (text, subject, predicate, object, polarity)
POLARITY_CASES = [
    ("Ahrar al-Sham denied any merger with Hay'at Tahrir al-Sham.",
     "Ahrar al-Sham", "merged_into", "Hay'at Tahrir al-Sham", "negated"),
    ("The SDF denied reports of negotiations with the Syrian regime.",
     "SDF", "negotiating_with", "Syrian regime", "negated"),
    ("The Kurdish National Council rejected any alliance with the PYD.",
     "Kurdish National Council", "allied_with", "PYD", "negated"),
    ("The SDF does not control Manbij, the council said.",
     "SDF", "controls", "Manbij", "negated"),
    ("Observers suggested the possibility of a rapprochement between Turkey and the Syrian "
     "regime.", "Turkey", "negotiating_with", "Syrian regime", "possible"),
    ("If Turkey chooses to normalize relations with the Syrian regime, the opposition will suffer.",
     "Turkey", "negotiating_with", "Syrian regime", "possible"),
    ("Hezbollah leader Hassan Nasrallah said the group would not negotiate with Israel.",
     "Hezbollah", "negotiating_with", "Israel", "negated"),
    ("The researcher said he does not deny that Faylaq al-Sham works in coordination with "
     "Hay'at Tahrir al-Sham.", "Faylaq al-Sham", "allied_with", "Hay'at Tahrir al-Sham",
     "asserted"),
    ("The bad relations between the Levant Front and the Hamza Division did not prevent a truce.",
     "Levant Front", "hostile_to", "Hamza Division", "asserted"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "predicate", "obj", "polarity"), POLARITY_CASES)
def test_relations_polarity(nlp, text, subject, predicate, obj, polarity):
    analyzed, found = _relations(nlp, text)
    hits = _find(analyzed, found, subject, predicate, obj)
    assert hits and {r.polarity for r in hits} == {polarity}


def test_relations_question_is_not_asserted_at_all(nlp):
    analyzed, found = _relations(
        nlp, "Reporters asked whether an alliance with Hay'at Tahrir al-Sham is near."
    )
    assert not [r for r in found if r.predicate == "allied_with"]


# (text, published, subject, predicate, object, expected time fields)
TIME_CASES = [
    ("Tensions between the Levant Front and the Hamza Division escalated in January 2023.", None,
     "Levant Front", "hostile_to", "Hamza Division", {"start": "2023-01"}),
    ("Turkey has been holding talks with the Syrian regime since 2022.", None,
     "Turkey", "negotiating_with", "Syrian regime", {"start": "2022"}),
    ("The former leader of the Levant Front, Abdul Jabbar al-Oqaidi, criticized the government.",
     "2024-03", "Abdul Jabbar al-Oqaidi", "leader_of", "Levant Front", {"end": "2024"}),
    ("The Bab al-Salameh crossing was under the control of the Levant Front, only to be "
     "controlled by Hay'at Tahrir al-Sham in July 2023.", None,
     "Hay'at Tahrir al-Sham", "controls", "Bab al-Salameh", {"start": "2023-07"}),
    ("The Bab al-Salameh crossing was under the control of the Levant Front, only to be "
     "controlled by Hay'at Tahrir al-Sham in July 2023.", None,
     "Levant Front", "controls", "Bab al-Salameh", {"end": "2023-07"}),
    ("In March 2019, Mazloum Abdi said the SDF commander Fahim Issa was wounded.", None,
     "Fahim Issa", "leader_of", "SDF", {"as_of": "2019-03"}),
    ("The Levant Front was formed in May 2015 in Azaz. The Levant Front was formed by several "
     "brigades, led by Abdul Jabbar al-Oqaidi.", None,
     "Abdul Jabbar al-Oqaidi", "founder_of", "Levant Front", {"start": "2015-05"}),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "subject", "predicate", "obj", "time"), TIME_CASES)
def test_relations_time(nlp, text, published, subject, predicate, obj, time):
    analyzed, found = _relations(nlp, text, published)
    hits = _find(analyzed, found, subject, predicate, obj)
    assert hits
    spec = hits[0].time
    got = {k: v for k, v in (("start", spec.start), ("end", spec.end), ("as_of", spec.as_of)) if v}
    assert got == time


# (text, subject, predicate, object, speaker or None)
ATTRIBUTION_CASES = [
    ("According to Fahim Issa, the Hamza Division coordinates with Faylaq al-Sham.",
     "Hamza Division", "allied_with", "Faylaq al-Sham", "Fahim Issa"),
    ("Mazloum Abdi believes that Turkey is holding talks with the Syrian regime.",
     "Turkey", "negotiating_with", "Syrian regime", "Mazloum Abdi"),
    ("In an interview, the analyst Abdul Rahman Mustafa suggested the possibility of a "
     "rapprochement between Turkey and the Syrian regime.",
     "Turkey", "negotiating_with", "Syrian regime", "Abdul Rahman Mustafa"),
    ("Tensions between the Levant Front and the Hamza Division escalated in January 2023.",
     "Levant Front", "hostile_to", "Hamza Division", None),
    ("According to a source close to the Levant Front, the Hamza Division coordinates with "
     "Faylaq al-Sham.", "Hamza Division", "allied_with", "Faylaq al-Sham", None),
    ("The SDF, which controls Raqqa, did not comment.", "SDF", "controls", "Raqqa", None),
    ("Mazloum Abdi commented on Turkey’s efforts to reconcile with the Syrian regime.",
     "Turkey", "negotiating_with", "Syrian regime", None),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "predicate", "obj", "speaker"), ATTRIBUTION_CASES)
def test_relations_attribution(nlp, text, subject, predicate, obj, speaker):
    analyzed, found = _relations(nlp, text)
    hits = _find(analyzed, found, subject, predicate, obj)
    assert hits
    if speaker is None:
        assert hits[0].attributed_to is None
    else:
        assert _named(analyzed, hits[0].attributed_to, speaker)


@pytest.mark.model
def test_relations_quoted_claim_is_the_speakers(nlp):
    text = (
        "Fahim Issa, the leader of the Sultan Murad Division, said: “The Hamza Division is "
        "fighting alongside us against the SDF, and we will never negotiate with Hay’at Tahrir "
        "al-Sham.”"
    )
    analyzed, found = _relations(nlp, text)
    hits = _find(analyzed, found, "Sultan Murad Division", "negotiating_with", "Tahrir al-Sham")
    assert not hits  # "we" is the speaker, a person: no group relation is invented
    talks = [r for r in found if r.predicate == "negotiating_with"]
    assert talks and talks[0].polarity == "negated"
    assert _named(analyzed, talks[0].attributed_to, "Fahim Issa")


# "the two parties", "each other", "between them" resolve to the pair named before.
MUTUAL_CASES = [
    ("Clashes erupted between the Levant Front and the Hamza Division in Azaz. Tension between "
     "the two parties had been rising for months.", "Levant Front", "Hamza Division"),
    ("Hay'at Tahrir al-Sham and Ahrar al-Sham fought for control of the Bab al-Hawa crossing. "
     "The hostility between them began in 2017.", "Hay'at Tahrir al-Sham", "Ahrar al-Sham"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "first", "second"), MUTUAL_CASES)
def test_relations_the_two_parties_resolve_to_the_pair(nlp, text, first, second):
    analyzed, found = _relations(nlp, text)
    hostile = [r for r in found if r.predicate == "hostile_to"]
    assert _find(analyzed, tuple(hostile), first, "hostile_to", second)
    # a symmetric pair is emitted once per sentence, not in both directions
    pairs = [(r.subject, r.object, r.evidence.start) for r in hostile]
    assert not any((o, s, e) in pairs for s, o, e in pairs)


@pytest.mark.model
def test_relations_carry_evidence_of_their_sentence(nlp):
    text = "Heavy rain fell. The Hamza Division clashed with the Levant Front in al-Bab on Monday."
    analyzed, found = _relations(nlp, text)
    hit = _find(analyzed, found, "Hamza Division", "hostile_to", "Levant Front")[0]
    assert hit.evidence.text == analyzed.document.text[hit.evidence.start : hit.evidence.end]
    assert hit.evidence.text.startswith("The Hamza Division clashed")
    assert 0 < hit.confidence <= 1
