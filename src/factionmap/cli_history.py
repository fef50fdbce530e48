"""Commands on the actor graph over time: graph, diff, conflicts, lineage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from factionmap.cli import DEFAULT_DB, DbOption, app, fail, open_existing, out
from factionmap.errors import Errors, FactionmapError
from factionmap.history.periods import parse_prefix

DateOption = Annotated[str, typer.Option(help="ISO date prefix: 2021, 2021-09 or 2021-09-14.")]


def _date(value: str | None) -> str | None:
    if value is not None and parse_prefix(value) is None:
        fail(FactionmapError(Errors.E030, None, value=value))
    return value


def _entity(conn, name: str) -> str:  # noqa: ANN001
    from factionmap.query.profiles import resolve_actor

    try:
        return resolve_actor(conn, name)
    except FactionmapError as exc:
        fail(exc)
        raise  # unreachable: fail exits


def _bounds(edge, evidence: dict[int, dict]) -> str:  # noqa: ANN001
    def bound(label: str, value: str | None, rel: int | None, basis: str | None = None) -> str:
        if value is None:
            return f"{label} open"
        said = evidence.get(rel or -1)
        source = (
            f" [{said['outlet'] or said['doc_id'][:8]}, {said['published'] or '?'}]" if said else ""
        )
        how = " (reported)" if basis in ("reported", "as_of") else ""
        return f"{label} {value}{how}{source}"

    return "; ".join(
        (
            bound("from", edge.valid_from, edge.start_relation, edge.start_basis),
            bound("until", edge.valid_to, edge.end_relation),
        )
    )


@app.command()
def graph(
    as_of: Annotated[str, typer.Option("--as-of", help="Valid time: the network at this date.")],
    db: DbOption = DEFAULT_DB,
    around: Annotated[str | None, typer.Option("--around", help="Only near this actor.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=6)] = 2,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="Report time: only what was published by then.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="text, json or graphml.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """The network valid at a date: every fact with its interval and the evidence of its bounds."""
    from factionmap.query.graph import as_of_graph
    from factionmap.store import reads

    _date(as_of), _date(known_on)
    if format not in ("text", "json", "graphml"):
        fail(FactionmapError(Errors.E032, None, name=format, choices="text, json, graphml"))
    conn = open_existing(db)
    centre = _entity(conn, around) if around else None
    network = as_of_graph(conn, as_of, centre, depth, known_on)
    if format != "text":
        from factionmap.export.graph_files import graph_document

        text = graph_document(network, format)
        if output:
            output.write_text(text, encoding="utf-8")
            out.print(f"wrote {len(network.edges)} edges to {escape(str(output))}")
        else:
            print(text)
        return
    names = {n["id"]: n["name"] for n in network.nodes}
    evidence = reads.relation_evidence(
        conn, {r for e in network.edges for r in (e.start_relation, e.end_relation) if r}
    )
    known = f", as known on {known_on}" if known_on else ""
    from factionmap.query.graph import undated_facts

    undated = undated_facts(conn)
    unplaced = (
        f" ({undated} undated facts hold at no date: see `factionmap actor`)" if undated else ""
    )
    out.print(
        f"[bold]as of {escape(as_of)}{escape(known)}[/bold]: {len(network.edges)} facts{unplaced}"
    )
    for e in network.edges:
        via = f" ({escape(e.via)})" if e.via else ""
        out.print(
            f"  {escape(names.get(e.subject, e.subject))} —{e.predicate}→ "
            f"{escape(names.get(e.object, e.object))}{via}  "
            f"{escape(_bounds(e, evidence))}; credibility {e.credibility}"
            f" ({e.sources} source{'s' if e.sources != 1 else ''}"
            f"{f', {e.denials} denying' if e.denials else ''})"
        )
        said = evidence.get(e.start_relation or -1) or evidence.get(e.end_relation or -1)
        if said:
            out.print(f"     #{said['id']} “{escape(said['text'][:180])}”")


@app.command()
def diff(
    start: Annotated[str, typer.Option("--from", help="Earlier date.")],
    end: Annotated[str, typer.Option("--to", help="Later date.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """What changed between two dates: facts that began and facts that ended, with evidence."""
    from factionmap.query.graph import diff as graph_diff
    from factionmap.query.profiles import names_by_id
    from factionmap.store import reads

    _date(start), _date(end)
    conn = open_existing(db)
    changes = graph_diff(conn, start, end)
    names = names_by_id(conn)
    evidence = reads.relation_evidence(conn, {c.evidence for c in changes if c.evidence})
    out.print(f"[bold]{escape(start)} → {escape(end)}[/bold]: {len(changes)} changes")
    for c in changes:
        e = c.edge
        when = e.valid_from if c.kind == "began" else e.valid_to
        out.print(
            f"  {c.kind:<6} {escape(names.get(e.subject, e.subject))} —{e.predicate}→ "
            f"{escape(names.get(e.object, e.object))}  ({escape(str(when or '?'))})"
        )
        said = evidence.get(c.evidence or -1)
        if said:
            out.print(
                f"     #{said['id']} {escape(str(said['outlet'] or said['doc_id'][:8]))}: "
                f"“{escape(said['text'][:180])}”"
            )


@app.command()
def conflicts(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only those touching this actor.")
    ] = None,
) -> None:
    """Competing claims: facts asserted by some sources and denied by others, rival controllers."""
    from factionmap.query.graph import conflicts as find_conflicts
    from factionmap.query.profiles import names_by_id
    from factionmap.store import reads

    conn = open_existing(db)
    centre = _entity(conn, actor) if actor else None
    found = find_conflicts(conn, centre)
    names = names_by_id(conn)
    evidence = reads.relation_evidence(conn, {r for c in found for r in c.relations})
    out.print(f"{len(found)} conflicts")
    for c in found:
        facts = " vs ".join(f"{names.get(s, s)} —{p}→ {names.get(o, o)}" for s, p, o in c.facts)
        since = f" (overlapping from {c.period})" if c.period else ""
        out.print(f"  [bold]{c.kind}[/bold]: {escape(facts)}{escape(since)}")
        for rel in c.relations:
            said = evidence.get(rel)
            if said:
                source = said["outlet"] or said["doc_id"][:8]
                out.print(
                    f"     #{rel} {said['polarity']} by {escape(str(source))}"
                    f" {escape(str(said['published'] or '?'))}: “{escape(said['text'][:160])}”"
                )


@app.command()
def lineage(
    name: Annotated[str, typer.Argument(help="An organisation's name, alias or id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """An organisation's former names with dates, and the mergers and splits around it."""
    from factionmap.query.graph import lineage as find_lineage
    from factionmap.query.profiles import names_by_id

    conn = open_existing(db)
    found = find_lineage(conn, _entity(conn, name))
    names = names_by_id(conn)
    out.print(f"[bold]{escape(found['name'])}[/bold]")
    for former in found["former_names"]:
        span = f"{former['from'] or '?'} – {former['until'] or '?'}"
        out.print(f"  formerly {escape(former['name'])}  ({escape(span)})")
    for link in found["links"]:
        out.print(
            f"  {escape(names.get(link.subject, link.subject))} —{link.predicate}→ "
            f"{escape(names.get(link.object, link.object))}"
            f"  from {escape(str(link.valid_from or '?'))}"
        )
