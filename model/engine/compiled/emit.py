"""Generate the Python source of the compiled model.

The generated module defines the helpers of :mod:`model.engine.compiled.runtime`,
the lookup tables as module arrays, and these numba functions:

``simulate(c, times, save, dt, final_time, saveper, cols, out)``
    One run (the scalar variant). ``c`` holds the model constants in the
    order of ``CONSTANTS``; ``times`` the Euler time grid and ``save`` which
    of its points are saved; ``out`` (saved times x ``cols``) receives the
    values of the variables numbered ``cols`` in ``COLUMNS``.
``simulate_memo(c, times, save, dt, final_time, saveper, cols, out, M)``
    The same with the memo ``M`` of powers and EXP/LN results kept between
    the samples of a batch (:func:`memoised`; ``simulate`` passes an empty one).
``simulate_batch(base, vary, values, times, save, dt, final_time, saveper, cols, out)``
    Many runs (a parallel loop of ``simulate_memo`` over the samples, or the
    vectorised variant; :mod:`model.engine.compiled.emit_batch`):
    sample ``i`` takes ``base`` with the constants numbered ``vary`` replaced
    by ``values[i]``; ``out`` has shape (samples, saved times, columns).
``batch_output(samples, rows, columns)``
    An empty ``out`` for ``simulate_batch`` (allocated by numba, see
    :func:`model.engine.compiled.emit_batch.output_allocator`).

Inside ``simulate`` the code is straight-line: constants, then the
initialisation (every stateful construct in dependency order, with the
auxiliaries it needs evaluated at the initial time), then the values fixed
for the run (those that depend on neither time nor a stock, computed once as
PySD caches them), then the time loop: at each time the auxiliaries the
derivatives need, on saved times all other variables, then the derivatives
and the Euler update ``S = S + D * dt``.
"""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import dataclass

import numpy as np

from model.engine.compiled import runtime, ufuncs
from model.engine.compiled.errors import UnsupportedConstruct
from model.engine.compiled.expressions import CONTROL_LOCALS, TIME, Expr, ExpressionBuilder, lookup_table
from model.engine.compiled.ordering import closure, topological
from model.engine.compiled.source import CONTROL_KEYS, ModelSource
from model.engine.compiled.statefuls import StatefulCode, init_marker, stateful_code

_JIT = '@njit(cache=True, error_model="numpy")'
_LOCAL = re.compile(r"\b([vhx]\d+)\b")


@dataclass(frozen=True)
class Generated:
    """The generated module and what the runners need to call it.

    Attributes
    ----------
    source : str
        Python source of the module.
    constants : tuple of str
        Model constants (PySD's "Constant" variables less the control
        variables), in the order of the ``c`` vector.
    defaults : tuple of float
        Their values in the ``.mdl`` file.
    columns : tuple of str
        Variables that can be returned, in file order.
    control : dict
        ``initial_time``, ``final_time``, ``time_step``, ``saveper``.
    stocks : tuple of str
        Variables defined by INTEG.

    """

    source: str
    constants: tuple
    defaults: tuple
    columns: tuple
    control: dict
    stocks: tuple


def _evaluate(expr: Expr, name: str, tables: dict) -> float:
    if expr.deps:
        raise UnsupportedConstruct("a control variable that is not a constant", name)
    namespace = {"np": np, **{f.__name__: f for f in runtime.HELPERS}, **ufuncs.python_namespace(), **tables}
    return float(eval(expr.code, namespace))


def _indent(lines, depth: int) -> list[str]:
    pad = "    " * depth
    return [pad + line for statement in lines for line in statement.split("\n")]


