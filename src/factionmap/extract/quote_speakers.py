"""Who speaks a quotation: the quote lexicon, a document's quote context, and speaker lookup.

`quotes.py` finds a quotation's cue and the cue's subject; this module resolves that subject
to a document-local entity: a name, a pronoun or definite description referring back ("he",
"the commander", "the group"), the author of a statement ("the statement said"), or nobody,
for sources the text leaves anonymous ("a resident", "speaking on condition of anonymity").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from factionmap.geo.normalize import fold_name
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DocEntity
from factionmap.resolve.appositions import SOURCE as DESCRIPTION

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_ANTECEDENT_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """The quote lexicon (data/lexicons/quote_cues.yaml) in the shape the extractor uses."""

    verbs: frozenset[str]
    naming_verbs: frozenset[str]
    passive_speaker_verbs: frozenset[str]
    according_to: tuple[tuple[str, str], ...]
    intro_words: frozenset[str]
    max_short_words: int
    max_short_climb: int
    scare_markers: tuple[str, ...]
    title_nouns: frozenset[str]
    title_verbs: frozenset[str]
    title_naming_verbs: frozenset[str]
    pronouns: dict[str, str]
    role_nouns: frozenset[str]
    voice_nouns: frozenset[str]
    anonymous_nouns: frozenset[str]
    anonymity: tuple[str, ...]
    org_nouns: frozenset[str]
    generic_org_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    pronoun_genders: dict[str, str]
    gender_words: dict[str, frozenset[str]]
    forms: dict[str, str]  # inflected form → lemma of a cue verb


@lru_cache(maxsize=1)
def load_cues() -> QuoteCues:
    """Load the packaged quote-cue lexicon."""
    path = resources.files("factionmap.data") / "lexicons" / "quote_cues.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    scare = raw.get("scare_quotes", {})
    titles = raw.get("titles", {})
    speakers = raw.get("speakers", {})
    return QuoteCues(
        verbs=frozenset(raw["verbs"]),
        naming_verbs=frozenset(raw.get("naming_verbs", [])),
        passive_speaker_verbs=frozenset(raw.get("passive_speaker_verbs", [])),
        according_to=tuple((a.lower(), b.lower()) for a, b in raw.get("according_to", [])),
        intro_words=frozenset(raw.get("intro_words", [])),
        max_short_words=int(scare.get("max_words", 3)),
        max_short_climb=int(scare.get("max_climb", 3)),
        scare_markers=tuple(m.lower() for m in scare.get("markers", [])),
        title_nouns=frozenset(titles.get("nouns", [])),
        title_verbs=frozenset(titles.get("verbs", [])),
        title_naming_verbs=frozenset(titles.get("naming_verbs", [])),
        pronouns={k.lower(): v for k, v in raw.get("pronouns", {}).items()},
        role_nouns=frozenset(raw.get("role_nouns", [])),
        voice_nouns=frozenset(speakers.get("voice_nouns", [])),
        anonymous_nouns=frozenset(speakers.get("anonymous_nouns", [])),
        anonymity=tuple(p.lower() for p in speakers.get("anonymity", [])),
        org_nouns=frozenset(speakers.get("org_nouns", [])),
        generic_org_nouns=frozenset(speakers.get("generic_org_nouns", [])),
        statement_nouns=frozenset(speakers.get("statement_nouns", [])),
        pronoun_genders={k.lower(): v for k, v in speakers.get("pronoun_genders", {}).items()},
        gender_words={k: frozenset(v) for k, v in speakers.get("gender_words", {}).items()},
        forms=_inflections(raw["verbs"], raw.get("naming_verbs", []), raw.get("irregular", {})),
    )


def _inflections(verbs: list[str], naming: list[str], irregular: dict[str, str]) -> dict[str, str]:
    """Regular inflected forms of each verb, so cues are found without a lemmatizer."""
    forms: dict[str, str] = {}
    for verb in [*verbs, *naming]:
        stem = verb[:-1] if verb.endswith("e") else verb
        ied = verb[:-1] + "ied" if verb.endswith("y") and verb[-2] not in "aeiou" else None
        double = verb + verb[-1] if re.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", verb) else None
        candidates = [verb, verb + "s", verb + "es", stem + "ed", stem + "ing", ied]
        candidates += [ied and verb[:-1] + "ies"]
        if double and len(verb) <= 4:  # "stop" → "stopped"; longer verbs rarely double
            candidates += [double + "ed", double + "ing"]
        forms.update({f: verb for f in candidates if f})
    forms.update(irregular)
    return forms


def lemma(tok: Token) -> str:
    """The token's lemma, derived from the lexicon when the pipeline has no lemmatizer."""
    if tok.lemma_:
        return tok.lemma_.lower()
    return load_cues().forms.get(tok.lower_, tok.lower_)


