"""User-provided text shown as plain text inside Markdown.

Team names, scenario names and descriptions, share-link values and file names
come from users. Streamlit renders Markdown (links, images, LaTeX, colours) in
most of its elements, so every such string goes through :func:`plain` before it
is placed in a Markdown string: each ASCII punctuation character is escaped
with a backslash (CommonMark renders an escaped punctuation character as
itself), so the text can never open a link, an image, a code span, a formula
or a colour directive.

Escapes do not stop GitHub-flavoured Markdown from turning a bare address
(``http://…``, ``www.…``, ``name@host.org``) into a live link: that happens
after escapes are read. So an invisible word joiner (U+2060) is put inside
each such address (after ``:`` before ``//``, after ``www``, before ``@``):
the text looks the same but is no longer an address.
"""

from __future__ import annotations

import re
import string

_ESCAPES = {ord(char): "\\" + char for char in string.punctuation}
#: Invisible, zero-width; breaks an automatic link without changing what is read.
WORD_JOINER = "\u2060"
#: Places where GitHub-flavoured Markdown would start an automatic link.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\.)|(?=@)")


def plain(text: object) -> str:
    """``text`` as a Markdown fragment that renders exactly as the text.

    Parameters
    ----------
    text : object
        Any value; it is converted with ``str`` first.

    Returns
    -------
    str
        The text with every ASCII punctuation character backslash-escaped,
        line breaks turned into spaces and automatic links broken.

    """
    flat = " ".join(str(text).splitlines())
    return _AUTOLINK.sub(WORD_JOINER, flat).translate(_ESCAPES)
