"""A real server on loopback over a seeded store, and a real headless Chromium."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-screenshots"


@pytest.fixture(scope="session")
def seeded_store(shared_dir: Path, data_dir: Path, tmp_path_factory) -> Path:
    """The seed articles plus a hostile article, ingested through the real CLI."""
    from factionmap.cli import app

    db = tmp_path_factory.mktemp("web") / "kb.sqlite"
    seeds = shared_dir / "seeds"
    runner = CliRunner()
    meta = str(seeds / "seeds.jsonl")
    result = runner.invoke(app, ["ingest", str(seeds), "--meta", meta, "--db", str(db)])
    assert result.exit_code == 0, result.output
    hostile_article = str(data_dir / "hostile_article.txt")
    hostile = runner.invoke(app, ["ingest", hostile_article, "--db", str(db)])
    assert hostile.exit_code == 0, hostile.output
    return db


def copy_of(db: Path, folder: Path) -> Path:
    """A private copy of a store, so that decisions taken on it reach no other test."""
    target = folder / "kb.sqlite"
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@contextmanager
def serving(db: Path, token: str = "test-token") -> Iterator[str]:
    """uvicorn serving the app over `db` on a free loopback port, in a thread of this process."""
    import uvicorn

    from factionmap.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(db, allow_edits=True, token=token),
        host="127.0.0.1", port=port, log_level="warning",
    )  # fmt: skip
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def server(seeded_store: Path) -> Iterator[str]:
    """The server over the seeded store."""
    with serving(seeded_store) as url:
        yield url


@pytest.fixture(scope="session")
def review_store(seeded_store: Path, data_dir: Path, tmp_path_factory) -> Path:
    """A private copy of the seeded store plus the decisions corpus, whose reports cut one
    brigade's name into two fragments: a merge candidate for the review page."""
    from factionmap.cli import app

    db = copy_of(seeded_store, tmp_path_factory.mktemp("review"))
    folder = data_dir / "decisions"
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--meta", str(folder / "meta.jsonl"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server: str):  # noqa: ANN001, ANN201
    """A fresh 1280x800 page whose console errors and JS dialogs are recorded."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))
    tab.on(
        "dialog", lambda dialog: (tab.errors.append("dialog: " + dialog.message), dialog.dismiss())
    )
    tab.base = server
    yield tab
    context.close()
