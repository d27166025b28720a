"""The batch kernels: many samples, in parallel threads.

The one used (:func:`sample_kernel`) runs the scalar kernel once per sample
in a parallel loop over chunks of samples, so every sample's numbers are
those of a single run by construction, and it compiles in seconds on top of
the scalar kernel. The samples of a chunk run one after another and share a
memo of powers and EXP/LN results (:func:`model.engine.compiled.emit.memoised`):
samples that differ only in levers compute the same values until the levers
act. The vectorised kernel (:func:`batch_kernel`, below) was
measured against it on the project's model and was not faster (2.8 s against
2.2-3.0 s of processor time for 10,000 samples, on a loaded machine) while
it took 1.5-5 minutes to compile; it is kept for models where vectorising pays.

The vectorised kernel: the same step over a block of samples at once.

``simulate_block(c, times, save, dt, final_time, saveper, cols, out)`` runs
``m`` samples together: every variable is an array of shape (m,), ``c`` has
shape (constants, m) and ``out`` (m, saved times, columns). Each line of the
scalar kernel becomes a loop over the block (``x`` -> ``x[i]``, ``S[j]`` ->
``S[i, j]``), in the same order, so each sample's arithmetic is exactly that
of a single run. The transcendental functions (``x<k>`` computations, see
:mod:`model.engine.compiled.expressions`) call numpy's loop once for the whole block.
``simulate_batch`` splits the samples into blocks of :data:`BLOCK` and runs
the blocks in parallel threads.
"""

from __future__ import annotations

import re

from model.engine.compiled import ufuncs

#: Samples per block: the block's variables (a few hundred arrays) stay in the CPU caches.
BLOCK = 64
#: Samples per task of the parallel loop of the scalar kernel, at most; they run one after
#: another and share the memo of powers and EXP/LN results (:func:`model.engine.compiled.emit.memoised`).
CHUNK = 64
#: Smaller batches are split into at least this many tasks, so that every thread has work.
TASKS = 16

_JIT = '@njit(cache=True, error_model="numpy")'
_NAMES = re.compile(r"\b((?:i_)?[vhx]\d+(?:_[a-z])?|s_h\d+)\b")
_STATE = re.compile(r"\b([SD])\[")


def _vector(code: str) -> str:
    return _NAMES.sub(r"\1[i]", _STATE.sub(r"\1[i, ", code))


def _loop(statement: str, depth: int = 0) -> list[str]:
    pad = "    " * depth
    return [pad + "for i in range(m):"] + [pad + "    " + line for line in statement.split("\n")]


def _section(lines, model, depth: int) -> list[str]:
    """Lines as few loops over the block as possible: one loop between two numpy loop calls."""
    out, pending = [], []
    pad = "    " * depth
    for line in lines:
        target = line.target
        hoisted = model.hoisted.get(target.removeprefix("i_")) if target else None
        if hoisted:
            ufunc = hoisted[0]
            argument = line.code.removeprefix(f"u_{ufunc}(").removesuffix(", fb, ib1)")
            pending.append(f"tin[i] = {_vector(argument)}")
            out += _loop("\n".join(pending), depth) + [f"{pad}vu_{ufunc}(tin, {target}, ibv)"]
            pending = []
        else:
            pending.append(_vector(line.scalar()))
    return out + (_loop("\n".join(pending), depth) if pending else [])


def output_allocator() -> list[str]:
    """Source lines of ``batch_output(samples, rows, columns)``: the empty output array of a batch.

    Allocated by numba (plain ``malloc``) rather than numpy, which asks the
    kernel for transparent huge pages on large arrays: the first time a
    process touches that much memory, the kernel may compact memory to find
    them, which was measured at 0.4-1.2 s for the 400 MB of 10,000 samples x
    53 times x 96 columns, against 0.07-0.2 s with ordinary pages.
    """
    return ["@njit(cache=True)", "def batch_output(samples, rows, columns):",
            "    return np.empty((samples, rows, columns))"]


