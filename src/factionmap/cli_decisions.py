"""The analyst's decisions: review, merge, not-same, split, rename, retype, reject, confirm,
decisions,
and reextract (which re-runs extraction over the stored documents and re-applies them)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from factionmap.cli import (
    DEFAULT_DB,
    ConfigOption,
    DbOption,
    app,
    err,
    fail,
    new_table,
    open_existing,
    out,
)
from factionmap.errors import Errors, FactionmapError

WhoOption = Annotated[
    str | None, typer.Option("--who", help="Analyst name (default: your user name).")
]


def analyst(who: str | None) -> str:
    """Who takes a decision: --who, else the operating-system user."""
    from factionmap.store.decisions import default_analyst

    return who.strip() if who and who.strip() else default_analyst()


def _ref(entity_id: str) -> str:
    """An id in brackets, escaped so that rich does not read it as a style tag."""
    return escape(f"[{entity_id}]")


def _need_why(kind: str, why: str | None) -> str:
    if not why or not why.strip():
        fail(FactionmapError(Errors.E038, None, kind=kind))
    assert why is not None
    return why.strip()


def _entity(conn: sqlite3.Connection, name: str) -> str:
    from factionmap.query.profiles import resolve_actor

    try:
        return resolve_actor(conn, name)
    except FactionmapError as exc:
        fail(exc)
        raise  # unreachable: fail exits


def _names(conn: sqlite3.Connection) -> dict[str, str]:
    from factionmap.store import reads

    return reads.entity_names(conn)


@app.command()
def review(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows per list.")] = 25,
) -> None:
    """Merge candidates (pairs likely to be one actor) and suspicious entities, with evidence."""
    from factionmap.resolve.review import merge_candidates, suspicious_entities
    from factionmap.store import reads

    conn = open_existing(db)
    candidates = merge_candidates(conn)[:limit]
    out.print(f"[bold]merge candidates[/bold] ({len(candidates)})")
    for c in candidates:
        out.print(
            f"  {c.score:.2f}  {escape(c.first.label())}  ≟  {escape(c.second.label())}\n"
            f"        why: {escape('; '.join(c.reasons))}"
        )
        for side in (c.first, c.second):
            if side.example:
                out.print(f"        {escape(side.example)}")
        out.print(
            f"        → factionmap merge {escape(c.first.id)} {escape(c.second.id)} --why ..."
        )
    suspicious = suspicious_entities(conn)[:limit]
    out.print(f"\n[bold]suspicious entities[/bold] ({len(suspicious)})")
    for s in suspicious:
        out.print(f"  {escape(s.entity.label())}: {escape('; '.join(s.reasons))}")
        if s.entity.example:
            out.print(f"        {escape(s.entity.example)}")
    taken = reads.decisions(conn)
    out.print(f"\n{len(taken)} decisions stored (list them with `factionmap decisions`)")


@app.command()
def merge(
    first: Annotated[str, typer.Argument(help="The actor that stays (name, alias or id).")],
    second: Annotated[str, typer.Argument(help="The actor folded into it.")],
    why: Annotated[str | None, typer.Option("--why", help="What shows they are one.")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Decide that two entities are one actor; kept through every later ingest and
    re-extraction."""
    from factionmap.store import decisions

    reason = _need_why("merge", why)
    conn = open_existing(db)
    a, b = _entity(conn, first), _entity(conn, second)
    if a == b:
        fail(FactionmapError(Errors.E039, None, kind="merge", detail=f"both names are {a!r}"))
    names = _names(conn)
    try:
        decision, survivor = decisions.merge(conn, a, b, analyst(who), reason)
    except decisions.KeptApart as exc:
        fail(FactionmapError(Errors.E039, None, kind="merge", detail=str(exc)))
        raise  # unreachable: fail exits
    gone = b if survivor == a else a
    out.print(
        f"decision #{decision.id}: merged {escape(names[gone])} {_ref(gone)} into "
        f"{escape(names[survivor])} {_ref(survivor)}"
    )


