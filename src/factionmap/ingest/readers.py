"""Read articles from .txt, .html, .jsonl files and directories, with an optional sidecar."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from factionmap.errors import Errors, FactionmapError
from factionmap.records import RawArticle, ReadFailure

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_META_FIELDS = ("url", "outlet", "title", "published", "language", "author")


def decode_bytes(data: bytes, where: str) -> str:
    """Decode article bytes as UTF-8 (with or without BOM), UTF-16 or Windows-1256."""
    if not data.strip():
        raise FactionmapError(Errors.E002, where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FactionmapError(Errors.E004, where) from None
    if b"\x00" in data:
        raise FactionmapError(Errors.E003, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    # Windows-1256 maps almost every byte, so accept it only when the result reads as text.
    readable = sum(1 for c in text if c.isalpha() or c.isspace() or c in ".,;:!?'\"()-–—")
    if "\ufffd" in text or readable / len(text) < 0.85:
        raise FactionmapError(Errors.E004, where)
    return text


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_text_file(path: Path) -> RawArticle:
    """Read a plain-text article."""
    text = decode_bytes(path.read_bytes(), str(path))
    return RawArticle(text=text, file=str(path))


def read_html_file(path: Path) -> RawArticle:
    """Read an HTML page: main text, title, date and author via trafilatura."""
    import trafilatura  # imported here: costly, and only HTML input needs it

    html = decode_bytes(path.read_bytes(), str(path))
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            # Only dates the page declares: a footer's "© 2024" is no publication day.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise FactionmapError(Errors.E015, str(path), detail=type(exc).__name__) from None
    if extracted is None:
        raise FactionmapError(Errors.E008, str(path))
    fields = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = fields.get("text") or ""
    if not text.strip():
        raise FactionmapError(Errors.E008, str(path))
    title = _scalar(fields.get("title"))
    # Keep the headline in the text: it names actors, and offsets must cover it.
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return RawArticle(
        text=text,
        file=str(path),
        url=_scalar(fields.get("url")),
        outlet=_scalar(fields.get("sitename")),
        title=title,
        published=_scalar(fields.get("date")),
        author=_scalar(fields.get("author")),
        language=_scalar(fields.get("language")),
    )


def jsonl_records(path: Path) -> Iterator[tuple[int, dict | FactionmapError]]:
    """(line number, object or the error that line has) for each non-blank line of a file."""
    content = decode_bytes(path.read_bytes(), str(path))
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, FactionmapError(Errors.E005, str(path), line=number, detail=exc.msg)
            continue
        yield number, record if isinstance(record, dict) else {}


def read_jsonl_file(path: Path) -> Iterator[RawArticle | ReadFailure]:
    """Read one article per line; a bad line is reported and the rest still read."""
    for number, record in jsonl_records(path):
        if isinstance(record, FactionmapError):
            yield ReadFailure(str(path), str(record))
            continue
        if not _scalar(record.get("text")):
            yield ReadFailure(str(path), str(FactionmapError(Errors.E006, str(path), line=number)))
            continue
        external_id = _scalar(record.get("id"))
        yield RawArticle(
            text=str(record["text"]),
            file=f"{path}#{external_id or number}",
            external_id=external_id,
            **{name: _scalar(record.get(name)) for name in _META_FIELDS},
        )


def iter_files(paths: Iterable[Path]) -> Iterator[Path | ReadFailure]:
    """Expand directories recursively (sorted, hidden files skipped); report missing paths."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield ReadFailure(str(path), str(FactionmapError(Errors.E001, str(path))))


def read_path(path: Path) -> Iterator[RawArticle | ReadFailure]:
    """Read every article in one file; failures are yielded, never raised."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path)
        elif suffix in TEXT_SUFFIXES or not suffix:
            yield read_text_file(path)
        else:
            raise FactionmapError(Errors.E007, str(path), suffix=suffix)
    except FactionmapError as exc:
        yield ReadFailure(str(path), str(exc))
    except OSError as exc:
        yield ReadFailure(str(path), f"{path}: cannot read ({exc.strerror or exc})")


def load_sidecar(path: Path) -> dict[str, dict[str, str | None]]:
    """Read a JSONL metadata sidecar keyed by `file` (base name) and by `id`."""
    if not path.is_file():
        raise FactionmapError(Errors.E001, str(path))
    index: dict[str, dict[str, str | None]] = {}
    for number, record in jsonl_records(path):
        if isinstance(record, FactionmapError):
            raise record
        if not (record.get("file") or record.get("id")):
            raise FactionmapError(Errors.E009, str(path), line=number)
        fields = {name: _scalar(record.get(name)) for name in (*_META_FIELDS, "id", "file")}
        for key in (fields["file"], fields["id"]):
            if key:
                index[Path(key).name] = fields
    return index


def apply_sidecar(article: RawArticle, sidecar: dict[str, dict[str, str | None]]) -> RawArticle:
    """Fill an article's metadata from the sidecar; the sidecar wins where it has a value."""
    name = Path(article.file.split("#", 1)[0]).name
    fields = sidecar.get(name) or sidecar.get(Path(name).stem)
    if fields is None and article.external_id:
        fields = sidecar.get(article.external_id)
    if fields is None:
        return article
    updates = {k: v for k, v in fields.items() if k in _META_FIELDS and v is not None}
    values = {slot: getattr(article, slot) for slot in RawArticle.__slots__}
    values.update(updates)
    return RawArticle(**values)


def read_articles(
    paths: Iterable[Path],
    sidecar: dict[str, dict[str, str | None]] | None = None,
    skip: set[Path] | None = None,
) -> Iterator[RawArticle | ReadFailure]:
    """Every article under the given paths, with sidecar metadata applied."""
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            yield item
            continue
        if skip and item.resolve() in skip:
            continue  # the metadata sidecar often sits beside the articles it describes
        for result in read_path(item):
            if isinstance(result, RawArticle) and sidecar:
                result = apply_sidecar(result, sidecar)
            yield result
