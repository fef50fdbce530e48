"""Direct quotations: spans, cues, speakers, and the scare quotes that are not speech."""

from __future__ import annotations

import pytest

from factionmap.extract.quotes import extract_quotes, load_cues, quote_spans

# (text, quoted words expected, in order)
SPAN_CASES = [
    ("He said, “We will stay.” Then he left.", ["We will stay."]),
    ('He said, "We will stay." Then he left.', ["We will stay."]),
    ("“One,” he said, adding that “two.”", ["One,", "two."]),
    # an apostrophe is not a closing single quote
    ("Abu Amsha’s men said: ‘We are leaving Afrin’, he added.", ["We are leaving Afrin"]),
    # a quote left open runs to the end of its paragraph, and the next one starts afresh
    ("He said, “First part.\n\n“Second part,” he added.", ["First part.", "Second part,"]),
    ("No quotation in this sentence, only Hay’at Tahrir al-Sham.", []),
]


@pytest.mark.parametrize(("text", "expected"), SPAN_CASES)
def test_quotes_quote_spans(text, expected):
    assert [text[s:e] for s, e in quote_spans(text)] == expected


def test_quotes_lexicon_loads_cues_and_inflections():
    cues = load_cues()
    assert {"say", "state", "add", "declare", "tell", "describe", "according"} - cues.verbs == {
        "according"
    }
    assert ("according", "to") in cues.according_to
    # forms let cues be found when the pipeline runs without a lemmatizer
    assert cues.forms["stated"] == "state"
    assert cues.forms["emphasizing"] == "emphasize"
    assert cues.forms["said"] == "say"
    assert cues.forms["denied"] == "deny"
    assert cues.pronouns["he"] == "PERSON"
    assert cues.pronouns["they"] == "ORG"


def _quotes(text, published="2023-03-14"):
    """(speaker name or None, cue, quoted text) for each quote, checking offsets on the way."""
    from factionmap.pipeline import analyze_text

    analyzed = analyze_text(text, published)
    found = []
    for quote in extract_quotes(analyzed):
        assert text[quote.start : quote.end] == quote.text
        entity = analyzed.entity(quote.speaker) if quote.speaker else None
        found.append((entity.name if entity else None, quote.cue, quote.text))
    return found


def _speakers(found):
    return [(speaker, text[:25]) for speaker, _, text in found]


