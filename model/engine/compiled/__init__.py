"""The compiled engine: the model as numba-compiled code, PySD as the reference.

Modules, by concern: :mod:`.source` reads the ``.mdl`` through PySD's
translator; :mod:`.expressions` turns its abstract syntax into Python
expressions; :mod:`.statefuls` writes the stocks, smooths and delays;
:mod:`.ordering` sorts the equations; :mod:`.emit` writes the module;
:mod:`.build` caches and compiles it; :mod:`.timegrid` reproduces PySD's time
grid; :mod:`.runners` runs it; :mod:`.selector` picks the engine.
"""

from model.engine.compiled.errors import UnsupportedConstruct
from model.engine.compiled.selector import (
    ENGINE_HELP,
    ENGINES,
    Engine,
    EngineFallback,
    choose,
    chosen,
    current,
    engine_for,
    pysd_engine,
)

__all__ = ["ENGINES", "ENGINE_HELP", "Engine", "EngineFallback", "UnsupportedConstruct", "choose", "chosen", "current",
           "engine_for", "pysd_engine"]
