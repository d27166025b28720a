"""Screenshots of the simulator's opening screen, and the page's height.

Serves the app on 127.0.0.1, opens a new session in Debian's headless Chromium
(through Playwright) at 1440×900 (desktop) and 390×844 (phone) in Vietnamese
and in English, and writes what fits on the first screen to
``docs/screenshots/opening_<lang>_<desktop|phone>.png``. Prints the height of
each page (px) and whether the verdict, the goals not met and the main chart
start within the first screen.

Usage: ``python scripts/screenshots.py [--out docs/screenshots]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from harness import CHROMIUM, launch_chromium, start_app, stop_app
from simulator_page import wait_idle

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
LANGUAGES = {"vi": "", "en": "?lang=en"}
PARTS = ("verdict", "missed", "chart_main")
#: JavaScript: the page's full height (the scrolling main area), px.
HEIGHT_JS = ("() => Math.max(...Array.from(document.querySelectorAll('[data-testid=\"stMain\"], "
             "[data-testid=\"stAppViewContainer\"], section.main, body')).map(e => e.scrollHeight))")
#: JavaScript: the top and bottom of a keyed element relative to the viewport, px.
BOX_JS = ("(key) => { const r = document.querySelector('.st-key-' + key).getBoundingClientRect();"
          " return [r.top, r.bottom]; }")


def shoot(browser, url: str, lang: str, size: str, out: Path) -> dict:
    """Open a new session, wait for the answer, write the screenshot; return the measures."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url + LANGUAGES[lang])
    wait_idle(page)
    page.wait_for_timeout(500)
    path = out / f"opening_{lang}_{size}.png"
    page.screenshot(path=str(path))
    boxes = {part: page.evaluate(BOX_JS, part) for part in PARTS}
    measures = {"file": str(path), "page_height": page.evaluate(HEIGHT_JS), "boxes": boxes}
    context.close()
    return measures


def main() -> int:
    """Write the screenshots and print the measures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder of the screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (install Debian's chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        process, url = start_app(Path(folder) / "workshop.sqlite", log_path=Path(folder) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for lang in LANGUAGES:
                    for size in SIZES:
                        m = shoot(browser, url, lang, size, out)
                        screen = SIZES[size][1]
                        tops = ", ".join(f"{k} {v[0]:.0f}-{v[1]:.0f}" for k, v in m["boxes"].items())
                        print(f"{lang} {size}: page {m['page_height']} px ({m['page_height'] / screen:.1f} screens);"
                              f" {tops} px; {m['file']}")
                browser.close()
        finally:
            stop_app(process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
