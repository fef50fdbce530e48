"""Read articles from .txt, .html, .jsonl files and directories, with an optional sidecar."""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factionmap.errors import Errors, FactionmapError
from factionmap.records import RawArticle, ReadFailure

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_META_FIELDS = ("url", "outlet", "title", "published", "language", "author", "translated_from")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much one input may hold before it is refused (settings max_file_bytes, …)."""

    max_file_bytes: int = 50_000_000
    max_depth: int = 64


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def display_name(path: Path | str) -> str:
    """A file name safe to print and store: undecodable bytes and control characters escaped.

    File names come from whoever wrote the folder: an escape sequence in one must not drive
    the terminal, and a name that is not UTF-8 must not crash the store."""
    raw = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), raw)


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit in the high half of most code units."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _readable(text: str) -> bool:
    if not text:
        return False
    readable = sum(1 for c in text if c.isalpha() or c.isspace() or c in ".,;:!?'\"()-–—")
    return "\ufffd" not in text and readable / len(text) >= 0.85


def decode_bytes(data: bytes, where: str) -> str:
    """Decode article bytes as UTF-8 (with or without BOM), UTF-16 or Windows-1256."""
    if not data.strip():
        raise FactionmapError(Errors.E002, where)
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _looks_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise FactionmapError(Errors.E004, where) from None
        if utf16 == "utf-16" or _readable(text[:4000]):
            return text
    if b"\x00" in data:
        raise FactionmapError(Errors.E003, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # Text that is mostly well-formed UTF-8 with a few bad bytes is damaged UTF-8, not
    # Windows-1256: decoding it as 1256 would store mojibake without a word.
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    multibyte = sum(1 for c in lenient if ord(c) > 0x7F) - broken
    if multibyte > broken:
        raise FactionmapError(Errors.E043, where, offset=first_bad)
    text = data.decode("cp1256", errors="replace")
    # Windows-1256 maps almost every byte, so accept it only when the result reads as text.
    if not _readable(text):
        raise FactionmapError(Errors.E004, where)
    return text


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _scalar(value: Any, field_name: str = "", where: str = "", line: int = 0) -> str | None:
    """A metadata field as text; lists, objects and broken Unicode are refused, not repr'd."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        found = "an object" if isinstance(value, dict) else "a list"
        raise FactionmapError(
            Errors.E044, where, line=line, field=field_name, expected="a string", found=found
        )
    text = str(value).strip()
    if _SURROGATE.search(text):
        raise FactionmapError(Errors.E047, where, line=line, field=field_name)
    return text or None


def _read_regular(path: Path, limits: ReadLimits) -> bytes:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FactionmapError(
            Errors.E041, display_name(path), size=size, limit=limits.max_file_bytes
        )
    return path.read_bytes()


def read_text_file(path: Path, limits: ReadLimits | None = None) -> RawArticle:
    """Read a plain-text article."""
    name = display_name(path)
    text = decode_bytes(_read_regular(path, limits or ReadLimits()), name)
    return RawArticle(text=text, file=name)


def read_html_file(path: Path, limits: ReadLimits | None = None) -> RawArticle:
    """Read an HTML page: main text, title, date and author via trafilatura."""
    import trafilatura  # imported here: costly, and only HTML input needs it

    name = display_name(path)
    html = decode_bytes(_read_regular(path, limits or ReadLimits()), name)
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            # Only dates the page declares: a footer's "© 2024" is no publication day.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except RecursionError:
        raise FactionmapError(Errors.E015, name, detail="markup nested too deeply") from None
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise FactionmapError(Errors.E015, name, detail=type(exc).__name__) from None
    if extracted is None:
        raise FactionmapError(Errors.E008, name)
    fields = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = fields.get("text") or ""
    if not text.strip():
        raise FactionmapError(Errors.E008, name)
    title = _scalar(fields.get("title"))
    # Keep the headline in the text: it names actors, and offsets must cover it.
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return RawArticle(
        text=text,
        file=name,
        url=_scalar(fields.get("url")),
        outlet=_scalar(fields.get("sitename")),
        title=title,
        published=_scalar(fields.get("date")),
        author=_scalar(fields.get("author")),
        language=_scalar(fields.get("language")),
    )


def _parse_json_line(line: bytes, where: str, number: int) -> dict | FactionmapError:
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return FactionmapError(Errors.E005, where, line=number, detail=f"not UTF-8: {exc.reason}")
    try:
        # Numbers keep their spelling: a 5,000-digit id is text to us, not an int to convert.
        record = json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        return FactionmapError(Errors.E005, where, line=number, detail=exc.msg)
    except RecursionError:
        return FactionmapError(Errors.E005, where, line=number, detail="nested too deeply")
    return record if isinstance(record, dict) else {}


