"""The compiled engine against PySD on three real workloads, each timed on both engines.

* ``sobol``: ``python -m model sensitivity scenarios/baseline.toml --method sobol
  --samples 1024`` (every lever and assumption), wall time of the command;
* ``optimise``: ``python -m model optimise --targets 2025``, wall time of the command;
* ``slider``: the app's slider -> chart path in one process: a lever or an
  assumption moves, the run pool computes the lines the simulator page draws
  (:func:`ui.pages.simulator.run_lines`: default, assumptions only, current)
  and every key chart's specification is built; median over the moves.

Commands run in fresh processes (their time includes starting Python and
loading the model), with ``--engine pysd`` and ``--engine compiled``; the
compiled engine's cache is made ready first. The load average is printed
before and after (two shared cores: figures scale with the load).

Usage: ``python scripts/bench_workloads.py [--only sobol|optimise|slider] [--moves 8] [--format text|json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.base.paths import MDL_PATH  # noqa: E402
from model.engine.compiled import ENGINES, choose, current  # noqa: E402
from model.engine.compiled.build import build  # noqa: E402

COMMANDS = {
    "sobol": ["sensitivity", "scenarios/baseline.toml", "--method", "sobol", "--samples", "1024", "--format", "json"],
    "optimise": ["optimise", "--targets", "2025", "--quiet", "--format", "json"],
}


def command_seconds(arguments: list[str], engine: str) -> float:
    """Wall time of ``python -m model <arguments> --engine <engine>`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QN_COMPILED_WARM": "0"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "model", *arguments, "--engine", engine], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} --engine {engine} failed:\n{done.stderr}")
    if "using the PySD engine" in done.stderr and engine == "compiled":
        raise RuntimeError(f"the compiled engine was not used: {done.stderr.strip()}")
    return seconds


def slider_seconds(engine: str, moves: int) -> dict:
    """Median and worst time from a slider move to every key chart's specification."""
    from model.catalogue.levers import load_levers
    from model.run.pool import RunPool
    from model.run.scenario import baseline, with_settings
    from ui.parts.charts import KEY_CHARTS, chart_spec

    choose(engine)
    pool = RunPool()
    base = baseline()
    first = {key: pool.result(base) for key in ("default", "assumptions", "current")}
    for name in KEY_CHARTS:  # the page's first draw: the model loaded, the default line kept, charts imported
        chart_spec(first, name, "en")
    levers = [lever for lever in load_levers() if lever.max > lever.min]
    times = []
    for i in range(moves):
        lever = levers[(7 * i) % len(levers)]
        value = lever.min + (lever.max - lever.min) * ((i % 5) + 1) / 7
        moved = with_settings(base, {lever.id: lever.grid_value(lever.grid_index(value))})
        start = time.perf_counter()
        lines = {"default": pool.result(base), "assumptions": pool.result(moved.assumptions_only()),
                 "current": pool.result(moved)}
        for name in KEY_CHARTS:
            chart_spec(lines, name, "en")
        times.append(time.perf_counter() - start)
    return {"median_ms": round(1000 * statistics.median(times), 1), "max_ms": round(1000 * max(times), 1)}


def measure(only: str | None, moves: int) -> dict:
    """Every figure (see module notes), PySD beside compiled."""
    figures = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    build(MDL_PATH)
    assert current(name="compiled").name == "compiled"
    for name, arguments in COMMANDS.items():
        if only in (None, name):
            figures[name] = {engine: round(command_seconds(arguments, engine), 2) for engine in ENGINES}
    if only in (None, "slider"):
        figures["slider"] = {engine: slider_seconds(engine, moves) for engine in ENGINES}
    figures["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return figures


def main() -> None:
    """Parse the options, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=(*COMMANDS, "slider"))
    parser.add_argument("--moves", type=int, default=8, help="slider moves timed (default 8)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    figures = measure(args.only, args.moves)
    if args.format == "json":
        print(json.dumps(figures))
        return
    print(f"load average before {figures['load_before']}, after {figures['load_after']}")
    for name in COMMANDS:
        if name in figures:
            pair = figures[name]
            print(f"{name}: compiled {pair['compiled']:.2f} s | PySD {pair['pysd']:.2f} s "
                  f"({pair['pysd'] / pair['compiled']:.1f}x)")
    if "slider" in figures:
        pair = figures["slider"]
        print(f"slider -> charts (median of {args.moves} moves): compiled {pair['compiled']['median_ms']:.1f} ms "
              f"(worst {pair['compiled']['max_ms']:.1f}) | PySD {pair['pysd']['median_ms']:.1f} ms "
              f"(worst {pair['pysd']['max_ms']:.1f})")


if __name__ == "__main__":
    main()
