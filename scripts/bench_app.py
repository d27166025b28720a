"""Measure the app as a person meets it: first-load time and lever-to-chart latency.

Starts the app on 127.0.0.1 with ``streamlit run``, drives Debian's headless
Chromium through Playwright and prints, each with the machine's load average
(1, 5, 15 minutes) when it was measured:

* first load: from navigation until the answer is drawn (the verdict, the goals
  not met and the main chart), for the first session of a fresh server process
  (cold: the model is loaded) and the median over ``--loads`` new sessions of
  the warm server, each in a new browser context with an empty cache (a first
  visit: the browser fetches the app's scripts, about 70 files, six at a time),
  and in a new tab of a browser that has opened the app before (its cache kept:
  a leader coming back);
* lever-to-chart latency: from a key press on a slider until the main chart is
  redrawn with new data, median over ``--moves`` presses (each to a value not
  seen before, so no kept result is reused);
* overlapping sessions: several sessions pressing a slider at the same moment,
  time until every one of them shows its new chart.

Usage: ``python scripts/bench_app.py [--loads 10] [--moves 10] [--sessions 4]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from harness import CHROMIUM, launch_chromium, start_app, stop_app
from simulator_page import (
    MAIN_CHART,
    SIGNATURE_JS,
    chart_signature,
    open_app,
    open_group,
    press_and_time,
    slider,
    wait_idle,
)

LEVER = "lever__investment_promotion"
#: A link to the 2020 stance (investment promotion at its default, so a press lowers it to 15).
STANCE = "/?lang=vi&mix=2020"


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes."""
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def summary(values: list[float]) -> str:
    """Median, p90 and max in milliseconds."""
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (f"median {1000 * statistics.median(ordered):.0f} ms, p90 {1000 * p90:.0f} ms, "
            f"max {1000 * ordered[-1]:.0f} ms (n={len(ordered)})")


def overlapping(browser, url: str, sessions: int) -> float:
    """Seconds until ``sessions`` sessions that press a slider at once all show new charts."""
    pages = [open_app(browser, url + STANCE)[0] for _ in range(sessions)]
    before = []
    for page in pages:
        open_group(page, "III.4")
        slider(page, LEVER).focus()
        before.append(chart_signature(page, MAIN_CHART))
    start = time.perf_counter()
    for page in pages:
        page.keyboard.press("ArrowLeft")
    for page, signature in zip(pages, before, strict=True):
        page.wait_for_function("location.search.includes('investment_promotion=15')", timeout=60_000)
        wait_idle(page)
        page.wait_for_function(f"({SIGNATURE_JS})('{MAIN_CHART}') !== {json.dumps(signature)}", timeout=60_000)
    elapsed = time.perf_counter() - start
    for page in pages:
        page.context.close()
    return elapsed


def new_tab_load(browser, url: str, loads: int) -> list[float]:
    """Seconds to the answer for ``loads`` new sessions, each a new tab of one browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.new_page().goto(url)  # a first visit fills the cache
    times = []
    for _ in range(loads):
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        wait_idle(page)
        times.append(time.perf_counter() - start)
        page.close()
    context.close()
    return times


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=10, help="new sessions to time on the warm server")
    parser.add_argument("--moves", type=int, default=10, help="slider moves to time")
    parser.add_argument("--sessions", type=int, default=4, help="overlapping sessions")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (install Debian's chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        process, url = start_app(Path(folder) / "workshop.sqlite", log_path=Path(folder) / "streamlit.log")
        server_start = time.perf_counter() - started
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                first, cold = open_app(browser, url)
                cold_load = load_average()
                first.context.close()
                warm = []
                for _ in range(args.loads):
                    page, seconds = open_app(browser, url)
                    warm.append(seconds)
                    page.context.close()
                warm_load = load_average()
                tabs = new_tab_load(browser, url, args.loads)
                tabs_load = load_average()
                page, _ = open_app(browser, url + STANCE)
                open_group(page, "III.4")
                before = chart_signature(page, MAIN_CHART)
                latencies = [press_and_time(page, LEVER) for _ in range(args.moves)]
                assert chart_signature(page, MAIN_CHART) != before
                moves_load = load_average()
                together = overlapping(browser, url, args.sessions)
                browser.close()
        finally:
            stop_app(process)
    print(f"server start (process to health check): {server_start:.2f} s")
    print(f"first load, cold server (navigation to the answer drawn): {cold:.2f} s ({cold_load})")
    print(f"first load, warm server (a new session, empty browser cache): {summary(warm)} ({warm_load})")
    print(f"first load, warm server (a new session in a new tab, browser cache kept): {summary(tabs)} "
          f"({tabs_load})")
    print(f"lever-to-chart latency (key press to redrawn main chart, new values): {summary(latencies)} "
          f"({moves_load})")
    print(f"{args.sessions} overlapping sessions pressing at once, until all redrawn: {together:.2f} s "
          f"({load_average()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
