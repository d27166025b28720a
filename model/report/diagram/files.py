"""Writing a set of files into a directory so that it appears complete or not at all.

The files are first written into a staging folder next to (or inside) the
target directory. A new directory is then the staging folder renamed. In an
existing directory each file is moved into place; files it replaces are set
aside first and put back if a move fails. Existing files are only replaced
with ``force``, as everywhere in the project (:mod:`model.output`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from model.report.output import OutputError


def _mode(path: Path, directory: bool) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if directory else 0o666) & ~umask)


def _check(directory: Path, names: list[str], force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: exists and is not a directory")
    if not directory.parent.exists():
        raise OutputError(f"{directory}: directory {directory.parent} does not exist")
    for name in names:
        if (directory / name).exists() and not force:
            raise OutputError(f"{directory / name}: already exists; choose another directory or add --force "
                              "to replace it")


def _move_in(staging: Path, directory: Path, names: list[str]) -> None:
    """Move staged files into an existing directory; on failure undo every move."""
    aside = staging / ".replaced"
    aside.mkdir()
    done: list[str] = []
    try:
        for name in names:
            if (directory / name).exists():
                os.replace(directory / name, aside / name)
            os.replace(staging / name, directory / name)
            done.append(name)
    except OSError:
        for name in done:
            (directory / name).unlink(missing_ok=True)
        for kept in aside.iterdir():
            os.replace(kept, directory / kept.name)
        raise


def write_files(directory: str | Path, files: dict[str, bytes], force: bool = False) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory``, all of them or none.

    Parameters
    ----------
    directory : str or Path
        Target directory; created (with no parents) if missing.
    files : dict
        File name -> content.
    force : bool
        Replace files that already exist.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    OutputError
        A file exists without ``force``, the parent directory is missing, or
        writing failed (then nothing is left behind).

    """
    directory = Path(directory)
    names = sorted(files)
    _check(directory, names, force)
    existed = directory.exists()
    try:
        staging = Path(tempfile.mkdtemp(dir=directory if existed else directory.parent, prefix=".diagram-"))
    except OSError as error:
        raise OutputError(f"{directory}: cannot write: {error}") from None
    try:
        for name in names:
            (staging / name).write_bytes(files[name])
            _mode(staging / name, False)
        if existed:
            _move_in(staging, directory, names)
        else:
            os.rename(staging, directory)
            _mode(directory, True)
    except OSError as error:
        raise OutputError(f"{directory}: cannot write: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in names]
