"""The leader's answer and the meeting brief.

Modules: :mod:`~model.report.brief.answer` (the verdict per goal year, the
missed goals with the lever that closes most of each, and the "why" of every
goal, as data and text), :mod:`~model.report.brief.content` (what the brief
says), :mod:`~model.report.brief.docx` (Word) and :mod:`~model.report.brief.pdf`
(PDF, with the Unicode font shipped in ``fonts/``).
"""