def jsonl_records(
    path: Path, limits: ReadLimits | None = None
) -> Iterator[tuple[int, dict | FactionmapError]]:
    """(line number, object or the error that line has) for each non-blank line of a file.

    Read line by line, so a large file is never held whole; lines end at LF only, because
    U+0085 or U+2028 inside a JSON string is part of the string."""
    limits = limits or ReadLimits()
    where = display_name(path)
    with path.open("rb") as handle:
        any_line = False
        for number in itertools.count(1):
            line = handle.readline(limits.max_file_bytes + 1)
            if not line:
                if not any_line:
                    raise FactionmapError(Errors.E002, where)
                return
            if len(line) > limits.max_file_bytes and not line.endswith(b"\n"):
                size = len(line)
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    size += len(rest)
                error = FactionmapError(
                    Errors.E041, None, size=size + len(rest), limit=limits.max_file_bytes
                )
                yield number, FactionmapError(Errors.E005, where, line=number, detail=str(error))
                any_line = True
                continue
            if line.strip():
                any_line = True
                yield number, _parse_json_line(line, where, number)


def read_jsonl_file(
    path: Path, limits: ReadLimits | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """Read one article per line; a bad line is reported and the rest still read."""
    where = display_name(path)
    for number, record in jsonl_records(path, limits):
        if isinstance(record, FactionmapError):
            yield ReadFailure(where, str(record))
            continue
        try:
            text = record.get("text")
            if not isinstance(text, str | None):
                _scalar(text, "text", where, number)  # raises for lists and objects
                found = type(text).__name__
                raise FactionmapError(
                    Errors.E044, where, line=number, field="text", expected="a string", found=found
                )
            if not _scalar(text, "text", where, number):
                raise FactionmapError(Errors.E006, where, line=number)
            external_id = _scalar(record.get("id"), "id", where, number)
            meta = {name: _scalar(record.get(name), name, where, number) for name in _META_FIELDS}
        except FactionmapError as exc:
            yield ReadFailure(where, str(exc))
            continue
        yield RawArticle(
            text=str(text),
            file=f"{where}#{external_id or number}",
            external_id=external_id,
            **meta,
        )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file or folder"


def _failure(path: Path | str, code: Errors, **details: object) -> ReadFailure:
    name = display_name(path)
    return ReadFailure(name, str(FactionmapError(code, name, **details)))


def _walk(root: Path, limits: ReadLimits) -> Iterator[Path | ReadFailure]:
    """Supported files under a folder in sorted order, without recursion in Python.

    Folders are followed through symbolic links, but each real folder once: a link back up
    the tree is reported as a loop instead of being walked forever."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                yield _failure(folder, Errors.E046)
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            yield ReadFailure(
                display_name(folder), f"{display_name(folder)}: cannot read ({_why(exc)})"
            )
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_dir():
                    subfolders.append(path)
                    continue
                supported = Path(entry.name).suffix.lower() in SUPPORTED
                if not supported:
                    continue
                if entry.is_file():
                    yield path
                elif entry.is_symlink():
                    path.stat()  # raises: a dangling link or a loop
                    yield _failure(path, Errors.E045, kind=_kind(path.stat().st_mode))
                else:
                    yield _failure(path, Errors.E045, kind=_kind(entry.stat().st_mode))
            except OSError as exc:
                yield _os_failure(path, exc)
        if subfolders and depth + 1 > limits.max_depth:
            yield _failure(folder, Errors.E049, limit=limits.max_depth)
            continue
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _os_failure(path: Path, exc: OSError) -> ReadFailure:
    if exc.errno == errno.ELOOP:
        return _failure(path, Errors.E046)
    if exc.errno == errno.ENOENT:
        return _failure(path, Errors.E001)
    return ReadFailure(display_name(path), f"{display_name(path)}: cannot read ({_why(exc)})")


def iter_files(
    paths: Iterable[Path], limits: ReadLimits | None = None
) -> Iterator[Path | ReadFailure]:
    """Expand directories recursively (sorted, hidden files skipped); report what is unreadable."""
    limits = limits or ReadLimits()
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield _os_failure(path, exc)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, limits)
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield _failure(path, Errors.E045, kind=_kind(mode))


def read_path(path: Path, limits: ReadLimits | None = None) -> Iterator[RawArticle | ReadFailure]:
    """Read every article in one file; failures are yielded, never raised."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, limits)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path, limits)
        elif suffix in TEXT_SUFFIXES or not suffix:
            yield read_text_file(path, limits)
        else:
            raise FactionmapError(Errors.E007, display_name(path), suffix=suffix)
    except FactionmapError as exc:
        yield ReadFailure(display_name(path), str(exc))
    except OSError as exc:
        yield _os_failure(path, exc)


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
        fields = {
            name: _scalar(record.get(name), name, str(path), number)
            for name in (*_META_FIELDS, "id", "file")
        }
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
    limits: ReadLimits | None = None,
) -> Iterator[RawArticle | ReadFailure]:
    """Every article under the given paths, with sidecar metadata applied."""
    for item in iter_files(paths, limits):
        if isinstance(item, ReadFailure):
            yield item
            continue
        if skip and item.resolve() in skip:
            continue  # the metadata sidecar often sits beside the articles it describes
        for result in read_path(item, limits):
            if isinstance(result, RawArticle) and sidecar:
                result = apply_sidecar(result, sidecar)
            yield result
