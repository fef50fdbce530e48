"""Name normalisation: the keys under which surface forms of one actor meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_ARTICLE = re.compile(r"\b(?:(?:al|el)[- ]|(?:as|ash|ad|adh|ar|at|az|an)-)(?=\w)", re.IGNORECASE)
# Transliteration families that reporters mix freely; each maps to one spelling.
_SPELLINGS = [
    (re.compile(r"\bm[ou]h?[ae]mm?[ae]d\b"), "muhammad"),
    (re.compile(r"\ba?hm[ae]d\b"), "ahmad"),
    (re.compile(r"\b(?:jolani|julani|golani|joulani)\b"), "julani"),
    (re.compile(r"\b(?:hayat|hayaat|hayet|haiat|hayah)\b"), "hayat"),
    (re.compile(r"\b(?:ab[ou]|abou)\b"), "abu"),
    (re.compile(r"\b(?:abdul|abdel|abd al|abd el|abdal)\b"), "abd"),
    (re.compile(r"\bidleb\b"), "idlib"),
    (re.compile(r"\bt[ae]ll?\b"), "tal"),
    (re.compile(r"\b(?:daesh|daish)\b"), "isis"),
]
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")  # "Abu Amsha’s" → "Abu Amsha"; "Forces'" → "Forces"


def strip_accents(text: str) -> str:
    """Remove diacritics (Şanlıurfa → Sanliurfa) but keep other scripts intact."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The writer folds every name of every stored entity (resolution, the alias table) and the
# same actors recur in article after article: each spelling is folded once per process.
@lru_cache(maxsize=1 << 15)
def surface_key(text: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive form, without a leading 'the'."""
    text = strip_accents(text).lower()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    text = re.sub(r"[-_/]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _LEADING_THE.sub("", text)


@lru_cache(maxsize=1 << 15)
def fold_key(text: str) -> str:
    """A looser key for transliteration variants: articles dropped, doubled letters folded."""
    # The possessive goes before apostrophes are dropped, or "Amsha’s" would stay "amshas".
    text = _POSSESSIVE.sub("", strip_accents(text).lower())
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    text = _LEADING_THE.sub("", text)
    text = _ARTICLE.sub("", text)
    text = re.sub(r"[-_/]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for pattern, spelling in _SPELLINGS:
        text = pattern.sub(spelling, text)
    text = re.sub(r"(\w)\1+", r"\1", text)  # Assaad/Asad, Jassem/Jasem, Idriss/Idris
    text = text.replace("ou", "u").replace("ee", "i")
    return text


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Abu Amsha’s" → "Abu Amsha")."""
    return re.sub(r"\s*[’']s?$", "", text).strip()


def is_acronym(text: str) -> bool:
    """A one-word all-capitals name of 2–8 letters ("HTS", "SNA", "AANES")."""
    return text.isupper() and 2 <= len(text) <= 8 and " " not in text


def initials(text: str) -> str:
    """Initials of the capitalised words of a name ("Free Syrian Army" → "FSA")."""
    words = re.findall(r"[A-Za-z][\w’']*", text)
    return "".join(w[0] for w in words if w[0].isupper())


def slug(text: str) -> str:
    """A lowercase ASCII identifier for a name."""
    return re.sub(r"[^a-z0-9]+", "_", strip_accents(text).lower()).strip("_") or "x"
