"""The built wheel carries every data file the code loads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    pytest.importorskip("hatchling", reason="hatchling (a dev dependency) builds the wheel")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("factionmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _packaged(folder: str, pattern: str) -> set[str]:
    source = ROOT / "src" / "factionmap"
    return {
        f"factionmap/{p.relative_to(source).as_posix()}" for p in (source / folder).glob(pattern)
    }


@pytest.mark.parametrize(
    ("folder", "pattern"),
    [
        ("data/actors", "*.yaml"),
        ("data/lexicons", "*.yaml"),
        ("data/gazetteer", "*.csv"),
        ("store", "*.sql"),
        ("data", "outlets.yaml"),
        ("web/static", "*.js"),
        ("web/static", "index.html"),
        ("web/static/vendor", "*.js"),
        ("web/static/vendor", "*.json"),
    ],
)
def test_packaging_wheel_has_data_files(wheel_names: set[str], folder: str, pattern: str) -> None:
    expected = _packaged(folder, pattern)
    assert expected, f"no {pattern} in {folder}"
    assert expected <= wheel_names


def test_packaging_wheel_declares_console_script(wheel_names: set[str]) -> None:
    assert any(name.endswith("entry_points.txt") for name in wheel_names)
