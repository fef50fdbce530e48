"""Turn a place name into the comparison keys the gazetteer indexes.

Two levels, both pure functions of the text:

- `fold_name` removes only what never distinguishes two places: case, diacritics,
  apostrophes and ayn/hamza signs, hyphens and punctuation ("Şanlıurfa" -> "sanliurfa",
  "A'zaz" -> "azaz", "Ras al-Ain" -> "ras al ain").
- `name_key` also drops Arabic articles and folds transliteration variants, so that
  "Idleb"/"Idlib", "Tell Abyad"/"Tal Abyad", "Ras al-Ayn"/"Ras al-Ain" and
  "Deir al-Zour"/"Deir ez-Zor" share a key. Keys are deliberately lossy: the resolver
  ranks the candidates a key returns, using `fold_name` equality as evidence of an exact
  spelling match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

# Letters NFKD does not decompose into a base letter plus a combining mark.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# The Arabic definite article in its assimilated forms ("ash-Shughur", "ez-Zor", "as-Salameh").
ARTICLES = frozenset(
    "al el il ul ar er as es ad ed at et az ez an en ash esh ech adh ath ed dh".split()
)

# Whole-word transliteration variants of common toponym elements, folded to one spelling.
_TOKEN_VARIANTS = {
    **dict.fromkeys(("tell", "tel", "tall", "til", "tal"), "tal"),
    **dict.fromkeys(("ayn", "ain", "ein", "ayin", "aine"), "ain"),
    **dict.fromkeys(("jebel", "jabel", "jbel", "djebel", "jabal", "jebal"), "jabal"),
    **dict.fromkeys(("deir", "dayr", "dair", "der", "deyr"), "dair"),
    **dict.fromkeys(("kafr", "kfar", "kafar", "kafer", "kefr", "kfr"), "kafr"),
    **dict.fromkeys(("khirbet", "khirbat", "kherbet", "khirbit", "khurbat"), "khirbat"),
    **dict.fromkeys(("sheikh", "shaykh", "shaikh", "cheikh", "shekh", "sheykh"), "shaykh"),
    **dict.fromkeys(("abu", "abou", "abo"), "abu"),
    **dict.fromkeys(("beit", "bayt", "bait", "beyt"), "bayt"),
    **dict.fromkeys(("bir", "beer", "bier"), "bir"),
    **dict.fromkeys(("ras", "rass", "raas"), "ras"),
    **dict.fromkeys(("qasr", "kasr", "qasser"), "qasr"),
    **dict.fromkeys(("idleb", "idlib", "edlib", "idlip"), "idlib"),
}

# Character-level folds applied to the joined key. Order matters: "aw" before a consonant
# is the diphthong written "o" ("Zawr" = "Zor"); "ee" must become "i" before "e" does;
# the ta marbuta ending "-ah"/"-eh" becomes "-a" before "e" -> "i".
_AW = re.compile(r"aw(?![aeiouy])")
_DOUBLED = re.compile(r"(.)\1+")
_FIRST_GROUP = itemgetter(1)  # a C-level replacement callable, faster than the "\\1" template
_DROP_TABLE = dict.fromkeys(
    map(ord, "'`\u00b4\u02b9\u02ba\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u2018\u2019\u201b\u2032")
)


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def _fold(text: str) -> str:
    if text.isascii():
        # Fast path for the common case: only apostrophes and backticks to drop.
        text = text.lower().replace("'", "").replace("`", "")
    else:
        text = unicodedata.normalize("NFKD", text.casefold().translate(_DROP_TABLE))
        # Combining marks and letters of other scripts have no ASCII form and vanish.
        text = text.translate(_LETTERS).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text).strip()


_WORD_KEYS: dict[str, str] = {}


def _word_key(word: str) -> str:
    # Rules apply per word so that each word's ending is treated as an ending, and so
    # that a word shared by thousands of names is folded once.
    key = _TOKEN_VARIANTS.get(word)
    if key is None:
        key = _AW.sub("u", word) if "aw" in word else word
        key = key.replace("ou", "u").replace("oo", "u").replace("ee", "i")
        if len(key) > 3 and key[-1] == "h" and key[-2] in "ae":
            key = key[:-2] + "a"
        key = key.replace("ey", "ai").replace("ay", "ai").replace("ei", "ai")
        key = key.replace("e", "i").replace("o", "u")
        if len(key) > 1 and key[-1] == "y":
            key = key[:-1] + "i"
        key = _DOUBLED.sub(_FIRST_GROUP, key)
    if len(_WORD_KEYS) < 500_000:
        _WORD_KEYS[word] = key
    return key


def _key(text: str) -> str:
    return _key_of_fold(_fold(text))


def _key_of_fold(folded: str) -> str:
    words = folded.split()
    kept = [w for w in words if w not in ARTICLES] or words
    get = _WORD_KEYS.get
    parts = [get(w) or _word_key(w) for w in kept]
    if len(parts) < 2:
        return parts[0] if parts else ""
    key = parts[0]
    for part in parts[1:]:
        # Doubled letters collapse across word boundaries too ("Tell Lab" = "Tel-Lab").
        key += part[1:] if key and part and key[-1] == part[0] else part
    return key


@lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """Lower-case ASCII words of `text` separated by single spaces ("" if none survive)."""
    return _fold(text) if isinstance(text, str) else ""


def strip_articles(folded: str) -> list[str]:
    """The words of an already folded name without Arabic articles (kept if nothing else is)."""
    words = folded.split()
    kept = [w for w in words if w not in ARTICLES]
    # "al" glued to the noun ("alraqqa", "albukamal") is left alone: splitting it would
    # mangle real names such as "Aleppo"; the gazetteer lists such spellings as variants.
    return kept or words


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """The lossy matching key of a place name: "Tell Abyad", "Tal-Abyad" -> "talabiad"."""
    return _key(text) if isinstance(text, str) else ""


def index_names(names: Iterable[str]) -> dict[str, str]:
    """Map each distinct Latin-script name to its key, uncached, for building an index.

    Names in other scripts are left out: reports are in English, and their keys would
    be empty anyway.
    """
    out: dict[str, str] = {}
    by_fold: dict[str, str] = {}
    latin = _LATIN.search
    for name in set(names):
        if name.isascii() or latin(name):
            folded = _fold(name)
            key = by_fold.get(folded)
            if key is None:
                key = by_fold[folded] = _key_of_fold(folded)
            if key:
                out[name] = key
    return out
