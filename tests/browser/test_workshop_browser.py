"""Workshop mode in a real browser: a facilitator and a team (two browser contexts) run one round end to end."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

APP_IDLE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'notRunning'"
TIMEOUT_MS = 60_000


def settle(page) -> None:
    """Wait until the app's script (and any fragment run) has finished."""
    page.wait_for_function(APP_IDLE, timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)
    page.wait_for_function(APP_IDLE, timeout=TIMEOUT_MS)


def open_page(browser, url: str, width: int = 1400, height: int = 1000):
    """A new browser context (its own Streamlit session) on ``url``."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    page.get_by_role("heading", name=re.compile("Hội thảo mô phỏng chính sách")).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    return page


def by_key(page, key: str, inner: str = ""):
    """Elements inside the widget or container with Streamlit key ``key``."""
    return page.locator(f".st-key-{key} {inner}".strip())


def by_key_part(page, start: str, end: str = "", inner: str = ""):
    """Elements inside the widget whose key starts with ``start`` and ends with ``end`` (round ids vary)."""
    ending = f"[class*='{end}']" if end else ""  # [class*=''] would match nothing
    return page.locator(f"[class*='st-key-{start}']{ending} {inner}".strip()).first


def shot(page, path) -> None:
    """Screenshot once the page has finished drawing (code blocks and chips render a moment after the run)."""
    settle(page)
    page.mouse.move(5, 5)  # no hover toolbars in the picture
    page.wait_for_timeout(1000)
    page.screenshot(path=path, full_page=True)


def click(page, locator) -> None:
    locator.click()
    settle(page)


def test_one_round_end_to_end(app_server, browser, screenshot_dir):
    facilitator = open_page(browser, f"{app_server}/workshop", height=2200)
    by_key(facilitator, "ws_session_title_input", "input").fill("Tập huấn Nghị quyết công nghiệp")
    click(facilitator, by_key(facilitator, "ws_create", "button"))
    code = by_key(facilitator, "ws_join_code", "[data-testid='stMetricValue']").inner_text().strip()
    assert re.fullmatch(r"[A-HJ-KM-NP-Z2-9]{6}", code)
    assert "fac=" in facilitator.url and "ws=" in facilitator.url
    shot(facilitator, screenshot_dir / "ws_01_facilitator_session_vi.png")

    team = open_page(browser, f"{app_server}/workshop?join={code}", width=1100, height=2000)
    assert by_key(team, "ws_join_code_input", "input").input_value() == code
    by_key(team, "ws_team_name_input", "input").fill("Đội Dung Quất")
    click(team, by_key(team, "ws_join", "button"))
    team.get_by_text("Chờ người điều phối mở vòng 1").wait_for(timeout=TIMEOUT_MS)
    assert "tk=" in team.url and "fac=" not in team.url
    shot(team, screenshot_dir / "ws_02_team_joined_vi.png")

    click(facilitator, by_key(facilitator, "ws_open_round", "button"))
    by_key(facilitator, "ws_close", "button").wait_for(timeout=TIMEOUT_MS)
    shot(facilitator, screenshot_dir / "ws_03_round_open_vi.png")

    # The team's page notices the open round by itself (polling fragment) and shows the entry form.
    thumb = by_key_part(team, "ws_lever_", "_investment_promotion", "input[type='range']")
    thumb.wait_for(timeout=TIMEOUT_MS)
    settle(team)
    assert thumb.get_attribute("aria-valuetext").startswith("20")
    thumb.focus()
    for _ in range(6):
        team.keyboard.press("ArrowRight")
    assert thumb.get_attribute("aria-valuetext") == "50"  # 20 + 6 steps of 5 bn VND/yr
    prediction = by_key_part(team, "ws_prediction_", "", "input")
    prediction.fill("6,5")
    prediction.press("Tab")
    click(team, by_key_part(team, "ws_submit_", "", "button"))
    team.get_by_text(re.compile("Bài của nhóm đã được lưu")).wait_for(timeout=TIMEOUT_MS)
    assert not [label for label in team.locator("[data-testid='stMetricLabel']").all_inner_texts()
                if label.startswith("Mô phỏng")]  # no simulated result while the round is open
    shot(team, screenshot_dir / "ws_04_team_submitted_vi.png")

    # The facilitator's board refreshes by itself and shows the entry, the lines and the prediction chart.
    facilitator.get_by_text("1/1 nhóm đã nộp bài.").wait_for(timeout=TIMEOUT_MS)
    by_key(facilitator, "ws_board_lines", "svg path").first.wait_for(timeout=TIMEOUT_MS)
    by_key(facilitator, "ws_board_predictions", "svg path").first.wait_for(timeout=TIMEOUT_MS)
    settle(facilitator)
    shot(facilitator, screenshot_dir / "ws_05_facilitator_board_vi.png")

    click(facilitator, by_key(facilitator, "ws_close_reveal", "button"))
    facilitator.get_by_text(re.compile("Vòng 1 · đã công bố")).wait_for(timeout=TIMEOUT_MS)

    # The team's page reloads on the reveal: its prediction against the simulated result, and everyone's lines.
    by_key(team, "ws_own_result_1").wait_for(timeout=TIMEOUT_MS)
    by_key(team, "ws_reveal_1_lines", "svg path").first.wait_for(timeout=TIMEOUT_MS)
    settle(team)
    labels = team.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert "Dự đoán (%/năm)" in labels and "Mô phỏng (%/năm)" in labels
    assert by_key(team, "ws_own_result_1").inner_text().count("6,5") >= 1  # Vietnamese decimal comma
    shot(team, screenshot_dir / "ws_06_team_reveal_vi.png")

    click(facilitator, by_key(facilitator, "ws_view", "button").filter(has_text="Thảo luận"))
    facilitator.get_by_text(re.compile("Câu hỏi gợi ý cho thảo luận")).wait_for(timeout=TIMEOUT_MS)
    shot(facilitator, screenshot_dir / "ws_07_facilitator_debrief_vi.png")

    facilitator.context.close()
    team.context.close()


#: Six teams' mixes for a seeded round (a spread of choices, so that some meet the goal and some do not).
SEEDED = {
    "Đội Bình Sơn": {"investment_promotion": 120, "public_infrastructure": 1200, "admin_reform": 50},
    "Đội Sơn Tịnh": {"investment_promotion": 60, "public_infrastructure": 400, "admin_reform": 50},
    "Đội Tư Nghĩa": {"investment_promotion": 200, "public_infrastructure": 400, "admin_reform": 0},
    "Đội Mộ Đức": {"investment_promotion": 0, "public_infrastructure": 900, "admin_reform": 15},
    "Đội Đức Phổ": {"investment_promotion": 60, "public_infrastructure": 1200, "admin_reform": 15},
    "Đội Lý Sơn": {"investment_promotion": 200, "public_infrastructure": 1000, "admin_reform": 30},
}


@pytest.fixture
def seeded_server(tmp_path):
    """A server of its own on a database where a session with six entries was written by this process."""
    from harness import start_app, stop_app

    from model.workshop import service
    from model.workshop.store import Store

    store = Store(tmp_path / "seeded.sqlite3")
    session, secret = service.create_session(store, "Tập huấn: tăng trưởng GRDP 2021-2025", "vi")
    key = service.FacilitatorKey(session.id, secret)
    open_levers = ["investment_promotion", "public_infrastructure", "admin_reform"]
    service.open_round(store, key, "grdp_growth_2025", open_levers, objective="meet_lowest_cost",
                       base_scenario="resolution")
    for i, (name, mix) in enumerate(SEEDED.items()):
        team, token = service.join_team(store, session.code, name)
        service.submit(store, service.TeamKey(team.id, token), mix, 5.5 + 0.5 * i)
    process, url = start_app(store.path, log_path=tmp_path / "streamlit.log")
    try:
        yield url, key
    finally:
        stop_app(process)


def test_facilitator_board_and_debrief_with_six_teams(seeded_server, browser, screenshot_dir):
    url, key = seeded_server
    page = open_page(browser, f"{url}/workshop?ws={key.session_id}&fac={key.secret}", height=2400)
    page.get_by_text("6/6 nhóm đã nộp bài.").wait_for(timeout=TIMEOUT_MS)
    by_key(page, "ws_board_cost", "svg path").first.wait_for(timeout=TIMEOUT_MS)  # cost round: cost chart
    shot(page, screenshot_dir / "ws_08_board_six_teams_vi.png")

    click(page, by_key(page, "ws_close_reveal", "button"))
    click(page, by_key(page, "ws_view", "button").filter(has_text="Thảo luận"))
    page.get_by_text(re.compile("Câu hỏi gợi ý cho thảo luận")).wait_for(timeout=TIMEOUT_MS)
    shot(page, screenshot_dir / "ws_09_debrief_six_teams_vi.png")

    click(page, page.locator(".st-key-lang").get_by_text("English", exact=True))
    page.get_by_text(re.compile("Questions for the debrief")).wait_for(timeout=TIMEOUT_MS)
    shot(page, screenshot_dir / "ws_10_debrief_six_teams_en.png")
    page.context.close()
