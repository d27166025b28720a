"""The public API stated in model/__init__.py: every name resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import model


def test_every_public_name_resolves():
    for name in model.__all__:
        assert getattr(model, name) is not None, name
    with pytest.raises(AttributeError):
        model.no_such_name  # noqa: B018


def test_importing_the_package_loads_neither_pysd_nor_streamlit():
    code = "import sys, model, model.base.lang; print('pysd' in sys.modules, 'streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
