"""Engines: worker processes and a Dask cluster store exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionmap import pipeline
from factionmap.errors import FactionmapError
from factionmap.ingest.engines import open_engine
from tests.stores import canonical, real_corpus


def _square(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


def test_engines_process_pool_keeps_input_order() -> None:
    batches = [[n, n + 1] for n in range(0, 40, 2)]
    with open_engine(_square, workers=2) as run:
        assert [x for result in run(batches) for x in result] == [n * n for n in range(40)]


def test_engines_unknown_engine_is_one_clear_error() -> None:
    with pytest.raises(FactionmapError, match="unknown engine 'spark'; choose from local, dask"):
        with open_engine(_square, engine="spark"):
            pass


@pytest.mark.model
@pytest.mark.slow
def test_engines_dask_cluster_and_local_workers_store_what_one_process_stores(
    tmp_path: Path, data_dir: Path
) -> None:
    pytest.importorskip("distributed")
    corpus = real_corpus(data_dir, tmp_path / "input", limit=30)
    one = tmp_path / "one.sqlite"
    assert pipeline.ingest([corpus], one, workers=1).added == 30
    dask = tmp_path / "dask.sqlite"
    report = pipeline.ingest([corpus], dask, workers=2, engine="dask")  # local 2-worker cluster
    assert (report.added, report.failures) == (30, [])
    assert canonical(dask) == canonical(one)