class _Model:
    """Translation of every equation, the state layout and the two orders."""

    def __init__(self, source: ModelSource):
        elements = [e for e in source.elements if e.key not in CONTROL_KEYS]
        self.lookups = {e.key: i for i, e in enumerate(x for x in elements if x.is_lookup)}
        variables = [e for e in elements if not e.is_lookup]
        self.local = {e.key: f"v{i}" for i, e in enumerate(variables)}
        self.name_of = {self.local[e.key]: e.name for e in variables}
        builder = ExpressionBuilder(source.by_key(), self.local, self.lookups)
        self.tables = {}
        for e in elements:
            if e.is_lookup:
                xs, ys, mode = lookup_table(e)
                i = self.lookups[e.key]
                self.tables.update({f"LX{i}": xs, f"LY{i}": ys, f"LM{i}": mode})
        self.exprs, self.constants, self.defaults, self.stocks = {}, {}, {}, []
        for e in variables:
            before = len(builder.statefuls)
            expr = builder.translate(e)
            created = builder.statefuls[before:]
            if not expr.deps and not created:
                self.constants[self.local[e.key]] = e.name
                self.defaults[self.local[e.key]] = _evaluate(expr, e.name, self.tables)
            else:
                self.exprs[self.local[e.key]] = expr
            if len(created) == 1 and created[0].kind in ("integ", "nninteg") and expr.code == created[0].name:
                self.stocks.append(e.name)
        self.hoisted = {}
        for name, ufunc, argument, _ in builder.hoisted:
            self.exprs[name] = Expr(f"u_{ufunc}({argument.code}, fb, ib1)", 0, argument.deps)
            self.hoisted[name] = (ufunc, argument)
        self.hoisted_variable = {name: variable for name, _, _, variable in builder.hoisted}
        for i, (xs, ys) in enumerate(builder.inline_tables):
            self.tables.update({f"WX{i}": xs, f"WY{i}": ys})
        by_key = source.by_key()
        self.control = {k: _evaluate(builder.translate(by_key[k]), by_key[k].name, self.tables) for k in CONTROL_KEYS}
        self.columns = [(e.name, CONTROL_LOCALS[e.key] if e.key in CONTROL_KEYS else self.local[e.key])
                        for e in source.elements if not e.is_lookup]
        self.statefuls: list[StatefulCode] = []
        offset = 0
        for spec in builder.statefuls:
            code = stateful_code(spec, offset)
            offset += code.slots
            self.statefuls.append(code)
        self.n_state = offset
        self.variable_of = {s.spec.name: s.spec.variable for s in self.statefuls} | self.name_of | self.hoisted_variable
        self._check_delay_n()

    def run_deps(self) -> dict:
        deps = {n: e.deps for n, e in self.exprs.items()}
        deps.update({s.spec.name: s.output_run.deps for s in self.statefuls})
        return deps

    def init_deps(self) -> dict:
        deps = {n: e.deps for n, e in self.exprs.items()}
        deps.update({s.spec.name: s.output_init.deps for s in self.statefuls})
        deps.update({init_marker(s.spec.name): s.init_deps for s in self.statefuls if s.init})
        return deps

    def _check_delay_n(self):
        dynamic = {s.spec.name for s in self.statefuls if s.spec.kind not in ("initial",)} | {TIME}
        deps = self.run_deps()
        for s in self.statefuls:
            if s.spec.kind == "delay_n" and closure(s.spec.args["time"].deps, deps) & dynamic:
                raise UnsupportedConstruct("DELAY N with a delay time that changes during the run", s.spec.variable)


def _rename_init(code: str, computed: set) -> str:
    return _LOCAL.sub(lambda m: "i_" + m.group(1) if m.group(1) in computed else m.group(1), code)


@dataclass(frozen=True)
class Line:
    """One step of the generated code: ``target = code`` or, without a target, a statement."""

    code: str
    target: str = ""

    def scalar(self) -> str:
        """The step as scalar Python."""
        return f"{self.target} = {self.code}" if self.target else self.code


def init_lines(model: _Model) -> list[Line]:
    """The initialisation: every stateful construct, after what its initial value reads."""
    deps = model.init_deps()
    roots = [init_marker(s.spec.name) for s in model.statefuls if s.init]
    order = topological(roots, deps, lambda n: model.variable_of.get(n.removeprefix("@init:"), n))
    computed = {n for n in order if not n.startswith("@")}
    by_marker = {init_marker(s.spec.name): s for s in model.statefuls}
    by_name = {s.spec.name: s for s in model.statefuls}
    lines = []
    for name in order:
        if name in by_marker:
            lines += [Line(_rename_init(line, computed)) for line in by_marker[name].init]
        elif name in by_name:
            lines.append(Line(_rename_init(by_name[name].output_init.code, computed), f"i_{name}"))
        else:
            lines.append(Line(_rename_init(model.exprs[name].code, computed), f"i_{name}"))
    return lines


def run_lines(model: _Model) -> tuple[list[Line], list[Line], list[Line], list[Line]]:
    """The run's four parts.

    Values fixed for the whole run (computed once, as PySD caches them); then
    at each time what the derivatives need, what only saved times need, and
    the derivatives.
    """
    deps = model.run_deps()
    ddt_roots = sorted(set().union(*(s.ddt_deps for s in model.statefuls)) if model.statefuls else set())
    describe = lambda n: model.variable_of.get(n, n)  # noqa: E731
    everything = topological(sorted(deps), deps, describe)
    moving = {TIME} | {s.spec.name for s in model.statefuls if s.spec.kind not in ("initial", "active_initial")}
    static = {n for n in everything if not closure([n], deps) & moving}
    core = [n for n in topological(ddt_roots, deps, describe) if n in deps and n not in static]
    rest = [n for n in everything if n not in set(core) and n not in static]
    by_name = {s.spec.name: s for s in model.statefuls}

    def assign(name):
        return Line(by_name[name].output_run.code if name in by_name else model.exprs[name].code, name)

    ddt = [Line(line) for s in model.statefuls for line in s.ddt]
    fixed = [assign(n) for n in everything if n in static]
    return fixed, [assign(n) for n in core], [assign(n) for n in rest], ddt


