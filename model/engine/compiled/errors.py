"""The one error the generator raises for a model it cannot compile."""

from __future__ import annotations


class UnsupportedConstruct(Exception):
    """The model uses a construct the compiled engine does not generate.

    Parameters
    ----------
    construct : str
        What is not supported (e.g. ``"DELAY FIXED"``, ``"subscripts"``).
    variable : str
        The model variable whose equation uses it.

    """

    def __init__(self, construct: str, variable: str):
        self.construct = construct
        self.variable = variable
        super().__init__(f"compiled engine does not support {construct} (in variable '{variable}')")
