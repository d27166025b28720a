"""Dimensional analysis of the model's equations.

Every equation's units are derived from the units *declared* on the variables
it reads (Vensim's rule: each equation is checked on its own) and compared with
the units declared on the variable it defines. Units are Pint units defined in
``data/units.txt``; only dimensions are compared, not scale factors (see there).

Rules
-----
* A number written in an equation has no units of its own: it takes the units
  of what it is added to, compared with or chosen against (``1 - x``,
  ``MAX(1, x)``, ``IF THEN ELSE(c, x, 0)``) and is dimensionless in a product.
* ``+ -``, comparisons, ``MIN``/``MAX``, the two branches of ``IF THEN ELSE``,
  ``MODULO``'s arguments and ``XIDZ``'s fallback (against ``a / b``) must agree.
* ``EXP``, ``LN``, ``LOG`` and an exponent take dimensionless arguments. A power
  of a dimensioned base needs an exponent that is a constant of the model
  (Cobb-Douglas: ``K ^ capital elasticity``), whose value gives the units.
* ``STEP(value, time)`` has the units of ``value``; ``PULSE(start, width)`` is
  dimensionless; their times, ``Time`` and ``INTEGER(Time)`` are in the units of
  ``TIME STEP`` (Year).
* ``INTEG(flow, initial)``: the flow has the stock's units per Year, the
  initial value the stock's units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pint

from model.base.paths import MDL_PATH, UNITS_PATH

TOLERANCE = 1e-6
TIME_ARGUMENTS = {"step": (1,), "pulse": (0, 1, 2, 3), "ramp": (1, 2)}
DIMENSIONLESS_FUNCTIONS = ("exp", "ln", "log", "sin", "cos", "tan")
SAME_AS_ARGUMENT = ("abs", "integer", "initial")


@dataclass(frozen=True)
class UnitIssue:
    """A variable whose equation does not have its declared units.

    Attributes
    ----------
    variable : str
        Model variable (real name).
    declared : str
        Units written in the model.
    derived : str
        Units of its equation, from the declared units of its inputs.
    message : str
        What disagrees (including mismatches inside the equation).

    """

    variable: str
    declared: str
    derived: str
    message: str


@dataclass(frozen=True)
class UnitReport:
    """Result of checking a whole model: equations checked and the issues found."""

    checked: int
    issues: tuple[UnitIssue, ...]


class UnitsError(ValueError):
    """A units string that the unit definitions cannot read."""


@lru_cache(maxsize=2)
def registry(path: Path = UNITS_PATH) -> pint.UnitRegistry:
    """A Pint registry holding only the model's units (``data/units.txt``)."""
    ureg = pint.UnitRegistry(None)
    ureg.load_definitions(str(path))
    return ureg


def parse_units(text: str, ureg: pint.UnitRegistry | None = None) -> pint.Unit:
    """Read a Vensim units string (``"bnVND/(Person*Year)"``, ``"%/Year"``, ``"dmnl"``)."""
    ureg = ureg or registry()
    if not text.strip():
        raise UnitsError("no units declared")
    try:
        return ureg.parse_units(text.replace("%", " percent "))
    except Exception as error:  # pint raises several types for bad strings
        raise UnitsError(f"cannot read units {text!r}: {error}") from None


def _dims(unit: pint.Unit) -> dict[str, float]:
    return {k: float(v) for k, v in unit.dimensionality.items() if abs(v) > TOLERANCE}


def same_dimension(a: pint.Unit | None, b: pint.Unit | None) -> bool:
    """True if two units have the same dimensions (``None``, a bare number, agrees with anything)."""
    if a is None or b is None:
        return True
    da, db = _dims(a), _dims(b)
    return all(abs(da.get(k, 0.0) - db.get(k, 0.0)) < TOLERANCE for k in set(da) | set(db))


def show(unit: pint.Unit | None) -> str:
    """Compact text of a unit (``"bnVND/Year"``, ``"dmnl"``, ``"number"``)."""
    if unit is None:
        return "number"
    if not _dims(unit) and str(unit) in ("dimensionless", ""):
        return "dmnl"
    return format(unit, "~C")


