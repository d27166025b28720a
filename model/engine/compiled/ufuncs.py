"""numpy's own float64 loops for EXP, LN and the other transcendental functions.

PySD evaluates EXP as ``float(np.exp(x))``. numpy computes it with its own
SIMD code where the processor allows (AVX512F on this project's machines),
which differs from the C library's ``exp`` in the last bit for about one
argument in twenty; the model amplifies such differences where it subtracts
nearly equal numbers (free land, unfilled vacancies) until, in some corners
of the input space, results differ in the second digit. The compiled code
therefore calls numpy's float64 loop itself, found through the ufunc object
(``PyUFuncObject.functions``) and registered with LLVM under a fixed symbol
name, so numba's on-disk cache stays valid across processes. Each loop is
checked bit for bit against ``np.<name>`` on a few thousand arguments before
use; a loop that cannot be found or checked makes the compiled engine
unavailable (the selector then uses PySD), never silently different.
"""

from __future__ import annotations

import ctypes
import threading

import numpy as np

from model.engine.compiled.errors import UnsupportedConstruct

#: Vensim function -> numpy ufunc name, for the one-argument functions.
UNARY = {"exp": "exp", "ln": "log", "sin": "sin", "cos": "cos", "tan": "tan", "arcsin": "arcsin",
         "arccos": "arccos", "arctan": "arctan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh"}
#: Two-argument functions.
BINARY = {"power": "power"}

_NPY_DOUBLE = 12
_bound: set[str] = set()
_lock = threading.Lock()


def symbol(name: str) -> str:
    """LLVM symbol of numpy's float64 loop of ufunc ``name``."""
    return f"qn_numpy_{name}_float64"


def _loop_address(ufunc: np.ufunc) -> int:
    """Address of the float64 loop, read from the ufunc object (numpy 2 layout)."""
    base = id(ufunc)

    def read(offset, kind):
        return kind.from_address(base + offset).value

    name = ctypes.string_at(read(56, ctypes.c_void_p))
    nargs, ntypes = read(24, ctypes.c_int), read(48, ctypes.c_int)
    if name != ufunc.__name__.encode() or nargs != ufunc.nargs or ntypes != ufunc.ntypes:
        raise UnsupportedConstruct(f"numpy's {ufunc.__name__} loop (unexpected ufunc layout)", "(engine)")
    types = ctypes.string_at(read(64, ctypes.c_void_p), ntypes * nargs)
    functions, data = read(32, ctypes.c_void_p), read(40, ctypes.c_void_p)
    for i in range(ntypes):
        if all(code == _NPY_DOUBLE for code in types[i * nargs:(i + 1) * nargs]):
            if data and ctypes.c_void_p.from_address(data + 8 * i).value:
                break  # a loop that needs its data pointer cannot be cached by address
            return ctypes.c_void_p.from_address(functions + 8 * i).value
    raise UnsupportedConstruct(f"numpy's float64 {ufunc.__name__} loop", "(engine)")


def _check(ufunc: np.ufunc, address: int) -> None:
    """Call the loop through ctypes on sample arguments; it must give ``ufunc``'s scalar results.

    One-argument loops are also called on runs of 1 to 17 contiguous
    arguments (as the ``g_<name>`` helpers call them): each value must still be
    the scalar result, whatever its neighbours and its place in the run.
    """
    nin = ufunc.nin
    loop = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(address)
    rng = np.random.default_rng(0)
    samples = [rng.uniform(-30, 30, 2000), rng.uniform(0, 5, 2000), rng.lognormal(0, 5, 2000),
               np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e-300, 710.0, -746.0])]
    buffer = np.zeros(nin + 1)
    pointers = (ctypes.c_void_p * (nin + 1))(*(buffer.ctypes.data + 8 * j for j in range(nin + 1)))
    dims, steps = (ctypes.c_ssize_t * 1)(1), (ctypes.c_ssize_t * (nin + 1))(*([8] * (nin + 1)))

    def fail():
        raise UnsupportedConstruct(f"numpy's {ufunc.__name__} loop (check failed)", "(engine)")

    with np.errstate(all="ignore"):
        for values in samples:
            expected = np.empty(len(values))
            for i, x in enumerate(values):
                args = (x,) * nin if nin == 1 else (x, x / 7.0)
                buffer[:nin] = args
                loop(pointers, dims, steps, None)
                expected[i] = float(ufunc(*args))
                if not (buffer[nin] == expected[i] or (np.isnan(buffer[nin]) and np.isnan(expected[i]))):
                    fail()
            if nin != 1:
                continue
            runs = [(0, len(values))] + [(start, size) for size in range(1, 18) for start in range(0, 51, size)]
            for start, size in runs:
                size = min(size, len(values) - start)
                if size <= 0:
                    continue
                run = np.zeros(2 * size)
                run[:size] = values[start:start + size]
                group = (ctypes.c_void_p * 2)(run.ctypes.data, run.ctypes.data + 8 * size)
                loop(group, (ctypes.c_ssize_t * 1)(size), steps, None)
                if not np.array_equal(run[size:], expected[start:start + size], equal_nan=True):
                    fail()


