"""Merge candidates: what resolution left apart is listed for review, nothing else."""

from __future__ import annotations

from contextlib import closing

import pytest

from factionmap.pipeline import (
    analyze_text,
    extract_assertions,
    load_entity_index,
    store_extraction,
)
from factionmap.resolve.candidates import merge_candidates
from factionmap.store.db import connect


@pytest.mark.model
def test_candidates_list_a_lone_surname_with_the_full_names_it_may_be(tmp_path) -> None:
    texts = [
        ("Oliver Hall, a British volunteer, was killed near Raqqa in 2017.", "2017-11-26"),
        ("His mother said that Hall was proud to fight alongside Kurdish forces.", "2017-11-27"),
        ("Boris Johnson and Woody Johnson met in London.", "2018-01-05"),
    ]
    with closing(connect(tmp_path / "kb.sqlite")) as conn:
        for text, published in texts:
            index = load_entity_index(conn)
            store_extraction(conn, extract_assertions(analyze_text(text, published)), index)
        found = merge_candidates(conn)
        named = {row["id"]: row["name"] for row in conn.execute("SELECT id, name FROM entities")}
    pairs = {(named[c.entity], named[c.candidate], c.reason) for c in found}
    assert ("Hall", "Oliver Hall", "surname") in pairs
    # Full names that differ are no candidates of each other, whatever they share.
    assert not {p for p in pairs if {p[0], p[1]} == {"Boris Johnson", "Woody Johnson"}}