class _Deriver:
    """Derives the units of expressions of one model (see the module rules)."""

    def __init__(self, equations: Mapping[str, tuple[str, object]], ureg: pint.UnitRegistry):
        self.ureg = ureg
        self.equations = equations
        self.declared: dict[str, pint.Unit | None] = {}
        for name, (units, _expr) in equations.items():
            try:
                self.declared[name] = parse_units(units, ureg)
            except UnitsError:
                self.declared[name] = None
        time_units = equations.get("TIME STEP", ("Year", None))[0]
        self.time = self.declared.get("TIME STEP") or parse_units(time_units or "Year", ureg)
        self.dmnl = ureg.dimensionless
        self.problems: list[str] = []

    # --- numbers -----------------------------------------------------------
    def value(self, node: object, seen: frozenset = frozenset()) -> float | None:
        """Numeric value of a constant expression (numbers and model constants), else None."""
        if isinstance(node, int | float):
            return float(node)
        kind = node[0]
        if kind == "ref" and node[1] in self.equations and node[1] not in seen:
            return self.value(self.equations[node[1]][1], seen | {node[1]})
        if kind != "arith":
            return None
        values = [self.value(a, seen) for a in node[2]]
        if any(v is None for v in values):
            return None
        if node[1] == ("negative",):
            return -values[0]
        result = values[0]
        for op, v in zip(node[1], values[1:], strict=True):
            result = {"+": result + v, "-": result - v, "*": result * v,
                      "/": result / v if v else float("nan"), "^": result ** v}[op]
        return result

    # --- units -------------------------------------------------------------
    def agree(self, what: str, units: list[pint.Unit | None]) -> pint.Unit | None:
        """Units shared by ``units`` (numbers adapt); records a problem if they differ."""
        known = [u for u in units if u is not None]
        for other in known[1:]:
            if not same_dimension(known[0], other):
                self.problems.append(f"{what} mixes {show(known[0])} and {show(other)}")
                break
        return known[0] if known else None

    def expect(self, what: str, unit: pint.Unit | None, wanted: pint.Unit) -> None:
        """Record a problem unless ``unit`` has the dimensions of ``wanted``."""
        if not same_dimension(unit, wanted):
            self.problems.append(f"{what} has {show(unit)}, expected {show(wanted)}")

    def units(self, node: object) -> pint.Unit | None:
        """Units of an expression; ``None`` for a bare number."""
        if isinstance(node, int | float):
            return None
        kind = node[0]
        if kind == "ref":
            return self.reference(node[1])
        if kind == "arith":
            return self.arithmetic(node[1], node[2])
        if kind == "logic":
            return self.logic(node[1], node[2])
        if kind == "call":
            return self.call(node[1], node[2])
        if kind == "initial":
            return self.units(node[1])
        if kind == "integ":
            return self.units(node[2])
        self.problems.append(f"{node[1]} is not covered by the unit check")
        return None

    def reference(self, name: str) -> pint.Unit | None:
        if name == "Time":
            return self.time
        if name not in self.declared:
            self.problems.append(f"unknown variable {name!r}")
            return None
        return self.declared[name]  # None if its own units are unreadable (reported there)

    def arithmetic(self, operators: tuple, arguments: tuple) -> pint.Unit | None:
        if operators == ("negative",):
            return self.units(arguments[0])
        result = self.units(arguments[0])
        for op, arg in zip(operators, arguments[1:], strict=True):
            if op == "^":
                result = self.power(result, arg)
                continue
            right = self.units(arg)
            if op in "+-":
                result = self.agree(f"'{op}'", [result, right])
            elif result is None and right is None:
                result = None
            elif op == "*":
                result = (result or self.dmnl) * (right or self.dmnl)
            else:
                result = (result or self.dmnl) / (right or self.dmnl)
        return result

    def power(self, base: pint.Unit | None, exponent: object) -> pint.Unit | None:
        self.expect("an exponent", self.units(exponent), self.dmnl)
        if base is None or same_dimension(base, self.dmnl):
            return base
        value = self.value(exponent)
        if value is None:
            self.problems.append(f"power of {show(base)} with an exponent that is not a model constant")
            return base
        return base**value

    def logic(self, operators: tuple, arguments: tuple) -> pint.Unit:
        units = [self.units(a) for a in arguments]
        if operators[0] in (":AND:", ":OR:", ":NOT:"):
            for unit in units:
                self.expect(f"an operand of {operators[0]}", unit, self.dmnl)
        else:
            self.agree(f"comparison '{operators[0]}'", units)
        return self.dmnl

    def call(self, function: str, arguments: tuple) -> pint.Unit | None:
        name = function.upper().replace("_", " ")
        for index in TIME_ARGUMENTS.get(function, ()):
            if index < len(arguments):
                self.expect(f"{name} time argument {index + 1}", self.units(arguments[index]), self.time)
        if function == "if_then_else":
            self.units(arguments[0])
            return self.agree(name, [self.units(a) for a in arguments[1:]])
        if function in ("min", "max", "modulo"):
            return self.agree(name, [self.units(a) for a in arguments])
        if function in DIMENSIONLESS_FUNCTIONS:
            for arg in arguments:
                self.expect(f"the argument of {name}", self.units(arg), self.dmnl)
            return self.dmnl
        if function in SAME_AS_ARGUMENT or function == "step":
            return self.units(arguments[0])
        if function == "pulse":
            return self.dmnl
        if function == "ramp":
            return self.arithmetic(("*",), (arguments[0], ("ref", "Time")))
        if function in ("zidz", "xidz"):
            ratio = self.arithmetic(("/",), arguments[:2])
            if function == "xidz":
                ratio = self.agree("XIDZ's fallback", [ratio, self.units(arguments[2])])
            return ratio
        if function == "sqrt":
            unit = self.units(arguments[0])
            return None if unit is None else unit**0.5
        self.problems.append(f"function {name} is not covered by the unit check")
        return None


