"""Writing result files safely: never overwrite without consent, never leave half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from model.base.errors import UserError


class OutputError(UserError):
    """A result file cannot be written; the message names it."""


def check_target(path: str | Path, force: bool = False) -> Path:
    """Refuse an existing file unless ``force``; refuse a missing parent directory."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to replace it")
    if not path.parent.exists():
        raise OutputError(f"{path}: directory {path.parent} does not exist")
    return path


def write_atomic(path: str | Path, data: str | bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory."""
    path = check_target(path, force)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {error}") from None
    return path


def prepare_directory(path: str | Path) -> Path:
    """Create an output directory (parents included) if needed."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create directory: {error}") from None
    return path
