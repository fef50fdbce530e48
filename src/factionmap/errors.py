"""A catalogue of user-facing errors: each has a code and says what to do."""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Message templates; format with keyword arguments."""

    E001 = "path does not exist"
    E002 = "empty file (no text to read)"
    E003 = "binary file, not an article (found NUL bytes)"
    E004 = "not valid UTF-8, UTF-16 or Windows-1256 text"
    E005 = "line {line}: not valid JSON ({detail})"
    E006 = 'line {line}: an article needs a non-empty "text" field'
    E007 = "unsupported file type {suffix!r} (use .txt, .html, .htm or .jsonl)"
    E008 = "no article text left after removing page furniture"
    E009 = 'line {line}: metadata needs a "file" or "id" field'
    E010 = "database {path} was written by a newer factionmap (schema {found} > {supported})"
    E011 = "not a factionmap database: {detail}"
    E012 = "no actor matches {name!r}; try `factionmap actors --search`"
    E013 = "unknown export format {name!r}; choose from {choices}"
    E014 = "invalid actor dictionary entry {key!r}: {detail}"
    E015 = "could not parse HTML ({detail})"
    E016 = "unknown setting {name!r}; known settings: {choices}"
    E017 = "setting {name!r} must be {expected}"
    E018 = "not valid TOML ({detail})"
    E030 = "invalid date {value!r}: use an ISO prefix such as 2021, 2021-09 or 2021-09-14"
    E031 = "no relation with id {value}; ids are listed by `factionmap graph` and `conflicts`"
    E033 = "--allow-edits is for a server on loopback only (--host 127.0.0.1)"
    E032 = "unknown graph format {name!r}; choose from {choices}"
    E040 = (
        "another ingest (process {pid}) is writing to this database; wait for it to finish"
        " or use another --db"
    )
    E041 = "{size:,} bytes, over the max_file_bytes limit of {limit:,} (a setting)"
    E042 = "{size:,} characters, over the max_document_chars limit of {limit:,} (a setting)"
    E043 = "not valid UTF-8 (invalid byte at offset {offset})"
    E044 = "line {line}: field {field!r} must be {expected}, not {found}"
    E045 = "not a regular file ({kind})"
    E046 = "symbolic link loop"
    E047 = "line {line}: field {field!r} is not valid Unicode (lone surrogate)"
    E048 = "published date {value!r} is not a valid date; stored without one"
    E049 = "folders nested deeper than {limit} levels; not read further"
    E050 = "unknown engine {name!r}; choose from {choices}"
    E051 = "the dask engine needs the optional extra: pip install 'factionmap[dask]'"


class FactionmapError(Exception):
    """An error the user can act on; `str()` is the one-line message."""

    def __init__(self, code: Errors, where: str | None = None, **details: object) -> None:
        self.code = code
        self.where = where
        message = code.value.format(**details)
        super().__init__(f"{where}: {message}" if where else message)
