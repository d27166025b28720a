"""Choose the engine: the compiled model, or PySD when the model cannot be compiled."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from model.compiled.errors import UnsupportedConstruct
from model.paths import MDL_PATH

ENGINES = ("compiled", "pysd")
logger = logging.getLogger(__name__)


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
    reason : str
        Why PySD runs when the compiled engine was asked for (empty otherwise).

    """

    name: str
    simulator: type
    batch: type
    reason: str = ""


def pysd_engine(reason: str = "") -> Engine:
    """PySD's engine (:mod:`model.engine`, :mod:`model.engine_batch`)."""
    from model.engine import Simulator
    from model.engine_batch import BatchSimulator

    return Engine("pysd", Simulator, BatchSimulator, reason)


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
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}")
    if name == "pysd":
        return pysd_engine()
    try:
        from model.compiled.build import load
        from model.compiled.runners import CompiledBatch, CompiledSimulator

        load(Path(mdl_path))
    except (UnsupportedConstruct, ImportError) as error:
        return _fallback(str(error))
    except Exception as error:  # numba's own failures: still never a silent difference
        if type(error).__module__.startswith("numba"):
            return _fallback(f"numba failed: {type(error).__name__}: {str(error).splitlines()[0]}")
        raise
    return Engine("compiled", CompiledSimulator, CompiledBatch)


def _fallback(reason: str) -> Engine:
    message = f"using the PySD engine: {reason}"
    logger.warning(message)
    warnings.warn(message, RuntimeWarning, stacklevel=3)
    return pysd_engine(reason)
