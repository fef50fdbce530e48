"""The web app factory: the JSON API, the static pages, and the security headers."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from factionmap.web.api import router

STATIC = Path(str(resources.files("factionmap.web") / "static"))

# Article text is untrusted: no inline script, no plug-ins, nothing fetched from elsewhere.
# Inline styles are allowed because Cytoscape injects its container stylesheet; styles
# cannot run code, and every article string reaches the page as text, never as markup.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
    " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
    " form-action 'self'"
)


def create_app(db: Path, allow_edits: bool = False, token: str | None = None) -> FastAPI:
    """The factionmap web UI over the knowledge base at `db`."""
    app = FastAPI(
        title="factionmap",
        description="Actors, relations over time, events, quotes and places, with evidence.",
        version="0.1.0",
        # The interactive docs pages load scripts from a CDN; the UI must work offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.allow_edits = allow_edits
    app.state.token = token
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:  # noqa: ANN001
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
