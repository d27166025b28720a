"""The compiled engine: the model as numba-compiled code, PySD as the reference.

Modules, by concern: :mod:`.source` reads the ``.mdl`` through PySD's
translator; :mod:`.expressions` turns its abstract syntax into Python
expressions; :mod:`.statefuls` writes the stocks, smooths and delays;
:mod:`.ordering` sorts the equations; :mod:`.emit` writes the module;
:mod:`.build` caches and compiles it; :mod:`.timegrid` reproduces PySD's time
grid; :mod:`.runners` runs it; :mod:`.selector` picks the engine.
"""

from model.compiled.errors import UnsupportedConstruct
from model.compiled.selector import Engine, engine_for

__all__ = ["Engine", "UnsupportedConstruct", "engine_for"]
