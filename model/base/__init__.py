"""What every layer stands on: file locations, languages, user errors, name matching.

Modules: :mod:`~model.base.paths` (where the project's files live),
:mod:`~model.base.lang` (the languages and the one way user-facing text is
looked up in them), :mod:`~model.base.errors` (:class:`ReportedError` and :class:`UserError`,
reported in one line), :mod:`~model.base.names` (the closest valid name for a
typo) and :mod:`~model.base.bounds` (whole-number options bounded before use).
Nothing here imports another package of the project, PySD or Streamlit.
"""
