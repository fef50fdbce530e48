"""Merge candidates: what resolution left apart is listed for review, nothing else."""

from __future__ import annotations

from contextlib import closing

import pytest

from factionmap.pipeline import ingest
from factionmap.resolve.review import merge_candidates
from factionmap.store.db import connect


@pytest.mark.model
def test_candidates_list_a_lone_surname_with_the_full_names_it_may_be(tmp_path) -> None:
    texts = [
        "Oliver Hall, a British volunteer, was killed near Raqqa in 2017.",
        "His mother said that Hall was proud to fight alongside Kurdish forces.",
        "Boris Johnson and Woody Johnson met in London.",
    ]
    for number, text in enumerate(texts):
        (tmp_path / f"a{number}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    ingest(sorted(tmp_path.glob("a*.txt")), db)
    with closing(connect(db)) as conn:
        found = merge_candidates(conn)
    pairs = {frozenset((c.first.name, c.second.name)): c.reasons for c in found}
    assert "'Hall' may be the surname of 'Oliver Hall'" in pairs[frozenset(("Hall", "Oliver Hall"))]
    # Full names that differ are no candidates of each other, whatever they share.
    assert frozenset(("Boris Johnson", "Woody Johnson")) not in pairs
