"""Run many samples of the model: in chunks, in-process or on a Dask cluster.

Samples are split into chunks of at most ``chunk_size``. Each chunk is one
batch simulation on the engine chosen where the samples were made (the
compiled model's batch kernel, or PySD's :class:`model.engine.batch.BatchSimulator`
while the compiled cache is cold or when PySD is chosen; see
:func:`model.engine.compiled.current`) whose result is
reduced where it ran (e.g. to annual indicators, :func:`annual_reducer`), so a
chunk ships back arrays of shape (n, years) instead of every half-yearly value.
Chunks run one after another in this process, or on the Dask cluster at
``dask_address`` (``dask.distributed``) when one is named.

If the model uses a construct the array layer does not cover
(:class:`model.engine.batch.NotBatchable`), each chunk is run as single runs
spread over parallel processes instead, and a note says so.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from model.base.paths import MDL_PATH
from model.catalogue.indicators import annual_arrays, model_variables
from model.catalogue.parameters import calibrated_params
from model.engine.batch import BatchRun, BatchSimulator
from model.engine.batchable import NotBatchable
from model.engine.compiled import chosen, current
from model.engine.simulator import Simulator

#: Default number of samples per batch simulation.
CHUNK_SIZE = 10_000

_local = threading.local()
_refusals: dict[str, str] = {}


@dataclass(frozen=True)
class SampleRun:
    """Reduced results of many samples.

    Attributes
    ----------
    arrays : dict
        Name -> array with one row per sample (first axis N), as the reducer made it.
    mode : str
        ``"batch"`` (array simulation) or ``"parallel single runs"``.
    note : str
        Why the parallel fallback was used (empty in batch mode).

    """

    arrays: dict
    mode: str
    note: str = ""


def annual_reducer(run: BatchRun) -> dict[str, np.ndarray]:
    """Annual indicators of every sample: id -> (n, years)."""
    return annual_arrays(run.times, list(run.columns), run.values)


def _batch_simulator(mdl_path: Path, base_params: tuple, engine: str | None = None) -> BatchSimulator:
    """This thread's batch simulator for the model, ``base_params`` and engine (built once per thread)."""
    cache = getattr(_local, "simulators", None)
    if cache is None:
        cache = _local.simulators = {}
    chosen_engine = current(mdl_path, name=engine)
    key = (str(mdl_path), base_params, chosen_engine.name)
    if key not in cache:
        cache[key] = chosen_engine.batch(mdl_path, base_params=dict(base_params))
    return cache[key]


def _loop(samples: dict, columns: list[str], base_params: tuple, time_step: float | None,
          mdl_path: Path = MDL_PATH) -> BatchRun:
    """Single runs of every sample, one after another (the fallback's unit of work)."""
    simulator = Simulator(mdl_path, base_params=dict(base_params))
    size = max((np.size(v) for v in samples.values()), default=1)
    frames = []
    for i in range(size):
        overrides = {k: float(np.broadcast_to(v, (size,))[i]) for k, v in samples.items()}
        frames.append(simulator.run(overrides, time_step=time_step, columns=columns)[columns])
    times = frames[0].index.to_numpy(dtype=float)
    return BatchRun(times, tuple(columns), np.stack([f.to_numpy(dtype=float) for f in frames]))


def _split(samples: dict, parts: int) -> list[dict]:
    size = max((np.size(v) for v in samples.values()), default=1)
    bounds = np.linspace(0, size, parts + 1).astype(int)
    return [{k: (v[a:b] if np.ndim(v) else v) for k, v in samples.items()} for a, b in itertools.pairwise(bounds)
            if b > a]


def _parallel(samples: dict, columns: list[str], base_params: tuple, time_step: float | None,
              mdl_path: Path) -> BatchRun:
    """The fallback: single runs spread over one process per core."""
    workers = max(1, os.cpu_count() or 1)
    parts = _split(samples, workers)
    work = partial(_loop, columns=columns, base_params=base_params, time_step=time_step, mdl_path=mdl_path)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(work, parts))
    return BatchRun(runs[0].times, runs[0].columns, np.concatenate([r.values for r in runs]))


