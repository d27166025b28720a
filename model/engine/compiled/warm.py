"""Fill the compiled engine's cache: ``python -m model.engine.compiled.warm [MODEL.mdl]``.

Run on install, or started in the background by :func:`model.engine.compiled.selector.current`
at the first start after a model change, at a low priority so that the app
and commands keep their speed. It exits when both kernels are compiled (about
25 s of processor time), or at once when another process is already
building. Its exit status is 0 when the cache is ready and 1 when the model
cannot be compiled (the reason is printed and kept in the cache).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from model.base.paths import MDL_PATH
from model.engine.compiled.build import build, status
from model.engine.compiled.errors import UnsupportedConstruct

#: Added to the priority (``nice``) of a background build.
NICENESS = 10


def main(argv: list[str] | None = None) -> int:
    """Build the cache for the model named in ``argv`` (the project's model by default)."""
    args = sys.argv[1:] if argv is None else argv
    mdl_path = Path(args[0]) if args else MDL_PATH
    if status(mdl_path)[0] == "building":
        return 0
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    try:
        compiled = build(mdl_path)
    except UnsupportedConstruct as error:
        print(error, file=sys.stderr)
        return 1
    timings = compiled.timings
    print(f"compiled engine ready: generate {timings['generate_s']:.1f} s, single {timings['compile_s']:.1f} s, "
          f"batch {timings['batch_compile_s']:.1f} s ({compiled.directory})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