def sample_kernel() -> list[str]:
    """Source lines of ``simulate_batch``: a parallel loop over chunks of samples (see :data:`CHUNK`), one memo each."""
    return [f"CHUNK = {CHUNK}", f"TASKS = {TASKS}", "", "",
            '@njit(cache=True, error_model="numpy", parallel=True)',
            "def simulate_batch(base, vary, values, times, save, dt, final_time, saveper, cols, out):",
            "    n = values.shape[0]",
            "    size = max(1, min(CHUNK, n // TASKS))",
            "    for b in prange((n + size - 1) // size):",
            "        M = np.full((times.shape[0], N_MEMO), np.nan)",
            "        c = base.copy()",
            "        for s in range(b * size, min(n, (b + 1) * size)):",
            "            for j in range(vary.shape[0]):",
            "                c[vary[j]] = values[s, j]",
            "            simulate_memo(c, times, save, dt, final_time, saveper, cols, out[s], M)"]


def batch_kernel(model, init: list, sections: tuple) -> list[str]:
    """Source lines of ``simulate_block`` and ``simulate_batch``.

    ``model`` is an ``emit._Model``, ``init`` its initial lines and ``sections``
    its run lines (fixed, core, rest, derivatives), as :mod:`model.engine.compiled.emit` orders them.
    """
    fixed, core, rest, ddt = sections
    after = [line for s in model.statefuls for line in s.after_update]
    every = [line.scalar() for line in init + fixed + core + rest + ddt] + after
    names = sorted({m.group(1) for text in every for m in _NAMES.finditer(text)} - set(model.constants))
    body = [f"{local} = c[{j}]" for j, local in enumerate(model.constants)]
    body += ["m = c.shape[1]"] + list(ufuncs.SETUP) + ["ibv = np.empty(5, np.intp)", "tin = np.empty(m)"]
    body += [f"{name} = np.empty(m, np.int64)" if name.endswith("_o") else f"{name} = np.empty(m)" for name in names]
    body += ["initial_time = times[0]", "S = np.zeros((m, N_STATE))", "D = np.zeros((m, N_STATE))",
             "vals = np.empty((m, N_COLUMNS))", "t = times[0]", "k = 0"]
    body += _section(init + fixed, model, 0)
    body += ["row = 0", "n = times.shape[0]", "for k in range(n):", "    t = times[k]"]
    body += _section(core, model, 1)
    body += ["    if save[k]:"]
    body += _section(rest, model, 2)
    save = "\n".join(f"vals[i, {j}] = {local}[i]" if local[0] in "vhx" else f"vals[i, {j}] = {local}"
                     for j, (_, local) in enumerate(model.columns))
    body += _loop(save, 2)
    body += _loop("for j in range(cols.shape[0]):\n    out[i, row, j] = vals[i, cols[j]]", 2) + ["        row += 1"]
    body += ["    if k + 1 < n:"]
    body += _section(ddt, model, 2)
    update = "for j in range(N_STATE):\n    S[i, j] = S[i, j] + D[i, j] * dt"
    body += _loop("\n".join([update] + [_vector(line) for line in after]), 2)
    kernel = [_JIT, "def simulate_block(c, times, save, dt, final_time, saveper, cols, out):"]
    kernel += ["    " + part for line in body for part in line.split("\n")]
    return kernel + ["", "", f"BLOCK = {BLOCK}", "", "",
                     '@njit(cache=True, error_model="numpy", parallel=True)',
                     "def simulate_batch(base, vary, values, times, save, dt, final_time, saveper, cols, out):",
                     "    n = values.shape[0]",
                     "    for b in prange((n + BLOCK - 1) // BLOCK):",
                     "        lo = b * BLOCK",
                     "        hi = min(n, lo + BLOCK)",
                     "        c = np.empty((base.shape[0], hi - lo))",
                     "        for i in range(hi - lo):",
                     "            for j in range(base.shape[0]):",
                     "                c[j, i] = base[j]",
                     "            for j in range(vary.shape[0]):",
                     "                c[vary[j], i] = values[lo + i, j]",
                     "        simulate_block(c, times, save, dt, final_time, saveper, cols, out[lo:hi])"]
