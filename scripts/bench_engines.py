"""Compare the compiled engine with PySD: single runs, a batch of samples, compile time.

Prints, measured in one run on this machine, with the load average before and
after (two shared cores: figures scale with the load):

* single run (median): the compiled engine (arrays, and a DataFrame like
  ``Simulator.run``), PySD's ``Simulator`` and PySD's lean single-run
  simulator (``BatchSimulator(per_sample=False)``);
* one batch of N samples (every lever and assumption uniform over its range):
  the compiled batch against PySD's batch engine;
* compile time in fresh processes: cold (an empty cache folder: parse,
  generate, compile) and cached (the module and numba's code loaded from disk);
* the ratios.

Usage: ``python scripts/bench_engines.py [--samples 10000] [--runs 21] [--no-cold] [--format text|json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.catalogue.indicators import model_variables  # noqa: E402
from model.catalogue.parameters import calibrated_params  # noqa: E402
from model.commands.bench import random_samples  # noqa: E402
from model.engine.batch import BatchSimulator  # noqa: E402
from model.engine.compiled.runners import CompiledBatch, CompiledSimulator  # noqa: E402
from model.engine.simulator import Simulator  # noqa: E402

_LOAD = """
import json, time
started = time.perf_counter()
from model.engine.compiled.build import ensure_batch, load
from model.base.paths import MDL_PATH
compiled = load(MDL_PATH)
single_s = time.perf_counter() - started
ensure_batch(compiled)
print(json.dumps({"total_s": time.perf_counter() - started, "single_ready_s": single_s, **compiled.timings}))
"""


def median_ms(function, runs: int) -> float:
    """Median wall time of ``function()`` in milliseconds (after one warm-up call)."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000.0 * statistics.median(times)


def compile_times(cold: bool = True) -> dict:
    """Cold and cached load of the compiled model, each in a fresh process (cached only: the user's cache)."""
    with tempfile.TemporaryDirectory() as build:
        env = {**os.environ, "PYTHONPATH": str(ROOT), **({"QN_COMPILED_CACHE": build} if cold else {})}
        figures = {}
        for label in ("cold", "cached") if cold else ("cached",):
            out = subprocess.run([sys.executable, "-c", _LOAD], env=env, cwd=ROOT, capture_output=True, text=True,
                                 check=True)
            figures[label] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def measure(samples: int, runs: int, cold: bool = True) -> dict:
    """Every figure of the benchmark (see module notes)."""
    load_before = os.getloadavg()
    columns = model_variables()
    base = calibrated_params()
    compiled, lean, pysd = CompiledSimulator(base_params=base), BatchSimulator(base_params=base, per_sample=False), \
        Simulator(base_params=base)
    drawn = random_samples(1, seed=3)
    params = {k: float(v[0]) for k, v in drawn.items()}
    single = {
        "compiled": median_ms(lambda: compiled.run_arrays(params, columns=columns), runs),
        "compiled_dataframe": median_ms(lambda: compiled.run(params, columns=columns), runs),
        "pysd_simulator": median_ms(lambda: pysd.run(params, columns=columns), max(5, runs // 4)),
        "pysd_lean": median_ms(lambda: lean.run(params, columns), max(5, runs // 4)),
    }
    inputs = random_samples(samples, seed=2)
    compiled_batch, pysd_batch = CompiledBatch(base_params=base), BatchSimulator(base_params=base)
    compiled_batch.run(random_samples(10, seed=1), columns)
    pysd_batch.run(random_samples(10, seed=1), columns)
    start = time.perf_counter()
    compiled_batch.run(inputs, columns)
    batch_compiled = time.perf_counter() - start
    start = time.perf_counter()
    pysd_batch.run(inputs, columns)
    batch_pysd = time.perf_counter() - start
    compiling = compile_times(cold)
    return {
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cores": os.cpu_count(),
        "columns": len(columns),
        "single_run_ms": {k: round(v, 3) for k, v in single.items()},
        "single_speedup_vs_simulator": round(single["pysd_simulator"] / single["compiled"], 1),
        "single_speedup_vs_lean": round(single["pysd_lean"] / single["compiled"], 1),
        "batch_samples": samples,
        "batch_s": {"compiled": round(batch_compiled, 3), "pysd": round(batch_pysd, 3)},
        "batch_speedup": round(batch_pysd / batch_compiled, 1),
        "compile_s": {label: {k: round(v, 2) for k, v in figures.items()} for label, figures in compiling.items()},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000, help="batch size (default 10000)")
    parser.add_argument("--runs", type=int, default=21, help="single runs timed (median; default 21)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold compile (about two minutes)")
    args = parser.parse_args(argv)
    figures = measure(args.samples, args.runs, cold=not args.no_cold)
    if args.format == "json":
        print(json.dumps(figures))
        return 0
    single, batch, compiling = figures["single_run_ms"], figures["batch_s"], figures["compile_s"]
    print(f"load average before {figures['load_average_before']}, after {figures['load_average_after']} "
          f"({figures['cores']} cores); {figures['columns']} columns returned")
    print(f"single run (median): compiled {single['compiled']:.3f} ms (DataFrame {single['compiled_dataframe']:.3f} ms)"
          f" | PySD Simulator {single['pysd_simulator']:.1f} ms | PySD lean {single['pysd_lean']:.1f} ms")
    print(f"  speed-up: {figures['single_speedup_vs_simulator']}x vs Simulator, "
          f"{figures['single_speedup_vs_lean']}x vs lean")
    print(f"batch of {figures['batch_samples']} samples: compiled {batch['compiled']:.3f} s | "
          f"PySD batch {batch['pysd']:.3f} s | speed-up {figures['batch_speedup']}x")
    cached = compiling["cached"]
    if "cold" in compiling:
        cold = compiling["cold"]
        print(f"compile, fresh cache folder: {cold['total_s']:.1f} s in all; single runs ready after "
              f"{cold['single_ready_s']:.1f} s (parse and generate {cold['generate_s']:.1f} s, numba "
              f"{cold['compile_s']:.1f} s), batch kernel {cold['batch_compile_s']:.1f} s more")
    print(f"cached (a later start): {cached['total_s']:.2f} s in all, single runs ready after "
          f"{cached['single_ready_s']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
