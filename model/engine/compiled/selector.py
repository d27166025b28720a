"""Choose the engine: the compiled model, or PySD when the model cannot be compiled.

The engine in use is chosen once per process: ``QN_ENGINE`` (``compiled`` or
``pysd``) or :func:`choose` (the commands' ``--engine``); the compiled engine
by default. :func:`current` gives the engine for a run: the compiled one when
its cache is ready, PySD otherwise, with a one-line warning on stderr naming
the reason (once per reason and process). While the cache is cold,
:func:`current` starts :mod:`model.engine.compiled.warm` in a background
process (unless ``QN_COMPILED_WARM=0``), so that no start waits for compiling;
the runs after it is ready use the compiled engine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.paths import MDL_PATH, PROJECT_DIR
from model.engine.compiled.errors import UnsupportedConstruct

ENGINES = ("compiled", "pysd")
#: Help of the commands' ``--engine`` option.
ENGINE_HELP = ("simulation engine: compiled (default, or $QN_ENGINE; PySD runs while it is being built) "
               "or pysd (the reference)")
_choice = {"name": os.environ.get("QN_ENGINE", "compiled")}
_said: set[str] = set()
_started: set[str] = set()
_lock = threading.Lock()
_ready: dict[Path, Engine] = {}


class EngineFallback(RuntimeWarning):
    """PySD runs instead of the compiled engine (the message gives the reason)."""


# The one line on stderr is written by _fallback; the warning is for callers that catch it.
warnings.filterwarnings("ignore", category=EngineFallback)


@dataclass(frozen=True)
class Engine:
    """A simulation engine: its name and its two runner classes.

    Attributes
    ----------
    name : str
        "compiled" or "pysd".
    simulator : type
        Single runs: ``simulator(mdl_path, base_params).run(overrides, time_step, columns, every_step)``.
    batch : type
        Many runs: ``batch(mdl_path, base_params).run(samples, columns, time_step)``.
    lean : type
        Single runs, arrays out: ``lean(mdl_path, base_params).run(overrides, columns, time_step)``
        gives a ``BatchRun`` of one sample.
    reason : str
        Why PySD runs when the compiled engine was asked for (empty otherwise).

    """

    name: str
    simulator: type
    batch: type
    lean: type
    reason: str = ""


def _check(name: str) -> None:
    """Raise :class:`ValueError` unless ``name`` is an engine's name."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}")


def pysd_engine(reason: str = "") -> Engine:
    """PySD's engine (:mod:`model.engine.simulator`, :mod:`model.engine.batch`)."""
    from model.engine.batch import BatchSimulator, LeanSimulator
    from model.engine.simulator import Simulator

    return Engine("pysd", Simulator, BatchSimulator, LeanSimulator, reason)


def engine_for(name: str = "compiled", mdl_path: Path = MDL_PATH) -> Engine:
    """The engine called ``name`` for the model at ``mdl_path``.

    Asking for "compiled" generates and compiles the model if its cache is
    cold (seconds, once per model change). If the model uses a construct the
    generator does not support, or numba is missing or fails, PySD's engine
    is returned instead, with a one-line warning naming the reason.

    Parameters
    ----------
    name : str
        "compiled" or "pysd".
    mdl_path : Path
        The Vensim model.

    Raises
    ------
    ValueError
        For an unknown engine name.

    """
    _check(name)
    if name == "pysd":
        return pysd_engine()
    try:
        from model.engine.compiled.build import load
        from model.engine.compiled.runners import CompiledBatch, CompiledLean, CompiledSimulator

        load(Path(mdl_path))
    except UnsupportedConstruct as error:
        return _fallback(str(error))
    except Exception as error:  # numba missing or failing, a damaged cache: PySD, never a silent difference
        first = (str(error).splitlines() or [""])[0]
        return _fallback(f"the compiled engine failed to load: {type(error).__name__}: {first}")
    return Engine("compiled", CompiledSimulator, CompiledBatch, CompiledLean)


def choose(name: str) -> None:
    """Use the engine called ``name`` ("compiled" or "pysd") for the rest of this process.

    Raises
    ------
    ValueError
        For an unknown engine name.

    """
    _check(name)
    _choice["name"] = name


def chosen() -> str:
    """The engine asked for in this process ("compiled" unless ``QN_ENGINE`` or :func:`choose` say otherwise)."""
    name = _choice["name"]
    return name if name in ENGINES else "compiled"


def current(mdl_path: Path = MDL_PATH, wait: bool = False, name: str | None = None) -> Engine:
    """The engine for the next run of the model at ``mdl_path``.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.
    wait : bool
        Build a cold cache now (under a minute) instead of running PySD
        meanwhile (for benchmarks and tests).
    name : str, optional
        "compiled" or "pysd" instead of :func:`chosen` (e.g. in a Dask worker).

    Returns
    -------
    Engine
        PySD's when it was chosen, when the model cannot be compiled or
        while the compiled engine is being built; the compiled one otherwise.

    """
    if (name or chosen()) == "pysd":
        return _pysd()
    from model.engine.compiled.build import model_directory, status

    ready = _ready.get(model_directory(mdl_path))
    if ready is not None:
        return ready
    state, reason = status(mdl_path)
    if state == "failed":
        return _fallback(reason)
    if state == "ready" or wait:
        engine = engine_for("compiled", mdl_path)
        _ready[model_directory(mdl_path)] = engine  # a failure is not retried on every run either
        return engine
    if state == "building" or _start_warming(Path(mdl_path)):
        return _fallback("the compiled engine is being built in the background; it is used once ready")
    return _fallback("the compiled engine is not built yet (python -m model.engine.compiled.warm builds it)")


@lru_cache(maxsize=1)
def _pysd() -> Engine:
    return pysd_engine()


def _start_warming(mdl_path: Path) -> bool:
    """Start the background build of the cache for ``mdl_path`` (once per process); ``False`` if switched off."""
    if os.environ.get("QN_COMPILED_WARM", "1") == "0":
        return False
    with _lock:
        key = str(Path(mdl_path).resolve())
        if key in _started:
            return True
        _started.add(key)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")]))}
    subprocess.Popen([sys.executable, "-m", "model.engine.compiled.warm", key], cwd=PROJECT_DIR, env=env,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
    return True


def _fallback(reason: str) -> Engine:
    message = f"using the PySD engine: {reason}"
    with _lock:
        first = message not in _said
        _said.add(message)
    if first:
        print(f"warning: {message}", file=sys.stderr)
    warnings.warn(message, EngineFallback, stacklevel=3)
    return pysd_engine(reason)
