"""The how-it-works page: the diagram of each sector, and each feedback loop highlighted when chosen."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import pytest
from streamlit.testing.v1 import AppTest

from model.catalogue.loops import load_loops
from ui.plain import plain

TIMEOUT = 120
SVG = "{http://www.w3.org/2000/svg}"


def page(lang: str) -> AppTest:
    def script(lang: str) -> None:
        from ui.pages import about

        about.render(lang)

    return AppTest.from_function(script, args=(lang,), default_timeout=TIMEOUT).run()


def drawn_svg(at: AppTest) -> ET.Element:
    """The diagram the page shows, decoded from its image."""
    bodies = [node.proto.body for node in at.get("html") if "qn-diagram" in node.proto.body]
    assert len(bodies) == 1
    data = re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", bodies[0]).group(1)
    return ET.fromstring(base64.b64decode(data).decode("utf-8"))


def lit(svg: ET.Element) -> set[str]:
    return {node.get("data-var") for node in svg.iter(f"{SVG}text") if node.get("class") == "lit"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_loop_chosen_on_the_page_is_highlighted_on_its_sectors(lang):
    at = page(lang)
    assert not at.exception
    assert lit(drawn_svg(at)) == set()
    for loop in load_loops():
        at.selectbox(key="about_loop").set_value(loop.id).run()
        assert not at.exception
        seen: set[str] = set()
        for index in range(len(at.selectbox(key=f"about_view_{loop.id}").options)):
            box = at.selectbox(key=f"about_view_{loop.id}")
            at = box.select_index(index).run()
            found = lit(drawn_svg(at))
            assert found and found <= set(loop.variables), (loop.id, index)
            seen |= found
        assert seen == set(loop.variables), loop.id
        assert any(plain(loop.explain(lang))[:30] in node.value for node in at.info)
