"""``bench``: time looped single runs against one batch of many samples."""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from model.base.bounds import MAX_RUNS, whole
from model.base.errors import UserError
from model.catalogue.indicators import model_variables
from model.catalogue.levers import load_levers
from model.catalogue.parameters import calibrated_params
from model.engine.batchable import NotBatchable
from model.engine.compiled import ENGINE_HELP, ENGINES, chosen, current, pysd_engine

SINGLE_RUNS = 11


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``bench`` command."""
    parser = sub.add_parser("bench", help="benchmark batch runs against looped single runs",
                            description="Measure the median time of one single run and the time of one batch of "
                                        "N samples (levers and assumptions drawn uniformly over their ranges) "
                                        "on the chosen engine and on PySD, and print them with the per-sample "
                                        "speed-up and the time spent making the compiled engine ready.")
    parser.add_argument("--samples", type=whole(1, MAX_RUNS), default=10_000, metavar="N",
                        help="batch size (default 10000)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--engine", choices=ENGINES, help=ENGINE_HELP)
    parser.set_defaults(handler=run)


def random_samples(size: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Every lever and assumption drawn uniformly over its range: model constant -> values."""
    rng = np.random.default_rng(seed)
    return {lev.variable: rng.uniform(lev.min, lev.max, size) for lev in load_levers()}


def _time_engine(engine, samples: int) -> tuple[float, float]:
    """Median single-run time (ms) and the time of one batch of ``samples`` (s) on ``engine``."""
    columns = model_variables()
    base = calibrated_params()
    single = engine.lean(base_params=base)
    drawn = random_samples(SINGLE_RUNS)
    single.run({}, columns)
    times = []
    for i in range(SINGLE_RUNS):
        start = time.perf_counter()
        single.run({k: float(v[i]) for k, v in drawn.items()}, columns)
        times.append(time.perf_counter() - start)
    try:
        batch = engine.batch(base_params=base)
    except NotBatchable as error:
        raise UserError(f"the model cannot be batched: {error}") from None
    batch.run(random_samples(10, seed=1), columns)
    inputs = random_samples(samples, seed=2)
    start = time.perf_counter()
    batch.run(inputs, columns)
    return 1000.0 * float(np.median(times)), time.perf_counter() - start


def measure(samples: int, engine_name: str = "compiled") -> dict:
    """Single-run and batch times on the chosen engine, with PySD's measured beside them.

    Single runs use the project's single-run path (the lean runner behind
    :func:`model.run.runner.simulate`), so the speed-up is against the fastest
    loop. ``compile_s`` is the time this process spent making the compiled
    engine ready (generating and compiling on a cold cache, loading from the
    cache otherwise; 0 for PySD).
    """
    start = time.perf_counter()
    engine = current(name=engine_name, wait=True)
    if engine.name == "compiled":
        engine.batch(base_params=calibrated_params())  # the batch kernel too
    compile_s = time.perf_counter() - start if engine.name == "compiled" else 0.0
    single_ms, batch_s = _time_engine(engine, samples)
    pysd_ms, pysd_s = (single_ms, batch_s) if engine.name == "pysd" else _time_engine(pysd_engine(), samples)
    return {"single_run_ms": round(single_ms, 3), "batch_samples": samples, "batch_s": round(batch_s, 3),
            "speedup": round(single_ms / 1000.0 * samples / batch_s, 1), "engine": engine.name,
            "compile_s": round(compile_s, 2), "single_run_ms_pysd": round(pysd_ms, 2),
            "batch_s_pysd": round(pysd_s, 3)}


def run(args: argparse.Namespace) -> int:
    """Run the benchmark and print the figures."""
    if args.samples < 1:
        raise UserError(f"--samples {args.samples}: must be at least 1")
    figures = measure(args.samples, args.engine or chosen())
    if args.format == "json":
        print(json.dumps(figures))
    else:
        per_sample = 1000.0 * figures["batch_s"] / figures["batch_samples"]
        print(f"engine: {figures['engine']} (made ready in {figures['compile_s']:.2f} s)")
        print(f"single run (median of {SINGLE_RUNS}): {figures['single_run_ms']:.2f} ms "
              f"(PySD {figures['single_run_ms_pysd']:.1f} ms)")
        print(f"batch of {figures['batch_samples']} samples: {figures['batch_s']:.2f} s "
              f"({per_sample:.3f} ms per sample; PySD {figures['batch_s_pysd']:.2f} s)")
        print(f"speed-up per sample: {figures['speedup']:.0f}x")
    return 0