def bind() -> None:
    """Register every loop's address under :func:`symbol` (once per process)."""
    import llvmlite.binding as llvm

    with _lock:
        for name in (*UNARY.values(), *BINARY.values()):
            if name in _bound:
                continue
            ufunc = getattr(np, name)
            address = _loop_address(ufunc)
            _check(ufunc, address)
            llvm.add_symbol(symbol(name), address)
            _bound.add(name)


def helper_source() -> str:
    """Source of the numba helpers that call the loops.

    ``u_<name>`` on one value, ``vu_<name>`` on an array, ``g_<name>(n, ib)``
    on the first ``n`` values of the group buffer ``gb`` (:func:`group_setup`),
    writing the results to the next ``n``.
    """
    lines = ["_LOOP_SIG = types.void(types.intp, types.intp, types.intp, types.intp)"]
    for name in UNARY.values():
        lines += [f'_loop_{name} = types.ExternalFunction("{symbol(name)}", _LOOP_SIG)', "",
                  '@njit(cache=True, error_model="numpy")', f"def u_{name}(x, fb, ib):",
                  "    fb[0] = x", f"    _loop_{name}(ib.ctypes.data, ib.ctypes.data + 16, ib.ctypes.data + 24, 0)",
                  "    return fb[1]", "",
                  '@njit(cache=True, error_model="numpy")', f"def vu_{name}(x, out, ib):",
                  "    ib[0] = x.ctypes.data", "    ib[1] = out.ctypes.data", "    ib[2] = x.shape[0]",
                  "    ib[3] = 8", "    ib[4] = 8",
                  f"    _loop_{name}(ib.ctypes.data, ib.ctypes.data + 16, ib.ctypes.data + 24, 0)", ""]
    for name in UNARY.values():
        lines += ['@njit(cache=True, error_model="numpy")', f"def g_{name}(n, ib):",
                  "    ib[1] = ib[0] + 8 * n", "    ib[2] = n",
                  f"    _loop_{name}(ib.ctypes.data, ib.ctypes.data + 16, ib.ctypes.data + 24, 0)", ""]
    for name in BINARY.values():
        lines += [f'_loop_{name} = types.ExternalFunction("{symbol(name)}", _LOOP_SIG)', "",
                  '@njit(cache=True, error_model="numpy")', f"def u_{name}(x, y, fb, ib):",
                  "    fb[0] = x", "    fb[1] = y",
                  f"    _loop_{name}(ib.ctypes.data, ib.ctypes.data + 24, ib.ctypes.data + 32, 0)",
                  "    return fb[2]", ""]
    return "\n".join(lines)


#: Statements at the start of ``simulate`` that set up the loops' argument buffers:
#: ``fb`` holds inputs and output; ``ib1``/``ib2`` hold the argument pointers, the
#: length (1) and the strides for one- and two-argument loops.
SETUP = (
    "fb = np.zeros(3)",
    "ib1 = np.empty(5, np.intp)",
    "ib1[0] = fb.ctypes.data\nib1[1] = fb.ctypes.data + 8\nib1[2] = 1\nib1[3] = 8\nib1[4] = 8",
    "ib2 = np.empty(7, np.intp)",
    "ib2[0] = fb.ctypes.data\nib2[1] = fb.ctypes.data + 8\nib2[2] = fb.ctypes.data + 16\nib2[3] = 1",
    "ib2[4] = 8\nib2[5] = 8\nib2[6] = 8",
)


def group_setup(size: int) -> tuple[str, ...]:
    """Statements setting up the group buffer ``gb`` for up to ``size`` arguments.

    A call on ``n`` arguments reads ``gb[0:n]`` and writes ``gb[n:2n]``; ``ibg``
    holds the two pointers and the length (both set per call) and the strides.
    """
    return (f"gb = np.zeros({2 * size})",
            "ibg = np.empty(5, np.intp)",
            "ibg[0] = gb.ctypes.data\nibg[1] = gb.ctypes.data\nibg[2] = 1\nibg[3] = 8\nibg[4] = 8")


def python_namespace() -> dict:
    """``u_<name>`` for evaluating constant equations in Python (numpy itself)."""
    namespace = {f"u_{name}": (lambda f: lambda x, fb=None, ib=None: float(f(x)))(getattr(np, name))
                 for name in UNARY.values()}
    namespace.update({f"u_{name}": (lambda f: lambda x, y, fb=None, ib=None: float(f(x, y)))(getattr(np, name))
                      for name in BINARY.values()})
    return namespace | {"fb": None, "ib1": None, "ib2": None}
