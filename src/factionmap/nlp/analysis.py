"""A document after NLP and within-document resolution: what every extractor reads."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from factionmap.records import DocEntity, Document, Mention


@dataclass(frozen=True, slots=True)
class AnalyzedDocument:
    """The cleaned document, its spaCy parse and its resolved entities (local ids)."""

    document: Document
    doc: Doc
    entities: tuple[DocEntity, ...]
    _starts: list[int] = field(default_factory=list, repr=False)
    _index: list[tuple[Mention, DocEntity]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        pairs = sorted(
            ((m, e) for e in self.entities for m in e.mentions), key=lambda pair: pair[0].start
        )
        self._index.extend(pairs)
        self._starts.extend(m.start for m, _ in pairs)

    def entity(self, local_id: str) -> DocEntity | None:
        """The entity with this local id."""
        return next((e for e in self.entities if e.local_id == local_id), None)

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, DocEntity]]:
        """Mentions lying inside the character range [start, end), in text order."""
        first = bisect_right(self._starts, start - 1)
        found = []
        for mention, entity in self._index[first:]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append((mention, entity))
        return found

    def entity_at(self, start: int, end: int) -> DocEntity | None:
        """The entity of the mention overlapping [start, end) most, if any."""
        best: tuple[int, DocEntity] | None = None
        first = max(0, bisect_right(self._starts, start) - 8)
        for mention, entity in self._index[first:]:
            if mention.start >= end:
                break
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity)
        return best[1] if best else None

    def entity_of_span(self, span: Span) -> DocEntity | None:
        """The entity a spaCy span (token range) names, if any."""
        return self.entity_at(span.start_char, span.end_char)

    def mentions_before(self, offset: int, limit: int = 50) -> list[tuple[Mention, DocEntity]]:
        """Up to `limit` mentions ending before `offset`, nearest first."""
        last = bisect_right(self._starts, offset)
        found = []
        for mention, entity in reversed(self._index[:last]):
            if mention.end <= offset:
                found.append((mention, entity))
                if len(found) >= limit:
                    break
        return found
