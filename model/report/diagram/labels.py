"""Labels of the diagram's variables in the app's languages.

The sketch holds the model's variable names, which are English. For the
Vietnamese diagram, ``labels_vi.toml`` (next to this module) gives each
variable name a short plain label, using the words of the rest of the app
(indicator, lever and goal names). English labels are the names themselves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

LABELS_VI_PATH = Path(__file__).with_name("labels_vi.toml")
_EMPTY: Mapping[str, str] = MappingProxyType({})


@cache
def _vietnamese() -> Mapping[str, str]:
    with LABELS_VI_PATH.open("rb") as handle:
        return MappingProxyType(tomllib.load(handle))


def labels(lang: str) -> Mapping[str, str]:
    """Variable name → label drawn for it in ``lang`` (empty for English: the name is the label)."""
    return _vietnamese() if lang == "vi" else _EMPTY


def label(name: str, table: Mapping[str, str] | None) -> str:
    """The label of ``name`` in ``table``, or the name itself where the table has none."""
    return (table or _EMPTY).get(name) or name
