"""Benchmark: first load of the web UI on a store of N documents (default 1,000).

Builds the store through the real writer (bench_graph's synthetic documents), serves it on
loopback and opens the network page in Debian's headless Chromium, timing navigation until
the page has drawn the as-of network. Compared in the same run with loading a static page
of the same server (the baseline: server and browser cost without our data). Never a test.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from bench_graph import build_store  # noqa: E402

from factionmap.web.app import create_app  # noqa: E402


def main() -> int:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "kb.sqlite"
        build_store(db, documents)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            timings: dict[str, list[float]] = {"static page (baseline)": [], "network page": []}
            for _ in range(5):
                for label, url in (
                    ("static page (baseline)", base + "/static/app.css"),
                    ("network page", base + "/#/network"),
                ):
                    page = browser.new_context().new_page()
                    start = time.perf_counter()
                    page.goto(url)
                    if label == "network page":
                        page.wait_for_selector("body[data-ready='yes']", state="attached")
                    timings[label].append(time.perf_counter() - start)
                    page.context.close()
            browser.close()
        server.should_exit = True
    print(f"store: {documents:,} documents")
    for label, values in timings.items():
        values.sort()
        print(f"{label:<24} median {values[len(values) // 2]:.2f} s   worst {values[-1]:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
