"""The app in a real browser: load, move a slider, switch language, open share links, concurrent sessions."""

from __future__ import annotations

import re

import pytest
from simulator_page import (
    chart_signature,
    open_app,
    open_group,
    scoreboard_text,
    show_section,
    slider,
    slider_text,
    switch_language,
    wait_idle,
)

pytestmark = pytest.mark.browser


def share_link(page) -> str:
    return page.locator(".st-key-share_link code").inner_text().strip()


def test_first_visit_opens_on_the_resolution(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, app_server, width=1440, height=900)
    assert page.get_by_role("heading", name=re.compile("Mô phỏng phát triển công nghiệp")).is_visible()
    assert "admin_reform=30" in page.url  # the resolution's measures
    for key in ("verdict", "missed", "chart_main"):  # the answer on the first screen
        box = page.locator(f".st-key-{key}").bounding_box()
        assert box is not None and box["y"] < 900, key
    page.screenshot(path=screenshot_dir / "01_opening_vi.png")


def test_leader_session(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, f"{app_server}/?lang=vi&mix=2020")
    assert page.get_by_role("heading", name=re.compile("Mô phỏng phát triển công nghiệp")).is_visible()
    assert re.search(r"\d+,\d", scoreboard_text(page, 2025))  # Vietnamese decimals

    chart_before = chart_signature(page, "main")
    open_group(page, "III.4")
    key = "lever__investment_promotion"
    assert slider_text(page, key).startswith("20")
    slider(page, key).focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
        wait_idle(page)
    assert slider_text(page, key) == "60"
    assert chart_signature(page, "main") != chart_before
    page.wait_for_function("() => location.href.includes('investment_promotion=60')", timeout=15_000)  # link follows
    page.screenshot(path=screenshot_dir / "02_lever_moved_vi.png")

    page.locator(".st-key-main_indicator input").click()
    page.keyboard.type("Tỷ trọng công nghiệp trong GRDP")
    page.keyboard.press("Enter")
    wait_idle(page)
    switch_language(page, "English")
    wait_idle(page)
    assert page.get_by_role("heading", name=re.compile("Quang Ngai industrial development simulator")).is_visible()
    assert slider_text(page, "lever__refinery_expansion_year") == "2030 (default)"  # values survive the switch
    assert page.locator(".st-key-main_indicator input").input_value().startswith("Industry share of GRDP")
    assert page.locator(".st-key-scenario_select input").input_value() == "Baseline: the 2020 stance"
    text = scoreboard_text(page, 2025)
    assert "Simulated" in text and ("missed" in text or "met" in text)
    assert re.search(r"\d\.\d", text) and not re.search(r"\d,\d(?!\d\d)", text)  # English decimals only
    assert slider_text(page, key) == "60"
    page.screenshot(path=screenshot_dir / "03_simulator_en.png")

    show_section(page, "Share, download")
    link = share_link(page)
    assert "lang=en" in link and "investment_promotion=60" in link
    show_section(page, "All goals")
    restored, _ = open_app(browser, link)
    open_group(restored, "III.4")
    assert slider_text(restored, key) == "60"
    assert scoreboard_text(restored, 2030) == scoreboard_text(page, 2030)
    restored.screenshot(path=screenshot_dir / "04_share_link_restored_en.png")


def test_tampered_link_shows_a_warning(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, f"{app_server}/?lang=vi&admin_reform=999&talent_attraction=abc&pollution_screen=0.5")
    alert = page.locator("[data-testid='stAlert']").first
    assert "Cải cách thủ tục hành chính" in alert.inner_text() and "Thu hút nhân tài" in alert.inner_text()
    assert "pollution_screen=0.5" in page.url
    page.screenshot(path=screenshot_dir / "05_tampered_link_vi.png")


def test_full_page_and_how_it_works(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, f"{app_server}/?lang=vi", height=4300)
    page.screenshot(path=screenshot_dir / "06_full_page_vi.png")
    page.get_by_role("link", name="Cách mô hình hoạt động").click()
    page.get_by_role("heading", name="Mô hình hoạt động như thế nào").wait_for()
    switch_language(page, "English")
    page.get_by_role("heading", name="How the model works").wait_for()
    page.get_by_text("Stock-and-flow diagram and feedback loops").first.wait_for()
    page.screenshot(path=screenshot_dir / "07_how_it_works_en.png", full_page=False)


