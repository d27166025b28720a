"""PySD abstract syntax -> Python expression text for the generated step.

The text is built the way PySD's own builder builds it
(``pysd.builders.python.python_expressions_builder.OperationBuilder``): the same
operator templates, the same right-to-left assembly and the same rule for
parentheses, so that Python (and numba, which parses the same text) evaluates
every operation in PySD's order and the results agree to the last bit where
the arithmetic is the same.

A one-argument transcendental function (EXP, LN, ...) of a non-constant
argument becomes its own computation ``x<k>`` (:attr:`ExpressionBuilder.hoisted`;
one per distinct call), so that the kernels can call numpy's loop once for
several arguments (see :func:`model.engine.compiled.emit.grouped`).

Stateful constructs met inside an equation (INTEG, INITIAL, SMOOTH, DELAY,
TREND, FORECAST, ACTIVE INITIAL) become :class:`StatefulSpec` records, handed
to :mod:`model.engine.compiled.statefuls`; the expression refers to their output by a
local name ``h<k>``.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field

import numpy as np

from model.engine.compiled.errors import UnsupportedConstruct
from model.engine.compiled.source import CONTROL_KEYS, Element
from model.engine.compiled.ufuncs import UNARY

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pysd.translators.structures import abstract_expressions as ae

#: Dependency marker for expressions that read the current time.
TIME = "@time"
#: Dependency marker for expressions that read a control value or a lookup (never PySD constants).
CONTROL = "@control"

#: Local names of the control values inside the generated functions.
CONTROL_LOCALS = {"initial_time": "initial_time", "final_time": "final_time", "time_step": "dt",
                  "saveper": "saveper"}

# PySD's operator templates and orders (OperationBuilder._operators_build).
_OPERATORS = {
    "^": ("{left}**{right}", 1), "*": ("{left}*{right}", 2), "/": ("{left}/{right}", 2),
    "+": ("{left} + {right}", 3), "-": ("{left} - {right}", 3),
    "=": ("{left} == {right}", 4), "<>": ("{left} != {right}", 4), ">=": ("{left} >= {right}", 4),
    ">": ("{left} > {right}", 4), "<=": ("{left} <= {right}", 4), "<": ("{left} < {right}", 4),
    ":NOT:": ("logical_not({0})", 0), ":AND:": ("logical_and({left}, {right})", 0),
    ":OR:": ("logical_or({left}, {right})", 0), "negative": ("-{0}", 3),
}

# Vensim function -> (template, number of arguments); "{t}" and "{dt}" are the time and step.
# Transcendental functions call numpy's own loops (see model.engine.compiled.ufuncs).
_FUNCTIONS = {
    "abs": ("abs({0})", 1), "sqrt": ("np.sqrt({0})", 1),
    **{vensim: (f"u_{name}({{0}}, fb, ib1)", 1) for vensim, name in UNARY.items()},
    "log": ("(u_log({0}, fb, ib1)/u_log({1}, fb, ib1))", 2), "power": ("u_power({0}, {1}, fb, ib2)", 2),
    "min": ("minimum({0}, {1})", 2), "max": ("maximum({0}, {1})", 2),
    "integer": ("integer({0})", 1), "quantum": ("quantum({0}, {1})", 2), "modulo": ("modulo({0}, {1})", 2),
    "xidz": ("xidz({0}, {1}, {2})", 3), "zidz": ("zidz({0}, {1})", 2),
    "if_then_else": ("({1} if {0} else {2})", 3),
    "step": ("step(t, dt, {0}, {1})", 2), "ramp": ("ramp(t, {0}, {1}, {2})", 3),
    "Xramp": ("ramp_open(t, {0}, {1})", 2), "pulse": ("pulse(t, {0}, {1})", 2),
    "pulse_train": ("pulse_train(t, {0}, {1}, {2}, {3})", 4),
}
_TIMED = {"step", "ramp", "Xramp", "pulse", "pulse_train"}

#: Lookup interpolation keyword -> mode number of :func:`model.engine.compiled.runtime.lookup`.
LOOKUP_MODES = {"interpolate": 0, "hold_backward": 1, "extrapolate": 2}

# Constructs named in errors, by abstract structure.
_NAMES = {
    ae.DelayFixedStructure: "DELAY FIXED", ae.SampleIfTrueStructure: "SAMPLE IF TRUE",
    ae.AllocateAvailableStructure: "ALLOCATE AVAILABLE", ae.AllocateByPriorityStructure: "ALLOCATE BY PRIORITY",
    ae.GetDataStructure: "GET DATA", ae.GetLookupsStructure: "GET LOOKUPS", ae.GetConstantsStructure: "GET CONSTANTS",
    ae.DataStructure: "data series", ae.SubscriptsReferenceStructure: "subscripts", ae.GameStructure: "GAME",
}


@dataclass(frozen=True)
class Expr:
    """A Python expression.

    Attributes
    ----------
    code : str
        The text.
    order : int
        PySD's arithmetic order of the text (0 atom or call, 1 power,
        2 product, 3 sum, 4 comparison), for parentheses.
    deps : frozenset of str
        Local names read (``v<i>`` variables, ``h<k>`` stateful outputs) and
        :data:`TIME` if the current time is read.

    """

    code: str
    order: int = 0
    deps: frozenset = frozenset()


@dataclass(frozen=True)
class StatefulSpec:
    """A stateful construct found in an equation.

    Attributes
    ----------
    name : str
        Local name of its output, ``h<k>``.
    kind : str
        "integ", "nninteg", "initial", "smooth", "delay", "trend", "forecast"
        or "active_initial".
    args : dict
        Argument name -> :class:`Expr` (flow, initial, input, delay_time, ...).
    order : int
        Number of internal stages (SMOOTH and DELAY), else 1.
    variable : str
        The variable whose equation holds it (for error messages).
    int_initial : bool
        SMOOTHI with an integer literal initial value: PySD keeps the first
        stage array as integers, so the first step truncates the input.

    """

    name: str
    kind: str
    args: dict
    order: int = 1
    variable: str = ""
    int_initial: bool = False


def lower(expr: Expr, new_order: int) -> Expr:
    """Parenthesise ``expr`` where PySD does (``BuildAST.lower_order``)."""
    if expr.order >= new_order and expr.order != 0 and new_order != 0:
        return Expr(f"({expr.code})", 0, expr.deps)
    return expr


def number(value) -> Expr:
    """A numeric literal as a float (NaN as ``np.nan``)."""
    value = float(value)
    return Expr("np.nan" if np.isnan(value) else repr(value))


def _deps(*exprs: Expr) -> frozenset:
    return frozenset().union(*(e.deps for e in exprs))


def _literal_type(node) -> str:
    """"int", "float" or "unknown": the Python type PySD's value would have."""
    if isinstance(node, bool):
        return "unknown"
    if isinstance(node, int):
        return "int"
    if isinstance(node, float):
        return "float"
    if isinstance(node, ae.ArithmeticStructure):
        kinds = {_literal_type(a) for a in node.arguments}
        if "/" in node.operators or kinds == {"float"} or ("float" in kinds and "unknown" not in kinds):
            return "float"
        if kinds == {"int"} and set(node.operators) <= {"+", "-", "*", "negative"}:
            return "int"
    if isinstance(node, ae.CallStructure) and node.function.reference in ("min", "max", "exp", "ln", "sqrt"):
        return "float"
    return "unknown"


