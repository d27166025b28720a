"""A facilitator and six teams, each in its own browser context, play the guide's first round to the debrief.

Checks what the room sees: the facilitator's address holds no secret once the
page has loaded, the projector view shows the join link on the public address
and no control, and the board has six distinct, labelled lines whose labels do
not overlap. With ``QN_GUIDE_SCREENSHOTS=1`` the pictures of the guide are
written to ``docs/screenshots/``; otherwise to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
from itertools import combinations

import pytest
from harness import PROJECT_DIR, start_app, stop_app
from test_workshop_browser import TIMEOUT_MS, by_key, by_key_part, click, open_page, settle

from model.catalogue.loops import load_loops

pytestmark = pytest.mark.browser

PUBLIC = "http://192.168.50.7:8501"
GOAL_COLOUR = "#2e7d32"
#: Six teams and how each moves its sliders: lever id -> keys pressed on its slider.
TEAMS = {
    "Bình Sơn": {"refinery_expansion_year": ["Home"], "supporting_industry_priority": ["End"],
                 "public_infrastructure": ["ArrowRight"] * 2, "investment_promotion": ["End"],
                 "investment_incentives": ["End"], "admin_reform": ["End"], "vocational_training": ["End"]},
    "Sơn Tịnh": {"refinery_expansion_year": ["Home"], "supporting_industry_priority": ["End"],
                 "investment_promotion": ["End"], "investment_incentives": ["End"], "admin_reform": ["End"],
                 "vocational_training": ["End"]},
    "Tư Nghĩa": {"investment_promotion": ["End"]},
    "Mộ Đức": {"refinery_expansion_year": ["Home"], "admin_reform": ["End"]},
    "Đức Phổ": {},
    "Lý Sơn": {"public_infrastructure": ["End"], "vocational_training": ["End"]},
}
PREDICTIONS = ("9", "8,5", "7", "7,5", "8", "10")


def pictures():
    """Where the guide's screenshots go."""
    if os.environ.get("QN_GUIDE_SCREENSHOTS") == "1":
        return PROJECT_DIR / "docs" / "screenshots"
    folder = PROJECT_DIR / "artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def picture(page, name: str, full_page: bool = True, locator=None) -> None:
    settle(page)
    page.mouse.move(5, 5)
    page.wait_for_timeout(1200)
    (locator or page).screenshot(path=pictures() / name, **({"full_page": full_page} if locator is None else {}))


@pytest.fixture
def public_server(tmp_path, monkeypatch):
    """A server of its own whose public address is set (as in a training room)."""
    monkeypatch.setenv("QN_PUBLIC_URL", PUBLIC)
    process, url = start_app(tmp_path / "workshop.sqlite3", log_path=tmp_path / "streamlit.log")
    try:
        yield url
    finally:
        stop_app(process)


def no_secret_in_address(page) -> None:
    page.wait_for_function("!location.search.includes('fac=') && !location.search.includes('ws=')",
                           timeout=TIMEOUT_MS)


def join_and_submit(browser, url: str, code: str, name: str, moves: dict, prediction: str, phone: bool):
    size = {"width": 390, "height": 844} if phone else {"width": 1000, "height": 1600}
    team = open_page(browser, f"{url}/workshop?join={code}", **size)
    by_key(team, "ws_team_name_input", "input").fill(name)
    click(team, by_key(team, "ws_join", "button"))
    by_key_part(team, "ws_prediction_", "", "input").wait_for(timeout=TIMEOUT_MS)
    settle(team)
    for lever, keys in moves.items():
        thumb = by_key_part(team, "ws_lever_", f"_{lever}", "input[type='range']")
        thumb.focus()
        for key in keys:
            thumb.press(key)
        settle(team)
    field = by_key_part(team, "ws_prediction_", "", "input")
    field.fill(prediction)
    field.press("Tab")
    return team


def line_marks(page) -> tuple[set[str], list[str], list[dict]]:
    """Colours of the team lines, texts of the line-end labels and their boxes, in the board's lines chart."""
    chart = by_key(page, "ws_board_lines")
    strokes = set(chart.locator("g.mark-line path").evaluate_all(
        "nodes => nodes.map(n => (n.getAttribute('stroke') || '').toLowerCase())"))
    texts = chart.locator("g.mark-text.role-mark text")
    names = texts.evaluate_all("nodes => nodes.map(n => n.textContent)")
    return strokes - {GOAL_COLOUR, ""}, names, [texts.nth(i).bounding_box() for i in range(texts.count())]


def overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_a_facilitator_and_six_teams_play_round_one_to_the_debrief(public_server, browser):
    url = public_server
    fac = open_page(browser, f"{url}/workshop", height=1100)
    by_key(fac, "ws_session_title_input", "input").fill("Tập huấn Nghị quyết công nghiệp")
    click(fac, by_key(fac, "ws_create", "button"))
    no_secret_in_address(fac)
    code = by_key(fac, "ws_join_code", "[data-testid='stMetricValue']").inner_text().strip()
    assert by_key(fac, "ws_join_link").inner_text().strip() == f"{PUBLIC}/workshop?join={code}&lang=vi"

    click(fac, by_key(fac, "ws_preset_growth_2030", "button"))
    by_key(fac, "ws_reach").get_by_text(re.compile("Có thể đạt với các giải pháp đã mở")).wait_for(timeout=TIMEOUT_MS)
    picture(fac, "workshop_02_setup.png", locator=by_key(fac, "ws_setup"))
    click(fac, by_key(fac, "ws_open_round", "button"))
    by_key(fac, "ws_close", "button").wait_for(timeout=TIMEOUT_MS)

    click(fac, by_key(fac, "ws_projector_on", "button"))
    by_key(fac, "ws_join_qr", "img").wait_for(timeout=TIMEOUT_MS)
    controls = "[class*='st-key-ws_close'], [class*='st-key-ws_open'], [class*='st-key-ws_preset'], .st-key-ws_reveal"
    assert fac.locator(controls).count() == 0 and fac.locator("[data-testid='stExpander']").count() == 0
    assert "fac=" not in fac.locator("[data-testid='stMain']").inner_text()
    picture(fac, "workshop_03_projector.png", full_page=False)

    teams = []
    for i, (name, moves) in enumerate(TEAMS.items()):
        team = join_and_submit(browser, url, code, name, moves, PREDICTIONS[i], phone=i == 0)
        if i == 0:
            team.set_viewport_size({"width": 390, "height": 1500})
            picture(team, "workshop_04_team.png", full_page=False)
        click(team, by_key_part(team, "ws_submit_", "", "button"))
        team.get_by_text(re.compile("Bài của nhóm đã được lưu")).wait_for(timeout=TIMEOUT_MS)
        teams.append(team)

    fac.get_by_text("6/6 nhóm đã nộp bài.").wait_for(timeout=TIMEOUT_MS)
    click(fac, fac.locator(".st-key-ws_projector_off button"))
    click(fac, by_key(fac, "ws_close_reveal", "button"))
    fac.get_by_text(re.compile("Vòng 1 · đã công bố")).wait_for(timeout=TIMEOUT_MS)
    click(fac, by_key(fac, "ws_projector_on", "button"))
    by_key(fac, "ws_board_lines", "g.mark-text.role-mark text").first.wait_for(timeout=TIMEOUT_MS)
    settle(fac)
    colours, labels, boxes = line_marks(fac)
    assert len(colours) == 6, colours
    assert sorted(labels) == sorted(TEAMS)
    assert not [(a, b) for (a, ba), (b, bb) in combinations(zip(labels, boxes, strict=True), 2) if overlap(ba, bb)]
    no_secret_in_address(fac)
    fac.set_viewport_size({"width": 1400, "height": 1900})
    picture(fac, "workshop_05_board.png", full_page=False)

    click(fac, by_key(fac, "ws_view", "button").filter(has_text="Thảo luận"))
    by_key(fac, "debrief_predictions").wait_for(timeout=TIMEOUT_MS)
    by_key(fac, "debrief_ranking", "svg path").first.wait_for(timeout=TIMEOUT_MS)
    text = fac.locator("[data-testid='stMain']").inner_text()
    assert "nhóm đạt mục tiêu" in text and "Dự đoán sát nhất" in text
    fac.set_viewport_size({"width": 1400, "height": 3000})
    picture(fac, "workshop_06_debrief.png", full_page=False)

    by_key(teams[0], "ws_own_result_1").wait_for(timeout=TIMEOUT_MS)
    teams[0].set_viewport_size({"width": 390, "height": 2400})
    picture(teams[0], "workshop_07_team_result.png", full_page=False)
    for page in [fac, *teams]:
        page.context.close()


def test_how_it_works_highlights_a_loop_on_the_diagram(public_server, browser):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{public_server}/how-it-works")
    page.locator(".st-key-about_loop input").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.locator(".st-key-about_loop input").click()
    page.keyboard.type("Quỹ đất có hạ tầng")
    option = page.get_by_role("option").first
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    option.click()
    settle(page)
    page.locator(".st-key-about_view_serviced_land input").click()  # the sector that holds the land stocks
    page.keyboard.type("Quỹ đất có hạ tầng")
    option = page.get_by_role("option").first
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    option.click()
    settle(page)
    image = page.locator(".qn-diagram img")
    image.wait_for(timeout=TIMEOUT_MS)
    source = image.get_attribute("src")
    assert source.startswith("data:image/svg+xml;base64,")
    import base64

    svg = base64.b64decode(source.split(",", 1)[1]).decode("utf-8")
    lit = set(re.findall(r'<text data-var="([^"]+)"[^>]*class="lit"', svg))
    loop = next(item for item in load_loops() if item.id == "serviced_land")
    assert lit and lit <= set(loop.variables) and "free serviced land" in lit
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.locator(".st-key-about_loop").scroll_into_view_if_needed()
    picture(page, "about_loop.png", full_page=False)
    page.context.close()
