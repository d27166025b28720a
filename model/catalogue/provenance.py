"""Where each model constant comes from, read from its comment in the ``.mdl`` file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.catalogue.parameters import calibrated_params
from model.engine.simulator import model_info

LABELS = (
    ("Policy lever", "lever"),
    ("External assumption", "external assumption"),
    ("Historical stance", "historical stance"),
    ("Calibrated", "calibrated"),
    ("Assumption", "assumption"),
    ("Derived", "derived"),
    ("Source", "source"),
    ("Normalising", "normalising"),
    ("Calendar constant", "calendar"),
)
RANGE = re.compile(r"(?i)range\s+(-?\d[\d,]*(?:\.\d+)?)\s*-\s*(-?\d[\d,]*(?:\.\d+)?)")


@dataclass(frozen=True)
class ConstantInfo:
    """A model constant and its provenance.

    Attributes
    ----------
    name : str
        Variable name in the model.
    value : float
        Value used by default (the calibrated value where one exists).
    model_value : float
        Value written in the ``.mdl`` file.
    units : str
        Units declared in the model.
    provenance : str
        One of the labels in :data:`LABELS` (lower case).
    low, high : float or None
        Plausible range stated in the comment, if any.
    comment : str
        The full comment.
    """

    name: str
    value: float
    model_value: float
    units: str
    provenance: str
    low: float | None
    high: float | None
    comment: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def classify(comment: str) -> str:
    """Provenance label of a comment (first label that appears at its start or in it)."""
    for label, name in LABELS:
        if comment.lstrip().startswith(label):
            return name
    for label, name in LABELS:
        if label in comment:
            return name
    return "unlabelled"


def constants() -> list[ConstantInfo]:
    """Every model constant with its value, units, provenance and stated range."""
    info = model_info()
    calibrated = calibrated_params()
    out = []
    for name, model_value in info.constants.items():
        comment = " ".join(info.comments[name].split())
        match = RANGE.search(comment)
        out.append(ConstantInfo(
            name=name, value=calibrated.get(name, model_value), model_value=model_value,
            units=info.units[name], provenance=classify(comment),
            low=_number(match.group(1)) if match else None, high=_number(match.group(2)) if match else None,
            comment=comment,
        ))
    return out