def _remembered(inputs: list[str], call: list[str], outputs: list[str], first: int) -> list[str]:
    """``call`` (reading ``inputs``, writing ``outputs``) unless the memo ``M`` holds the same inputs at step ``k``.

    The memo's columns from ``first`` hold the inputs, then the outputs. A
    zero input is always recomputed (``0.0 == -0.0``, but functions of them
    can differ) and a NaN never equals itself.
    """
    n = len(inputs)
    same = " and ".join(f"{x} == M[k, {first + j}] and {x} != 0.0" for j, x in enumerate(inputs))
    lines = [f"if use_memo and {same}:"] + [f"    {y} = M[k, {first + n + j}]" for j, y in enumerate(outputs)]
    lines += ["else:"] + ["    " + line for line in call] + ["    if use_memo:"]
    lines += [f"        M[k, {first + j}] = {x}" for j, x in enumerate(inputs)]
    return lines + [f"        M[k, {first + n + j}] = {y}" for j, y in enumerate(outputs)]


def grouped(lines: list[Line], model: _Model, first: int = 0) -> tuple[list[str], int, int]:
    """Scalar code of one part of the run, each numpy loop called once for several arguments where it can be.

    Calls of the same function (``x<k>`` lines) whose arguments are all known
    at one point become one call of the loop over a run of arguments in the
    group buffer (:func:`model.engine.compiled.ufuncs.group_setup`): the lines
    are taken in waves, each wave every line whose inputs are ready, the calls
    last. Every line keeps its own arithmetic, and numpy's loop gives each
    argument the result of a call on that argument alone (checked by
    :func:`model.engine.compiled.ufuncs.bind`), so the numbers do not change.
    Each call is remembered between the samples of a batch, like the powers
    (:func:`memoised`), from column ``first`` of the memo on. Returns the
    code, the largest group and the next free memo column.
    """
    deps = model.run_deps()
    targets = {line.target for line in lines}
    done, code, largest, remaining = set(), [], 1, list(lines)

    def ready(line):
        return line.target and not (deps[line.target] & targets) - done

    while remaining:
        waiting = []
        for line in remaining:
            if line.target not in model.hoisted and ready(line):
                code.append(line.scalar())
                done.add(line.target)
            else:
                waiting.append(line)
        calls = {}
        for line in waiting:
            if line.target in model.hoisted and ready(line):
                calls.setdefault(model.hoisted[line.target][0], []).append(line)
        if not calls and waiting:
            raise UnsupportedConstruct("an equation order the generator cannot schedule", waiting[0].target)
        for ufunc, group in calls.items():
            n = len(group)
            code += [f"gb[{j}] = {model.hoisted[line.target][1].code}" for j, line in enumerate(group)]
            inputs, outputs = [f"gb[{j}]" for j in range(n)], [f"gb[{n + j}]" for j in range(n)]
            code += _remembered(inputs, [f"g_{ufunc}({n}, ibg)"], outputs, first)
            code += [f"{line.target} = gb[{n + j}]" for j, line in enumerate(group)]
            largest, first = max(largest, n), first + 2 * n
            done.update(line.target for line in group)
        remaining = [line for line in waiting if line.target not in done]
    return code, largest, first


class _Powers(ast.NodeTransformer):
    """Takes every ``a ** b`` evaluated unconditionally out of one statement, inner ones first."""

    def __init__(self, first: int, seen: dict):
        self.first, self.found, self.seen = first, [], seen

    def visit_IfExp(self, node):  # only one branch runs: its powers stay where they are
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if not isinstance(node.op, ast.Pow):
            return node
        key = (ast.unparse(node.left), ast.unparse(node.right))
        if key not in self.seen:  # the same power again in this part of the step: the same value
            self.seen[key] = self.first + 3 * len(self.found)  # its first memo column names it
            self.found.append((self.seen[key], *key))
        return ast.Name(f"p{self.seen[key]}", ast.Load())


