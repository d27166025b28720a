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


@pytest.mark.parametrize("text", ["http://probe.invalid/x", "see https://a.b", "www.probe.invalid", "WWW.A.B",
                                  "mail me@probe.invalid", "xmpp:me@probe.invalid"])
def test_bare_addresses_are_broken_by_an_invisible_joiner(text):
    shown = plain(text)
    assert "://" not in shown.replace("\\", "") and "www." not in shown.replace("\\", "").lower()
    assert "\u2060" in shown
    assert shown.replace("\\", "").replace("\u2060", "") == text  # reads exactly as typed


def test_plain_text_keeps_its_letters_and_loses_line_breaks():
    assert plain("Nhóm\nMột") == "Nhóm Một" and plain(12) == "12"
