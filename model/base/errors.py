"""Errors in what the user gave: reported in one line on the command line, exit status 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user: reported in one line, exit status 2.

    Errors of a particular kind of input (a scenario file, an output file)
    derive from it, so the command line reports all of them the same way.
    """
