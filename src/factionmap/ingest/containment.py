"""Containment: a short report wholly inside a longer one (an agency's text republished
shortened under another outlet's name, with no credit) is that report, for corroboration.

Near-duplicates (ingest/near_duplicates.py) are texts of about one length sharing most
shingles; a shortened copy shares only a small part of the long text's shingles but nearly
all of its own, which MinHash similarity does not show. So each document keeps a sample of
its word 5-gram hashes: those ≡ 0 mod SAMPLING. A shingle sampled in one document is
sampled in every document that has it, so the share of a document's sample found in
another's estimates the share of its text that is inside the other.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE = 5
SAMPLING = 8
CONTAINED = 0.8  # share of the shorter text's sample inside the longer one
MIN_SAMPLE = 6  # a sample of fewer hashes (about 50 words of text) says too little
_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """A text's words, lower-cased, as both copy detectors read it."""
    return _WORD.findall(text.lower())


def shingles_of(words: list[str]) -> set[str]:
    """The word 5-grams of a text (near-duplicates and containment share them)."""
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def shingle_sample(text: str) -> list[int]:
    """The sampled word 5-gram hashes of a text (56-bit, so that SQLite stores them)."""
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "little")
        for s in shingles_of(words_of(text))
    }
    return sorted(h for h in hashes if h % SAMPLING == 0)
