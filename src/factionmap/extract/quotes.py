"""Find direct quotations, their reporting cue and their speaker (a document-local entity)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DocEntity, Quote

_OPEN_CLOSE = {"“": "”", "«": "»", "‘": "’"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependencies through which a participle or conjoined cue borrows its governor's subject.
_CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp"})
_MAX_SUBJECT_CLIMB = 5
_MAX_QUOTE_CLIMB = 8
_ANTECEDENT_SENTENCES = 6
_SUBJECT_POS = frozenset({"PRON", "PROPN", "NOUN", "DET", "ADJ", "NUM", "ADV"})


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """The quote lexicon (data/lexicons/quote_cues.yaml) in the shape the extractor uses."""

    verbs: frozenset[str]
    naming_verbs: frozenset[str]
    according_to: tuple[tuple[str, str], ...]
    intro_words: frozenset[str]
    max_short_words: int
    max_short_climb: int
    scare_markers: tuple[str, ...]
    pronouns: dict[str, str]
    role_nouns: frozenset[str]
    forms: dict[str, str]  # inflected form → lemma of a cue verb


@lru_cache(maxsize=1)
def load_cues() -> QuoteCues:
    """Load the packaged quote-cue lexicon."""
    path = resources.files("factionmap.data") / "lexicons" / "quote_cues.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    scare = raw.get("scare_quotes", {})
    return QuoteCues(
        verbs=frozenset(raw["verbs"]),
        naming_verbs=frozenset(raw.get("naming_verbs", [])),
        according_to=tuple((a.lower(), b.lower()) for a, b in raw.get("according_to", [])),
        intro_words=frozenset(raw.get("intro_words", [])),
        max_short_words=int(scare.get("max_words", 3)),
        max_short_climb=int(scare.get("max_climb", 3)),
        scare_markers=tuple(m.lower() for m in scare.get("markers", [])),
        pronouns={k.lower(): v for k, v in raw.get("pronouns", {}).items()},
        role_nouns=frozenset(raw.get("role_nouns", [])),
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


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted words (marks excluded), paragraph by paragraph."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in re.split(r"(\n)", text):
        if paragraph != "\n":
            spans.extend((offset + s, offset + e) for s, e in _paragraph_quotes(paragraph))
        offset += len(paragraph)
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _paragraph_quotes(par: str) -> list[tuple[int, int]]:
    spans = []
    opened: tuple[str, int] | None = None
    for i, ch in enumerate(par):
        before = par[i - 1] if i else " "
        after = par[i + 1] if i + 1 < len(par) else " "
        if opened is None:
            if ch in "“«" or (ch == '"' and not after.isspace()):
                opened = (ch, i)
            elif ch == "‘" and (before.isspace() or before in "([—-") and not after.isspace():
                opened = (ch, i)
            continue
        mark, start = opened
        if mark == '"' and ch == '"' or mark in _OPEN_CLOSE and ch == _OPEN_CLOSE[mark]:
            # A single closing mark is also the apostrophe: it must end a word and precede a break.
            if mark == "‘" and (after.isalnum() or before.isspace()):
                continue
            spans.append((start + 1, i))
            opened = None
    if opened is not None and opened[0] != "‘":
        # An unclosed quote runs to the end of its paragraph (multi-paragraph quotation).
        spans.append((opened[1] + 1, len(par.rstrip())))
    # Offsets of the quoted words with surrounding white space left out.
    return [(e - len(par[s:e].lstrip()), s + len(par[s:e].rstrip())) for s, e in spans]


class _Context:
    """One document's parse with the quote spans, for cue and speaker lookups."""

    def __init__(self, analyzed: AnalyzedDocument, spans: list[tuple[int, int]]) -> None:
        self.analyzed = analyzed
        self.doc: Doc = analyzed.doc
        self.text = analyzed.document.text
        self.cues = load_cues()
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.memo: dict[int, DocEntity | None] = {}
        self.sentences = list(self.doc.sents)

    def in_quote(self, tok: Token) -> bool:
        """True for tokens inside quoted words or on a quote mark."""
        k = bisect_right(self.starts, tok.idx) - 1
        inside = k >= 0 and tok.idx < self.spans[k][1]
        return inside or tok.text in ('"', "“", "”", "«", "»")

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def entity(self, tok: Token) -> DocEntity | None:
        return self.analyzed.entity_at(tok.idx, tok.idx + len(tok.text))

    def is_cue(self, tok: Token) -> bool:
        if self._according(tok) is not None:
            return True
        return (
            tok.pos_ in ("VERB", "AUX") and lemma(tok) in self.cues.verbs and not self.in_quote(tok)
        )

    def _according(self, tok: Token) -> Token | None:
        """The "to" of "according to" (and similar) when tok starts such a phrase."""
        nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
        for first, second in self.cues.according_to:
            if tok.lower_ == first and nxt is not None and nxt.lower_ == second:
                return nxt
        return None

    def cue_name(self, tok: Token) -> str:
        to = self._according(tok)
        return f"{tok.lower_} {to.lower_}" if to is not None else lemma(tok)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w’'-]*", text)


