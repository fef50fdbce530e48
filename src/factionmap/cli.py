"""The factionmap command line: each command validates, calls a plain function, and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from factionmap.errors import FactionmapError

if TYPE_CHECKING:
    from rich.table import Table

    from factionmap.records import ReadFailure

app = typer.Typer(
    help="Read conflict news into a source-linked knowledge base of actors and their relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich's help renderer (and the Markdown parser it loads) doubled start-up.
    rich_markup_mode=None,
)
# soft_wrap: an error stays on one line, whatever the terminal width.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite knowledge base file.")]
DEFAULT_DB = Path("factionmap.sqlite")
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="TOML settings file (default: ./factionmap.toml if present)."),
]


def new_table(*columns: str, **options: object) -> Table:
    """A Rich table (rich.table is imported on first use: most commands print none)."""
    from rich.table import Table

    return Table(*columns, **options)  # type: ignore[arg-type]


def fail(exc: FactionmapError) -> None:
    """Print a one-line error and exit with status 1."""
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    raise typer.Exit(1)


def open_existing(db: Path):  # noqa: ANN201
    """Open a knowledge base that must already exist."""
    from factionmap.errors import Errors
    from factionmap.store.db import connect

    if not db.exists():
        fail(FactionmapError(Errors.E001, str(db)))
    try:
        return connect(db)
    except FactionmapError as exc:
        fail(exc)


@app.command()
def ingest(
    articles: Annotated[list[Path], typer.Argument(help="Files or directories of articles.")],
    meta: Annotated[Path | None, typer.Option("--meta", help="JSONL metadata sidecar.")] = None,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    theatre: Annotated[
        str | None, typer.Option("--theatre", help="Preferred countries, e.g. LY,EG,TN.")
    ] = None,
    dictionary: Annotated[
        list[Path] | None,
        typer.Option("--dictionary", help="Extra actor dictionary YAML file or folder."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=0, help="Analysis processes (default: one per core)."),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local, or dask (needs factionmap[dask]).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    ] = None,
) -> None:
    """Read articles (.txt, .html, .jsonl, directories) into the knowledge base."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from factionmap.config import load_config
    from factionmap.ingest.engines import default_workers
    from factionmap.pipeline import ingest as run_ingest
    from factionmap.store import reads
    from factionmap.store.db import connect

    progress = Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    task = progress.add_task("", total=None)
    try:
        settings = load_config(
            config,
            {
                "theatre": theatre,
                "actor_dictionaries": [str(p) for p in dictionary] if dictionary else None,
            },
        )
        processes = workers if workers is not None else settings.workers
        with progress:
            report = run_ingest(
                articles,
                db,
                meta,
                on_document=lambda d: progress.update(
                    task, advance=1, description=escape(Path(d.file).name[:40])
                ),
                config=settings,
                on_problem=_print_problem,
                workers=processes or default_workers(),
                engine=engine,
                scheduler=scheduler,
            )
    except FactionmapError as exc:
        fail(exc)
    if report.failures:
        # Each error was printed as it happened; the summary repeats them in one place.
        err.print(f"[bold]{len(report.failures)} not stored:[/bold]")
        for failure in report.failures:
            err.print(f"  {escape(failure.message)}")
    with connect(db) as conn:
        totals = reads.counts(conn)
    out.print(
        f"ingested {report.added} new, {report.unchanged} already stored, "
        f"{len(report.failures)} failed → {escape(str(db))}: {totals['documents']} documents, "
        f"{totals['entities']} entities, {totals['relations']} relations, "
        f"{totals['events']} events, {totals['quotes']} quotes"
        + (f"; {report.copies} near-duplicate copies linked" if report.copies else "")
    )
    if report.failures:
        raise typer.Exit(2)