class QuoteContext:
    """One document's parse with its quote spans, for cue and speaker lookups."""

    def __init__(self, analyzed: AnalyzedDocument, spans: list[tuple[int, int]]) -> None:
        self.analyzed = analyzed
        self.doc: Doc = analyzed.doc
        self.text = analyzed.document.text
        self.cues = load_cues()
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.memo: dict[int, DocEntity | None] = {}
        self.genders: dict[str, str | None] = {}
        self.near_words: dict[str, frozenset[str]] = {}
        self.sentences = list(self.doc.sents)
        self._sentence_starts = [s.start for s in self.sentences]

    def in_quote(self, tok: Token) -> bool:
        """True for tokens inside quoted words or on a quote mark."""
        k = bisect_right(self.starts, tok.idx) - 1
        inside = k >= 0 and tok.idx < self.spans[k][1]
        return inside or tok.text in ('"', "“", "”", "«", "»")

    def quoted_name(self, tok: Token) -> bool:
        """True for a word of a name set in quote marks ("said ‘Mulham’, an activist"):
        capitalised words only, at most three, naming an entity."""
        k = bisect_right(self.starts, tok.idx) - 1
        if k < 0 or tok.idx >= self.spans[k][1]:
            return False
        words = self.text[self.spans[k][0] : self.spans[k][1]].split()
        capitalised = 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)
        return capitalised and self.entity(tok) is not None

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping the character range."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def entity(self, tok: Token) -> DocEntity | None:
        """The entity a token is part of a mention of."""
        return self.analyzed.entity_at(tok.idx, tok.idx + len(tok.text))

    def is_cue(self, tok: Token) -> bool:
        """True for a reporting verb (or "according to") outside the quoted words."""
        if self.according(tok) is not None:
            return True
        return (
            tok.pos_ in ("VERB", "AUX") and lemma(tok) in self.cues.verbs and not self.in_quote(tok)
        )

    def according(self, tok: Token) -> Token | None:
        """The "to" of "according to" (and similar) when tok starts such a phrase."""
        nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
        for first, second in self.cues.according_to:
            if tok.lower_ == first and nxt is not None and nxt.lower_ == second:
                return nxt
        return None

    def cue_name(self, tok: Token) -> str:
        """The cue as reported: the verb's lemma, or the phrase ("according to")."""
        to = self.according(tok)
        return f"{tok.lower_} {to.lower_}" if to is not None else lemma(tok)

    def sentence_index(self, tok: Token) -> int:
        """Index of the token's sentence in `sentences`."""
        return bisect_right(self._sentence_starts, tok.i) - 1


# ---------------------------------------------------------------------------------------------
# From the subject to an entity


def own_subject(ctx: QuoteContext, verb: Token) -> Token | None:
    """The verb's own subject outside the quotation, if the parse gives one.

    Of two subjects (a parse of "U.N. agency (UNHCR) spokeswoman Lisa Abou Khaled said" that
    splits the phrase) the one nearest the verb is the head of the speaker's name.
    """
    subjects = [
        c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS and (not ctx.in_quote(c) or ctx.quoted_name(c))
    ]
    return min(subjects, key=lambda c: abs(c.i - verb.i), default=None)


