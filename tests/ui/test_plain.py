import string

import pytest

from ui.plain import plain

HOSTILE = [
    "![b](http://host/x.png)",
    "[Reveal now](http://example.org)",
    "$x^2$",
    ":red[alarm]",
    "`code` **bold** _it_",
    "<img src=x onerror=alert(1)>",
    "line one\nline two",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_punctuation_character_is_escaped(text):
    shown = plain(text)
    for position, char in enumerate(shown):
        if char in string.punctuation and char != "\\":
            assert shown[position - 1] == "\\", (text, shown)
    assert "\n" not in shown


def test_plain_text_without_punctuation_is_unchanged():
    assert plain("Đội Sông Trà 2") == "Đội Sông Trà 2"
