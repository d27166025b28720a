"""One strict reader for the project's TOML data files.

A file is read against a schema: the tables it may hold and, for each entry,
its fields with their type, whether they are required and the values they may
take. Anything else is an error whose message names the file, the entry and
the key: an unknown key (with the closest valid one), a missing field, a value
of the wrong type, a value outside its choices, an entry listed twice. So a
typo such as ``rule = "avg_grwth"`` stops the program instead of quietly
meaning something else.

Field kinds
-----------
``"text"`` a string; ``"float"`` an integer or float, returned as a float;
``"number"`` an integer or float, returned as written; ``"int"`` an integer;
``"flag"`` a boolean; ``"texts"`` a string or a list of strings, returned as a
tuple; ``"list"`` a list; ``"table"`` a table.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from model.base.names import did_you_mean

KINDS = ("text", "float", "number", "int", "flag", "texts", "list", "table")


class CatalogueError(ValueError):
    """A data file is inconsistent; the message names the file, the entry and the key."""


@dataclass(frozen=True)
class Field:
    """One field of an entry.

    Attributes
    ----------
    name : str
        Key in the file.
    kind : str
        One of :data:`KINDS`.
    required : bool
        Whether every entry must give it.
    default : object
        Value of an optional field that is not given.
    choices : tuple
        The values it may take (any if empty).

    """

    name: str
    kind: str = "text"
    required: bool = True
    default: object = None
    choices: tuple = ()


def optional(name: str, kind: str = "text", default: object = None, choices: tuple = ()) -> Field:
    """A field that may be left out (``default`` then)."""
    return Field(name, kind, required=False, default=default, choices=choices)


@dataclass(frozen=True)
class Schema:
    """The entries of one array of tables (``[[lever]]``) or one table (``[settings]``).

    Attributes
    ----------
    table : str
        Key of the array of tables or table in the file; also the entry's name in messages.
    fields : tuple of Field
        Allowed keys.
    key : str
        Field that names an entry (``"id"``); entries must not repeat it. Empty
        for a single table.

    """

    table: str
    fields: tuple[Field, ...]
    key: str = ""

    def field_names(self) -> list[str]:
        """The allowed keys, in order."""
        return [f.name for f in self.fields]


def read_toml(path: str | Path, error: type[Exception] = CatalogueError) -> dict:
    """The parsed file; ``error`` naming the file if it is missing or not TOML."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None
    except OSError as problem:
        raise error(f"{path}: cannot read: {problem.strerror or problem}") from None


def check_tables(path: str | Path, data: Mapping, allowed: Iterable[str],
                 error: type[Exception] = CatalogueError) -> None:
    """Refuse top-level keys that are not ``allowed``."""
    allowed = list(allowed)
    for key in data:
        if key not in allowed:
            raise error(f"{path}: {key}: unknown table{did_you_mean(key, allowed, list_as='valid')}")


def _typed(value: object, field: Field) -> object:
    """``value`` converted to the field's kind; ``None`` if it is not of that kind."""
    kind = field.kind
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text":
        return value if isinstance(value, str) else None
    if kind == "float":
        return float(value) if number else None
    if kind == "number":
        return value if number else None
    if kind == "int":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "flag":
        return value if isinstance(value, bool) else None
    if kind == "texts":
        if isinstance(value, str):
            return (value,)
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return tuple(value) if ok else None
    if kind == "list":
        return value if isinstance(value, list) else None
    return value if isinstance(value, dict) else None


def _value(where: str, entry: Mapping, field: Field, error: type[Exception]) -> object:
    if field.name not in entry:
        if field.required:
            raise error(f"{where}: {field.name}: missing")
        return field.default
    raw = entry[field.name]
    value = _typed(raw, field)
    if value is None:
        raise error(f"{where}: {field.name} = {raw!r}: expected {field.kind}")
    if field.choices and value not in field.choices:
        raise error(f"{where}: {field.name} must be one of {', '.join(map(str, field.choices))}, got {raw!r}")
    return value


def check_entry(where: str, entry: Mapping, fields: Iterable[Field],
                error: type[Exception] = CatalogueError) -> dict:
    """One entry checked against ``fields``: name -> value, optional fields filled in.

    Parameters
    ----------
    where : str
        How messages name the entry (``"levers.toml: lever public_infrastructure"``).
    entry : Mapping
        The entry as parsed.
    fields : iterable of Field
        Its allowed keys.
    error : type
        Exception raised (a :class:`CatalogueError` by default).

    """
    fields = list(fields)
    names = [f.name for f in fields]
    if not isinstance(entry, Mapping):
        raise error(f"{where}: expected a table, got {entry!r}")
    for key in entry:
        if key not in names:
            raise error(f"{where}: {key}: unknown key{did_you_mean(key, names, list_as='valid')}")
    return {f.name: _value(where, entry, f, error) for f in fields}


def _entry_name(schema: Schema, entry: object, index: int) -> str:
    if schema.key and isinstance(entry, Mapping) and isinstance(entry.get(schema.key), str):
        return f"{schema.table} {entry[schema.key]}"
    return f"{schema.table} #{index + 1}"


def entries(path: str | Path, data: Mapping, schema: Schema,
            error: type[Exception] = CatalogueError) -> list[dict]:
    """Every entry of the array of tables ``schema.table`` (none if absent), checked, in file order.

    Raises
    ------
    CatalogueError
        (or ``error``) for an unknown key, a missing field, a wrong type, a
        value outside its choices or an entry listed twice.

    """
    raw = data.get(schema.table, [])
    if not isinstance(raw, list):
        raise error(f"{path}: {schema.table}: expected [[{schema.table}]] entries")
    out, seen = [], set()
    for index, entry in enumerate(raw):
        where = f"{path}: {_entry_name(schema, entry, index)}"
        record = check_entry(where, entry, schema.fields, error)
        if schema.key:
            if record[schema.key] in seen:
                raise error(f"{where}: listed twice")
            seen.add(record[schema.key])
        out.append(record)
    return out


def table(path: str | Path, data: Mapping, schema: Schema, error: type[Exception] = CatalogueError) -> dict:
    """The single table ``schema.table`` (empty if absent), checked."""
    return check_entry(f"{path}: [{schema.table}]", data.get(schema.table, {}), schema.fields, error)