def speaker_of(ctx: QuoteContext, subject: Token | None) -> DocEntity | None:
    """The entity a cue's subject names or refers to; None for anonymous sources."""
    if subject is None:
        return None
    if subject.i in ctx.memo:
        return ctx.memo[subject.i]
    ctx.memo[subject.i] = None  # guards against cycles while resolving
    found = _resolve_subject(ctx, subject)
    ctx.memo[subject.i] = found
    return found


def _resolve_subject(ctx: QuoteContext, subject: Token) -> DocEntity | None:
    entity = ctx.entity(subject) or _entity_by_name(ctx, subject)
    if entity is not None and entity.type == "LOCATION":
        # "..., said Hasaka": a place does not speak; a man named after one does (the YPG's
        # Shiyar Hasakah, written once with the final h and once without).
        entity = _person_by_surname(ctx, subject.text) or entity
    if entity is not None and entity.type == "ORG":
        return _possessed_role(ctx, subject, entity) or entity
    if entity is not None:
        return entity
    # "The leader of the National Army, Mustafa Sejri, said"; the parser often hangs the name
    # on the group instead ("the spokesman of the Front, Abu Ali,"), so follow the noun phrase.
    # Relative clauses are not followed: "a leader who met Sejri" is not Sejri.
    stack = [subject]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "appos" and (named := ctx.entity(child)) and named.type == "PERSON":
                return named
            if child.dep_ in ("prep", "pobj", "compound", "appos"):
                stack.append(child)
    if lemma(subject) in ctx.cues.statement_nouns:
        return statement_author(ctx, subject)
    if lemma(subject) in ctx.cues.org_nouns:
        # "the SDF's media office", "the group's military media office": the body speaks for
        # the organisation that owns it.
        owner = next((c for c in subject.children if c.dep_ in ("poss", "compound")), None)
        found = speaker_of(ctx, owner)
        if found is not None and found.type == "ORG":
            return found
    if _anonymous_clause(ctx, subject):
        return None  # "..., he said, speaking on condition of anonymity"
    if not _is_definite(subject, ctx.cues.role_nouns):
        member_of = _member_org(ctx, subject)
        if member_of is not None:
            return member_of  # "a Jaish al-Islam commander told": an unnamed member speaks for it
    wanted = ctx.cues.pronouns.get(subject.lower_)
    if wanted is not None:
        return _antecedent(ctx, subject, wanted)
    if _is_definite(subject, ctx.cues.role_nouns):
        person = _antecedent(ctx, subject, "PERSON", role=subject.lower_)
        if lemma(subject) in ctx.cues.voice_nouns and (
            person is None or not _near_words(ctx, person) & ctx.cues.voice_nouns
        ):
            # "The IDF said ... “...,” the spokesperson said": a spokesperson the text never
            # named speaks for the body that spoke before.
            return _antecedent(ctx, subject, "ORG") or person
        return person
    if _is_definite(subject, ctx.cues.org_nouns):
        return _org_antecedent(ctx, subject)
    return None


def _surname_key(word: str) -> str:
    folded = fold_name(word).split()
    last = folded[-1] if folded else ""
    return last[:-1] if last.endswith("ah") else last


