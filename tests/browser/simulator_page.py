"""What a person sees on the simulator page, read through Playwright (used by tests and scripts/bench_app.py)."""

from __future__ import annotations

import time

APP_IDLE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'notRunning'"
#: The answer is drawn: the verdict, the goals not met, the main chart and the scoreboard below.
CHART_READY = ("(document.querySelector('.st-key-chart_main canvas')?.width || 0) > 0"
               " && !!document.querySelector('.st-key-verdict [data-testid=\"stMetricValue\"]')"
               " && !!document.querySelector('.st-key-missed')"
               " && !!document.querySelector('.st-key-section')")
#: The chart whose redraw is timed after a slider move.
MAIN_CHART = "main"

#: JavaScript: a signature of what a chart shows (its canvas pixels, or SVG geometry).
SIGNATURE_FN = """(name) => {
  const box = document.querySelector('.st-key-chart_' + name);
  if (!box) return '';
  const canvases = Array.from(box.querySelectorAll('canvas'));
  if (canvases.length) return canvases.map(c => c.toDataURL()).join('|');
  return Array.from(box.querySelectorAll('svg path')).map(p => p.getAttribute('d') || '').join('|');
}"""
SIGNATURE_JS = SIGNATURE_FN

#: JavaScript: arm a timer; ``window.__latency`` becomes the time (ms) from the next key press
#: until the chart shows something else (checked every animation frame).
ARM_JS = """(name) => {
  const signature = """ + SIGNATURE_FN + """;
  const before = signature(name);
  window.__latency = null;
  let pressed = null;
  document.addEventListener('keydown', () => { if (pressed === null) pressed = performance.now(); },
                            {capture: true, once: true});
  const check = () => {
    if (pressed !== null && signature(name) !== before) {
      window.__latency = performance.now() - pressed;
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}"""


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app's script has finished and the key chart is drawn."""
    page.wait_for_function(f"({APP_IDLE}) && ({CHART_READY})", timeout=timeout_ms)
    page.wait_for_timeout(150)
    page.wait_for_function(APP_IDLE, timeout=timeout_ms)


def open_app(browser, url: str, width: int = 1400, height: int = 1000):
    """A new browser context (= a new session) on ``url``; returns (page, seconds to first full draw)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_idle(page)
    return page, time.perf_counter() - start


def open_group(page, prefix: str) -> None:
    """Expand the lever group whose title starts with ``prefix`` (e.g. "III.4")."""
    details = page.locator("[data-testid='stExpander'] details", has=page.locator("summary", has_text=prefix)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    details.locator("input[type='range']").first.wait_for(state="visible")


def slider(page, key: str):
    """The slider thumb of widget ``key``."""
    return page.locator(f".st-key-{key} input[type='range']")


def slider_text(page, key: str) -> str:
    """The value a person reads on the slider."""
    return slider(page, key).get_attribute("aria-valuetext") or ""


def scoreboard_text(page, year: int) -> str:
    """The visible text of one scoreboard table."""
    return page.locator(f".st-key-scoreboard_{year} table").inner_text()


def chart_signature(page, name: str) -> str:
    """What a chart shows (its pixels; changes when its data changes)."""
    return page.evaluate(SIGNATURE_JS, name)


def press_and_time(page, key: str, button: str = "ArrowRight", timeout_ms: int = 30_000) -> float:
    """Press ``button`` on slider ``key``; seconds until the main chart redraws with new data."""
    slider(page, key).focus()
    page.evaluate(ARM_JS, MAIN_CHART)
    page.keyboard.press(button)
    page.wait_for_function("window.__latency !== null", timeout=timeout_ms)
    latency = page.evaluate("window.__latency") / 1000.0
    wait_idle(page)
    return latency


def show_section(page, name: str) -> None:
    """Show the simulator's lower section whose button reads ``name`` and wait for it."""
    page.locator(".st-key-section").get_by_text(name, exact=True).click()
    page.wait_for_timeout(200)
    wait_idle(page)


def switch_language(page, name: str) -> None:
    """Click the language choice ``name`` ("Tiếng Việt" or "English") and wait for the page."""
    page.locator(".st-key-lang").get_by_text(name, exact=True).click()
    page.wait_for_timeout(200)
    page.wait_for_function(APP_IDLE)
