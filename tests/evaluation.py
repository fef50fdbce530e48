"""What both evaluation gates do: ingest through the real CLI, export, score, inspect."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from factionmap.cli import app
from factionmap.resolve.names import surface_key

FIGURES = re.compile(
    r"F1 entity=(?P<entity>[\d.]+) relation=(?P<relation>[\d.]+) event=(?P<event>[\d.]+) "
    r"quote=(?P<quote>[\d.]+)"
)
TIME_RIGHT = re.compile(r"time right on (?P<right>\d+)/(?P<total>\d+)")


def ingest_and_export(articles: Path, meta: Path | None, folder: Path) -> Path:
    """Articles ingested with their metadata (if any) and exported as JSON, through the CLI."""
    db, output = folder / "kb.sqlite", folder / "kb.json"
    runner = CliRunner()
    extra = ["--meta", str(meta)] if meta else []
    ingested = runner.invoke(app, ["ingest", str(articles), *extra, "--db", str(db)])
    assert ingested.exit_code == 0, ingested.output
    exported = runner.invoke(
        app, ["export", "--db", str(db), "--format", "json", "-o", str(output)]
    )
    assert exported.exit_code == 0, exported.output
    return output


def score(scorer: Path, gold: Path, export: Path) -> tuple[dict[str, float], str]:
    """The scorer's four F1 figures, and its full verbose report for failure messages."""
    completed = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(export), "-v"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    match = FIGURES.fullmatch(completed.stdout.strip().splitlines()[-1])
    assert match, completed.stdout
    return {k: float(v) for k, v in match.groupdict().items()}, completed.stdout


def time_right(report: str) -> float:
    """Share of matched relations with a gold time whose time the export got right."""
    match = TIME_RIGHT.search(report)
    assert match, report
    right, total = int(match["right"]), int(match["total"])
    assert total > 0, report
    return right / total


def furniture_mentions(kb: dict, gold: dict, gold_key_of: dict[str, str]) -> list[tuple]:
    """Mentions whose text is, or contains, a string the gold calls page furniture."""
    furniture = {
        doc: [surface_key(s) for s in strings] for doc, strings in gold["not_content"].items()
    }
    return [
        (gold_key_of[m["doc"]], m["text"], e["id"])
        for e in kb["entities"]
        for m in e["mentions"]
        if any(f in surface_key(m["text"]) for f in furniture.get(gold_key_of[m["doc"]], []))
    ]


def load_json(path: Path) -> dict:
    """A JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))
