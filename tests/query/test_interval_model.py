"""The in-memory read model answers as-of graphs and diffs exactly as the stored intervals
say: checked against a plain reading of history_intervals on a real SQLite store written by
the real writer, with ended, reopened, overlapping and merged facts; and it is never stale."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.history.periods import holds_at
from factionmap.pipeline import reextract
from factionmap.query.graph import as_of_graph, diff
from factionmap.query.interval_model import IntervalModel, _load, interval_model
from factionmap.records import DocEntity, Document, Evidence, Mention, Relation, TimeSpec
from factionmap.store.db import connect, write_document
from factionmap.store.decisions import decide_claim, merge
from factionmap.store.history import rebuild_histories

PREDICATES = ("member_of", "allied_with", "hostile_to", "controls", "merged_into")
MONTHS = [f"{y}-{m:02d}" for y in range(2015, 2021) for m in (1, 4, 7, 10)]


def write_corpus(conn: sqlite3.Connection, documents: int, seed: int, first: int = 0) -> None:
    """Documents naming four of six actors, each asserting relations that start, end
    (some with no known start, so intervals of one fact may overlap) or are undated."""
    rng = random.Random(seed)
    for number in range(first, first + documents):
        picked = rng.sample(range(6), 4)
        text = " ".join(f"Group{a} acted." for a in picked)
        doc = Document(
            id=f"d{number:04d}", text=text, file=f"t/{number}.txt", outlet=f"Outlet{number % 3}",
            published=rng.choice(MONTHS),
        )  # fmt: skip
        entities, offset = [], 0
        for a in picked:
            start = text.index(f"Group{a}", offset)
            offset = start + len(f"Group{a}")
            mention = Mention(doc.id, start, offset, f"Group{a}", "ORG")
            entities.append(DocEntity(f"l{a}", f"Group{a}", "ORG", None, (mention,)))
        ids = {e.local_id: f"g{e.local_id[1:]}" for e in entities}
        stored = {r[0] for r in conn.execute("SELECT id FROM entities")}
        new = {ids[e.local_id]: e for e in entities if ids[e.local_id] not in stored}
        evidence = Evidence(doc.id, 0, len(text), text)
        relations = []
        for _ in range(3):
            subject, obj = rng.sample(entities, 2)
            kind = rng.random()
            time = (
                TimeSpec(start=rng.choice(MONTHS)) if kind < 0.4
                else TimeSpec(end=rng.choice(MONTHS)) if kind < 0.7
                else TimeSpec()
            )  # fmt: skip
            relations.append(
                Relation(subject.local_id, rng.choice(PREDICATES), obj.local_id, evidence, time)
            )
        write_document(conn, doc, entities, ids, new, tuple(relations), (), ())


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "kb.sqlite"
    with closing(connect(path)) as conn:
        write_corpus(conn, 60, seed=3)
    return path


def stored_intervals(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM history_intervals ORDER BY rowid").fetchall()


def valid_at(conn: sqlite3.Connection, moment: str) -> list[sqlite3.Row]:
    return [r for r in stored_intervals(conn) if holds_at(r["valid_from"], r["valid_to"], moment)]


def fact(row) -> tuple[str, str, str]:
    return row["subject"], row["predicate"], row["object"]


def test_interval_store_has_the_hard_cases(store: Path) -> None:
    with closing(connect(store)) as conn:
        rows = stored_intervals(conn)
        assert any(r["valid_to"] for r in rows) and any(
            r["predicate"] == "merged_into" for r in rows
        )
        overlapping = [
            m
            for m in MONTHS
            if len(valid := [fact(r) for r in valid_at(conn, m)]) > len(set(valid))
        ]
        assert overlapping, "no fact with two intervals holding at once"


def test_whole_network_is_every_interval_valid_then(store: Path) -> None:
    with closing(connect(store)) as conn:
        for moment in MONTHS:
            graph = as_of_graph(conn, moment)
            stored = [e for e in graph.edges if e.via is None]
            expected = [
                (r["predicate"], r["subject"], r["object"], r["valid_from"], r["valid_to"])
                for r in valid_at(conn, moment)
            ]
            got = [(e.predicate, e.subject, e.object, e.valid_from, e.valid_to) for e in stored]
            assert sorted(got, key=repr) == sorted(expected, key=repr)
            order = [(e.predicate, e.subject, e.object, e.via or "") for e in graph.edges]
            assert order == sorted(order)


def reference_neighbourhood(conn, moment: str, centre: str, depth: int) -> set[tuple]:
    """Breadth-first over the stored intervals valid at `moment`, one interval per fact."""
    valid = valid_at(conn, moment)
    seen, frontier, kept = {centre}, {centre}, {}
    for _ in range(depth):
        step = [r for r in valid if r["subject"] in frontier or r["object"] in frontier]
        for r in step:
            kept[fact(r)] = (*fact(r), r["valid_from"], r["valid_to"])
        following = {x for r in step for x in (r["subject"], r["object"])} - seen
        seen |= following
        frontier = following
    return set(kept.values())


def test_neighbourhood_matches_a_breadth_first_reading(store: Path) -> None:
    with closing(connect(store)) as conn:
        for moment in MONTHS[::3]:
            for centre in ("g0", "g3", "g5"):
                for depth in (1, 2):
                    graph = as_of_graph(conn, moment, centre, depth)
                    got = {
                        (e.subject, e.predicate, e.object, e.valid_from, e.valid_to)
                        for e in graph.edges if e.via is None
                    }  # fmt: skip
                    assert got == reference_neighbourhood(conn, moment, centre, depth)


def test_diff_lists_what_began_and_ended(store: Path) -> None:
    with closing(connect(store)) as conn:
        rows = stored_intervals(conn)
        for start, end in (("2015-01", "2017-07"), ("2018-04", "2016-01"), ("2016", "2020-10")):
            began = [r for r in rows if not holds_at(r["valid_from"], r["valid_to"], start)
                     and holds_at(r["valid_from"], r["valid_to"], end)]  # fmt: skip
            ended = [r for r in rows if holds_at(r["valid_from"], r["valid_to"], start)
                     and not holds_at(r["valid_from"], r["valid_to"], end)]  # fmt: skip
            both = {fact(r) for r in began} & {fact(r) for r in ended}
            expected = sorted(
                [(r["predicate"], "began", r["subject"]) for r in began if fact(r) not in both]
                + [(r["predicate"], "ended", r["subject"]) for r in ended if fact(r) not in both]
            )
            changes = diff(conn, start, end)
            assert [(c.edge.predicate, c.kind, c.edge.subject) for c in changes] == expected
            for c in changes:
                assert c.evidence == (
                    c.edge.start_relation if c.kind == "began" else c.edge.end_relation
                )


def test_answers_follow_writes_by_this_and_other_connections(store: Path) -> None:
    with closing(connect(store)) as reader, closing(connect(store)) as writer:
        before = stored_edges(as_of_graph(reader, "2020-10"))
        write_corpus(writer, 20, seed=9, first=100)  # another connection writes
        assert stored_edges(as_of_graph(reader, "2020-10")) == len(valid_at(reader, "2020-10"))
        assert len(valid_at(reader, "2020-10")) != before
        write_corpus(reader, 5, seed=11, first=200)  # and this one
        assert stored_edges(as_of_graph(reader, "2020-10")) == len(valid_at(reader, "2020-10"))


def stored_edges(graph) -> int:
    return sum(e.via is None for e in graph.edges)


# The model follows the store by splicing in the facts each write logs: after every kind of
# write it must answer exactly as a model loaded afresh from the stored intervals.

MOMENTS = MONTHS[::2]


def answers(model: IntervalModel) -> dict[str, list]:
    def edge(e) -> tuple:
        return (e.subject, e.predicate, e.object, e.valid_from, e.valid_to, e.start_relation,
                e.end_relation, e.sources, e.denials, e.credibility)  # fmt: skip

    return {
        "valid": [[edge(e) for e in model.valid(m)] for m in MOMENTS],
        "changes": [
            [(c.kind, edge(c.edge), c.evidence) for c in model.changes(a, b)]
            for a, b in zip(MOMENTS, MOMENTS[::-1], strict=True)
        ],
        "around": [
            [edge(e) for e in model.neighbourhood(m, centre, 2, lambda _: [])[0]]
            for m in MOMENTS[::3]
            for centre in ("g0", "g2", "g4")
        ],
    }


def fresh(conn: sqlite3.Connection) -> IntervalModel:
    return _load(conn, ("fresh", "load"), 0)


def test_a_write_is_spliced_in_and_answers_as_a_fresh_load(store: Path) -> None:
    with closing(connect(store)) as reader, closing(connect(store)) as writer:
        before = interval_model(reader)
        old_edges = {id(e) for m in MOMENTS for e in before.valid(m)}
        write_corpus(writer, 3, seed=21, first=300)
        after = interval_model(reader)
        assert after.generation > before.generation
        assert answers(after) == answers(fresh(reader))
        # Spliced, not reloaded: the facts no write touched keep the Edges already built.
        assert old_edges & {id(e) for m in MOMENTS for e in after.valid(m)}


def test_connections_to_one_store_share_its_model(store: Path) -> None:
    with closing(connect(store)) as one, closing(connect(store)) as other:
        assert interval_model(one) is interval_model(other)


def test_rejecting_and_confirming_claims_follow(store: Path) -> None:
    with closing(connect(store)) as conn:
        model = interval_model(conn)
        shaping = conn.execute(
            "SELECT start_relation FROM history_intervals WHERE start_relation IS NOT NULL"
            " ORDER BY rowid LIMIT 3"
        ).fetchall()
        decide_claim(conn, shaping[0][0], "reject", "single source", "tester")
        decide_claim(conn, shaping[1][0], "confirm", None, "tester")
        after = interval_model(conn)
        assert after is not model
        assert answers(after) == answers(fresh(conn))
        starts = {e[5] for moment in answers(after)["valid"] for e in moment}
        assert shaping[0][0] not in starts


def test_a_merge_and_a_full_rebuild_follow(store: Path) -> None:
    with closing(connect(store)) as conn:
        interval_model(conn)
        merge(conn, "g0", "g1", "tester", "one group under two names")
        merged = interval_model(conn)
        assert answers(merged) == answers(fresh(conn))
        assert not any("g1" in e[:3] for m in answers(merged)["valid"] for e in m)
        rebuild_histories(conn)
        assert answers(interval_model(conn)) == answers(fresh(conn))


@pytest.mark.model
def test_a_store_replaced_by_reextraction_is_loaded_afresh(store: Path) -> None:
    with closing(connect(store)) as conn:
        assert interval_model(conn).rows
    reextract(store)  # the file is replaced by one built anew (these texts state no facts)
    with closing(connect(store)) as conn:
        assert answers(interval_model(conn)) == answers(fresh(conn))
        assert len(interval_model(conn).rows) == len(stored_intervals(conn))
