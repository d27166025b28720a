"""Generate once per model, compile once per machine: the on-disk cache.

The generated module is written to ``<cache>/<model hash>-compiled-<generator hash>/``.
The cache folder is the user's, outside the repository: ``$QN_COMPILED_CACHE``, else
``$XDG_CACHE_HOME/quang-ngai-model`` (``~/.cache/quang-ngai-model``), else the temp dir.
The model hash is the SHA-256 of the ``.mdl`` file and the generator hash that of the
generator's own source (so a change of the generator regenerates; the selector, the
runners and the warm-up are not part of it). numba's ``cache=True`` keeps the machine
code beside the module (``__pycache__``), so only the first start after a change of the
model pays for generating and compiling.

Building is serialised between processes by a lock file (``<dir>.lock``): a
second process waits and then loads what the first compiled. A finished
build leaves the marker ``ready`` (both kernels compiled); a model the
generator cannot compile leaves ``failed`` with the reason, so later starts
fall back to PySD at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import numpy as np

from model.engine.compiled import ufuncs
from model.engine.compiled.errors import UnsupportedConstruct

MODULE_NAME = "compiled_model"
READY = "ready"
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
        (see :class:`model.engine.compiled.emit.Generated`).
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
    """The user's cache folder for compiled models (created if missing; see the module notes)."""
    return _build_root(os.environ.get("QN_COMPILED_CACHE"), os.environ.get("XDG_CACHE_HOME"))


@lru_cache(maxsize=8)
def _build_root(override: str | None, xdg: str | None) -> Path:
    xdg = xdg or str(Path.home() / ".cache")
    candidates = [Path(override)] if override else [Path(xdg) / "quang-ngai-model"]
    for candidate in [*candidates, Path(tempfile.gettempdir()) / "quang-ngai-model"]:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            probe = candidate / f".write-test-{os.getpid()}"
            probe.write_text("ok")
            probe.unlink()
            return candidate
        except OSError:
            continue
    raise OSError("no writable cache folder for the compiled model")


#: The modules whose source decides the generated code (the generator's version).
GENERATOR_FILES = ("source.py", "expressions.py", "statefuls.py", "ordering.py", "runtime.py", "ufuncs.py",
                   "emit.py", "emit_batch.py", "build.py")


@lru_cache(maxsize=1)
def generator_hash() -> str:
    """SHA-256 (first 12 hex digits) of the generator's source files (:data:`GENERATOR_FILES`)."""
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        digest.update(name.encode() + (_PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def model_directory(mdl_path: Path) -> Path:
    """Where the compiled form of ``mdl_path`` lives."""
    stat = Path(mdl_path).stat()
    model_hash = _model_hash(str(Path(mdl_path).resolve()), stat.st_mtime_ns, stat.st_size)
    return build_root() / f"{model_hash}-compiled-{generator_hash()}"


@lru_cache(maxsize=16)
def _model_hash(mdl_path: str, mtime_ns: int, size: int) -> str:
    """SHA-256 (first 16 hex digits) of one version of the file (hashed once per version and process)."""
    return hashlib.sha256(Path(mdl_path).read_bytes()).hexdigest()[:16]


def _write(mdl_path: Path, target: Path) -> None:
    from model.engine.compiled.emit import generate
    from model.engine.compiled.source import read_model

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
                              module.batch_output(1, 2, 1))
    else:
        module.simulate(c, times, save, control["time_step"], control["final_time"], control["saveper"], cols,
                        np.empty((2, 1)))


@contextmanager
def _building(directory: Path):
    """Hold the build lock of ``directory`` (between processes) for the duration."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f"{directory.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _failed_marker(directory: Path) -> Path:
    return directory.parent / f"{directory.name}.failed"


@lru_cache(maxsize=4)
def _load(directory: Path, mdl_path: Path) -> CompiledModel:
    failed = _failed_marker(directory)
    with _building(directory):
        if failed.exists():
            construct, _, variable = failed.read_text().partition("\n")
            raise UnsupportedConstruct(construct, variable)
        started = time.perf_counter()
        generated = False
        if not (directory / "meta.json").exists():
            try:
                _write(mdl_path, directory)
            except UnsupportedConstruct as error:
                failed.write_text(f"{error.construct}\n{error.variable}")
                raise
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
    Once both kernels are in the cache, the marker ``ready`` is written.
    """
    with _lock:
        if "batch_compile_s" not in compiled.timings:
            with _building(compiled.directory):
                started = time.perf_counter()
                _warm(compiled.module, compiled.meta, batch=True)
                compiled.timings["batch_compile_s"] = time.perf_counter() - started
                (compiled.directory / READY).write_text("ok")


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


def build(mdl_path: Path) -> CompiledModel:
    """:func:`load` and compile the batch kernel too: the whole cache is then warm."""
    compiled = load(mdl_path)
    ensure_batch(compiled)
    return compiled


def status(mdl_path: Path) -> tuple[str, str]:
    """The state of the cache for ``mdl_path``, without building anything.

    Returns
    -------
    tuple of str
        ``("ready", "")`` (both kernels compiled), ``("failed", reason)``
        (the generator refused the model), ``("building", "")`` (another
        process holds the build lock) or ``("cold", "")``.

    """
    directory = model_directory(Path(mdl_path).resolve())
    failed = _failed_marker(directory)
    if failed.exists():
        construct, _, variable = failed.read_text().partition("\n")
        return "failed", str(UnsupportedConstruct(construct, variable))
    if (directory / READY).exists():
        return "ready", ""
    lock = directory.parent / f"{directory.name}.lock"
    if lock.exists():
        with open(lock, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return "building", ""
            fcntl.flock(handle, fcntl.LOCK_UN)
    return "cold", ""
