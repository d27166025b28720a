"""Writing result files safely: never overwrite without consent, never leave half a file.

One file is written through a temporary file in its directory and renamed into
place (:func:`write_atomic`). Several files that belong together (a table and
its charts) are written as a set (:class:`FileSet`): every target is checked
before anything is written, the files are written into a temporary folder in
the same parent directory, and they are moved into place only when all of
them are complete. A failure on the way leaves the output directory as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from model.base.errors import UserError


class OutputError(UserError):
    """A result file cannot be written; the message names it."""


def _reason(error: OSError) -> str:
    """The system's reason for an error, without the path (the message names the path once)."""
    return error.strerror or type(error).__name__


def check_target(path: str | Path, force: bool = False) -> Path:
    """Refuse an existing file unless ``force``; refuse a missing or unusable parent directory."""
    path = Path(path)
    try:
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name")
        if path.exists() and not force:
            raise OutputError(f"{path}: already exists; choose another name or add --force to replace it")
        parent = path.parent
        if not parent.exists():
            raise OutputError(f"{path}: directory {parent} does not exist")
        if not parent.is_dir():
            raise OutputError(f"{path}: {parent} is not a directory")
    except OSError as error:
        raise OutputError(f"{path}: cannot use this file name: {_reason(error)}") from None
    return path


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _write_file(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a new file ``path`` with the usual permissions (raises OSError)."""
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as handle:
        handle.write(data)
    os.chmod(path, 0o666 & ~_umask())


def write_atomic(path: str | Path, data: str | bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory."""
    path = check_target(path, force)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
        os.close(fd)
        os.unlink(tmp)
        _write_file(Path(tmp), data)
        os.replace(tmp, path)
    except OSError as error:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {_reason(error)}") from None
    return path


def prepare_directory(path: str | Path) -> Path:
    """Create an output directory (parents included) if needed."""
    path = Path(path)
    try:
        if path.exists() and not path.is_dir():
            raise OutputError(f"{path}: exists and is not a directory")
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create directory: {_reason(error)}") from None
    return path


def check_set(directory: str | Path, names, force: bool = False) -> Path:
    """Refuse an output directory that is a file, or any of ``names`` existing in it unless ``force``.

    Commands call it before a long computation, and :class:`FileSet` again before writing.
    """
    directory = Path(directory)
    try:
        if directory.exists() and not directory.is_dir():
            raise OutputError(f"{directory}: exists and is not a directory")
        if directory.parent.exists() and not directory.parent.is_dir():
            raise OutputError(f"{directory}: {directory.parent} is not a directory")
        existing = directory.is_dir()
    except OSError as error:
        raise OutputError(f"{directory}: cannot use this name: {_reason(error)}") from None
    for name in names if existing else ():
        check_target(directory / name, force)
    return directory


class FileSet:
    """Files written together into one output directory: all of them, or none.

    Parameters
    ----------
    directory : str or Path
        The output directory (created if missing, parents included).
    names : iterable of str
        Every file name the set will hold; each is checked before anything is
        written (an existing one is refused unless ``force``).
    force : bool
        Replace existing files of the same names.

    Use :meth:`write` for each file and :meth:`commit` at the end; until then
    the files are in a temporary folder next to ``directory``, which
    :meth:`discard` (or leaving a ``with`` block by an error) removes.
    """

    def __init__(self, directory: str | Path, names, force: bool = False):
        self.directory = Path(directory)
        self.names = tuple(dict.fromkeys(names))
        self.force = force
        self._check()
        parent = self.directory.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{self.directory.name[:40]}.", suffix=".tmp"))
            os.chmod(self._staging, 0o777 & ~_umask())
        except OSError as error:
            raise OutputError(f"{self.directory}: cannot write here: {_reason(error)}") from None

    def _check(self) -> None:
        check_set(self.directory, self.names, self.force)

    def write(self, name: str, data: str | bytes) -> Path:
        """Write one file of the set into the temporary folder; its final path is returned."""
        if name not in self.names:
            raise ValueError(f"{name}: not one of the set's files {self.names}")
        try:
            _write_file(self._staging / name, data)
        except OSError as error:
            self.discard()
            raise OutputError(f"{self.directory / name}: cannot write: {_reason(error)}") from None
        return self.directory / name

    def commit(self) -> list[Path]:
        """Move every written file into the output directory; the paths in the order given."""
        written = [name for name in self.names if (self._staging / name).exists()]
        try:
            self._check()
            if not self.directory.exists():
                os.rename(self._staging, self.directory)
                return [self.directory / name for name in written]
            for name in written:
                os.replace(self._staging / name, self.directory / name)
        except OSError as error:
            raise OutputError(f"{self.directory}: cannot write: {_reason(error)}") from None
        finally:
            self.discard()
        return [self.directory / name for name in written]

    def discard(self) -> None:
        """Remove the temporary folder and whatever is still in it."""
        shutil.rmtree(self._staging, ignore_errors=True)

    def __enter__(self) -> FileSet:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.discard()