def _quote_roots(ctx: _Context, toks: list[Token]) -> list[Token]:
    inside = {t.i for t in toks}
    return [t for t in toks if t.head.i not in inside or t.head is t]


def _climb_to_cue(ctx: _Context, toks: list[Token], limit: int) -> Token | None:
    """The first cue verb up the dependency path from the quoted words."""
    for root in _quote_roots(ctx, toks):
        tok, steps = root, 0
        while tok.head is not tok and steps < limit:
            tok, steps = tok.head, steps + 1
            if not ctx.in_quote(tok) and ctx.is_cue(tok):
                return tok
    return None


def _attached_tail_cue(
    ctx: _Context, start: int, end: int, participles: bool = False
) -> Token | None:
    """A cue right after the closing mark: '"...," he said' or '"...," said Sejri'.

    A bare participle ('"...," adding that') is only taken when `participles` is set: the verb
    governing the quotation names the cue better.
    """
    inner = ctx.text[start:end].rstrip()
    following = ctx.text[end + 1 : end + 3].lstrip(" ")
    if inner.endswith(".") or following.startswith((".", "\n")):
        return None  # the quotation ends its sentence; what follows is a new statement
    after = [t for t in ctx.tokens(end, min(len(ctx.text), end + 80)) if t.idx >= end]
    seen = 0
    for tok in after:
        if tok.text in ("“", '"') or "\n" in tok.text:
            return None
        if tok.is_punct:
            continue
        if ctx.is_cue(tok):
            bare = not seen and tok.tag_ == "VBG" and not _own_subject(ctx, tok)
            return None if bare and not participles else tok
        seen += 1
        # Only a subject may stand between the quote and its cue ("...," the commander said).
        if seen > 4 or tok.pos_ not in _SUBJECT_POS:
            return None
    return None


def _lead_cue(ctx: _Context, start: int) -> Token | None:
    """The last cue of the clause that introduces the quote ('Sejri stated, "...')."""
    first = ctx.tokens(start, start + 1)
    if not first:
        return None
    sent = first[0].sent
    for tok in reversed(ctx.doc[sent.start : first[0].i]):
        if "\n" in tok.text or ctx.in_quote(tok) and tok.idx < start - 1:
            return None
        if ctx.is_cue(tok):
            return tok
    return None


def _previous_sentence_cue(ctx: _Context, start: int) -> Token | None:
    """For a quote opening its sentence: the cue of the sentence before, if it reports speech."""
    first = ctx.tokens(start, start + 1)
    if not first or _lead_cue(ctx, start) is not None:
        return None
    sent = first[0].sent
    if any(not t.is_punct and not t.is_space for t in ctx.doc[sent.start : first[0].i]):
        return None
    if sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    if ctx.text[previous.end_char : start].count("\n") > 2:
        return None
    cues = [t for t in previous if ctx.is_cue(t) and not ctx.in_quote(t)]
    return cues[0] if cues else None


def _dependent_cue(ctx: _Context, toks: list[Token]) -> Token | None:
    """A cue outside the quote whose head chain runs into it (parataxis: '"...," he said')."""
    inside = {t.i for t in toks}
    first, last = toks[0].sent, toks[-1].sent
    candidates = [t for t in ctx.doc[first.start : last.end] if ctx.is_cue(t)]
    for tok in candidates:
        if any(a.i in inside for a in tok.ancestors):
            return tok
    return None