def _print_problem(problem: ReadFailure, fatal: bool) -> None:
    if fatal:
        err.print(f"[red]error:[/red] {escape(problem.message)}; skipped")
    else:
        err.print(f"[yellow]warning:[/yellow] {escape(problem.message)}")


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str, typer.Option("--format", help="json, csv, graphml or geojson.")
    ] = "json",
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "kb.json"
    ),
) -> None:
    """Write the knowledge base in an export format."""
    from factionmap.export.registry import exporter

    conn = open_existing(db)
    try:
        exporter(format)(conn, output)
    except FactionmapError as exc:
        fail(exc)
    except OSError as exc:
        err.print(
            f"[red]error:[/red] {escape(str(output))}: cannot write ({escape(str(exc.strerror))})"
        )
        raise typer.Exit(1) from None
    out.print(f"wrote {escape(str(output))} ({format})")


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Counts of documents, entities by type, aliases, mentions and assertions."""
    from factionmap.store import reads

    conn = open_existing(db)
    totals = reads.counts(conn)
    table = new_table(title=f"factionmap: {escape(str(db))}", show_header=False)
    for key in ("documents", "entities", "aliases", "mentions", "relations", "events", "quotes"):
        table.add_row(key, str(totals[key]))
    for entity_type, n in sorted(totals["by_type"].items()):
        table.add_row(f"  {entity_type}", str(n))
    table.add_row("unverified documents", str(totals["unverified_documents"]))
    out.print(table)


@app.command()
def settings(config: ConfigOption = None) -> None:
    """Every setting with its value and what it does (defaults → file → command line)."""
    from factionmap.config import load_config

    try:
        values = load_config(config)
    except FactionmapError as exc:
        fail(exc)
    table = new_table("setting", "value", "what it does")
    for name, value, help_text in values.describe():
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        table.add_row(name, escape(shown or "-"), escape(help_text))
    out.print(table)


@app.command()
def summary(
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option("--top", help="How many actors to list.")] = 12,
) -> None:
    """Counts, the most-mentioned actors with their aliases, and the next commands to try."""
    from factionmap.store import reads

    conn = open_existing(db)
    totals = reads.counts(conn)
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(totals["by_type"].items()))
    out.print(
        f"[bold]{escape(str(db))}[/bold]: {totals['documents']} documents, {totals['entities']} "
        f"entities ({by_type}), {totals['aliases']} aliases, {totals['relations']} relations, "
        f"{totals['events']} events, {totals['quotes']} quotes"
    )
    aliases = reads.aliases(conn)
    table = new_table("actor", "type", "mentions", "also called", title="most-mentioned actors")
    for row in [r for r in reads.entities(conn) if r["type"] != "LOCATION"][:top]:
        names = [a["alias"] for a in aliases.get(row["id"], []) if a["alias"] != row["name"]]
        table.add_row(
            escape(row["name"]),
            row["type"],
            str(row["mention_count"]),
            escape(", ".join(dict.fromkeys(names)))[:70],
        )
    out.print(table)
    first = next((r["name"] for r in reads.entities(conn, "PERSON")), "NAME")
    # Show the program as it was invoked (".venv/bin/factionmap" from make), so it can be pasted.
    program = sys.argv[0] if "/" in sys.argv[0] else "factionmap"
    out.print("next:")
    for command in (
        f"{program} actors --db {db} --type ORG",
        f'{program} actor --db {db} "{first}"',
        f"{program} relations --db {db} HTS SNA",
        f"{program} events --db {db} --type ACCUSE",
        f"{program} export --db {db} --format json --output kb.json",
    ):
        out.print(f"  {escape(command)}")


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG or LOCATION.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text in a name or alias.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows to show.")] = 50,
) -> None:
    """List actors, most mentioned first, with their aliases."""
    from factionmap.errors import Errors
    from factionmap.records import ENTITY_TYPES
    from factionmap.store import reads

    if type and type.upper() not in ENTITY_TYPES:
        fail(FactionmapError(Errors.E037, None, value=type))
    conn = open_existing(db)
    aliases = reads.aliases(conn)
    rows = reads.entities(conn, type)
    if search:
        wanted = set(reads.find_entities(conn, search))
        rows = [r for r in rows if r["id"] in wanted]
    table = new_table("id", "name", "type", "mentions", "docs", "aliases")
    for row in rows[:limit]:
        names = [a["alias"] for a in aliases.get(row["id"], []) if a["alias"] != row["name"]]
        kind = row["type"] + (f"/{row['subtype']}" if row["subtype"] else "")
        table.add_row(
            escape(row["id"]),
            escape(row["name"]),
            kind,
            str(row["mention_count"]),
            str(row["doc_count"]),
            escape(", ".join(dict.fromkeys(names)))[:80],
        )
    out.print(table)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Profile of one actor: names, mentions with their sentences, relations, events, quotes."""
    from factionmap.query.profiles import actor_profile, names_by_id

    conn = open_existing(db)
    try:
        profile = actor_profile(conn, name)
    except FactionmapError as exc:
        fail(exc)
    e = profile.entity
    names = names_by_id(conn)
    out.print(
        f"[bold]{escape(e['name'])}[/bold]  ({e['type']}"
        f"{'/' + e['subtype'] if e['subtype'] else ''}; id {escape(e['id'])})"
    )
    if e["roles"]:
        out.print("roles: " + escape(", ".join(e["roles"])))
    if e["geo"]:
        out.print(
            f"geo: {e['geo'].get('lat')}, {e['geo'].get('lon')} "
            f"({escape(str(e['geo'].get('source')))})"
        )
    aliases = [a for a in profile.aliases if a["alias"] != e["name"]]
    out.print(
        "aliases: "
        + escape(
            ", ".join(
                a["alias"] + (" (former)" if a["kind"] == "former_name" else "") for a in aliases
            )
            or "none"
        )
    )
    _print_relations(profile.relations, names)
    _print_events(profile.events, names)
    if profile.quotes_by:
        out.print(f"\n[bold]quotes[/bold] ({len(profile.quotes_by)})")
        for q in profile.quotes_by:
            out.print(
                f"  “{escape(q['text'][:160])}” — {escape(q['cue'] or '')} "
                + escape(f"[{q['doc_id'][:8]}]")
            )
    out.print(f"\n[bold]mentions[/bold] ({len(profile.mentions)})")
    for m in profile.mentions[:30]:
        out.print(
            "  "
            + escape(f"[{m['doc_id'][:8]}:{m['start']}]")
            + f" {escape(m['text'])}: {escape(m['sentence'][:200])}"
        )


