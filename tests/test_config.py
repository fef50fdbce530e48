"""Settings: defaults, a TOML file, command-line overrides, and a user's own actor dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap.config import Config, dictionary_paths, load_config
from factionmap.errors import FactionmapError


def test_config_defaults_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config() == Config()


def test_config_file_then_overrides(tmp_path: Path) -> None:
    file = tmp_path / "factionmap.toml"
    file.write_text('[factionmap]\ntheatre = ["ly", "eg"]\nbatch_size = 4\n', encoding="utf-8")
    from_file = load_config(file)
    assert (from_file.theatre, from_file.batch_size) == (["LY", "EG"], 4)
    overridden = load_config(file, {"theatre": "YE,SA", "batch_size": None})
    assert (overridden.theatre, overridden.batch_size) == (["YE", "SA"], 4)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[factionmap]\ncolour = 1\n", "unknown setting 'colour'"),
        ("[factionmap]\nbatch_size = 'many'\n", "must be a whole number"),
        ("[factionmap]\ntheatre = [1, 2]\n", "must be a list of strings"),
        ("[factionmap\n", "not valid TOML"),
    ],
)
def test_config_bad_file_names_file_and_problem(tmp_path: Path, content: str, message: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(FactionmapError) as raised:
        load_config(file)
    assert str(raised.value).startswith(f"{file}: ")
    assert message in str(raised.value)


def test_config_dictionary_folder_expands_to_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("[]", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    config = load_config(None, {"actor_dictionaries": [str(tmp_path)]})
    assert dictionary_paths(config) == [tmp_path / "a.yaml"]
    with pytest.raises(FactionmapError, match="path does not exist"):
        dictionary_paths(load_config(None, {"actor_dictionaries": [str(tmp_path / "nope")]}))


@pytest.mark.model
def test_config_user_dictionary_names_a_new_actor(tmp_path: Path) -> None:
    from factionmap.pipeline import build_runtime, ingest
    from factionmap.store import reads
    from factionmap.store.db import connect

    (tmp_path / "libya.yaml").write_text(
        "- key: brigade_444\n  name: 444th Combat Brigade\n  type: ORG\n  subtype: armed_group\n"
        "  aliases: [Brigade 444, Liwa 444]\n",
        encoding="utf-8",
    )
    article = tmp_path / "tripoli.txt"
    article.write_text(
        "Clashes erupted in southern Tripoli on Monday between Brigade 444 and a rival militia, "
        "residents said. The 444th Combat Brigade later deployed armoured vehicles near Benghazi "
        "road checkpoints.\n",
        encoding="utf-8",
    )
    config = load_config(
        None, {"actor_dictionaries": [str(tmp_path / "libya.yaml")], "theatre": "LY"}
    )
    assert "brigade_444" in build_runtime(config).dictionary.by_key
    db = tmp_path / "kb.sqlite"
    report = ingest([article], db, config=config)
    assert report.added == 1
    with connect(db) as conn:
        ids = {e["id"] for e in reads.entities(conn)}
        tripoli = next(e for e in reads.entities(conn, "LOCATION") if e["name"] == "Tripoli")
    assert "brigade_444" in ids
    assert tripoli["geo"]["country"] == "LY"
