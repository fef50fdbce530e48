"""Print re3d's gold relations against the predicted ones, document by document, for reading
precision and misses: `python tests/re3d_pairs.py [dev|check|all] [--kb FOLDER]`.

`--kb FOLDER` reuses (or first writes) the ingested store and export kept in FOLDER."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evaluation import ingest_and_export  # noqa: E402
from tests.evaluation_real import re3d_figures, re3d_pairs_report, write_re3d_articles  # noqa: E402


def _kb(folder: Path) -> tuple[dict, dict[str, str]]:
    export = folder / "kb.json"
    if not export.exists():
        export = ingest_and_export(write_re3d_articles(folder / "re3d.jsonl"), None, folder)
    with closing(sqlite3.connect(folder / "kb.sqlite")) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents"))
    return json.loads(export.read_text(encoding="utf-8")), texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("part", nargs="?", default="dev", choices=["dev", "check", "all"])
    parser.add_argument("--kb", type=Path, help="folder to keep the ingested store in")
    args = parser.parse_args()
    part = None if args.part == "all" else args.part
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.kb or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        kb, texts = _kb(folder)
        print(re3d_pairs_report(kb, texts, part))
        figures = re3d_figures(kb, texts, part)
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
