"""Find direct quotations, their reporting cue and their speaker (a document-local entity).

Quote marks give the spans (curly, straight, guillemets, British single quotes); a reporting
cue near them makes speech of them, while short unattributed phrases, names and titles of
works are scare quotes. This module finds the cue and its subject; `quote_speakers.py` turns
the subject into an entity.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from factionmap.extract.quote_speakers import (
    QuoteContext,
    QuoteCues,
    lemma,
    load_cues,
    own_subject,
    speaker_of,
)
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.records import DocEntity, Quote

__all__ = ["QuoteCues", "extract_quotes", "load_cues", "quote_spans"]

_OPEN_CLOSE = {"“": "”", "«": "»", "‘": "’", "'": "'", '"': '"'}
_MAX_QUOTE_CLIMB = 8
# Dependencies through which a participle or conjoined cue borrows its governor's subject.
_CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp"})
_MAX_SUBJECT_CLIMB = 5
_SUBJECT_POS = frozenset({"PRON", "PROPN", "NOUN", "DET", "ADJ", "NUM", "ADV"})
# Words after a single closing mark that show it closed a quotation, not a plural possessive
# ("the fighters' positions"): "'...' he said", "'...' and ...".
_AFTER_CLOSE = frozenset(
    "he she they it we i said says added told according and or but as while when after "
    "before because if in on at to for with from by of which who".split()
)


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
            elif ch in "‘'" and _opens_single(before, after):
                opened = (ch, i)  # a single mark after a letter is an apostrophe: Hay'at
            continue
        mark, start = opened
        if ch != _OPEN_CLOSE[mark]:
            continue
        if mark in "‘'" and not _closes_single(par, start, i, mark):
            continue
        spans.append((start + 1, i))
        opened = None
    if opened is not None and (
        opened[0] not in "‘'" or not any(c in "‘’'" for c in par[opened[1] + 1 :])
    ):
        # An unclosed quote runs to the end of its paragraph (multi-paragraph quotation); a
        # single mark only when no later mark in the paragraph could be its close.
        spans.append((opened[1] + 1, len(par.rstrip())))
    # Offsets of the quoted words with surrounding white space left out.
    return [(e - len(par[s:e].lstrip()), s + len(par[s:e].rstrip())) for s, e in spans]


def _opens_single(before: str, after: str) -> bool:
    """True when a single mark opens a quotation: before a letter, after a space or bracket,
    or right after a sentence's end when the text runs sentences together ("attack.'We")."""
    if not after.isalpha():
        return False
    return before.isspace() or before in "([{—–-:/" or (before in ".!?" and after.isupper())


def _closes_single(par: str, start: int, i: int, mark: str) -> bool:
    """True when a single closing mark ends the quotation rather than being an apostrophe.

    It must end a word (al-Sham’s, Hay’at are apostrophes); after a plural "s" followed by a
    lower-case word it is a possessive ("the fighters’ positions") when the quotation closes
    again later in the paragraph, unless the quotation is one word (a 'heinous' attack).
    """
    if not _ends_word(par, i):
        return False
    one_word = not any(c.isspace() for c in par[start:i])
    if par[i - 1].lower() == "s" and par[i + 1 : i + 2] == " " and not one_word:
        following = re.match(r" ([a-z]+)", par[i + 1 :])
        close = _OPEN_CLOSE[mark]
        later = any(par[j] == close and _ends_word(par, j) for j in range(i + 1, len(par)))
        if following and following.group(1) not in _AFTER_CLOSE and later:
            return False
    return True


def _ends_word(par: str, i: int) -> bool:
    before = par[i - 1] if i else " "
    after = par[i + 1] if i + 1 < len(par) else " "
    return not after.isalnum() and not before.isspace()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w’'-]*", text)


def _quote_roots(ctx: QuoteContext, toks: list[Token]) -> list[Token]:
    inside = {t.i for t in toks}
    return [t for t in toks if t.head.i not in inside or t.head is t]


