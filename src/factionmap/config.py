"""Settings, each declared once (name, default, help), layered: defaults → file → CLI."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from factionmap.errors import Errors, FactionmapError
from factionmap.geo.toponyms import DEFAULT_THEATRE

DEFAULT_FILE = Path("factionmap.toml")


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - mirrors argparse's keyword
    factory = (lambda: list(default)) if isinstance(default, list) else None
    if factory is not None:
        return field(default_factory=factory, metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting factionmap reads; `factionmap settings` lists them with their help."""

    theatre: list[str] = _setting(
        list(DEFAULT_THEATRE),
        "ISO country codes whose places win over namesakes elsewhere (Tripoli, Homs)",
    )
    actor_dictionaries: list[str] = _setting(
        [],
        "extra actor dictionary YAML files or folders, added to the packaged one",
    )
    batch_size: int = _setting(8, "most documents the spaCy pipeline parses per batch")
    batch_words: int = _setting(
        2000,
        "most words per batch of analysis (the batch closes at batch_size documents or this"
        " many words): small, even batches keep every worker busy to the end of a run",
    )
    workers: int = _setting(0, "worker processes for analysis during ingest (0: one per core)")
    max_file_bytes: int = _setting(
        50_000_000, "largest input file (or JSONL line) read, in bytes; larger ones are refused"
    )
    near_duplicates: float = _setting(
        0.8,
        "share of word 5-grams above which an article is linked as a copy of an earlier one"
        " instead of analysed again (0 turns this off)",
    )
    max_document_chars: int = _setting(
        1_000_000, "longest cleaned article analysed, in characters; longer ones are refused"
    )

    def describe(self) -> list[tuple[str, Any, str]]:
        """(name, value, help) of every setting."""
        return [(f.name, getattr(self, f.name), f.metadata["help"]) for f in fields(self)]


def _check(name: str, value: Any, where: str) -> Any:
    known = {f.name: f for f in fields(Config)}
    if name not in known:
        raise FactionmapError(Errors.E016, where, name=name, choices=", ".join(known))
    default = getattr(Config(), name)
    if isinstance(default, list):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FactionmapError(Errors.E017, where, name=name, expected="a list of strings")
        return value
    if isinstance(default, float) and not isinstance(value, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise FactionmapError(Errors.E017, where, name=name, expected="a number") from None
    if isinstance(default, int) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise FactionmapError(
                Errors.E017, where, name=name, expected="a whole number"
            ) from None
    return value


def load_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the [factionmap] table of a TOML file, then explicit overrides."""
    values: dict[str, Any] = {}
    file = path if path is not None else (DEFAULT_FILE if DEFAULT_FILE.is_file() else None)
    if file is not None:
        if not file.is_file():
            raise FactionmapError(Errors.E001, str(file))
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8")).get("factionmap", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise FactionmapError(Errors.E018, str(file), detail=str(exc)) from None
        values.update({k: _check(k, v, str(file)) for k, v in table.items()})
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _check(name, value, "command line")
    if "theatre" in values:
        values["theatre"] = [code.upper() for code in values["theatre"]]
    return Config(**values)


def dictionary_paths(config: Config) -> list[Path]:
    """The YAML files of the user's extra actor dictionaries (folders expanded, sorted)."""
    found: list[Path] = []
    for entry in config.actor_dictionaries:
        path = Path(entry).expanduser()
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            found.append(path)
        else:
            raise FactionmapError(Errors.E001, str(path))
    return found
