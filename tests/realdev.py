"""Rebuild and check the real development set's texts, and score it.

    python tests/realdev.py                      # check tests/data/realdev/texts/
    python tests/realdev.py --from DIR           # copy the texts in from DIR, then check
    python tests/realdev.py --score [-v]         # score the dev split
    python tests/realdev.py --score --blind      # also the blind split (only at the end of a
                                                 # piece of work; record it before tuning)

Each missing or mismatching text is reported on one line; the exit code is 1 when any is.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evaluation_realdev import (  # noqa: E402
    SPLITS,
    TEXTS,
    RealdevError,
    available,
    copy_texts,
    evaluate,
    manifest_articles,
    text_problem,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="folder holding <id>.txt")
    parser.add_argument("--score", action="store_true", help="score the dev split")
    parser.add_argument("--blind", action="store_true", help="with --score: the blind split too")
    parser.add_argument("-v", action="store_true", help="print the scorer's full report")
    args = parser.parse_args(argv)
    try:
        articles = manifest_articles()
    except RealdevError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.source:
        if not args.source.is_dir():
            print(f"error: {args.source}: not a folder", file=sys.stderr)
            return 2
        problems = copy_texts(args.source, articles)
    else:
        problems = [p for a in articles if (p := text_problem(a))]
    for problem in problems:
        print(problem)
    counts = ", ".join(f"{len(available(articles, s))} {s}" for s in SPLITS)
    print(f"{len(articles) - len(problems)} of {len(articles)} texts ready in {TEXTS} ({counts})")
    if args.score:
        scorer = ROOT.parent / "shared" / "tools" / "score.py"
        if not scorer.is_file():
            print(f"error: {scorer}: the shared scorer is missing", file=sys.stderr)
            return 2
        for split in SPLITS if args.blind else SPLITS[:1]:
            chosen = available(articles, split)
            if not chosen:
                print(f"{split}: no texts available")
                continue
            with tempfile.TemporaryDirectory() as scratch:
                try:
                    figures = evaluate(scorer, chosen, Path(scratch))
                except RealdevError as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    return 2
            if args.v:
                print(figures["report"])
            print(summary(split, figures))
    return 1 if problems else 0


def summary(split: str, figures: dict) -> str:
    """One line of a split's figures."""
    timed = figures["time_right"]
    return (
        f"{split} ({figures['articles']} articles, {figures['outlets']} outlets): "
        f"F1 entity={figures['entity']:.2f} relation={figures['relation']:.2f} "
        f"event={figures['event']:.2f} quote={figures['quote']:.2f}; time right on "
        f"{figures['time_right_relations']} relations and {figures['time_right_events']} events"
        + (f" ({timed:.0%})" if timed is not None else "")
    )


if __name__ == "__main__":
    raise SystemExit(main())
