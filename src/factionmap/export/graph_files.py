"""An as-of network written as JSON or GraphML (for `factionmap graph --format`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from xml.sax.saxutils import quoteattr

from factionmap.query.graph import Graph

_EDGE_FIELDS = (
    "predicate",
    "valid_from",
    "valid_to",
    "start_basis",
    "start_relation",
    "end_relation",
    "sources",
    "denials",
    "credibility",
    "via",
)


def graph_document(network: Graph, fmt: str) -> str:
    """The network as a JSON or GraphML document."""
    if fmt == "json":
        return json.dumps(
            {
                "as_of": network.as_of,
                "known_on": network.known_on,
                "nodes": network.nodes,
                "edges": [asdict(e) for e in network.edges],
            },
            ensure_ascii=False,
            indent=1,
        )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="n_name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="n_type" for="node" attr.name="type" attr.type="string"/>',
    ]
    lines += [
        f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="string"/>'
        for name in _EDGE_FIELDS
    ]
    lines.append(f'  <graph id={quoteattr("as_of_" + network.as_of)} edgedefault="directed">')
    for node in network.nodes:
        lines.append(f"    <node id={quoteattr(node['id'])}>")
        lines.append(f'      <data key="n_name">{_text(node["name"])}</data>')
        lines.append(f'      <data key="n_type">{_text(node["type"])}</data>')
        lines.append("    </node>")
    for number, edge in enumerate(network.edges):
        lines.append(
            f'    <edge id="e{number}" source={quoteattr(edge.subject)}'
            f" target={quoteattr(edge.object)}>"
        )
        for name in _EDGE_FIELDS:
            value = getattr(edge, name)
            if value is not None:
                lines.append(f'      <data key="e_{name}">{_text(value)}</data>')
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def _text(value: object) -> str:
    # Names come from articles: untrusted, so escaped.
    return quoteattr(str(value))[1:-1]
