"""Extraction on every core: batches of articles go to worker processes, each
with its own recogniser, while the calling process writes the results.

SQLite has one writer, so only pure work runs in the workers (reading the text,
recognition, figures, quotes, themes, fingerprints: archive/extraction/); the
database stays with the caller, which gets the results back in the order it
sent the batches. At most a few batches are in flight, so memory does not grow
with the input, and each worker loads the model once, on its first batch
(archive/extraction/nlp.py keeps it for the process's life).

Workers are started with "spawn": a fresh interpreter that imports neither
Django nor the caller's database connections. A worker whose parent dies (an
import killed with SIGKILL) exits instead of waiting for work for ever.
"""

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

AHEAD = 2  # batches in flight per worker: one being worked on, one waiting
# Below this many batches the work is done in the calling process: starting the
# workers and loading a model in each (a few seconds) would cost more than it saves.
MIN_BATCHES = 2
WORKER_NICENESS = 5  # below the writer, and below other work on the machine (gunicorn)


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def ordered_map(function: Callable, items: Iterable[tuple], processes: int) -> Iterator[tuple]:
    """For each `(state, args)` of `items`, `(state, function(*args))`, in the
    order of `items`. With `processes` > 1 (and at least MIN_BATCHES items),
    `function` runs in that many worker processes: `function`, its arguments and
    its results must be picklable, and `state` stays here. `items` is read
    lazily, only as far as the batches in flight: its side effects (a database
    query deciding what to send) happen just before each batch is sent."""
    items = iter(items)
    first = list(islice(items, MIN_BATCHES)) if processes > 1 else []
    if len(first) < MIN_BATCHES:
        for state, args in chain(first, items):
            yield state, function(*args)
        return
    yield from _in_workers(function, chain(first, items), processes)


def _in_workers(function, items, processes):
    import multiprocessing  # noqa: PLC0415 - only a command that extracts gets here
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    pool = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    in_flight = deque()
    try:
        for state, args in items:
            in_flight.append((state, pool.submit(function, *args)))
            if len(in_flight) >= processes * AHEAD:
                state, future = in_flight.popleft()
                yield state, future.result()
        while in_flight:
            state, future = in_flight.popleft()
            yield state, future.result()
    finally:
        # On an error or an interruption here, the batches not started are dropped;
        # those being worked on end with their batch (seconds).
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    # The caller writes what the workers find, one article after the other: it
    # must not wait for a core while workers are ahead of it.
    os.nice(WORKER_NICENESS)
    # One thread of linear algebra per worker: the workers already fill the cores.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    threading.Thread(target=_exit_with, args=(parent,), name="vigie-orphan-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when its parent is gone (killed without a chance to stop it)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
