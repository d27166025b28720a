"""User-provided text shown as plain text inside Markdown.

Team names, scenario names and descriptions, share-link values and file names
come from users. Streamlit renders Markdown (links, images, LaTeX, colours) in
most of its elements, so every such string goes through :func:`plain` before it
is placed in a Markdown string: each ASCII punctuation character is escaped
with a backslash (CommonMark renders an escaped punctuation character as
itself), so the text can never open a link, an image, a code span, a formula
or a colour directive.
"""

from __future__ import annotations

import string

_ESCAPES = {ord(char): "\\" + char for char in string.punctuation}


def plain(text: object) -> str:
    """``text`` as a Markdown fragment that renders exactly as the text.

    Parameters
    ----------
    text : object
        Any value; it is converted with ``str`` first.

    Returns
    -------
    str
        The text with every ASCII punctuation character backslash-escaped and
        line breaks turned into spaces.

    """
    flat = " ".join(str(text).splitlines())
    return flat.translate(_ESCAPES)