def test_overlapping_sessions_see_only_their_own_results(app_server, browser, screenshot_dir):
    queries = ["lang=vi&investment_promotion=60", "lang=vi&admin_reform=30&global_fdi_climate=0.7",
               "lang=en&refinery_expansion_year=2029", "lang=vi&steel_utilisation=0.75"]
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in queries]
    pages = [context.new_page() for context in contexts]
    for page, query in zip(pages, queries, strict=True):
        page.goto(f"{app_server}/?{query}", wait_until="commit")  # all sessions start at once
    for page in pages:
        wait_idle(page)
    for page in pages:  # overlapping reruns: press on every page before waiting for any
        open_group(page, "III.1")
    for page in pages:
        slider(page, "lever__supporting_industry_priority").focus()
        page.keyboard.press("ArrowRight")
    for page in pages:
        wait_idle(page)
    for page in pages:
        assert "supporting_industry_priority=0.25" in page.url
        reference, _ = open_app(browser, page.url)  # the same settings, alone
        assert scoreboard_text(reference, 2025) == scoreboard_text(page, 2025)
        assert scoreboard_text(reference, 2030) == scoreboard_text(page, 2030)
        reference.context.close()
    pages[0].screenshot(path=screenshot_dir / "08_concurrent_session.png")
    for context in contexts:
        context.close()


def test_load_scenario_and_compare(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, f"{app_server}/?lang=en&mix=2020", height=1400)
    page.locator(".st-key-scenario_select input").click()
    page.keyboard.type("Resolution carried")
    page.keyboard.press("Enter")
    page.locator(".st-key-scenario_load button").click()
    page.wait_for_function("location.search.includes('admin_reform=30')")
    wait_idle(page)
    assert page.get_by_text("Loaded “Resolution carried out”.").is_visible()
    show_section(page, "Compare")
    page.locator(".st-key-save_name input").fill("Resolution as written")
    page.locator(".st-key-save_button button").click()
    wait_idle(page)
    chips = page.locator(".st-key-compare_select .react-aria-ComboBox [data-tag]")
    for picked, name in enumerate(("Resolution as written", "Baseline: the 2020 stance"), start=1):
        page.locator(".st-key-compare_select input").click()
        page.keyboard.type(name)
        option = page.get_by_role("option").filter(has_text=name).first
        option.wait_for(state="visible", timeout=30_000)
        option.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.st-key-compare_select .react-aria-ComboBox [data-tag]').length >= n",
            arg=picked, timeout=30_000)
        wait_idle(page)
    assert chips.count() == 2
    page.keyboard.press("Escape")
    table = page.locator(".st-key-compare_table table")
    table.wait_for()
    assert "Resolution as written" in table.inner_text() and "Baseline: the 2020 stance (shipped)" in table.inner_text()
    page.locator(".st-key-chart_compare canvas").wait_for()
    page.locator(".st-key-compare_table").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "09_compare_en.png")


def test_budget_flag_and_how_sure_panel(app_server, browser, screenshot_dir):
    costly = ("public_infrastructure=1200&science_technology_support=400&talent_attraction=3000"
              "&sme_modernisation=300&vocational_training=40000&budget_binds=0")
    page, _ = open_app(browser, f"{app_server}/?lang=vi&{costly}", height=2300)
    show_section(page, "Chi phí")
    flag = page.locator(".st-key-budget_flag [data-testid='stAlert']")
    assert flag.inner_text().startswith("Vượt khả năng cân đối")
    page.locator(".st-key-budget_flag").screenshot(path=screenshot_dir / "11_budget_flag_vi.png")
    show_section(page, "Mức chắc chắn")
    panel = page.locator(".st-key-how_sure")
    assert panel.locator(".st-key-how_sure_2025").count() == 0  # nothing computed while closed
    panel.locator("label").filter(has_text="Tính độ chắc chắn").click()
    panel.locator(".st-key-how_sure_chart canvas").wait_for(state="visible", timeout=60_000)
    wait_idle(page)
    assert "Trong 1.000 kịch bản có thể xảy ra" in panel.inner_text()
    assert re.search(r"\d+%", panel.locator(".st-key-how_sure_2025 table").inner_text())
    panel.screenshot(path=screenshot_dir / "10_how_sure_vi.png")


def test_phone_reads_the_answer(app_server, browser, screenshot_dir):
    page, _ = open_app(browser, app_server, width=390, height=844)
    verdict = page.locator(".st-key-verdict [data-testid='stMetric']")
    assert verdict.count() == 3
    assert all(verdict.nth(i).bounding_box()["width"] >= 90 for i in range(3))  # no word-per-line column
    chart = page.locator(".st-key-chart_main").bounding_box()
    assert chart["y"] < 3 * 844  # the main chart within three screens
    page.locator(".st-key-scoreboard_2025 table").first.wait_for(timeout=60_000)  # drawn after the answer
    widths = page.evaluate("() => Array.from(document.querySelectorAll('.st-key-scoreboard_2025 table,"
                           " .st-key-scoreboard_2030 table')).map(t => [t.scrollWidth, t.parentElement.clientWidth])")
    assert widths and all(inner <= outer + 1 for inner, outer in widths)  # no column cut off
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=screenshot_dir / "12_phone_vi.png")