@dataclass
class ExpressionBuilder:
    """Translates the equations of one model (see module notes).

    Parameters
    ----------
    elements : dict
        Reference key -> :class:`Element`.
    locals_ : dict
        Reference key -> local name (``v<i>``) for every variable that has one.
    lookups : dict
        Reference key -> lookup index for lookup tables.

    """

    elements: dict
    locals_: dict
    lookups: dict
    statefuls: list = field(default_factory=list)
    inline_tables: list = field(default_factory=list)
    hoisted: list = field(default_factory=list)
    variable: str = ""

    def translate(self, element: Element) -> Expr:
        """The expression of ``element``'s equation."""
        self.variable = element.name
        return self.visit(element.ast)

    # ---- dispatch ---------------------------------------------------------------------------------------------
    def visit(self, node) -> Expr:
        """Translate one node of the abstract syntax tree."""
        if isinstance(node, bool):
            raise UnsupportedConstruct("a boolean literal", self.variable)
        if isinstance(node, (int, float, np.floating, np.integer)):
            return number(node)
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            construct = _NAMES.get(type(node), type(node).__name__)
            if isinstance(node, np.ndarray):
                construct = "array constants"
            raise UnsupportedConstruct(construct, self.variable)
        return method(node)

    def visit_ArithmeticStructure(self, node) -> Expr:
        """Arithmetic: PySD's right-to-left assembly."""
        return self._operation(list(node.operators), [self.visit(a) for a in node.arguments])

    visit_LogicStructure = visit_ArithmeticStructure

    def _operation(self, operators: list, arguments: list) -> Expr:
        for op in operators:
            if op not in _OPERATORS:
                raise UnsupportedConstruct(f"operator {op}", self.variable)
        deps = _deps(*arguments)
        order = _OPERATORS[operators[-1]][1]
        arguments[-1] = lower(arguments[-1], 2 if operators[-1] == "^" else order)
        if len(arguments) == 1:
            if operators[0] == "negative":
                order = 1
            return Expr(_OPERATORS[operators[0]][0].format(arguments[0].code), order, deps)
        right = arguments.pop().code
        while arguments or operators:
            template = _OPERATORS[operators.pop()][0]
            left = lower(arguments.pop(), order).code
            right = template.format(left=left, right=right)
        return Expr(right, order, deps)

    def visit_ReferenceStructure(self, node) -> Expr:
        """A variable, the time or a control value."""
        if node.subscripts is not None:
            raise UnsupportedConstruct("subscripts", self.variable)
        key = node.reference
        if key == "time":
            return Expr("t", 0, frozenset({TIME}))
        if key in CONTROL_KEYS:
            return Expr(CONTROL_LOCALS[key], 0, frozenset({CONTROL}))
        if key in self.lookups:
            raise UnsupportedConstruct(f"a lookup ({key}) used without an argument", self.variable)
        if key not in self.locals_:
            raise UnsupportedConstruct(f"a reference to '{key}', which is not a model variable", self.variable)
        name = self.locals_[key]
        return Expr(name, 0, frozenset({name}))

    def visit_CallStructure(self, node) -> Expr:
        """Functions and lookup calls."""
        function = node.function.reference
        arguments = [self.visit(a) for a in node.arguments]
        if function in self.lookups:
            if len(arguments) != 1:
                raise UnsupportedConstruct(f"lookup {function} called with {len(arguments)} arguments", self.variable)
            index = self.lookups[function]
            code = f"lookup({arguments[0].code}, LX{index}, LY{index}, LM{index})"
            return Expr(code, 0, arguments[0].deps | {CONTROL})
        if function == "ramp" and len(arguments) == 2:
            function = "Xramp"
        if function == "active_initial":
            return self._stateful("active_initial", {"expr": arguments[0], "initial": arguments[1]})
        if function not in _FUNCTIONS:
            raise UnsupportedConstruct(f"function {function.upper().replace('_', ' ')}", self.variable)
        template, count = _FUNCTIONS[function]
        if len(arguments) != count:
            raise UnsupportedConstruct(f"{function.upper()} with {len(arguments)} arguments", self.variable)
        deps = _deps(*arguments) | ({TIME} if function in _TIMED else frozenset())
        if function in UNARY and deps:
            return self._hoist(UNARY[function], arguments[0])
        return Expr(template.format(*(a.code for a in arguments)), 0, deps)

    def _hoist(self, ufunc: str, argument: Expr) -> Expr:
        """A call to numpy's loop as its own computation ``x<k>`` (vectorised over samples in batches)."""
        for name, known, known_argument, _ in self.hoisted:
            if known == ufunc and known_argument.code == argument.code:  # the same call: one computation
                return Expr(name, 0, frozenset({name}))
        name = f"x{len(self.hoisted)}"
        self.hoisted.append((name, ufunc, argument, self.variable))
        return Expr(name, 0, frozenset({name}))

    def visit_InlineLookupsStructure(self, node) -> Expr:
        """WITH LOOKUP: ``np.interp`` over the table, as PySD writes it."""
        argument = self.visit(node.argument)
        index = len(self.inline_tables)
        self.inline_tables.append(_table_values(node.lookups))
        return Expr(f"np_interp({argument.code}, WX{index}, WY{index})", 0, argument.deps)

    # ---- statefuls --------------------------------------------------------------------------------------------
    def _stateful(self, kind: str, args: dict, order: int = 1, int_initial: bool = False) -> Expr:
        name = f"h{len(self.statefuls)}"
        self.statefuls.append(StatefulSpec(name, kind, args, order, self.variable, int_initial))
        return Expr(name, 0, frozenset({name}))

    def visit_IntegStructure(self, node) -> Expr:
        """INTEG (and the non-negative stock of XMILE)."""
        kind = "nninteg" if node.non_negative else "integ"
        return self._stateful(kind, {"flow": self.visit(node.flow), "initial": self.visit(node.initial)})

    def visit_InitialStructure(self, node) -> Expr:
        """INITIAL."""
        return self._stateful("initial", {"initial": self.visit(node.initial)})

    def _order(self, order, construct: str) -> int:
        if isinstance(order, bool) or not isinstance(order, (int, float)) or order != int(order) or order < 1:
            raise UnsupportedConstruct(f"{construct} with an order that is not a whole-number literal", self.variable)
        if isinstance(order, float) and construct.startswith("SMOOTH"):
            raise UnsupportedConstruct(f"{construct} with a non-integer literal order", self.variable)
        return int(order)

    def _smooth(self, node, construct: str) -> Expr:
        order = self._order(node.order, construct)
        args = {"input": self.visit(node.input), "time": self.visit(node.smooth_time)}
        int_initial = False
        if node.initial is node.input:
            args["initial"] = args["input"]
        else:
            args["initial"] = self.visit(node.initial)
            kind = _literal_type(node.initial)
            if kind == "unknown":
                raise UnsupportedConstruct(
                    f"{construct} with an initial value whose integer or float type PySD fixes only at run time",
                    self.variable)
            int_initial = kind == "int" and _literal_type(node.input) != "int"
        return self._stateful("smooth", args, order, int_initial)

    def visit_SmoothStructure(self, node) -> Expr:
        """SMOOTH, SMOOTHI, SMOOTH3, SMOOTH3I."""
        return self._smooth(node, "SMOOTH")

    def visit_SmoothNStructure(self, node) -> Expr:
        """SMOOTH N."""
        return self._smooth(node, "SMOOTH N")

    def _delay(self, node, construct: str) -> Expr:
        order = self._order(node.order, construct)
        args = {"input": self.visit(node.input), "time": self.visit(node.delay_time),
                "initial": self.visit(node.initial)}
        return self._stateful("delay", args, order)

    def visit_DelayStructure(self, node) -> Expr:
        """DELAY1, DELAY1I, DELAY3, DELAY3I."""
        return self._delay(node, "DELAY")

    def visit_DelayNStructure(self, node) -> Expr:
        """DELAY N: like DELAY when its delay time is constant (checked later)."""
        expr = self._delay(node, "DELAY N")
        spec = self.statefuls[-1]
        self.statefuls[-1] = StatefulSpec(spec.name, "delay_n", spec.args, spec.order, spec.variable)
        return expr

    def visit_TrendStructure(self, node) -> Expr:
        """TREND."""
        args = {"input": self.visit(node.input), "time": self.visit(node.average_time),
                "initial": self.visit(node.initial_trend)}
        return self._stateful("trend", args)

    def visit_ForecastStructure(self, node) -> Expr:
        """FORECAST."""
        args = {"input": self.visit(node.input), "time": self.visit(node.average_time),
                "horizon": self.visit(node.horizon), "initial": self.visit(node.initial_trend)}
        return self._stateful("forecast", args)


def _table_values(table) -> tuple[np.ndarray, np.ndarray]:
    """The x and y values of a lookup table, rounded as PySD prints them into its module."""
    values = []
    for series in (table.x, table.y):
        text = np.array2string(np.array(series), separator=",", threshold=len(series))
        parsed = ast.literal_eval(text.replace("nan", "None"))
        values.append(np.array([np.nan if v is None else v for v in parsed], dtype=float))
    return values[0], values[1]


def lookup_table(element: Element) -> tuple[np.ndarray, np.ndarray, int]:
    """The x and y values and interpolation mode of a named lookup table."""
    table = element.ast
    if table.type not in LOOKUP_MODES:
        raise UnsupportedConstruct(f"lookup interpolation '{table.type}'", element.name)
    xs, ys = _table_values(table)
    if len(xs) < 2 and table.type == "extrapolate":
        raise UnsupportedConstruct("an extrapolating lookup with one point", element.name)
    if len(set(xs.tolist())) != len(xs):
        raise UnsupportedConstruct("a lookup with repeated x values", element.name)
    return xs, ys, LOOKUP_MODES[table.type]
