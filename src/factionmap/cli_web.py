"""`factionmap serve`: the web UI over a knowledge base, on loopback by default."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer
from rich.markup import escape

from factionmap.cli import DEFAULT_DB, DbOption, app, fail, out
from factionmap.errors import Errors, FactionmapError


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8765,
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind (loopback unless you mean it).")
    ] = "127.0.0.1",
    allow_edits: Annotated[
        bool, typer.Option("--allow-edits", help="Let the review page store decisions.")
    ] = False,
) -> None:
    """Serve the web UI: network over time, map, timeline, actor pages, review, JSON API."""
    import uvicorn

    from factionmap.web.app import create_app

    if not db.exists():
        fail(FactionmapError(Errors.E001, str(db)))
    if allow_edits and host not in ("127.0.0.1", "localhost", "::1"):
        fail(FactionmapError(Errors.E033, None))
    token = secrets.token_urlsafe(16) if allow_edits else None
    out.print(f"factionmap on http://{escape(host)}:{port}/  (API schema: /openapi.json)")
    if token:
        out.print(f"edits allowed with token: {token}")
    uvicorn.run(create_app(db, allow_edits, token), host=host, port=port, log_level="warning")
