"""`make eval`: ingest every evaluation set through the real CLI and print one table."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from contextlib import closing
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evaluation import ingest_and_export, score  # noqa: E402
from tests.evaluation_real import (  # noqa: E402
    plover_figures,
    re3d_figures,
    write_plover_articles,
    write_re3d_articles,
)
from tests.evaluation_realdev import (  # noqa: E402
    RealdevError,
    available,
    evaluate,
    manifest_articles,
)


def _kb(articles: Path, meta: Path | None, folder: Path) -> tuple[dict, dict[str, str]]:
    export = ingest_and_export(articles, meta, folder)
    with closing(sqlite3.connect(folder / "kb.sqlite")) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents"))
    return json.loads(export.read_text(encoding="utf-8")), texts


def _realdev_rows(table: Table, results: dict, scorer: Path, work: Path) -> None:
    # The blind split only on request, so that nobody tunes on it by accident.
    blind = "--blind" in sys.argv or os.environ.get("FACTIONMAP_EVAL_BLIND") == "1"
    try:
        articles = manifest_articles()
    except RealdevError as exc:
        table.add_row("real dev", f"skipped: {exc}")
        return
    for split in ("dev", "blind") if blind else ("dev",):
        label = f"real {split} (tests/data/realdev)"
        chosen = available(articles, split)
        wanted = sum(a.split == split for a in articles)
        if not chosen or not scorer.exists():
            table.add_row(label, "skipped: texts absent (python tests/realdev.py --from DIR)")
            continue
        figures = evaluate(scorer, chosen, work / f"realdev-{split}")
        results[f"real {split}"] = {k: v for k, v in figures.items() if k != "report"}
        timed = figures["time_right"]
        table.add_row(
            f"real {split} ({len(chosen)}/{wanted} articles, {figures['outlets']} outlets)",
            *(f"{figures[k]:.2f}" for k in ("entity", "relation", "event", "quote")),
            f"time right on {figures['time_right_relations']} relations, "
            f"{figures['time_right_events']} events"
            + (f" ({timed:.0%})" if timed is not None else ""),
        )


def _guardian_row(table: Table, results: dict, work: Path) -> None:
    """Issue 8's identity check on the Guardian sample, when it is where the gate looks."""
    from bench.guardian_identity import ACTORS, check, load_hand_list, write_articles

    from tests.test_eval_guardian import guardian_sample

    sample = guardian_sample()
    label = "Guardian sample (bench/guardian_actors.yaml)"
    if sample is None:
        table.add_row(label, "skipped: put Guardian_SDF_sample.csv.zip in tests/data/guardian/")
        return
    articles = work / "guardian.jsonl"
    write_articles(sample, articles)
    (work / "guardian").mkdir()
    ingest_and_export(articles, None, work / "guardian")
    with closing(sqlite3.connect(work / "guardian" / "kb.sqlite")) as conn:
        found = check(conn, load_hand_list(ACTORS))
    results["guardian"] = {
        "actors": found.actors,
        "one_entity": found.one_entity,
        "with_wrong_merge": len(found.wrong_merges),
        "islamic_state_share": found.islamic_state_share,
    }
    table.add_row(
        label, "", "", "", "",
        f"{found.one_entity}/{found.actors} most-mentioned actors on one entity; "
        f"{len(found.wrong_merges)} with a wrong merge; Islamic State mentions on its entity "
        f"{found.islamic_state_share:.0%}",
    )  # fmt: skip


def main() -> int:
    shared = ROOT.parent / "shared"
    table = Table(title=f"factionmap evaluation, measured {date.today().isoformat()}")
    for column in ("set", "entity F1", "relation F1", "event F1", "quote F1", "other"):
        table.add_column(column)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        gold_sets = [
            (
                "seeds (../shared/gold)",
                shared / "seeds",
                shared / "seeds" / "seeds.jsonl",
                shared / "gold" / "seeds.gold.json",
            ),
            (
                "invented dev (tuned on)",
                ROOT / "tests/data/dev",
                ROOT / "tests/data/dev/dev.meta.jsonl",
                ROOT / "tests/data/dev/dev.gold.json",
            ),
            (
                "invented holdout (tuned on)",
                ROOT / "tests/data/holdout",
                ROOT / "tests/data/holdout/holdout.meta.jsonl",
                ROOT / "tests/data/holdout/holdout.gold.json",
            ),
        ]
        scorer = shared / "tools" / "score.py"
        for label, articles, meta, gold in gold_sets:
            if not scorer.exists() or not articles.exists():
                table.add_row(label, "skipped: ../shared/tools/score.py or the articles absent")
                continue
            folder = work / f"set{len(results)}"
            folder.mkdir()
            figures, _ = score(scorer, gold, ingest_and_export(articles, meta, folder))
            results[label] = figures
            table.add_row(
                label, *(f"{figures[k]:.2f}" for k in ("entity", "relation", "event", "quote")), ""
            )
        _realdev_rows(table, results, scorer, work)
        (work / "plover").mkdir()
        kb, texts = _kb(write_plover_articles(work / "plover.jsonl"), None, work / "plover")
        plover = plover_figures(kb, texts)
        results["plover"] = plover
        table.add_row(
            f"PLOVER dev records ({plover['records']})",
            "",
            "",
            "",
            "",
            f"right type {plover['type']:.0%}; of those right source {plover['source']:.0%},"
            f" right target {plover['target']:.0%}",
        )
        (work / "re3d").mkdir()
        kb, texts = _kb(write_re3d_articles(work / "re3d.jsonl"), None, work / "re3d")
        for part in ("dev", "check"):
            re3d = re3d_figures(kb, texts, part)
            results[f"re3d {part}"] = re3d
            table.add_row(
                f"re3d {part} part ({re3d['gold_relations']} gold relations)",
                "",
                "",
                "",
                "",
                f"recall {re3d['recall']:.2f}; where both found ({re3d['both_found']}) "
                f"{re3d['recall_both_found']:.2f}; "
                f"precision ≥ {re3d['precision_lower_bound']:.2f}; "
                f"synonyms on one entity {re3d['synonyms_one_entity']:.0%} "
                f"(name↔name {re3d['synonym_names_one_entity']:.0%}); "
                f"top-20 persons typed ORG {re3d['persons_as_org']}",
            )
        every = re3d_figures(kb, texts)
        results["re3d all"] = every
        table.add_row(
            "re3d, all documents (the gate)",
            "",
            "",
            "",
            "",
            f"synonyms on one entity {every['synonyms_one_entity']:.0%} "
            f"(name↔name {every['synonym_names_one_entity']:.0%}); "
            f"top-20 persons typed ORG {every['persons_as_org']}",
        )
        _guardian_row(table, results, work)
    Console(width=200).print(table)
    (ROOT / "eval-results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
