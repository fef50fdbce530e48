"""Remove web furniture from an article's text, keeping what the outlet says about it."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from factionmap.records import Document, RawArticle

# Words a headline leaves in lower case; anything else capitalised marks a Title Case line.
_HEADLINE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up via vs with".split()
)
# Title Case leaves the Arabic article in lower case ("Clash in al-Bab"): judge the name after it.
_ARTICLE_PREFIX = re.compile(r"^(?:al|el)[-‑](?=\w)")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])(?:/(0[1-9]|[12]\d|3[01]))?/")


@dataclass(frozen=True, slots=True)
class Furniture:
    """Compiled line patterns of page furniture, loaded from the lexicon data file."""

    cut_from: tuple[re.Pattern[str], ...]
    teaser_intro: tuple[re.Pattern[str], ...]
    drop: tuple[re.Pattern[str], ...]
    unverified: tuple[re.Pattern[str], ...]
    notes: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_furniture() -> Furniture:
    """Load the packaged furniture lexicon (data/lexicons/boilerplate.yaml)."""
    path = resources.files("factionmap.data") / "lexicons" / "boilerplate.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in raw.get(key, []))

    return Furniture(
        compile_all("cut_from"),
        compile_all("teaser_intro"),
        compile_all("drop"),
        compile_all("unverified"),
        compile_all("notes"),
    )


def document_id(text: str) -> str:
    """A stable id for a cleaned text: the same article read twice gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def is_headline_shaped(line: str) -> bool:
    """True for a short Title Case line without closing punctuation, as teaser links are."""
    words = re.findall(r"[A-Za-z][\w’'.-]*", line)
    if not 4 <= len(words) <= 16 or line.rstrip()[-1:] in '.!?:"”':
        return False
    content = [w for w in words if w.lower() not in _HEADLINE_SMALL_WORDS]
    capitalised = sum(1 for w in content if _ARTICLE_PREFIX.sub("", w)[0].isupper())
    return len(content) >= 3 and capitalised / len(content) >= 0.85


def _is_body_paragraph(line: str) -> bool:
    return len(line.split()) >= 25


def _is_foreign_script_line(line: str, language: str) -> bool:
    if language == "ar":
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _ARABIC.match(c)) / len(letters) > 0.6


def clean_lines(text: str, language: str = "en") -> tuple[list[str], bool]:
    """Keep the article's own lines; return them with whether the outlet verified the story."""
    furniture = load_furniture()
    kept: list[str] = []
    seen: set[str] = set()
    verified = True
    body_started = False
    teaser_follows = False
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if teaser_follows:
            teaser_follows = False
            if len(line.split()) <= 20 and line[-1:] not in '.!?"”':
                continue  # the teaser's headline after a bare "Read also:"
        if _matches(furniture.cut_from, line):
            break
        if _matches(furniture.teaser_intro, line):
            teaser_follows = True
            continue
        if _matches(furniture.unverified, line):
            verified = False
            continue
        if _matches(furniture.drop, line) or _matches(furniture.notes, line):
            continue
        if body_started and _is_foreign_script_line(line, language):
            # An "Arabic version" link at the foot of an English article ends the body.
            break
        if line in seen:  # duplicated image captions and repeated headlines
            continue
        if body_started and is_headline_shaped(line):
            continue  # a teaser for another article placed inside the body
        seen.add(line)
        kept.append(line)
        body_started = body_started or _is_body_paragraph(line)
    while kept and kept[-1] == "":
        kept.pop()
    return kept, verified


def published_from_url(url: str | None) -> str | None:
    """The publication date many outlets put in their URLs (/2022/05/ or /2022/05/12/)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?")


def valid_published(value: str) -> bool:
    """True for an ISO date or prefix that names a real day, month or year (2019-13-45 not)."""
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return True


def guess_language(text: str) -> str:
    """'ar' for text mostly in Arabic script, else 'en' (the metadata may say better)."""
    letters = [c for c in text[:5000] if c.isalpha()]
    arabic = sum(1 for c in letters if _ARABIC.match(c))
    return "ar" if letters and arabic / len(letters) > 0.5 else "en"


# Wikipedia's reference marks ("Abu Haidar,[1]"), glued to the names they follow.
_REFERENCE_MARK = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def _unmarked(text: str) -> str:
    """Text without reference marks, with HTML entities left by a feed decoded ("&amp;")."""
    text = _REFERENCE_MARK.sub("", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def clean_article(article: RawArticle) -> Document:
    """Turn a raw article into a Document whose text is the article alone."""
    language = article.language or guess_language(article.text)
    lines, verified = clean_lines(_unmarked(article.text), language)
    text = "\n".join(lines)
    title = article.title or next((line for line in lines if line), None)
    return Document(
        id=document_id(text),
        text=text,
        file=article.file,
        url=article.url,
        outlet=article.outlet,
        title=title,
        published=article.published or published_from_url(article.url),
        language=language,
        author=article.author,
        verified=verified,
        translated_from=article.translated_from,
    )
