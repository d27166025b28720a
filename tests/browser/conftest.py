"""Fixtures for real-browser tests: a served app, headless Chromium, a screenshot folder.

Browser tests are marked ``@pytest.mark.browser``; they are skipped, with the
reason, only when Debian's Chromium is not installed (CI installs the
``chromium`` and ``chromium-driver`` packages).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from harness import CHROMIUM, PROJECT_DIR, launch_chromium, start_app, stop_app

SCREENSHOT_DIR = PROJECT_DIR / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: install Debian's chromium and chromium-driver")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Base URL of the app served on 127.0.0.1 for the whole test session."""
    folder = tmp_path_factory.mktemp("app_server")
    process, url = start_app(folder / "workshop.sqlite", log_path=folder / "streamlit.log")
    try:
        yield url
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """artifacts/screenshots/ (git-ignored), created if needed."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
