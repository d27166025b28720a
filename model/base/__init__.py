"""What every layer stands on: file locations, languages, user errors, name matching.

Modules: :mod:`~model.base.paths` (where the project's files live),
:mod:`~model.base.lang` (the languages and the one way user-facing text is
looked up in them), :mod:`~model.base.errors` (:class:`UserError`, reported in
one line) and :mod:`~model.base.names` (the closest valid name for a typo).
Nothing here imports another package of the project, PySD or Streamlit.
"""
