"""The frame layer: every predicate with its arguments and modality, built once per document."""

from __future__ import annotations

import pytest

from factionmap.extract.dates import resolve_dates
from factionmap.extract.docview import view_of
from factionmap.extract.frames import Frame, frames_of
from factionmap.extract.quotes import extract_quotes
from factionmap.pipeline import analyze_text

pytestmark = pytest.mark.model


def _frames(nlp, text: str) -> tuple[Frame, ...]:
    analyzed = analyze_text(text, "2024-03-14", nlp=nlp)
    return frames_of(view_of(analyzed), resolve_dates(analyzed), extract_quotes(analyzed))


def _frame(frames: tuple[Frame, ...], text: str, trigger: str) -> Frame:
    found = [f for f in frames if text[f.start : f.end].split()[-1] == trigger]
    found = found or [f for f in frames if trigger in text[f.start : f.end].split()]
    assert found, [(text[f.start : f.end], f.kind) for f in frames]
    return found[0]


def _names(entities) -> set[str]:
    return {e.name for e in entities}


# (text, trigger, agent names, names of whom it falls on (patient or any oblique), modality)
CASES = [
    # verbs, passives, coordination
    (
        "Turkey shelled SDF positions near Manbij.",
        "shelled",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "asserted",
    ),
    (
        "The convoy was attacked by Hay'at Tahrir al-Sham.",
        "attacked",
        {"Hay'at Tahrir al-Sham"},
        set(),
        "asserted",
    ),
    ("Turkey and Russia held talks in Sochi.", "talks", {"Turkey", "Russia"}, set(), "asserted"),
    # light verbs and nominalisations
    (
        "The SDF carried out raids against Islamic State cells.",
        "raids",
        {"Syrian Democratic Forces"},
        {"Islamic State"},
        "asserted",
    ),
    ("Hezbollah launched an attack on Israel.", "attack", {"Hezbollah"}, {"Israel"}, "asserted"),
    (
        "The arrest of Abu Ahmed by the Asayish angered the tribes.",
        "arrest",
        {"Asayish"},
        {"Abu Ahmed"},
        "asserted",
    ),
    (
        "Turkey's offensive against the SDF began in October.",
        "offensive",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "asserted",
    ),
    (
        "Clashes between the SDF and Turkey erupted in Manbij.",
        "Clashes",
        set(),
        {"Syrian Democratic Forces", "Turkey"},
        "asserted",
    ),
    # modality: planned, demanded, negated, possible, reported
    (
        "Turkey threatened to attack the SDF.",
        "attack",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "planned",
    ),
    (
        "Russia urged Turkey to attack the SDF.",
        "attack",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "demanded",
    ),
    (
        "Turkey did not attack the SDF.",
        "attack",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "negated",
    ),
    ("Turkey may attack the SDF.", "attack", {"Turkey"}, {"Syrian Democratic Forces"}, "possible"),
    (
        "Erdogan said Turkey attacked the SDF.",
        "attacked",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "reported",
    ),
    (
        "Turkey would attack the SDF if it advanced.",
        "attack",
        {"Turkey"},
        {"Syrian Democratic Forces"},
        "possible",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "agent", "falls_on", "modality"), CASES)
def test_frames_arguments_and_modality(nlp, text, trigger, agent, falls_on, modality):
    frame = _frame(_frames(nlp, text), text, trigger)
    # A noun's possessor may be its agent or its patient: the lexicon decides ("the arrest of").
    acting = _names(frame.agent) | _names(frame.role("poss"))
    roles = set().union(*(_names(e) for _, e in frame.obliques)) | _names(frame.patient)
    assert agent <= acting, frame
    assert falls_on <= roles, frame
    assert frame.modality == modality, frame


def test_frames_light_verb_frame_names_its_support_verb(nlp):
    text = "Israel carried out airstrikes on Damascus."
    frame = _frame(_frames(nlp, text), text, "airstrikes")
    assert frame.kind == "light" and frame.support is not None
    assert "carried" in text[frame.start : frame.end]


def test_frames_backed_compound_is_a_frame_of_backing(nlp):
    text = "The Turkish-backed Syrian National Army entered Afrin."
    frames = _frames(nlp, text)
    backing = [f for f in frames if f.kind == "compound"]
    assert backing and _names(backing[0].patient) == {"Syrian National Army"}, frames
    assert _names(backing[0].agent) == {"Turkey"}, backing


def test_frames_time_is_the_clauses_own(nlp):
    text = "On Wednesday Turkey shelled Manbij, which the SDF took in 2016."
    frame = _frame(_frames(nlp, text), text, "shelled")
    assert frame.time is not None and frame.time.value == "2024-03-13", frame


def test_frames_are_built_once_per_document(nlp):
    analyzed = analyze_text("Turkey shelled Manbij.", "2024-03-14", nlp=nlp)
    view = view_of(analyzed)
    dates = resolve_dates(analyzed)
    assert frames_of(view, dates) is frames_of(view, dates)
