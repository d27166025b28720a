"""The model's dependency graph from PySD, on real names (for the diagrams and the loop checks).

A loaded PySD model lists, per Python identifier, the identifiers its equation
uses (``Model.dependencies``); stocks and ``INITIAL`` values appear there as
internal objects (``_integ_x``, ``_initial_x``) whose ``initial`` and ``step``
parts list what they use. :func:`model_dependencies` resolves those objects
and maps identifiers back to Vensim names through ``Model.namespace``. The
rate of every stock comes from PySD's abstract model (:mod:`model.engine.equations`).
Everything else about diagrams is in :mod:`model.report.diagram`, which does not
import PySD and turns this plain data into a
:class:`~model.report.diagram.graph.ModelGraph`.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from model.base.paths import MDL_PATH
from model.engine.equations import abstract_equations
from model.engine.simulator import _load, translate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pysd
    from pysd.translators.vensim.vensim_file import VensimFile


def _resolve(names: object, table: dict, seen: frozenset[str]) -> set[str]:
    """Model identifiers among ``names``, internal objects replaced by what they use."""
    found: set[str] = set()
    for name in names or {}:
        if not name.startswith("_"):
            found.add(name)
        elif name not in seen:
            parts = table.get(name) or {}
            for part in ("initial", "step"):
                found |= _resolve(parts.get(part), table, seen | {name})
    return found


def model_dependencies(mdl_path: Path = MDL_PATH) -> dict[str, frozenset[str]]:
    """Every model variable -> the variables its equation uses, on real names.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model (translated once per content hash, see :func:`model.engine.translate`).

    Returns
    -------
    dict
        Real name -> frozenset of real names (``"Time"`` for time, the variable
        itself left out). Control variables are included.

    """
    pysd_model = _load(translate(Path(mdl_path)))
    real = {py: name for name, py in pysd_model.namespace.items()}
    table = pysd_model.dependencies
    result = {}
    for name, identifier in pysd_model.namespace.items():
        if identifier == "time":
            continue
        used = {real.get(item, item) for item in _resolve(table.get(identifier), table, frozenset())}
        result[name] = frozenset(used - {name})
    return result


def stock_rates(mdl_path: Path = MDL_PATH) -> dict[str, object]:
    """Every stock -> the rate of its ``INTEG`` (tuple form of :mod:`model.engine.equations`)."""
    rates = {}
    for name, equation in abstract_equations(Path(mdl_path)).items():
        if isinstance(equation.expression, tuple) and equation.expression[0] == "integ":
            rates[name] = equation.expression[1]
    return rates


@lru_cache(maxsize=4)
def model_structure(mdl_path: Path = MDL_PATH, stamp: float = 0.0) -> tuple[MappingProxyType, MappingProxyType]:
    """Dependencies and stock rates of a model, read-only (cached per process, path and ``stamp``).

    ``stamp`` is the file's modification time (any value that changes with the
    file), so an edited model is read again.
    """
    return MappingProxyType(model_dependencies(mdl_path)), MappingProxyType(stock_rates(mdl_path))


def pysd_views(mdl_path: Path = MDL_PATH) -> dict[str, frozenset[str]]:
    """The views PySD reads from the sketch: view name -> Python names of its (non-shadow) variables."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vensim_file = VensimFile(Path(mdl_path))
        vensim_file.parse()
        vensim_file.parse_sketch([])
    return {view: frozenset(names) for view, names in (vensim_file.sections[0].views_dict or {}).items()}


def translate_split_views(mdl_path: Path, work_dir: Path):
    """Translate a copy of the model with one Python module per view and load it.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.
    work_dir : Path
        An empty directory for the copy and its translation.

    Returns
    -------
    pysd.py_backend.model.Model
        The loaded modular model.

    """
    copy = Path(work_dir) / Path(mdl_path).name
    copy.write_bytes(Path(mdl_path).read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pysd.read_vensim(str(copy), split_views=True)
