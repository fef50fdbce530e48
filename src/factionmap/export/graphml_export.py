"""GraphML for Gephi: entities as nodes, relations as edges with predicate, time and evidence."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import quoteattr

from factionmap.export.registry import register
from factionmap.store import reads

_NODE_KEYS = (("name", "string"), ("type", "string"), ("subtype", "string"), ("mentions", "int"))
_EDGE_KEYS = (
    ("predicate", "string"),
    ("polarity", "string"),
    ("start", "string"),
    ("end", "string"),
    ("evidence_count", "int"),
    ("evidence", "string"),
    ("confidence", "double"),
)


def _escape_text(value: object) -> str:
    # quoteattr escapes &, <, > and quotes; article text is untrusted.
    return quoteattr(str(value))[1:-1]


def graphml(conn: sqlite3.Connection) -> str:
    """The relation graph as a GraphML document."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    for name, kind in _NODE_KEYS:
        lines.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        lines.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    lines.append('  <graph id="factionmap" edgedefault="directed">')
    for e in reads.entities(conn):
        lines.append(f"    <node id={quoteattr(e['id'])}>")
        for key, value in (
            ("name", e["name"]),
            ("type", e["type"]),
            ("subtype", e["subtype"] or ""),
            ("mentions", e["mention_count"]),
        ):
            lines.append(f'      <data key="n_{key}">{_escape_text(value)}</data>')
        lines.append("    </node>")
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for r in reads.relations(conn):
        grouped[(r["subject"], r["predicate"], r["object"], r["polarity"])].append(r)
    for number, ((subject, predicate, obj, polarity), rows) in enumerate(grouped.items()):
        starts = sorted(r["time_start"] for r in rows if r["time_start"])
        ends = sorted(r["time_end"] for r in rows if r["time_end"])
        values = {
            "predicate": predicate,
            "polarity": polarity,
            "start": starts[0] if starts else "",
            "end": ends[-1] if ends else "",
            "evidence_count": len(rows),
            "evidence": rows[0]["text"],
            "confidence": max(r["confidence"] for r in rows),
        }
        lines.append(
            f'    <edge id="e{number}" source={quoteattr(subject)} target={quoteattr(obj)}>'
        )
        for key, _ in _EDGE_KEYS:
            lines.append(f'      <data key="e_{key}">{_escape_text(values[key])}</data>')
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


@register("graphml")
def export_graphml(conn: sqlite3.Connection, output: Path) -> None:
    """Write the relation graph as GraphML."""
    output.write_text(graphml(conn), encoding="utf-8")
