"""Hostile user text in a real browser: no link, image, formula or colour from user text, no request leaves.

Team names, the session title and share-link values that would render as
Markdown are written into the workshop database (and the URL); the
facilitator's three views, a team's revealed view and the simulator's link
warning are opened in headless Chromium. The page must contain no link or
image pointing at the probe host, no KaTeX formula and no coloured text, and
the browser must never ask the probe host for anything.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from test_workshop_browser import TIMEOUT_MS, by_key, click, settle

pytestmark = pytest.mark.browser

HOST = "probe.invalid"
NAMES = [
    f"![b](http://{HOST}/x.png)",
    f"[Reveal now](http://{HOST}/)",
    "$\\int_0^1 x$",
    ":red[alarm]",
    f"<img src=http://{HOST}/i.png>",
    f"www.{HOST}/x",
    f"<http://{HOST}/a>",
    "`tick` **bold**",
]
TITLE = f"[Workshop](http://{HOST}/t) :blue[title]"


@pytest.fixture
def hostile_server(tmp_path):
    from harness import start_app, stop_app

    from model.workshop import service
    from model.workshop.store import Store

    store = Store(tmp_path / "hostile.sqlite3")
    session, secret = service.create_session(store, TITLE, "en")
    key = service.FacilitatorKey(session.id, secret)
    service.open_round(store, key, "ind_va_growth", ["investment_promotion"])
    teams = []
    for i, name in enumerate(NAMES):
        team, token = service.join_team(store, session.code, name)
        teams.append(service.TeamKey(team.id, token))
        service.submit(store, teams[-1], {"investment_promotion": 20 * i}, 5.0 + i)
    process, url = start_app(store.path, log_path=tmp_path / "streamlit.log")
    try:
        yield url, store, key, teams
    finally:
        stop_app(process)


def to_probe_host(url: str) -> bool:
    return (urlsplit(url).hostname or "").endswith(HOST)


def watched_page(browser, url: str):
    """A page whose requests to the probe host are recorded (and blocked)."""
    page = browser.new_context(viewport={"width": 1400, "height": 2000}).new_page()
    leaked = []
    page.route(to_probe_host, lambda route: (leaked.append(route.request.url), route.abort()))
    page.on("request", lambda request: to_probe_host(request.url) and leaked.append(request.url))
    page.goto(url)
    page.locator("[data-testid='stApp']").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    return page, leaked


def main_text(page) -> str:
    """The page's visible text as read (word joiners, which break bare addresses, left out)."""
    return page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")


def assert_inert(page, leaked) -> None:
    page.wait_for_timeout(500)
    main = page.locator("[data-testid='stMain']")
    links = main.locator(f"a[href*='{HOST}']").evaluate_all("nodes => nodes.map(n => n.parentElement.outerHTML)")
    assert links == []
    assert main.locator(f"img[src*='{HOST}']").count() == 0
    assert main.locator(".katex").count() == 0
    colours = main.locator("span[style*='color']").evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert not [c for c in colours if "alarm" in c or "title" in c]
    assert leaked == []


def test_facilitator_views_render_hostile_text_inert(hostile_server, browser):
    url, _, key, _ = hostile_server
    page, leaked = watched_page(browser, f"{url}/workshop?ws={key.session_id}&fac={key.secret}&lang=en")
    by_key(page, "ws_join_code").wait_for(timeout=TIMEOUT_MS)
    assert TITLE in main_text(page)  # the title, shown as typed
    assert_inert(page, leaked)
    for view in ("Debrief", "Teams"):
        click(page, by_key(page, "ws_view", "button").filter(has_text=view))
        assert_inert(page, leaked)
    shown = main_text(page)
    for name in NAMES:  # the teams view lists every name as typed
        assert name in shown, name
    page.context.close()


def test_team_view_after_the_reveal_renders_hostile_text_inert(hostile_server, browser):
    from model.workshop import service

    url, store, key, teams = hostile_server
    service.reveal(store, key)
    page, leaked = watched_page(browser, f"{url}/workshop?team={teams[0].team_id}&tk={teams[0].token}&lang=en")
    as_shown = "\u2060?".join(re.escape(char) for char in NAMES[0])  # plain() breaks bare addresses
    page.locator("[data-testid='stMain']").get_by_text(re.compile(as_shown)).first.wait_for(timeout=TIMEOUT_MS)
    assert_inert(page, leaked)
    page.context.close()


@pytest.mark.parametrize("value", [f"`x` [go](http://{HOST}/p)", f"![i](http://{HOST}/i.png)"])
def test_share_link_values_render_inert(hostile_server, browser, value):
    url = hostile_server[0]
    query = f"lang=en&admin_reform={quote(value)}&investment_promotoin={quote(value)}"
    page, leaked = watched_page(browser, f"{url}/?{query}")
    page.locator("[data-testid='stAlertContentWarning']").first.wait_for(timeout=TIMEOUT_MS)
    assert_inert(page, leaked)
    page.context.close()