def _check_one(deriver: _Deriver, name: str, units: str, expression: object) -> UnitIssue | None:
    """Check one equation; an issue if its derived units differ from the declared ones."""
    try:
        declared = parse_units(units, deriver.ureg)
    except UnitsError as error:
        return UnitIssue(name, units, "", str(error))
    deriver.problems = []
    if isinstance(expression, tuple) and expression[0] == "integ":
        flow = deriver.units(expression[1])
        deriver.expect("the flow", flow, declared / deriver.time)
        initial = deriver.units(expression[2])
        deriver.expect("the initial value", initial, declared)
        derived = None if flow is None else flow * deriver.time
    else:
        derived = deriver.units(expression)
        deriver.expect("the equation", derived, declared)
    if not deriver.problems:
        return None
    return UnitIssue(name, units, show(derived), "; ".join(deriver.problems))


def check_equations(equations: Mapping[str, tuple[str, object]],
                    ureg: pint.UnitRegistry | None = None) -> UnitReport:
    """Check every equation of a model.

    Parameters
    ----------
    equations : Mapping
        Variable name -> (declared units string, syntax tree as produced by
        :func:`model.engine.equations.abstract_equations`).
    ureg : pint.UnitRegistry, optional
        Unit definitions; ``data/units.txt`` if omitted.

    Returns
    -------
    UnitReport
        Number of equations checked and one issue per inconsistent variable
        (declared units, derived units, what disagrees).

    """
    deriver = _Deriver(equations, ureg or registry())
    issues = [_check_one(deriver, name, units, expr) for name, (units, expr) in equations.items()]
    return UnitReport(checked=len(equations), issues=tuple(i for i in issues if i is not None))


def check_model(mdl_path: Path = MDL_PATH) -> UnitReport:
    """Parse a ``.mdl`` file with PySD and check the units of all its equations."""
    from model.engine.equations import abstract_equations

    equations = abstract_equations(mdl_path)
    return check_equations({name: (eq.units, eq.expression) for name, eq in equations.items()})
