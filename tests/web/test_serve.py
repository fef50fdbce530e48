"""`factionmap serve` as a user starts it: a real process on loopback, edits behind a token."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import factionmap
from tests.web.conftest import copy_of

pytestmark = pytest.mark.model


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "factionmap", "serve", *args]


def _env() -> dict[str, str]:
    src = str(Path(factionmap.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": src, "NO_COLOR": "1", "COLUMNS": "200"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, token: str | None) -> int:
    request = urllib.request.Request(url, method="POST")
    if token:
        request.add_header("X-Factionmap-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_serve_binds_loopback_prints_a_token_and_edits_need_it(seeded_store, tmp_path) -> None:  # noqa: ANN001
    db = copy_of(seeded_store, tmp_path)
    port = _free_port()
    process = subprocess.Popen(
        _command("--db", str(db), "--port", str(port), "--allow-edits"),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(),
    )  # fmt: skip
    try:
        banner = [process.stdout.readline() for _ in range(2)]  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in banner[0], banner
        token = banner[1].strip().rsplit(" ", 1)[-1]
        assert banner[1].startswith("edits allowed with token:") and len(token) >= 16
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/api/range", timeout=2) as response:
                    assert json.loads(response.read())["first"]
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("the server never answered")
        with urllib.request.urlopen(base + "/api/actor/mohammed_al_jassem", timeout=10) as r:
            claim = json.loads(r.read())["relations"][0]["id"]
        decide = f"{base}/api/decisions?relation={claim}&decision=confirm&why=checked"
        assert _post(decide, None) == 403
        assert _post(decide, "not-the-token") == 403
        assert _post(decide, token) == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0", "--allow-edits"], "loopback"),
        (["--db", "no/such/kb.sqlite"], "no/such/kb.sqlite"),
    ],
)
def test_serve_refuses_in_one_line(seeded_store, args: list[str], message: str) -> None:  # noqa: ANN001
    if "--db" not in args:
        args = [*args, "--db", str(seeded_store)]
    done = subprocess.run(
        _command(*args), capture_output=True, text=True, env=_env(), timeout=60
    )  # fmt: skip
    said = (done.stdout + done.stderr).strip()
    assert done.returncode == 1, said
    assert message in said and "Traceback" not in said and len(said.splitlines()) == 1, said