def run_chunk(samples: dict, columns: list[str], base_params: tuple, time_step: float | None,
              reducer: Callable[[BatchRun], dict], mdl_path: Path = MDL_PATH,
              engine: str | None = None) -> tuple[dict, str]:
    """Simulate and reduce one chunk; returns ``(arrays, note)``.

    ``engine`` ("compiled" or "pysd") is the one chosen where the samples were
    made, so that Dask workers run the same engine. The note is empty in batch
    mode and gives the reason for single runs otherwise.
    """
    key = str(mdl_path)
    if key not in _refusals:
        try:
            run = _batch_simulator(mdl_path, base_params, engine).run(samples, columns, time_step)
            return reducer(run), ""
        except NotBatchable as error:
            _refusals[key] = str(error)
    return reducer(_parallel(samples, columns, base_params, time_step, mdl_path)), _refusals[key]


def chunks(samples: Mapping[str, object], chunk_size: int) -> list[dict]:
    """Split per-sample arrays into consecutive chunks of at most ``chunk_size``."""
    arrays = {k: np.asarray(v, dtype=float) for k, v in samples.items()}
    size = max((a.size for a in arrays.values() if a.ndim), default=1)
    starts = range(0, size, max(1, int(chunk_size)))
    return [{k: (a[s:s + chunk_size] if a.ndim else a) for k, a in arrays.items()} for s in starts]


def _merge(parts: list[tuple[dict, str]]) -> SampleRun:
    arrays = {key: np.concatenate([p[0][key] for p in parts]) for key in parts[0][0]}
    notes = sorted({p[1] for p in parts if p[1]})
    if notes:
        return SampleRun(arrays, "parallel single runs", "; ".join(notes))
    return SampleRun(arrays, "batch")


def run_samples(
    samples: Mapping[str, object],
    columns: list[str] | None = None,
    reducer: Callable[[BatchRun], dict] = annual_reducer,
    base_params: Mapping[str, float] | None = None,
    chunk_size: int = CHUNK_SIZE,
    dask_address: str | None = None,
    time_step: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    mdl_path: Path = MDL_PATH,
) -> SampleRun:
    """Simulate every sample and reduce the results chunk by chunk.

    Parameters
    ----------
    samples : Mapping[str, array-like]
        Model constant name -> one value per sample (shape (N,)) or one value for all.
    columns : list of str, optional
        Model variables to simulate out; those the indicators read if omitted.
    reducer : callable
        BatchRun -> dict of arrays with first axis n (applied to each chunk).
    base_params : Mapping[str, float], optional
        Values for constants not sampled; the calibrated parameters if omitted.
    chunk_size : int
        Samples per batch simulation.
    dask_address : str, optional
        Scheduler address of a Dask cluster to run the chunks on.
    time_step : float, optional
        Euler step in years (the model's own if omitted).
    progress : callable, optional
        Called as ``progress(done, total)`` (in chunks) as chunks finish.
    mdl_path : Path
        The Vensim model.

    Returns
    -------
    SampleRun
        The reducer's arrays concatenated over chunks, in sample order.

    """
    columns = list(columns or model_variables())
    base = tuple(sorted((calibrated_params() if base_params is None else dict(base_params)).items()))
    parts = chunks(samples, chunk_size)
    work = partial(run_chunk, columns=columns, base_params=base, time_step=time_step, reducer=reducer,
                   mdl_path=Path(mdl_path), engine=chosen())
    if dask_address:
        from model.run.dask import map_on_cluster

        results = map_on_cluster(dask_address, work, parts, progress)
    else:
        results = []
        for i, part in enumerate(parts):
            results.append(work(part))
            if progress:
                progress(i + 1, len(parts))
    merged = _merge(results)
    if merged.note:
        print(f"note: the model cannot be batched ({merged.note}); ran single runs in parallel processes",
              file=sys.stderr)
    return merged