@app.command(name="not-same")
def not_same(
    first: Annotated[str, typer.Argument(help="One actor (name, alias or id).")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    why: Annotated[str | None, typer.Option("--why", help="What shows they differ.")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Decide that two entities are different actors: no later ingest or re-extraction joins
    them, and review no longer offers them as a merge candidate."""
    from factionmap.store import decisions

    reason = _need_why("not-same", why)
    conn = open_existing(db)
    a, b = _entity(conn, first), _entity(conn, second)
    if a == b:
        detail = (
            f"both names are {a!r}; move the mentions of the other actor out with "
            "`factionmap split` first"
        )
        fail(FactionmapError(Errors.E039, None, kind="not-same", detail=detail))
    names = _names(conn)
    decision = decisions.not_same(conn, a, b, analyst(who), reason)
    out.print(
        f"decision #{decision.id}: {escape(names[a])} {_ref(a)} and {escape(names[b])} "
        f"{_ref(b)} are different actors"
    )


def _mention_ids(conn: sqlite3.Connection, entity: str, specs: list[str], docs: list[str]):  # noqa: ANN202
    from factionmap.store import reads

    found: list[int] = []
    for spec in specs:
        for part in (p.strip().strip("[]") for p in spec.split(",") if p.strip()):
            doc, _, start = part.partition(":")
            if not start.isdigit() or not doc:
                fail(
                    FactionmapError(
                        Errors.E039, None, kind="split",
                        detail=f"{part!r} is not a mention; give DOC:START as "
                        "`factionmap actor` prints it, e.g. 3f2a1b4c:120",
                    )
                )  # fmt: skip
            ids = reads.mention_ids(conn, entity, doc, int(start))
            if not ids:
                fail(
                    FactionmapError(
                        Errors.E039, None, kind="split",
                        detail=f"no mention of {entity!r} starts at {part!r}",
                    )
                )  # fmt: skip
            found += ids
    for doc in docs:
        ids = reads.mention_ids(conn, entity, doc)
        if not ids:
            fail(
                FactionmapError(
                    Errors.E039, None, kind="split",
                    detail=f"{entity!r} has no mention in a document {doc!r}",
                )
            )  # fmt: skip
        found += ids
    return list(dict.fromkeys(found))


@app.command()
def split(
    entity: Annotated[str, typer.Argument(help="The entity that holds two actors.")],
    mentions: Annotated[
        list[str] | None,
        typer.Option("--mentions", help="DOC:START of mentions that are another actor."),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", help="A document (id prefix) whose mentions all move."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name of the split-off actor.")] = None,
    why: Annotated[str | None, typer.Option("--why", help="What shows they differ.")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Decide that some mentions of an entity are another actor: they move, with the facts
    resting on them, to a new entity."""
    from factionmap.store import decisions, reads

    reason = _need_why("split", why)
    if not mentions and not document:
        fail(
            FactionmapError(
                Errors.E039, None, kind="split", detail="say which mentions move: --mentions "
                "DOC:START (as `factionmap actor` prints them) or --document DOC",
            )
        )  # fmt: skip
    conn = open_existing(db)
    source = _entity(conn, entity)
    ids = _mention_ids(conn, source, mentions or [], document or [])
    total = reads.entity(conn, source)
    assert total is not None
    if len(ids) >= total["mention_count"]:
        fail(
            FactionmapError(
                Errors.E039, None, kind="split",
                detail="that is every mention of the entity; use `rename` or `retype` instead",
            )
        )  # fmt: skip
    decision = decisions.split(conn, source, ids, name, analyst(who), reason)
    value = decision.value or {}
    out.print(
        f"decision #{decision.id}: {len(ids)} mentions of {escape(total['name'])} "
        f"{_ref(source)} moved to {escape(value['name'])} {_ref(value['id'])}"
    )


@app.command()
def rename(
    entity: Annotated[str, typer.Argument(help="Name, alias or id of the entity.")],
    name: Annotated[str, typer.Argument(help="Its canonical name from now on.")],
    why: Annotated[str | None, typer.Option("--why")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Decide an entity's canonical name (the old one stays an alias)."""
    from factionmap.store import decisions

    if not name.strip():
        fail(FactionmapError(Errors.E039, None, kind="rename", detail="the new name is empty"))
    conn = open_existing(db)
    target = _entity(conn, entity)
    old = _names(conn)[target]
    decision = decisions.rename(conn, target, name.strip(), analyst(who), why)
    out.print(
        f"decision #{decision.id}: {escape(old)} {_ref(target)} is now "
        f"called {escape(name.strip())}"
    )


@app.command()
def retype(
    entity: Annotated[str, typer.Argument(help="Name, alias or id of the entity.")],
    type: Annotated[str, typer.Argument(help="PERSON, ORG or LOCATION, or ORG/armed_group.")],
    why: Annotated[str | None, typer.Option("--why")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Decide an entity's type (and subtype)."""
    from factionmap.records import ENTITY_TYPES
    from factionmap.store import decisions

    kind, _, subtype = type.partition("/")
    if kind.upper() not in ENTITY_TYPES:
        fail(FactionmapError(Errors.E037, None, value=type))
    conn = open_existing(db)
    target = _entity(conn, entity)
    decision = decisions.retype(
        conn, target, kind.upper(), subtype.strip() or None, analyst(who), why
    )
    out.print(
        f"decision #{decision.id}: {escape(_names(conn)[target])} {_ref(target)} is "
        f"{escape(type.upper() if not subtype else kind.upper() + '/' + subtype)}"
    )


def _claim(relation: int, kind: str, why: str | None, who: str | None, db: Path) -> None:
    from factionmap.store.decisions import decide_claim

    conn = open_existing(db)
    row = decide_claim(conn, relation, kind, why, analyst(who))
    if row is None:
        fail(FactionmapError(Errors.E031, None, value=relation))
        return
    out.print(
        f"{kind}ed relation #{relation} ({escape(row['predicate'])}); stored as a decision"
        " that survives re-ingest and re-extraction"
    )


@app.command()
def reject(
    relation: Annotated[int, typer.Argument(help="Relation id (#N in graph/conflicts output).")],
    why: Annotated[str | None, typer.Option("--why", help="Why the claim is wrong.")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Reject a claim: it stays stored, marked, and no longer shapes any history."""
    _claim(relation, "reject", _need_why("reject", why), who, db)


@app.command()
def confirm(
    relation: Annotated[int, typer.Argument(help="Relation id (#N in graph/conflicts output).")],
    why: Annotated[str | None, typer.Option("--why")] = None,
    who: WhoOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Confirm a claim after checking it; the confirmation is shown with it."""
    _claim(relation, "confirm", why, who, db)


@app.command(name="decisions")
def list_decisions(db: DbOption = DEFAULT_DB) -> None:
    """Every decision taken, oldest first, with who, when, why and what it holds for now."""
    from factionmap.store.decisions import describe_all

    conn = open_existing(db)
    table = new_table("#", "kind", "about", "value", "who", "when (UTC)", "why")
    for d in describe_all(conn):
        table.add_row(
            str(d["id"]),
            d["kind"],
            escape(d["about"]),
            escape(d["value_text"]),
            escape(d["who"]),
            d["when"],
            escape(d["why"] or ""),
        )
    out.print(table)


@app.command()
def reextract(db: DbOption = DEFAULT_DB, config: ConfigOption = None) -> None:
    """Re-run extraction over every stored document (after an upgrade or a dictionary change)
    and re-apply the analyst's decisions. The old store stays until the new one is complete."""
    from factionmap.config import load_config
    from factionmap.pipeline import reextract as run_reextract

    open_existing(db).close()
    try:
        report = run_reextract(db, load_config(config))
    except FactionmapError as exc:
        fail(exc)
    for failure in report.failures:
        err.print(f"[red]error:[/red] {escape(failure.message)}; text kept, no facts")
    out.print(
        f"re-extracted {report.added} documents → {escape(str(db))}; "
        f"{report.decisions} decisions re-applied"
        + (f", {report.unresolved} no longer apply" if report.unresolved else "")
    )
    if report.failures:
        raise typer.Exit(2)