@app.command()
def places(db: DbOption = DEFAULT_DB) -> None:
    """Places with coordinates, precision, and how many facts point there."""
    from factionmap.store import reads

    conn = open_existing(db)
    facts = reads.facts_per_place(conn)
    table = new_table(
        "place", "lat", "lon", "kind", "precision", "admin1", "country", "mentions", "facts"
    )
    for row in reads.entities(conn, "LOCATION"):
        geo = row["geo"] or {}
        table.add_row(
            escape(row["name"]),
            f"{geo['lat']:.4f}" if geo else "-",
            f"{geo['lon']:.4f}" if geo else "-",
            escape(str(geo.get("feature", "-"))),
            str(geo.get("precision", "-")),
            escape(str(geo.get("admin1") or "-")),
            escape(str(geo.get("country") or "-")),
            str(row["mention_count"]),
            str(facts.get(row["id"], 0)),
        )
    out.print(table)


@app.command()
def relations(
    first: Annotated[str, typer.Argument(help="An actor's name, alias or id.")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Everything the knowledge base holds between two actors, in date order."""
    from factionmap.query.profiles import names_by_id, pair_history

    conn = open_existing(db)
    try:
        history = pair_history(conn, first, second)
    except FactionmapError as exc:
        fail(exc)
    names = names_by_id(conn)
    out.print(
        f"[bold]{escape(names[history['first']])}[/bold] and "
        f"[bold]{escape(names[history['second']])}[/bold]"
    )
    if not history["relations"] and not history["events"]:
        out.print("nothing recorded between them")
    _print_relations(history["relations"], names)
    _print_events(history["events"], names)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker.")] = None,
) -> None:
    """Direct quotations with their speakers."""
    from factionmap.query.profiles import resolve_actor
    from factionmap.store import reads

    conn = open_existing(db)
    rows = reads.quotes(conn)
    if speaker:
        try:
            wanted = resolve_actor(conn, speaker)
        except FactionmapError as exc:
            fail(exc)
        rows = [q for q in rows if q["speaker"] == wanted]
    for q in rows:
        who = q["speaker_name"] or "(no speaker)"
        out.print(
            f"[bold]{escape(who)}[/bold] {escape(q['cue'] or '')} "
            + escape(f"[{q['doc_id'][:8]}:{q['start']}]")
            + f": “{escape(q['text'])}”"
        )
    out.print(f"{len(rows)} quotes")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ACCUSE.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Source or target actor.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-01.")
    ] = None,
) -> None:
    """Events, filtered by type, actor and date."""
    from factionmap.errors import Errors
    from factionmap.history.periods import parse_prefix
    from factionmap.query.profiles import names_by_id, resolve_actor
    from factionmap.records import EVENT_TYPES
    from factionmap.store import reads

    if type and type.upper() not in EVENT_TYPES:
        fail(FactionmapError(Errors.E036, None, value=type, choices=", ".join(EVENT_TYPES)))
    if since is not None and parse_prefix(since) is None:
        fail(FactionmapError(Errors.E030, None, value=since))
    conn = open_existing(db)
    rows = reads.events(conn)
    if type:
        rows = [ev for ev in rows if ev["type"] == type.upper()]
    if actor:
        try:
            wanted = resolve_actor(conn, actor)
        except FactionmapError as exc:
            fail(exc)
        rows = [ev for ev in rows if wanted in ev["source"] or wanted in ev["target"]]
    if since:
        # An undated event cannot be shown to be after the cut-off, so it is left out.
        rows = [
            ev for ev in rows if (ev["date"] or "") >= since[: len(ev["date"] or "")] and ev["date"]
        ]
    _print_events(rows, names_by_id(conn))
    out.print(f"{len(rows)} events")


def _print_relations(relations: list[dict], names: dict[str, str]) -> None:
    if not relations:
        return
    out.print(f"\n[bold]relations[/bold] ({len(relations)})")
    for r in relations:
        when = " ".join(
            f"{k}={r[c]}"
            for k, c in (("from", "time_start"), ("until", "time_end"), ("as of", "time_as_of"))
            if r[c]
        )
        # Escaped: rich would take "[negated]" for a style tag and print nothing.
        flag = "" if r["polarity"] == "asserted" else " " + escape(f"[{r['polarity']}]")
        said = f" (per {escape(names.get(r['attributed_to'], ''))})" if r["attributed_to"] else ""
        out.print(
            f"  {escape(r['subject_name'])} —{r['predicate']}→ {escape(r['object_name'])}"
            f"{flag} {when}{said}\n     “{escape(r['text'][:200])}”"
        )


def _print_events(events: list[dict], names: dict[str, str]) -> None:
    if not events:
        return
    out.print(f"\n[bold]events[/bold] ({len(events)})")
    for ev in events:
        src = ", ".join(names.get(i, i) for i in ev["source"])
        tgt = ", ".join(names.get(i, i) for i in ev["target"])
        where = f" at {names.get(ev['location'], '')}" if ev["location"] else ""
        out.print(
            f"  {ev['date'] or '?'} {ev['type']}: {escape(src)} → {escape(tgt)}{escape(where)}"
            f"\n     “{escape(ev['text'][:200])}”"
        )


def main() -> None:
    """Entry point that turns any unexpected FactionmapError into a one-line message."""
    try:
        app()
    except FactionmapError as exc:
        err.print(f"error: {exc}")
        sys.exit(1)


# Imported last: the module registers its commands on `app` defined above.
from factionmap import cli_decisions, cli_history, cli_web  # noqa: E402, F401

if __name__ == "__main__":
    # `python -m factionmap.cli`: run the imported module's app, which carries every command
    # (this file, run as __main__, is a second copy the command modules never registered on).
    from factionmap.cli import main as _main

    _main()