# (text, [(speaker's entity name or None, first 25 characters of the quote)])
SPEAKER_CASES = {
    "split quote: both parts get the speaker": (
        "“We will not hand over our positions to anyone,” Khaled al-Hamwi said, stressing that "
        "“the factions must unite before the winter comes.”",
        [
            ("Khaled al-Hamwi", "We will not hand over our"),
            ("Khaled al-Hamwi", "the factions must unite b"),
        ],
    ),
    "split quote with pronoun and closing cue": (
        "Khaled al-Hamwi met the tribal elders in Marea. “We will not hand over our positions,” "
        "he stated, emphasizing that “the factions must unite. The decision has been taken,” he "
        "concluded.",
        [
            ("Khaled al-Hamwi", "We will not hand over our"),
            ("Khaled al-Hamwi", "the factions must unite. "),
        ],
    ),
    "pronoun after a sentence naming the speaker": (
        "Brigadier General Hassan Hamada, a spokesman for the Syrian National Army, toured the "
        "front lines near Marea on Sunday. He said, “The army is ready to respond to any attack "
        "on the town.”",
        [("Hassan Hamada", "The army is ready to resp")],
    ),
    "two people in a paragraph: pronoun is the subject, not the last name": (
        "Ahmed Jabbour met Omar Haddad in Afrin on Monday to discuss the crossing. He said, "
        "“The meeting was positive, and we agreed to reopen the road.”",
        [("Ahmed Jabbour", "The meeting was positive,")],
    ),
    "two people in a paragraph: the later subject": (
        "Omar Haddad said the talks had failed. Ahmed Jabbour, who attended the meeting, "
        "disagreed with him. “Nothing has failed yet,” he said.",
        [("Ahmed Jabbour", "Nothing has failed yet,")],
    ),
    "pronoun skips an organisation named in between": (
        "Omar Haddad accused the Levant Front of blocking the road to Azaz. “They want to "
        "control every crossing,” he said.",
        [("Omar Haddad", "They want to control ever")],
    ),
    "according to": (
        "According to Abdul Karim Omar, “the crossing will remain closed to commercial trucks "
        "until further notice.”",
        [("Abdul Karim Omar", "the crossing will remain ")],
    ),
    "told an outlet: the outlet is not the speaker": (
        "Fawaz Hilal told Enab Baladi that “the new checkpoints are meant to stop smuggling, "
        "not to punish civilians.”",
        [("Fawaz Hilal", "the new checkpoints are m")],
    ),
    "statement to an outlet, speaker after it": (
        "In a phone interview with North Press, Fawaz Hilal said, “Our forces have withdrawn "
        "from the village to avoid civilian casualties.”",
        [("Fawaz Hilal", "Our forces have withdrawn")],
    ),
    "straight quotes after a colon": (
        'Omar Haddad said: "The road will be reopened next week, God willing."',
        [("Omar Haddad", "The road will be reopened")],
    ),
    "short quote governed by 'described as' is speech": (
        "Haddad described the operation as “a betrayal of the revolution.”",
        [("Haddad", "a betrayal of the revolut")],
    ),
    "phrase quoted inside reported speech belongs to the reporter's subject": (
        "In the recording, Abu Hatem al-Shaqra spoke of “a new phase of cooperation with our "
        "brothers in the north” and called for patience.",
        [("Abu Hatem Shaqra", "a new phase of cooperatio")],
    ),
    "continuation paragraph with a closing cue": (
        "Omar Haddad criticised the decision to close the crossing.\n\n“We warned them many "
        "times. Nobody listened. Now the people are paying the price,” he concluded.",
        [("Omar Haddad", "We warned them many times")],
    ),
    "definite description refers back to the named commander": (
        "Sayf Abu Bakr, the commander of the Hamza Division, visited the town of al-Bab on "
        "Tuesday. The commander said, “We are here to protect the people, not to rule them.”",
        [("Sayf Boulad Abu Bakr", "We are here to protect th")],
    ),
    "anonymous source is not the organisation it belongs to": (
        "A commander in the Sham Legion who asked not to be named said, “The Turkish side has "
        "asked us to withdraw our heavy weapons.”",
        [(None, "The Turkish side has aske")],
    ),
    "they refers to the group": (
        "The Levant Front denied the accusations on Friday. They said in a statement, “Our "
        "fighters did not take part in the looting of any house.”",
        [("Levant Front", "Our fighters did not take")],
    ),
    "quote opening a sentence after a reporting sentence": (
        "Omar Haddad said the road would be reopened soon. “The engineers have finished their "
        "work on the bridge,” the statement read.",
        [("Omar Haddad", "The engineers have finish")],
    ),
    "inverted cue after the quote": (
        "“The road to Afrin is open again,” said Omar Haddad.",
        [("Omar Haddad", "The road to Afrin is open")],
    ),
    "organisation as speaker": (
        "The Syrian Interim Government said in a statement, “The salaries of the fighters will "
        "be paid next month.”",
        [("Syrian Interim Government", "The salaries of the fight")],
    ),
    "surname the mention finder missed": (
        "Omar Haddad and Ahmed Jabbour met in Azaz. Jabbour later said, “We agreed on everything.”",
        [("Ahmed Jabbour", "We agreed on everything.")],
    ),
    "name hung on the group by the parser": (
        "“We did not attack anyone,” the spokesman of the Levant Front, Abu Ali Hamdan, said.",
        [("Abu Ali Hamdan", "We did not attack anyone,")],
    ),
    "one-word quote governed by a cue is speech": (
        "Omar Haddad called the fighters “traitors.”",
        [("Omar Haddad", "traitors.")],
    ),
}


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), SPEAKER_CASES.values(), ids=SPEAKER_CASES.keys())
def test_quotes_extract_quotes_speakers(text, expected):
    assert _speakers(_quotes(text)) == expected


