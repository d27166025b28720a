"""Generate once per model, compile once per machine: the on-disk cache.

The generated module is written to ``<build dir>/<model hash>-compiled-<generator hash>/``
(beside PySD's ``<model hash>/``, which :func:`model.engine.translate` creates
by an atomic rename and so must not exist before it). The build directory is
``$QN_BUILD_DIR`` or ``model/_build`` (as for the translated PySD model), the model hash is the SHA-256 of the ``.mdl``
file and the generator hash that of this package's own source (so a change
of the generator regenerates). numba's ``cache=True`` keeps the machine code
beside the module (``__pycache__``), so only the first start after a change
of the model pays for generating and compiling.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import numpy as np

from model.compiled import ufuncs
from model.paths import BUILD_DIR

MODULE_NAME = "compiled_model"
_PACKAGE_DIR = Path(__file__).resolve().parent
_lock = threading.Lock()


@dataclass(frozen=True)
class CompiledModel:
    """A loaded, compiled model.

    Attributes
    ----------
    module : module
        The generated module (``simulate``, ``simulate_batch``).
    meta : dict
        ``constants``, ``defaults``, ``columns``, ``control``, ``stocks``
        (see :class:`model.compiled.emit.Generated`).
    directory : Path
        Where the module and numba's cache live.
    timings : dict
        Seconds spent generating and compiling (or loading from the cache) in
        this process: ``generate_s`` (0 when cached), ``compile_s`` (single
        runs) and, once a batch ran, ``batch_compile_s``.

    """

    module: ModuleType
    meta: dict
    directory: Path
    timings: dict


def build_root() -> Path:
    """A writable build directory: ``$QN_BUILD_DIR``, ``model/_build`` or the temp dir."""
    override = os.environ.get("QN_BUILD_DIR")
    for candidate in ([Path(override)] if override else []) + [BUILD_DIR]:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            probe = candidate / f".write-test-{os.getpid()}"
            probe.write_text("ok")
            probe.unlink()
            return candidate
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / "quang_ngai_build"


@lru_cache(maxsize=1)
def generator_hash() -> str:
    """SHA-256 (first 12 hex digits) of the generator's source files."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def model_directory(mdl_path: Path) -> Path:
    """Where the compiled form of ``mdl_path`` lives."""
    model_hash = hashlib.sha256(Path(mdl_path).read_bytes()).hexdigest()[:16]
    return build_root() / f"{model_hash}-compiled-{generator_hash()}"


def _write(mdl_path: Path, target: Path) -> None:
    from model.compiled.emit import generate
    from model.compiled.source import read_model

    generated = generate(read_model(Path(mdl_path)))
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent))
    (work / f"{MODULE_NAME}.py").write_text(generated.source)
    meta = {"constants": generated.constants, "defaults": generated.defaults, "columns": generated.columns,
            "control": generated.control, "stocks": generated.stocks}
    (work / "meta.json").write_text(json.dumps(meta))
    try:
        work.rename(target)
    except OSError:  # another process finished first
        shutil.rmtree(work, ignore_errors=True)


def _import(directory: Path) -> ModuleType:
    ufuncs.bind()
    name = f"{MODULE_NAME}_{directory.name.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, directory / f"{MODULE_NAME}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # numba's cache re-imports the module by name when it loads compiled code
    spec.loader.exec_module(module)
    return module


def _warm(module: ModuleType, meta: dict, batch: bool) -> None:
    """Call an entry point once so numba compiles it (or loads it from the cache)."""
    c = np.asarray(meta["defaults"], dtype=float)
    control = meta["control"]
    times = np.array([control["initial_time"], control["initial_time"] + control["time_step"]])
    save = np.array([True, True])
    cols = np.array([0], dtype=np.int64)
    if batch:
        module.simulate_batch(c, np.array([0], dtype=np.int64), c[:1].reshape(1, 1).copy(), times, save,
                              control["time_step"], control["final_time"], control["saveper"], cols,
                              np.empty((1, 2, 1)))
    else:
        module.simulate(c, times, save, control["time_step"], control["final_time"], control["saveper"], cols,
                        np.empty((2, 1)))


@lru_cache(maxsize=4)
def _load(directory: Path, mdl_path: Path) -> CompiledModel:
    started = time.perf_counter()
    generated = False
    if not (directory / "meta.json").exists():
        _write(mdl_path, directory)
        generated = True
    generate_s = time.perf_counter() - started
    meta = json.loads((directory / "meta.json").read_text())
    module = _import(directory)
    started = time.perf_counter()
    _warm(module, meta, batch=False)
    timings = {"generate_s": generate_s if generated else 0.0, "compile_s": time.perf_counter() - started}
    return CompiledModel(module, meta, directory, timings)


def ensure_batch(compiled: CompiledModel) -> None:
    """Compile (or load from the cache) the batch kernel, once per process.

    Kept apart from :func:`load` so that single runs never wait for the
    larger batch kernel; its time goes to ``timings["batch_compile_s"]``.
    """
    with _lock:
        if "batch_compile_s" not in compiled.timings:
            started = time.perf_counter()
            _warm(compiled.module, compiled.meta, batch=True)
            compiled.timings["batch_compile_s"] = time.perf_counter() - started


def load(mdl_path: Path) -> CompiledModel:
    """Generate (if needed), compile (if needed) and load the model at ``mdl_path``.

    Raises
    ------
    UnsupportedConstruct
        If the model uses a construct the generator does not support.

    """
    mdl_path = Path(mdl_path).resolve()
    with _lock:
        return _load(model_directory(mdl_path), mdl_path)