def memoised(code: list[str], first: int) -> tuple[list[str], int]:
    """Scalar code with each power ``a ** b`` remembered between samples of a batch.

    Samples of a batch often compute the same power at the same time step
    (levers act from a policy year on, so the years before it are shared).
    Each power ``p<k>`` keeps, per time step, its last base, exponent and
    result in the memo ``M`` (a row per step, three columns per power); on
    the same base and exponent the remembered result is taken. ``pow`` is a
    function of its two arguments, so the numbers do not change; a zero base
    is always recomputed (``0.0 == -0.0``, but their powers can differ) and a
    NaN never equals itself. Single runs pass an empty memo (``use_memo``
    false). Returns the code and the next free memo column.
    """
    out, seen = [], {}
    for statement in code:
        if "**" not in statement:
            out.append(statement)
            continue
        tree = ast.parse(statement)
        powers = _Powers(first, seen)
        tree = powers.visit(tree)
        for site, base, exponent in powers.found:
            a, b = f"pa{site}", f"pb{site}"
            out += [f"{a} = {base}", f"{b} = {exponent}"]
            out += _remembered([a, b], [f"p{site} = {a} ** {b}"], [f"p{site}"], site)
        out.append(ast.unparse(tree))
        first += 3 * len(powers.found)
    return out, first


def _head(model: _Model) -> list[str]:
    head = ['"""Generated from the model by model.engine.compiled; do not edit."""', "",
            "import numpy as np", "from numba import njit, prange, types", ""]
    for helper in runtime.HELPERS:
        head += [_JIT, inspect.getsource(helper).rstrip(), ""]
    head += [ufuncs.helper_source(), ""]
    for name, value in sorted(model.tables.items()):
        head.append(f"{name} = np.array({np.asarray(value).tolist()!r})" if np.ndim(value) else f"{name} = {value!r}")
    return head + [f"N_STATE = {max(model.n_state, 1)}", f"N_COLUMNS = {len(model.columns)}", ""]


def _scalar_kernel(model: _Model) -> list[str]:
    fixed, core, rest, ddt = run_lines(model)
    core, core_group, memo = grouped(core, model, 0)
    rest, rest_group, memo = grouped(rest, model, memo)
    core, memo = memoised(core, memo)
    rest, memo = memoised(rest, memo)
    save = [f"vals[{j}] = {local}" for j, (_, local) in enumerate(model.columns)]
    body = [f"{local} = c[{j}]" for j, local in enumerate(model.constants)]
    body += list(ufuncs.SETUP) + list(ufuncs.group_setup(max(core_group, rest_group)))
    body += ["initial_time = times[0]", "S = np.zeros(N_STATE)", "D = np.zeros(N_STATE)",
             "vals = np.empty(N_COLUMNS)", "t = times[0]", "k = 0", "use_memo = M.shape[0] >= times.shape[0]"]
    body += [line.scalar() for line in init_lines(model) + fixed]
    body += ["row = 0", "n = times.shape[0]", "for k in range(n):", "    t = times[k]"]
    body += _indent(core, 1) + ["    if save[k]:"]
    body += _indent(rest + save, 2)
    body += _indent(["for j in range(cols.shape[0]):\n    out[row, j] = vals[cols[j]]", "row += 1"], 2)
    body += ["    if k + 1 < n:"] + _indent([line.scalar() for line in ddt], 2)
    body += _indent(["for j in range(N_STATE):\n    S[j] = S[j] + D[j] * dt"], 2)
    body += _indent([line for s in model.statefuls for line in s.after_update], 2)
    kernel = [_JIT, "def simulate_memo(c, times, save, dt, final_time, saveper, cols, out, M):"] + _indent(body, 1)
    return kernel + ["", "", f"N_MEMO = {max(memo, 1)}", "", "", _JIT,
                     "def simulate(c, times, save, dt, final_time, saveper, cols, out):",
                     "    simulate_memo(c, times, save, dt, final_time, saveper, cols, out, np.empty((0, N_MEMO)))"]


def generate(source: ModelSource, vectorised: bool = False) -> Generated:
    """Generate the compiled module for ``source``.

    ``vectorised`` chooses the vectorised batch kernel instead of the parallel
    loop of the scalar kernel (see :mod:`model.engine.compiled.emit_batch`).

    Raises
    ------
    UnsupportedConstruct
        Naming the construct and the variable, for anything not generated.

    """
    from model.engine.compiled.emit_batch import batch_kernel, output_allocator, sample_kernel

    model = _Model(source)
    constants = list(model.constants)
    batch = batch_kernel(model, init_lines(model), run_lines(model)) if vectorised else sample_kernel()
    text = _head(model) + _scalar_kernel(model) + ["", ""] + batch + ["", ""] + output_allocator() + [""]
    return Generated(
        source="\n".join(text),
        constants=tuple(model.name_of[n] for n in constants),
        defaults=tuple(model.defaults[n] for n in constants),
        columns=tuple(name for name, _ in model.columns),
        control=dict(model.control),
        stocks=tuple(model.stocks),
    )
