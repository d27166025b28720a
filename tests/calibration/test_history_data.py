"""Checks on the tidy history table model/data/history.csv."""

import csv
import math
from collections import defaultdict

import pytest

from model.base.paths import HISTORY_PATH

HISTORY = HISTORY_PATH
COLUMNS = [
    "series",
    "year",
    "value",
    "unit",
    "quality",
    "price_basis",
    "vintage",
    "used_in_fit",
    "source",
    "note",
]
QUALITY = {"official", "estimate", "derived"}
PRICE_BASIS = {"2010", "1994", "current", "none"}


@pytest.fixture(scope="module")
def table():
    with HISTORY.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    return header, rows


def test_loads_with_exact_columns(table):
    header, rows = table
    assert header == COLUMNS
    assert len(rows) > 0
    for row in rows:
        assert None not in row, "row with more fields than the header"
        assert all(row[c] is not None for c in COLUMNS), "row with fewer fields than the header"


def test_allowed_values(table):
    _, rows = table
    for row in rows:
        assert row["quality"] in QUALITY, row
        assert row["price_basis"] in PRICE_BASIS, row
        assert row["vintage"] == "pre2021", row
        assert row["used_in_fit"] in {"0", "1"}, row
        assert row["series"] and row["series"] == row["series"].strip().lower(), row
        assert " " not in row["series"], row
        assert row["unit"].strip(), row


def test_year_format(table):
    _, rows = table
    for row in rows:
        parts = row["year"].split("-")
        assert len(parts) in (1, 2), row
        assert all(p.isdigit() and len(p) == 4 for p in parts), row


def test_one_price_basis_per_series(table):
    _, rows = table
    bases = defaultdict(set)
    for row in rows:
        bases[row["series"]].add(row["price_basis"])
    mixed = {s: b for s, b in bases.items() if len(b) > 1}
    assert not mixed


def test_one_unit_per_series(table):
    _, rows = table
    units = defaultdict(set)
    for row in rows:
        units[row["series"]].add(row["unit"])
    assert not {s: u for s, u in units.items() if len(u) > 1}


def test_every_row_has_source(table):
    _, rows = table
    for row in rows:
        assert row["source"].strip(), row


def test_duplicates_have_exactly_one_fit_row(table):
    _, rows = table
    fitted_series = {row["series"] for row in rows if row["used_in_fit"] == "1"}
    groups = defaultdict(list)
    for row in rows:
        groups[(row["series"], row["year"])].append(row)
    for key, group in groups.items():
        if len(group) > 1:
            n_fit = sum(r["used_in_fit"] == "1" for r in group)
            # a fitted series is fitted to one figure a year; a series kept for
            # reference only (a model input) is fitted to none
            assert n_fit == (1 if key[0] in fitted_series else 0), key
            assert all(r["note"].strip() for r in group), key


def test_values_finite(table):
    _, rows = table
    for row in rows:
        assert math.isfinite(float(row["value"])), row


def test_fit_rows_within_model_period(table):
    _, rows = table
    for row in rows:
        if row["used_in_fit"] == "1":
            years = [int(p) for p in row["year"].split("-")]
            assert min(years) >= 2010 and max(years) <= 2020, row
            assert row["price_basis"] in {"2010", "none", "current"}, row


def test_fit_rows_not_in_other_price_bases(table):
    _, rows = table
    for row in rows:
        if row["used_in_fit"] == "1" and row["price_basis"] == "current":
            # current prices are fitted only for shares and for the model's
            # current-price indicators (named *_current)
            assert row["unit"].startswith("%") or row["series"].endswith("_current"), row