def _is_scare_quote(ctx: _Context, start: int, end: int, toks: list[Token]) -> bool:
    """Short quoted modifiers, names and distancing quotes carry no speech."""
    words = _words(ctx.text[start:end])
    if len(words) > ctx.cues.max_short_words:
        return False
    lead = ctx.text[max(0, start - 20) : start].lower()
    if any(lead.rstrip(" “\"'‘").endswith(m) for m in ctx.cues.scare_markers):
        return True
    after = [t for t in ctx.tokens(end, min(len(ctx.text), end + 30)) if t.idx > end]
    closes_sentence = ctx.text[start:end].rstrip()[-1:] in ".,!?;:"
    if (
        after
        and not closes_sentence
        and after[0].pos_ in ("NOUN", "PROPN")
        and after[0].idx <= end + 2
    ):
        return True  # a premodifier: the "liberated" areas, the "al-Amashat" division
    cue = _climb_to_cue(ctx, toks, ctx.cues.max_short_climb)
    intro = _intro_before(ctx, start)
    if all(_name_word(w) for w in words):
        # A quoted name: "the group calls itself "Saraya al-Mukhtar"", "known as "Abu Amsha"".
        naming = cue is not None and lemma(cue) in ctx.cues.naming_verbs
        return naming or (cue is None and not intro)
    return cue is None and not intro


def _name_word(word: str) -> bool:
    """True for words of a proper name, Arabic particles included ("Saraya al-Mukhtar")."""
    return word[:1].isupper() or bool(re.match(r"(?:al|el|ad|an|ar|as|ash|at|az)-\w", word))


def _intro_before(ctx: _Context, start: int) -> bool:
    """True when the quote directly follows 'as', 'that' or ':' after a cue in its clause."""
    lead = ctx.text[max(0, start - 40) : start].rstrip(" “\"'‘")
    last = re.findall(r"\w+|[:,]", lead)
    return (
        bool(last)
        and last[-1].lower() in ctx.cues.intro_words
        and _lead_cue(ctx, start) is not None
    )


def _subject_token(ctx: _Context, cue: Token) -> Token | None:
    """The subject of a cue, borrowed from its governor for participles and conjuncts."""
    to = ctx._according(cue)
    if to is not None:
        return next((c for c in to.children if c.dep_ == "pobj"), None) or (
            to.nbor(1) if to.i + 1 < len(ctx.doc) else None
        )
    own = _own_subject(ctx, cue)
    if own is not None:
        return _same_paragraph(ctx, own, cue)
    if cue.dep_ in ("advcl", "conj", "xcomp", "acl"):
        # ", adding that ..." hangs off whatever verb precedes it; the speaker is the subject of
        # the reporting verb above it, not of the reported clause it is attached to.
        governor = next((a for a in cue.ancestors if ctx.is_cue(a)), None)
        if governor is not None:
            return _subject_token(ctx, governor)
    tok, steps = cue, 0
    while steps < _MAX_SUBJECT_CLIMB:
        subject = _own_subject(ctx, tok)
        if subject is not None:
            return _same_paragraph(ctx, subject, tok)
        if tok.dep_ == "relcl":
            return tok.head  # "Sejri, who said ..."
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
            return _adjacent_subject(ctx, tok)
        # Clauses inside the quotation are the speaker's own words: climbing them is free.
        steps += 0 if ctx.in_quote(tok) else 1
        tok = tok.head
    return None


def _own_subject(ctx: _Context, verb: Token) -> Token | None:
    """The verb's own subject outside the quotation, if the parse gives one."""
    return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not ctx.in_quote(c)), None)


def _same_paragraph(ctx: _Context, subject: Token, verb: Token) -> Token | None:
    """The parsed subject, unless the parse ran across a paragraph break to find it."""
    lo, hi = sorted((subject.idx, verb.idx))
    if "\n" not in ctx.text[lo:hi]:
        return subject
    return _adjacent_subject(ctx, verb)


def _adjacent_subject(ctx: _Context, verb: Token) -> Token | None:
    """The name or pronoun right before a verb ('Sejri commented'), when the parse has none."""
    k = verb.i - 1
    while k >= 0 and ctx.doc[k].pos_ in ("ADV", "AUX", "PART") and "\n" not in ctx.doc[k].text:
        k -= 1
    if k < 0 or "\n" in ctx.doc[k].text:
        return None
    tok = ctx.doc[k]
    if ctx.entity(tok) is not None or tok.lower_ in ctx.cues.pronouns:
        return tok
    return None


def _speaker_of(ctx: _Context, subject: Token | None) -> DocEntity | None:
    if subject is None:
        return None
    if subject.i in ctx.memo:
        return ctx.memo[subject.i]
    ctx.memo[subject.i] = None  # guards against cycles while resolving
    found = _resolve_subject(ctx, subject)
    ctx.memo[subject.i] = found
    return found


