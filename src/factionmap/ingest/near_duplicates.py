"""Near-duplicate articles: syndicated or lightly edited copies of one story.

Each article gets a MinHash signature over its word 5-gram shingles; locality-sensitive
bands of the signature find earlier articles that may be copies, and the share of equal
signature values estimates how much of the text they share (Jaccard similarity). A copy is
linked to the first article, not analysed again: its assertions would be the same ones,
counted twice as if two sources had corroborated them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from factionmap.ingest.containment import SHINGLE, shingles_of, words_of
from factionmap.records import Document

PERMUTATIONS = 64
BANDS = 16  # of 4 rows: a pair sharing 70 % of shingles meets in some band 99 % of the time
ROWS = PERMUTATIONS // BANDS
_random = np.random.default_rng(20240611)  # fixed: signatures must compare across runs
_A = _random.integers(1, 1 << 63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)  # odd
_B = _random.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash values and the keys of its LSH bands."""

    values: tuple[int, ...]

    def bands(self) -> list[str]:
        """One key per band: documents sharing a key are candidates."""
        return [
            f"{band}:" + ",".join(str(v) for v in self.values[band * ROWS : (band + 1) * ROWS])
            for band in range(BANDS)
        ]

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two documents' shingle sets."""
        same = sum(1 for a, b in zip(self.values, other.values, strict=True) if a == b)
        return same / PERMUTATIONS

    def to_bytes(self) -> bytes:
        """The signature as stored."""
        return np.array(self.values, dtype=np.uint64).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """A stored signature."""
        return cls(tuple(int(v) for v in np.frombuffer(data, dtype=np.uint64)))


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text, or None when it is too short to judge."""
    words = words_of(text)
    if len(words) < SHINGLE * 4:
        return None  # a few words: any two short notes would look alike
    shingles = shingles_of(words)
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
            for s in shingles
        ),
        dtype=np.uint64,
        count=len(shingles),
    )
    # Multiply-shift hashing, one per permutation: (a·h + b) mod 2⁶⁴, high 32 bits.
    with np.errstate(over="ignore"):
        products = (hashes[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(32)
    return Signature(tuple(int(v) for v in products.min(axis=1)))


@dataclass(frozen=True, slots=True)
class CopyOf:
    """An article found to repeat an earlier one: linked to it, never analysed."""

    document: Document
    original: str  # document id of the earlier article
    similarity: float


@dataclass(slots=True)
class CopyFinder:
    """Earlier copies among stored documents (looked up by band) and those still in flight.

    Only documents read but not yet stored are held here, so memory does not grow with the
    input: once stored, a document is found through the store."""

    threshold: float
    stored: Callable[[list[str]], dict[str, bytes]]
    in_flight: dict[str, Signature] = field(default_factory=dict)
    by_band: dict[str, set[str]] = field(default_factory=dict)

    def find(self, sig: Signature) -> tuple[str, float] | None:
        """The most similar earlier document at or above the threshold, with its similarity."""
        bands = sig.bands()
        candidates = {k: Signature.from_bytes(v) for k, v in self.stored(bands).items()}
        for band in bands:
            for doc_id in self.by_band.get(band, ()):
                candidates[doc_id] = self.in_flight[doc_id]
        scored = [(sig.similarity(other), doc_id) for doc_id, other in candidates.items()]
        best = max(scored, default=None, key=lambda pair: (pair[0], pair[1]))
        return (best[1], best[0]) if best and best[0] >= self.threshold else None

    def add(self, doc_id: str, sig: Signature) -> None:
        """Remember a document on its way to the store."""
        self.in_flight[doc_id] = sig
        for band in sig.bands():
            self.by_band.setdefault(band, set()).add(doc_id)

    def settle(self, doc_id: str) -> Signature | None:
        """Forget a document once stored (or failed); its signature, to store with it."""
        sig = self.in_flight.pop(doc_id, None)
        if sig is not None:
            for band in sig.bands():
                ids = self.by_band.get(band)
                if ids is not None:
                    ids.discard(doc_id)
                    if not ids:
                        del self.by_band[band]
        return sig
