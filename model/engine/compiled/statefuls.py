"""Code for stateful constructs: initial values, outputs, derivatives.

Every dynamic construct keeps its state in slots of the state vector ``S``
and writes its derivative to the same slots of ``D``; the Euler step then
sets ``S = S + D * dt``, as PySD's ``state + ddt * dt``. Each construct
follows its PySD class (``pysd.py_backend.statefuls``):

* INTEG: one slot, derivative = flow.
* SMOOTH of order n: n slots initialised to the initial value; output the
  last slot; derivative ``(target - slot) * n / smooth_time`` where the
  target of slot j is slot j-1 and of slot 0 the input.
* DELAY of order n: n slots initialised to ``initial * delay_time``; the
  order drops while ``order * dt > delay_time`` at the start (as PySD does);
  output ``last slot / delay_time``; derivative ``(inflow - outflow) * order``
  with outflow ``slot / delay_time`` and inflow the previous outflow or the
  input. DELAY N runs the same way when its delay time is constant.
* TREND and FORECAST: one slot each, PySD's formulas.
* INITIAL: a value fixed at the start (no slot); ACTIVE INITIAL: its initial
  expression during initialisation, its expression afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.engine.compiled.errors import UnsupportedConstruct
from model.engine.compiled.expressions import Expr, StatefulSpec


@dataclass(frozen=True)
class StatefulCode:
    """Generated code of one stateful construct.

    Attributes
    ----------
    spec : StatefulSpec
        What it is.
    slots : int
        Number of state slots it occupies.
    output_run, output_init : Expr
        Its value while running and during initialisation; the latter
        depends on ``@init:<name>``.
    init : tuple of str
        Statements that initialise it (initialisation phase).
    init_deps : frozenset
        Locals those statements read.
    ddt : tuple of str
        Statements writing its derivative to ``D``.
    ddt_deps : frozenset
        Locals those statements read.
    after_update : tuple of str
        Statements run after the Euler update (non-negative stocks).

    """

    spec: StatefulSpec
    slots: int
    output_run: Expr
    output_init: Expr
    init: tuple = ()
    init_deps: frozenset = frozenset()
    ddt: tuple = ()
    ddt_deps: frozenset = frozenset()
    after_update: tuple = ()


def init_marker(name: str) -> str:
    """Dependency marker meaning "stateful ``name`` is initialised"."""
    return "@init:" + name


def _p(expr: Expr) -> str:
    return f"({expr.code})"


def _deps(*exprs: Expr) -> frozenset:
    return frozenset().union(*(e.deps for e in exprs))


def stateful_code(spec: StatefulSpec, offset: int) -> StatefulCode:
    """Generate the code of ``spec`` with its slots starting at ``offset``."""
    builder = _BUILDERS.get(spec.kind)
    if builder is None:
        raise UnsupportedConstruct(spec.kind, spec.variable)
    return builder(spec, offset)


def _with_init(spec: StatefulSpec, code: str, deps: frozenset = frozenset()) -> Expr:
    return Expr(code, 0, deps | {init_marker(spec.name)})


def _integ(spec: StatefulSpec, a: int) -> StatefulCode:
    flow, initial = spec.args["flow"], spec.args["initial"]
    after = (f"S[{a}] = maximum(S[{a}], 0.0)",) if spec.kind == "nninteg" else ()
    return StatefulCode(spec, 1, Expr(f"S[{a}]"), _with_init(spec, f"S[{a}]"),
                        (f"S[{a}] = {initial.code}",), initial.deps,
                        (f"D[{a}] = {flow.code}",), flow.deps, after)


def _initial(spec: StatefulSpec, a: int) -> StatefulCode:
    initial, local = spec.args["initial"], f"s_{spec.name}"
    return StatefulCode(spec, 0, Expr(local), _with_init(spec, local), (f"{local} = {initial.code}",), initial.deps)


def _active_initial(spec: StatefulSpec, a: int) -> StatefulCode:
    expr, initial = spec.args["expr"], spec.args["initial"]
    return StatefulCode(spec, 0, expr, Expr(initial.code, initial.order, initial.deps))


def _smooth(spec: StatefulSpec, a: int) -> StatefulCode:
    n, name = spec.order, spec.name
    source, time, initial = spec.args["input"], spec.args["time"], spec.args["initial"]
    init = [f"{name}_i = {initial.code}"] + [f"S[{a + j}] = {name}_i" for j in range(n)]
    target = f"np.trunc({_p(source)}) if k == 0 else {_p(source)}" if spec.int_initial else source.code
    ddt = [f"{name}_x = {target}", f"{name}_t = {time.code}",
           f"D[{a}] = ({name}_x - S[{a}]) * {float(n)!r} / {name}_t"]
    ddt += [f"D[{a + j}] = (S[{a + j - 1}] - S[{a + j}]) * {float(n)!r} / {name}_t" for j in range(1, n)]
    last = f"S[{a + n - 1}]"
    return StatefulCode(spec, n, Expr(last), _with_init(spec, last), tuple(init), initial.deps,
                        tuple(ddt), _deps(source, time))


def _delay(spec: StatefulSpec, a: int) -> StatefulCode:
    n, name = spec.order, spec.name
    source, time, initial = spec.args["input"], spec.args["time"], spec.args["initial"]
    init = (
        f"{name}_t = {time.code}",
        f"{name}_o = {n}",
        f"while {name}_o * dt > {name}_t:\n    {name}_o -= 1",
        f"if {name}_o < 1:\n    raise ValueError('delay time shorter than the time step')",
        f"{name}_v = {_p(initial)} * {name}_t",
        f"for j in range({name}_o):\n    S[{a} + j] = {name}_v",
    )
    ddt = (
        f"{name}_t = {time.code}",
        f"{name}_p = {source.code}",
        f"for j in range({name}_o):\n    {name}_q = S[{a} + j] / {name}_t\n"
        f"    D[{a} + j] = ({name}_p - {name}_q) * {name}_o\n    {name}_p = {name}_q",
    )
    output = f"S[{a} + {name}_o - 1] / {_p(time)}"
    return StatefulCode(spec, n, Expr(output, 0, time.deps), _with_init(spec, output, time.deps),
                        init, _deps(time, initial), ddt, _deps(source, time))


def _trend(spec: StatefulSpec, a: int) -> StatefulCode:
    source, time, initial = spec.args["input"], spec.args["time"], spec.args["initial"]
    output = f"zidz({_p(source)} - S[{a}], {_p(time)} * abs(S[{a}]))"
    return StatefulCode(spec, 1, Expr(output, 0, _deps(source, time)),
                        _with_init(spec, output, _deps(source, time)),
                        (f"S[{a}] = {_p(source)} / (1 + {_p(initial)} * {_p(time)})",), _deps(source, time, initial),
                        (f"D[{a}] = ({_p(source)} - S[{a}]) / {_p(time)}",), _deps(source, time))


def _forecast(spec: StatefulSpec, a: int) -> StatefulCode:
    source, time, horizon, initial = (spec.args[k] for k in ("input", "time", "horizon", "initial"))
    output = f"{_p(source)} * (1 + zidz({_p(source)} - S[{a}], {_p(time)} * S[{a}]) * {_p(horizon)})"
    deps = _deps(source, time, horizon)
    return StatefulCode(spec, 1, Expr(output, 0, deps), _with_init(spec, output, deps),
                        (f"S[{a}] = {_p(source)} / (1 + {_p(initial)})",), _deps(source, initial),
                        (f"D[{a}] = ({_p(source)} - S[{a}]) / {_p(time)}",), _deps(source, time))


_BUILDERS = {
    "integ": _integ, "nninteg": _integ, "initial": _initial, "active_initial": _active_initial,
    "smooth": _smooth, "delay": _delay, "delay_n": _delay, "trend": _trend, "forecast": _forecast,
}
