"""A small registry of exporters; the built-in formats register here like any other."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from factionmap.errors import Errors, FactionmapError

Exporter = Callable[[sqlite3.Connection, Path], None]
_EXPORTERS: dict[str, Exporter] = {}


def register(name: str) -> Callable[[Exporter], Exporter]:
    """Decorator: make an exporter available as `export --format NAME`."""

    def add(function: Exporter) -> Exporter:
        _EXPORTERS[name] = function
        return function

    return add


def exporter(name: str) -> Exporter:
    """The exporter registered under `name`."""
    _load_builtins()
    try:
        return _EXPORTERS[name]
    except KeyError:
        raise FactionmapError(Errors.E013, None, name=name, choices=", ".join(formats())) from None


def formats() -> list[str]:
    """Names of all registered formats."""
    _load_builtins()
    return sorted(_EXPORTERS)


def _load_builtins() -> None:
    import importlib

    for module in ("json_export", "csv_export", "graphml_export", "geojson_export"):
        try:
            importlib.import_module(f"factionmap.export.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"factionmap.export.{module}":
                raise
