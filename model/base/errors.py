"""The project's own errors: each carries a one-line message meant for the user, never a traceback.

:class:`ReportedError` is the root: the command line prints its message in one
line (exit status 2) and every page of the app shows one line in the user's
language instead of a traceback. :class:`UserError` is bad input from the
user; errors of a particular kind of input (a scenario file, an output file)
derive from it. Other packages derive their own errors from these
(the workshop's :class:`~model.workshop.store.StoreError` for a database that
cannot be used, :class:`~model.workshop.rules.WorkshopError` for bad input).
"""

from __future__ import annotations


class ReportedError(Exception):
    """An error the project reports to the user in one line (never as a traceback)."""


class UserError(ReportedError):
    """Bad input from the user: reported in one line, exit status 2.

    Errors of a particular kind of input (a scenario file, an output file)
    derive from it, so the command line reports all of them the same way.
    """