# Scare quotes and quoted names: no quotation at all.
SCARE_CASES = [
    "The faction accused its rivals of abandoning “liberated” villages to the regime forces.",
    "The committee banned him from holding any future “revolutionary” posts in the army.",
    "Clashes erupted near the headquarters of the “Sham Legion” brigade in Afrin.",
    "Residents rejected the so-called “reconciliation” agreements offered by the regime.",
    "The “Peace Spring” operation was launched by Turkey in October 2019.",
    "The fighters of the “al-Hamzat” division withdrew from the village of Kafr Jana.",
    "Haddad said the “liberated” areas are at risk.",
    "The group calls itself “Saraya al-Mukhtar.”",
    "The convoy was led by Mohammed al-Jassem, known as “Abu Amsha,” and his deputy.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", SCARE_CASES)
def test_quotes_extract_quotes_skips_scare_quotes(text):
    assert _quotes(text) == []


# (text, expected cue lemma or phrase)
CUE_CASES = [
    ("“We will not withdraw,” Khaled al-Hamwi said.", "say"),
    ("Khaled al-Hamwi stated, “We will not withdraw.”", "state"),
    (
        "Khaled al-Hamwi commented on the talks, stating that “nothing has been agreed yet.”",
        "state",
    ),
    ("According to Khaled al-Hamwi, “nothing has been agreed yet.”", "according to"),
    ("Khaled al-Hamwi warned that “any attack on Azaz will be met with force.”", "warn"),
    ("Khaled al-Hamwi tweeted, “The road to Afrin is open again.”", "tweet"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue"), CUE_CASES)
def test_quotes_extract_quotes_cue(text, cue):
    found = _quotes(text)
    assert [(speaker, c) for speaker, c, _ in found] == [("Khaled al-Hamwi", cue)]


@pytest.mark.model
def test_quotes_extract_quotes_short_quote_after_that_is_speech():
    found = _quotes(
        "The leader of the Hamza Division, Sayf Abu Bakr, praised the talks with Tahrir "
        "al-Sham, adding that the group has “changed for the better.”"
    )
    assert _speakers(found) == [("Sayf Boulad Abu Bakr", "changed for the better.")]


@pytest.mark.model
def test_quotes_extract_quotes_multi_paragraph_quote_keeps_speaker():
    text = (
        "Omar Haddad spoke at length about the crossing. He said, “The engineers have finished "
        "their work on the bridge.\n\n“The trucks will start moving next week.”"
    )
    assert _speakers(_quotes(text)) == [
        ("Omar Haddad", "The engineers have finish"),
        ("Omar Haddad", "The trucks will start mov"),
    ]


ARTICLE = """Tensions rise in Afrin after arrests by the Levant Front

The Levant Front arrested three members of the Hamza Division in Afrin last Thursday, according \
to local sources, in a move that raised fears of renewed clashes between the two factions.

The spokesman of the Levant Front, Abu Ali Hamdan, told Enab Baladi that the arrests were “a \
legal measure against people wanted by the military police,” denying any political motive.

Hamdan added, “We do not target any faction. The law applies to everyone, including our own \
fighters.”

On the other hand, a member of the Hamza Division, who preferred not to reveal his name, said \
that the Levant Front is seeking “to impose its control over the whole region.”

The researcher at the Omran Center for Strategic Studies, Maan Talaa, considers that the latest \
arrests reflect a deeper crisis in the National Army. He explained to Enab Baladi that the \
factions have failed to build “a unified military institution,” adding, “Each faction is still \
acting as a state within a state, and this will not change soon.”

“The Turkish side is aware of this, but it prefers the current balance,” Talaa said.

Residents described the situation in the city as “tense,” while shops in the “industrial” zone \
remained closed.
"""


@pytest.mark.model
def test_quotes_extract_quotes_article_with_several_speakers():
    found = [(speaker, cue, text[:20]) for speaker, cue, text in _quotes(ARTICLE)]
    assert found == [
        ("Abu Ali Hamdan", "tell", "a legal measure agai"),
        ("Abu Ali Hamdan", "add", "We do not target any"),
        (None, "say", "to impose its contro"),  # the unnamed member, not the Hamza Division
        ("Maan Talaa", "explain", "a unified military i"),
        ("Maan Talaa", "add", "Each faction is stil"),
        ("Maan Talaa", "say", "The Turkish side is "),
        (None, "describe", "tense,"),  # residents: no entity; "industrial" is a scare quote
    ]