def _climb_to_cue(ctx: QuoteContext, toks: list[Token], limit: int) -> Token | None:
    """The first cue verb up the dependency path from the quoted words."""
    for root in _quote_roots(ctx, toks):
        tok, steps = root, 0
        while tok.head is not tok and steps < limit:
            tok, steps = tok.head, steps + 1
            if not ctx.in_quote(tok) and ctx.is_cue(tok):
                return tok
    return None


def _attached_tail_cue(
    ctx: QuoteContext, start: int, end: int, participles: bool = False
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
        if tok.text in ("“", '"', "‘") or "\n" in tok.text:
            return None
        if tok.is_punct:
            continue
        if ctx.is_cue(tok):
            bare = not seen and tok.tag_ == "VBG" and not own_subject(ctx, tok)
            return None if bare and not participles else tok
        seen += 1
        # Only a subject may stand between the quote and its cue ("...," the commander said).
        if seen > 4 or tok.pos_ not in _SUBJECT_POS:
            return None
    return None


def _lead_cue(ctx: QuoteContext, start: int) -> Token | None:
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


def _previous_sentence_cue(ctx: QuoteContext, start: int) -> Token | None:
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


def _dependent_cue(ctx: QuoteContext, toks: list[Token]) -> Token | None:
    """A cue outside the quote whose head chain runs into it (parataxis: '"...," he said')."""
    inside = {t.i for t in toks}
    first, last = toks[0].sent, toks[-1].sent
    candidates = [t for t in ctx.doc[first.start : last.end] if ctx.is_cue(t)]
    for tok in candidates:
        if any(a.i in inside for a in tok.ancestors):
            return tok
    return None


def _is_title(ctx: QuoteContext, start: int, end: int) -> bool:
    """A quoted title of a work or an operation: the book “...”, a report titled ‘...’."""
    line = ctx.text.rfind("\n", 0, start) + 1
    lead = re.findall(r"[\w’'-]+|[^\w\s]", ctx.text[line:start].rstrip(" “\"'‘«"))
    if not lead:
        return False
    if lead[-1].lower() in ctx.cues.title_verbs:
        return True
    words = _words(ctx.text[start:end])
    named = sum(_name_word(w) for w in words)
    # Titles are capitalised; "the operation “would continue”" is a partial quotation.
    title_like = bool(words) and _name_word(words[0]) and 2 * named >= len(words)
    # The title noun directly before the marks, maybe behind a name ("Operation Euphrates").
    near = [w.lower().rstrip("s") for w in lead[-3:] if w[:1].isalpha()]
    if title_like and lead[-1].lower() in ctx.cues.title_naming_verbs:
        return True  # an operation called “Deterrence of Aggression”
    return title_like and bool(near) and near[-1] in ctx.cues.title_nouns


def _is_scare_quote(ctx: QuoteContext, start: int, end: int, toks: list[Token]) -> bool:
    """Short quoted modifiers, names and distancing quotes carry no speech."""
    words = _words(ctx.text[start:end])
    if len(words) > ctx.cues.max_short_words:
        return False
    if len(words) == 1 and any(t.pos_ == "VERB" for t in toks):
        # One quoted verb in the writer's clause ("forces “neutralized” four fighters") is the
        # speaker's term held at a distance, not their words.
        return True
    lead = ctx.text[max(0, start - 20) : start].lower()
    if any(lead.rstrip(" “\"'‘").endswith(m) for m in ctx.cues.scare_markers):
        return True
    if re.search(r"\b(?:a|an|the)\W*$", lead) and _climb_to_cue(ctx, toks, 1) is None:
        # The writer's article before the marks makes the quoted words a label ("the arrest of
        # a “terror cell”"), unless a cue takes them as its object ("called it a “crime”").
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
        # "said ‘Mulham’, an activist": the quoted name is who speaks, not what is said.
        speaking = any(t.dep_ in ("nsubj", "nsubjpass") for t in toks)
        return naming or speaking or (cue is None and not intro)
    return cue is None and not intro


def _name_word(word: str) -> bool:
    """True for words of a proper name, Arabic particles included ("Saraya al-Mukhtar")."""
    return word[:1].isupper() or bool(re.match(r"(?:al|el|ad|an|ar|as|ash|at|az)-\w", word))


def _intro_before(ctx: QuoteContext, start: int) -> bool:
    """True when the quote directly follows 'as', 'that' or ':' after a cue in its clause."""
    lead = ctx.text[max(0, start - 40) : start].rstrip(" “\"'‘")
    last = re.findall(r"\w+|[:,]", lead)
    return (
        bool(last)
        and last[-1].lower() in ctx.cues.intro_words
        and _lead_cue(ctx, start) is not None
    )


def _subject_token(ctx: QuoteContext, cue: Token) -> Token | None:
    """The subject of a cue, borrowed from its governor for participles and conjuncts."""
    to = ctx.according(cue)
    if to is not None:
        return next((c for c in to.children if c.dep_ == "pobj"), None) or (
            to.nbor(1) if to.i + 1 < len(ctx.doc) else None
        )
    if _is_passive(cue) and lemma(cue) not in ctx.cues.passive_speaker_verbs:
        # "SRF was accused of “...”": the subject is who the words are about; the speaker is
        # the agent ("by X"), or nobody the text names.
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    own = own_subject(ctx, cue)
    if own is not None and own.tag_ in ("WDT", "WP") and cue.dep_ == "relcl":
        return cue.head  # "Amaq news agency, which said ..."
    if own is not None:
        return _same_paragraph(ctx, own, cue)
    inverted = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if inverted is not None and lemma(inverted) in ctx.cues.statement_nouns:
        return inverted  # '"...," read a statement from the ministry'
    # "Shelling hit the villages, the Manbij Military Council, which ..., said": the parser
    # coordinates the cue with the reported clause; its subject is the phrase before the comma.
    fronted = _comma_subject(ctx, cue)
    if fronted is not None:
        return fronted
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        # "SANA quoted Mekdad as saying ...": the object of "quoted" speaks.
        quoted = next((c for c in cue.head.head.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            return quoted
    if cue.dep_ in ("advcl", "conj", "xcomp", "acl"):
        # ", adding that ..." hangs off whatever verb precedes it; the speaker is the subject of
        # the reporting verb above it, not of the reported clause it is attached to.
        governor = next((a for a in cue.ancestors if ctx.is_cue(a)), None)
        if governor is not None:
            return _subject_token(ctx, governor)
    tok, steps = cue, 0
    while steps < _MAX_SUBJECT_CLIMB:
        subject = own_subject(ctx, tok)
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


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _comma_subject(ctx: QuoteContext, cue: Token) -> Token | None:
    """The noun phrase set off by a comma right before a subjectless cue ('..., X, said')."""
    if cue.dep_ not in ("conj", "ROOT", "ccomp", "parataxis") or cue.i < 2:
        return None
    k = cue.i - 1
    while k > 0 and ctx.doc[k].pos_ == "ADV":
        k -= 1
    if ctx.doc[k].text != "," or cue.tag_ == "VBG":
        return None  # "X shelled and said" is true coordination; ", saying" a participle
    end = k - 1
    sent_start = cue.sent.start
    for tok in ctx.doc[sent_start : end + 1]:
        if tok.right_edge.i != end or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        left = tok.left_edge.i
        if ctx.in_quote(tok) or any("\n" in t.text for t in ctx.doc[left : end + 1]):
            continue
        if left == sent_start or ctx.doc[left - 1].text in (",", "—", "–", "-"):
            return tok
    return None


def _same_paragraph(ctx: QuoteContext, subject: Token, verb: Token) -> Token | None:
    """The parsed subject, unless the parse ran across a paragraph break to find it."""
    lo, hi = sorted((subject.idx, verb.idx))
    if "\n" not in ctx.text[lo:hi]:
        return subject
    return _adjacent_subject(ctx, verb)


def _adjacent_subject(ctx: QuoteContext, verb: Token) -> Token | None:
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


def _colon_speaker(ctx: QuoteContext, start: int) -> DocEntity | None:
    """The speaker named before a colon at the start of a line: 'Erdogan: "We will ..."'."""
    line = ctx.text.rfind("\n", 0, start) + 1
    lead = ctx.text[line:start].rstrip(" “\"'‘«")
    if not lead.endswith(":") or len(_words(lead)) > 8:
        return None
    toks = ctx.tokens(line, line + len(lead) - 1)
    if any(ctx.is_cue(t) for t in toks):
        return None  # "Sejri said:" is an ordinary lead cue
    for tok in toks:
        entity = ctx.entity(tok)
        if entity is not None and entity.type in ("PERSON", "ORG"):
            return entity
    return None


def _find_cue(ctx: QuoteContext, start: int, end: int, toks: list[Token]) -> Token | None:
    return (
        _attached_tail_cue(ctx, start, end)
        or _climb_to_cue(ctx, toks, _MAX_QUOTE_CLIMB)
        or _dependent_cue(ctx, toks)
        or _attached_tail_cue(ctx, start, end, participles=True)
        or (_lead_cue(ctx, start) if len(_words(ctx.text[start:end])) > 3 else None)
        or _previous_sentence_cue(ctx, start)
    )


# Verbs that report speech itself, whose clause holds another cue verb's quoted words:
# "the spokesman said Syria rejected “any acts of sabotage”" quotes the spokesman.
_SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "stress", "explain", "note"})


def _reporting_cue(ctx: QuoteContext, cue: Token) -> Token:
    """The speech verb a cue's clause is reported by, if any: its subject said the words."""
    head = cue
    while (
        head.dep_ == "ccomp"
        and head.head.i != head.i
        and ctx.is_cue(head.head)
        and ctx.cue_name(head.head) in _SPEECH_LEMMAS
    ):
        head = head.head
    return head


def _continues(text: str, previous: Quote | None, start: int) -> bool:
    """True when a quote opens a paragraph right after the previous quote's paragraph."""
    between = text[previous.end : start] if previous is not None else "x"
    return 1 <= between.count("\n") <= 2 and not _words(between)


def extract_quotes(analyzed: AnalyzedDocument) -> tuple[Quote, ...]:
    """Direct quotations in the document with cue and speaker; scare quotes are left out."""
    text = analyzed.document.text
    spans = quote_spans(text)
    ctx = QuoteContext(analyzed, spans)
    quotes: list[Quote] = []
    for start, end in spans:
        toks = [t for t in ctx.tokens(start, end) if start <= t.idx < end]
        if not toks or _is_title(ctx, start, end) or _is_scare_quote(ctx, start, end, toks):
            continue
        previous = quotes[-1] if quotes else None
        speaker: str | None = None
        cue_name: str | None = None
        headline = _colon_speaker(ctx, start) if not _attached_tail_cue(ctx, start, end) else None
        cue = None if headline is not None else _find_cue(ctx, start, end, toks)
        if headline is not None:
            speaker, cue_name = headline.local_id, "say"
        elif cue is not None:
            cue = _reporting_cue(ctx, cue)
            entity = speaker_of(ctx, _subject_token(ctx, cue))
            speaker, cue_name = (entity.local_id if entity else None), ctx.cue_name(cue)
        elif previous is not None and _continues(text, previous, start):
            # A paragraph that only quotes continues the previous speaker's words.
            speaker, cue_name = previous.speaker, previous.cue
        quotes.append(Quote(text[start:end], analyzed.document.id, start, end, speaker, cue_name))
    return tuple(quotes)
