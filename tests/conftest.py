"""Shared fixtures: the spaCy pipeline (built once), test documents, databases and the CLI."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.ingest.cleaning import document_id
from factionmap.records import Document, EntityType, Mention
from factionmap.resolve.dictionary import ActorDictionary, load_dictionary_files

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: the fixture articles."""
    return DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared folder beside the repository (seeds, gold, scorer), or a skip."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    if not (shared / "seeds").is_dir() or not (shared / "gold").is_dir():
        pytest.skip(f"{shared} not found: the seed articles and gold file live beside the repo")
    return shared


@pytest.fixture(scope="session")
def nlp():
    """The process-wide spaCy pipeline, pinned to the model version the code expects."""
    from factionmap.nlp.pipeline import MODEL_VERSION, shared_pipeline

    pipeline = shared_pipeline()
    if pipeline.meta.get("version") != MODEL_VERSION:
        pytest.skip(
            f"model tests are pinned to {MODEL_VERSION}, found {pipeline.meta.get('version')}"
        )
    return pipeline


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh knowledge-base path (the file does not exist yet)."""
    return tmp_path / "kb.sqlite"


@pytest.fixture(scope="session")
def empty_dictionary() -> ActorDictionary:
    """An actor dictionary with no entries: rule tests must not depend on curated data."""
    return load_dictionary_files([])


@pytest.fixture
def make_document() -> Callable[..., Document]:
    """Build a Document from text, as cleaning would have left it."""

    def build(text: str, **fields: object) -> Document:
        return Document(id=document_id(text), text=text, file="<test>", **fields)  # type: ignore[arg-type]

    return build


@pytest.fixture
def mentions_of() -> Callable[[Document, Iterable[tuple[str, EntityType]]], list[Mention]]:
    """Model-style mentions of every whole-word occurrence of the given names (longest first)."""

    def find(document: Document, names: Iterable[tuple[str, EntityType]]) -> list[Mention]:
        taken: list[Mention] = []
        for name, entity_type in sorted(names, key=lambda pair: -len(pair[0])):
            for match in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", document.text):
                if any(m.start < match.end() and match.start() < m.end for m in taken):
                    continue
                taken.append(Mention(document.id, match.start(), match.end(), name, entity_type))
        return sorted(taken, key=lambda m: m.start)

    return find


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch):
    """Run the real `factionmap` Typer app in-process; tables are wide enough not to wrap."""
    from factionmap import cli

    monkeypatch.setattr(cli.out, "width", 400)
    monkeypatch.setattr(cli.err, "width", 400)
    runner = CliRunner()

    def run(*args: object):
        return runner.invoke(cli.app, [str(a) for a in args])

    return run


@pytest.fixture
def copy_db() -> Callable[[Path, Path], Path]:
    """Copy a knowledge base with SQLite's backup API (WAL contents included)."""

    def copy(source: Path, target: Path) -> Path:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return target

    return copy