def _person_by_surname(ctx: QuoteContext, word: str) -> DocEntity | None:
    """The one person of the document whose last name is this word, spelt either way."""
    key = _surname_key(word)
    found = {
        e.local_id: e
        for e in ctx.analyzed.entities
        if e.type == "PERSON" and key and _surname_key(e.name) == key
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _possessed_role(ctx: QuoteContext, tok: Token, org: DocEntity) -> DocEntity | None:
    """The person in "the SDF's commander, Mazloum Abdi, said" when the parse stops at the SDF."""
    k = tok.i
    while k + 1 < len(ctx.doc) and ctx.entity(ctx.doc[k + 1]) is org:
        k += 1
    following = ctx.doc[k + 1 : k + 8]
    if not following or following[0].tag_ != "POS":
        return None
    nouns = ctx.cues.role_nouns
    role = next((t for t in following[1:4] if lemma(t) in nouns), None)
    if role is None:
        return None
    for t in ctx.doc[role.i + 1 : role.i + 3]:
        if t.is_punct:
            continue
        person = ctx.entity(t)
        return person if person is not None and person.type == "PERSON" else None
    return None


def _entity_by_name(ctx: QuoteContext, tok: Token) -> DocEntity | None:
    """A proper-noun subject the mention finder missed, matched to a named entity's words.

    "Jabbour" is the last word of "Ahmed Jabbour"; "the Observatory" a head word of the
    "Syrian Observatory for Human Rights": the nearest earlier entity so named wins.
    """
    if tok.pos_ != "PROPN":
        return None
    words = [t for t in tok.subtree if t.dep_ == "compound" or t is tok]
    name = " ".join(t.text for t in words if t.i <= tok.i).lower()
    hits = {
        e.local_id: e
        for e in ctx.analyzed.entities
        for n in (e.name, *e.aliases, *(m.text for m in e.mentions))
        if n.lower() == name or n.lower().endswith(" " + name)
    }
    if len(hits) == 1:
        return next(iter(hits.values()))
    if hits or not tok.text[:1].isupper() or lemma(tok) not in ctx.cues.org_nouns:
        return None
    return _nearest_named(ctx, tok, lambda e: e.type == "ORG" and _has_word(e, tok.lower_))


def _has_word(entity: DocEntity, word: str) -> bool:
    """True when one of the entity's names contains the word ("ministry", "observatory")."""
    names = (entity.name, *entity.aliases, *(m.text for m in entity.mentions))
    return any(word in re.findall(r"\w+", n.lower()) for n in names)


def _nearest_named(
    ctx: QuoteContext, tok: Token, accept: Callable[[DocEntity], bool]
) -> DocEntity | None:
    """The entity of the nearest mention before the token that `accept` takes."""
    for _, entity in ctx.analyzed.mentions_before(tok.idx, limit=200):
        if accept(entity):
            return entity
    return None


def _is_definite(tok: Token, nouns: frozenset[str]) -> bool:
    """A singular noun from `nouns` with a definite determiner ("the commander", "the group")."""
    if tok.pos_ not in ("NOUN", "PROPN") or lemma(tok) not in nouns or tok.tag_ in ("NNS", "NNPS"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _compatible(entity: DocEntity, wanted: str) -> bool:
    if wanted == "PERSON":
        return entity.type == "PERSON"
    return entity.type == "ORG" and entity.subtype not in ("media",)


def _gender_clash(ctx: QuoteContext, pronoun: Token, entity: DocEntity) -> bool:
    """True when "she" meets a person the text calls a spokesman, or "he" a spokeswoman."""
    wanted = ctx.cues.pronoun_genders.get(pronoun.lower_)
    if wanted is None or entity.type != "PERSON":
        return False
    if entity.local_id not in ctx.genders:
        words = _near_words(ctx, entity)
        known = {g for g, markers in ctx.cues.gender_words.items() if words & markers}
        ctx.genders[entity.local_id] = next(iter(known)) if len(known) == 1 else None
    found = ctx.genders[entity.local_id]
    return found is not None and found != wanted


def _near_words(ctx: QuoteContext, entity: DocEntity) -> frozenset[str]:
    """Words the text puts next to a person: a title before the name ("Ms", "spokeswoman"),
    an appositive right after it, and the roles stripped from the name."""
    if entity.local_id not in ctx.near_words:
        words = {w.lower() for role in entity.roles for w in role.split()}
        for mention in entity.mentions:
            if mention.source == DESCRIPTION:
                continue  # already among the roles; its neighbours are the next person's
            near = ctx.tokens(max(0, mention.start - 25), min(len(ctx.text), mention.end + 30))
            words.update(t.lower_ for t in near)
        ctx.near_words[entity.local_id] = frozenset(words)
    return ctx.near_words[entity.local_id]


def _antecedent(
    ctx: QuoteContext, tok: Token, wanted: str, role: str | None = None
) -> DocEntity | None:
    """The most salient earlier actor a pronoun or definite description can refer to."""
    sentences = ctx.sentences
    here = ctx.sentence_index(tok)
    for k in range(here, max(-1, here - _ANTECEDENT_SENTENCES), -1):
        sent = sentences[k]
        limit = tok.i if k == here else sent.end
        words = [t for t in ctx.doc[sent.start : limit] if not ctx.in_quote(t)]
        if role is not None:
            # "a leader who asked not to be named ... The leader said": still anonymous.
            same = [t for t in words if t.lower_ == role and t.tag_ == "NN"]
            if same and not _named(ctx, same[-1]):
                return None
        subjects = [t for t in words if t.dep_ in _SUBJECT_DEPS]
        subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", -t.i if k == here else t.i))
        for rank, subject in enumerate(subjects):
            found = speaker_of(ctx, subject)
            # An outlet or monitor is no antecedent, unless it is the one reporting ("SOHR
            # said ... It said").
            speaking = found is not None and found.type == wanted and ctx.is_cue(subject.head)
            fits = found is not None and (_compatible(found, wanted) or speaking)
            if found is not None and fits and not _gender_clash(ctx, tok, found):
                return found
            reporting = rank == 0 or ctx.is_cue(subject.head)
            unnamed = ctx.cues.role_nouns | ctx.cues.anonymous_nouns
            if wanted == "PERSON" and found is None and ctx.is_cue(subject.head):
                if subject.pos_ == "NOUN" and lemma(subject) in unnamed:
                    # "“...,” the official said. He added ...": the pronoun is the unnamed
                    # official, not a person named further back.
                    return None
            if wanted == "PERSON" and reporting and _is_anonymous_person(ctx, subject):
                # "A commander in the Levant Front told us ... he said": the pronoun is the
                # anonymous commander, not a named person further back; he speaks for his
                # organisation when the text names it.
                return None if _anonymous_clause(ctx, subject) else _member_org(ctx, subject)
        named = [e for t in reversed(words) if (e := ctx.entity(t)) is not None]
        found = next(
            (e for e in named if _compatible(e, wanted) and not _gender_clash(ctx, tok, e)), None
        )
        if found is not None:
            return found
    return None


def _is_anonymous_person(ctx: QuoteContext, tok: Token) -> bool:
    """An unnamed person as subject: "a commander in the Front", "one official", "his brother"."""
    nouns = ctx.cues.role_nouns | ctx.cues.anonymous_nouns
    if tok.pos_ != "NOUN" or lemma(tok) not in nouns or _named(ctx, tok):
        return False
    indefinite = ("a", "an", "one", "another")
    kin = ("his", "her", "their", "my", "our")  # "his brother told ..."
    return any(
        (c.dep_ in ("det", "nummod") and c.lower_ in indefinite)
        or (c.dep_ == "poss" and c.lower_ in kin)
        for c in tok.children
    )


_MEMBER_PREPOSITIONS = frozenset({"of", "in", "from", "with", "within"})


def _member_org(ctx: QuoteContext, tok: Token) -> DocEntity | None:
    """The organisation an unnamed member belongs to: "a Jaish al-Islam commander", "a
    military source of the SDF", "officials in the ministry" (None when no name says it)."""
    if tok.pos_ != "NOUN" or _named(ctx, tok):
        return None
    if lemma(tok) not in ctx.cues.role_nouns | ctx.cues.anonymous_nouns:
        return None
    owners = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in _MEMBER_PREPOSITIONS:
            owners += [c for c in prep.children if c.dep_ == "pobj"]
    for owner in owners:
        entity = ctx.entity(owner)
        if entity is not None and entity.type == "ORG":
            return entity
    return None


def _named(ctx: QuoteContext, tok: Token) -> bool:
    """True when a role noun carries a name (appositive, compound or the name itself)."""
    near = [tok, tok.head, *(c for c in tok.children if c.dep_ in ("appos", "compound"))]
    return any((e := ctx.entity(t)) is not None and e.type == "PERSON" for t in near)


def _anonymous_clause(ctx: QuoteContext, tok: Token) -> bool:
    """True when the subject's sentence says the source is unnamed ("on condition of anonymity")."""
    if tok.lower_ not in ctx.cues.pronouns and not any(c.dep_ == "det" for c in tok.children):
        return False
    sent = tok.sent
    words = " ".join(t.lower_ for t in sent if not ctx.in_quote(t))
    return any(phrase in words for phrase in ctx.cues.anonymity)


# ---------------------------------------------------------------------------------------------
# Organisations and statements


def _org_antecedent(ctx: QuoteContext, tok: Token) -> DocEntity | None:
    """The organisation "the ministry", "the monitor" or "the group" refers back to.

    An earlier organisation whose name holds the noun ("the ministry" → "Turkish Ministry of
    Defence") or that the text described with it ("SOHR, a war monitor") comes first; generic
    nouns ("the group") also take the most salient organisation of the sentences before.
    """
    noun = lemma(tok)
    named = _nearest_named(ctx, tok, lambda e: e.type == "ORG" and _has_word(e, noun))
    if named is not None:
        return named
    described = _described_as(ctx, tok, noun)
    if described is not None or noun not in ctx.cues.generic_org_nouns:
        return described
    return _antecedent(ctx, tok, "ORG")


def _described_as(ctx: QuoteContext, tok: Token, noun: str) -> DocEntity | None:
    """The nearest earlier organisation given the noun as an appositive ("SOHR, a war monitor")."""
    for other in reversed(ctx.doc[: tok.i]):
        if lemma(other) != noun or ctx.in_quote(other):
            continue
        # The appositive as parsed, or (when the parser missed it) the phrase after the comma
        # that follows the name.
        left = other.left_edge.i
        before = ctx.doc[left - 2] if left >= 2 and ctx.doc[left - 1].text == "," else None
        for head in (other.head if other.dep_ == "appos" else None, before):
            entity = ctx.entity(head) if head is not None else None
            if entity is not None and entity.type == "ORG":
                return entity
    return None


def statement_author(ctx: QuoteContext, noun: Token) -> DocEntity | None:
    """Who issued a statement, video or post: its own author, or that of an earlier mention.

    "a statement by the Salvation Government", "the ministry's statement", "an SDF statement"
    name it; "the statement said" refers back to the statement an earlier sentence attributed
    ("the Turkish defence ministry said in a statement"). An unattributed statement has none.
    """
    own = _own_author(ctx, noun)
    if own is not None or not any(c.lower_ in ("the", "that", "this") for c in noun.children):
        return own
    here = ctx.sentence_index(noun)
    for k in range(here, max(-1, here - _ANTECEDENT_SENTENCES), -1):
        sent = ctx.sentences[k]
        limit = noun.i if k == here else sent.end
        for earlier in reversed(ctx.doc[sent.start : limit]):
            if lemma(earlier) not in ctx.cues.statement_nouns or ctx.in_quote(earlier):
                continue
            author = _own_author(ctx, earlier) or _issuer(ctx, earlier)
            if author is not None:
                return author
    return None


def _own_author(ctx: QuoteContext, noun: Token) -> DocEntity | None:
    """The author a statement's own noun phrase names (possessor, "by X", compound)."""
    for child in noun.children:
        if child.dep_ == "poss" or child.dep_ in ("compound", "amod", "nmod"):
            found = ctx.entity(child) or (speaker_of(ctx, child) if child.dep_ == "poss" else None)
            if found is not None and found.type in ("ORG", "PERSON"):
                return found
        if child.dep_ == "acl" and child.lower_ in ("attributed", "issued", "signed", "released"):
            # "a statement attributed to Hurras al-Din", "a statement issued by the ministry"
            child = next((c for c in child.children if c.dep_ in ("prep", "agent")), child)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "from", "to"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = speaker_of(ctx, obj) if obj is not None else None
            if found is not None and found.type in ("ORG", "PERSON"):
                return found
    return None


def _issuer(ctx: QuoteContext, noun: Token) -> DocEntity | None:
    """The subject of the verb that issued a statement ("X said in a statement", "X issued ...")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    found = speaker_of(ctx, own_subject(ctx, verb))
    return found if found is not None and found.type in ("ORG", "PERSON") else None
