"""Where analysis runs: in this process, in local worker processes, or on a Dask cluster.

Every engine maps batches of documents through one picklable function and hands the results
back in input order, with a bounded number of batches in flight: the single writer then
stores exactly what a one-process run would, and memory stays flat however large the input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from factionmap.errors import Errors, FactionmapError

Batch = TypeVar("Batch")
Result = TypeVar("Result")
ENGINES = ("local", "dask")
# Batches in flight per worker: enough that a worker finishing one finds the next queued
# while the writer is still storing an earlier one, few enough that memory stays flat.
_WINDOW = 4


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    submit: Callable[[Callable[[Batch], Result], Batch], Any],
    work: Callable[[Batch], Result],
    batches: Iterable[Batch],
    window: int,
) -> Iterator[Result]:
    """work(batch) for each batch, `window` at a time in flight, results in input order.

    `submit(work, batch)` returns a future with .result(): a process pool's or Dask's."""
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(submit(work, batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def open_engine(
    work: Callable[[Batch], Result],
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    preload: tuple[str, ...] = (),
) -> Iterator[Callable[[Iterable[Batch]], Iterator[Result]]]:
    """A function mapping batches through `work`, on the engine asked for.

    `local` with one worker runs in this process; with more, in that many processes forked
    from a fork server that first imports the `preload` modules: the model is loaded once
    and shared copy-on-write, and no worker copies the writer's threads or SQLite handle.
    `dask` uses the cluster at `scheduler` (an address such as tcp://host:8786), or starts a
    local cluster of `workers` processes when none is given."""
    if engine not in ENGINES:
        raise FactionmapError(Errors.E050, None, name=engine, choices=", ".join(ENGINES))
    if engine == "dask":
        with _dask_client(workers, scheduler) as client:
            # pure=False: two equal batches are still two tasks, never one cached result.
            def submit(fn: Callable[[Batch], Result], batch: Batch) -> Any:
                return client.submit(fn, batch, pure=False)

            width = max(workers, len(client.scheduler_info().get("workers", {})), 1)
            yield lambda batches: ordered_map(submit, work, batches, _WINDOW * width)
        return
    if workers <= 1:
        yield lambda batches: (work(batch) for batch in batches)
        return
    context = multiprocessing.get_context("forkserver")
    if preload:
        context.set_forkserver_preload(list(preload))  # ignored once the server runs
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield lambda batches: ordered_map(pool.submit, work, batches, _WINDOW * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise FactionmapError(Errors.E051, None) from None
    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=max(workers, 1),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