def _resolve_subject(ctx: _Context, subject: Token) -> DocEntity | None:
    entity = ctx.entity(subject) or _entity_by_name(ctx, subject)
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
    wanted = ctx.cues.pronouns.get(subject.lower_)
    if wanted is not None:
        return _antecedent(ctx, subject, wanted)
    if _is_definite_role(ctx, subject):
        return _antecedent(ctx, subject, "PERSON", role=subject.lower_)
    return None


def _entity_by_name(ctx: _Context, tok: Token) -> DocEntity | None:
    """A proper-noun subject the mention finder missed, matched to a named entity's last words."""
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
    return next(iter(hits.values())) if len(hits) == 1 else None


def _is_definite_role(ctx: _Context, tok: Token) -> bool:
    if tok.pos_ != "NOUN" or tok.lower_ not in ctx.cues.role_nouns or tok.tag_ == "NNS":
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _compatible(entity: DocEntity, wanted: str) -> bool:
    if wanted == "PERSON":
        return entity.type == "PERSON"
    return entity.type == "ORG" and entity.subtype not in ("media",)


def _antecedent(
    ctx: _Context, tok: Token, wanted: str, role: str | None = None
) -> DocEntity | None:
    """The most salient earlier actor a pronoun or definite description can refer to."""
    sentences = ctx.sentences
    here = next(k for k, s in enumerate(sentences) if s.start <= tok.i < s.end)
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
            found = _speaker_of(ctx, subject)
            if found is not None and _compatible(found, wanted):
                return found
            if rank == 0 and wanted == "PERSON" and _is_anonymous_person(ctx, subject):
                # "A commander in the Levant Front told us ... he said": the pronoun is the
                # anonymous commander, not a named person further back.
                return None
        named = [e for t in reversed(words) if (e := ctx.entity(t)) is not None]
        found = next((e for e in named if _compatible(e, wanted)), None)
        if found is not None:
            return found
    return None


def _is_anonymous_person(ctx: _Context, tok: Token) -> bool:
    """An unnamed person as subject: "a commander in the Front", "one official"."""
    if tok.pos_ != "NOUN" or tok.lower_ not in ctx.cues.role_nouns or _named(ctx, tok):
        return False
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in tok.children)


def _named(ctx: _Context, tok: Token) -> bool:
    """True when a role noun carries a name (appositive, compound or the name itself)."""
    near = [tok, tok.head, *(c for c in tok.children if c.dep_ in ("appos", "compound"))]
    return any((e := ctx.entity(t)) is not None and e.type == "PERSON" for t in near)


def _find_cue(ctx: _Context, start: int, end: int, toks: list[Token]) -> Token | None:
    return (
        _attached_tail_cue(ctx, start, end)
        or _climb_to_cue(ctx, toks, _MAX_QUOTE_CLIMB)
        or _dependent_cue(ctx, toks)
        or _attached_tail_cue(ctx, start, end, participles=True)
        or (_lead_cue(ctx, start) if len(_words(ctx.text[start:end])) > 3 else None)
        or _previous_sentence_cue(ctx, start)
    )


def _continues(text: str, previous: Quote | None, start: int) -> bool:
    """True when a quote opens a paragraph right after the previous quote's paragraph."""
    between = text[previous.end : start] if previous is not None else "x"
    return 1 <= between.count("\n") <= 2 and not _words(between)


def extract_quotes(analyzed: AnalyzedDocument) -> tuple[Quote, ...]:
    """Direct quotations in the document with cue and speaker; scare quotes are left out."""
    text = analyzed.document.text
    spans = quote_spans(text)
    ctx = _Context(analyzed, spans)
    quotes: list[Quote] = []
    for start, end in spans:
        toks = [t for t in ctx.tokens(start, end) if start <= t.idx < end]
        if not toks or _is_scare_quote(ctx, start, end, toks):
            continue
        cue = _find_cue(ctx, start, end, toks)
        previous = quotes[-1] if quotes else None
        speaker: str | None = None
        cue_name: str | None = None
        if cue is not None:
            entity = _speaker_of(ctx, _subject_token(ctx, cue))
            speaker, cue_name = (entity.local_id if entity else None), ctx.cue_name(cue)
        elif previous is not None and _continues(text, previous, start):
            # A paragraph that only quotes continues the previous speaker's words.
            speaker, cue_name = previous.speaker, previous.cue
        quotes.append(Quote(text[start:end], analyzed.document.id, start, end, speaker, cue_name))
    return tuple(quotes)
