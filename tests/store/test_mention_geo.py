"""Place mentions keep their own points; an entity's point is voted from all of them."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.pipeline import ingest
from factionmap.store.db import connect

ARTICLES = [
    "Clashes erupted in Tripoli, Lebanon, on Monday between rival gunmen.",
    "Militias fought near Tripoli, Libya, on Tuesday. Residents of Tripoli fled the fighting.",
    "The UN envoy arrived in Tripoli, Libya, for talks with the government in Tripoli.",
]


@pytest.mark.model
def test_mention_geo_entity_point_follows_its_mentions(tmp_path: Path) -> None:
    paths = []
    for number, text in enumerate(ARTICLES):
        path = tmp_path / f"a{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    db = tmp_path / "kb.sqlite"
    ingest(paths[:1], db)
    ingest(paths[1:], db)
    with closing(connect(db)) as conn:
        rows = conn.execute(
            "SELECT e.id, e.geo AS entity_geo, m.geo AS mention_geo FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.text = 'Tripoli'"
        ).fetchall()
    countries = [json.loads(r["mention_geo"])["country"] for r in rows if r["mention_geo"]]
    assert countries.count("LB") == 1 and countries.count("LY") >= 3, countries
    entity_points = {r["id"]: json.loads(r["entity_geo"])["country"] for r in rows}
    # The first reading (Lebanon) does not stick: most mentions are of Libya's capital.
    assert set(entity_points.values()) == {"LY"}, entity_points
