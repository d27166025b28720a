"""Share links: settings <-> query parameters, validated on decode."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from model.catalogue.levers import defaults, levers_by_id
from ui import sharelink


def test_encode_keeps_only_changed_settings_and_language():
    settings = {**defaults(), "public_infrastructure": 900.0, "fdi_quality_priority": 0.6}
    assert sharelink.encode(settings, "en") == {"lang": "en", "public_infrastructure": "900",
                                                "fdi_quality_priority": "0.6"}


def test_round_trip_through_a_url():
    settings = {**defaults(), "admin_reform": 30.0, "steel_utilisation": 0.98, "refinery_expansion_year": 2029.0}
    url = sharelink.share_url("http://127.0.0.1:8501", sharelink.encode(settings, "vi"))
    assert url.startswith("http://127.0.0.1:8501/?")
    decoded = sharelink.decode(dict(parse_qsl(urlsplit(url).query)))
    assert decoded.problems == [] and decoded.lang == "vi"
    assert {**defaults(), **decoded.settings} == settings


def test_tampered_values_are_reported_and_skipped():
    decoded = sharelink.decode({"lang": "fr", "admin_reform": "999", "talent_attraction": "abc",
                                "vocational_training": "nan", "investment_promotoin": "5", "pollution_screen": "0.5",
                                "workshop_room": "A1"})
    assert decoded.settings == {"pollution_screen": 0.5}
    assert decoded.lang is None
    text = "\n".join(decoded.problems)
    assert len(decoded.problems) == 5
    assert "lang" in text and "admin_reform = 999.0: out of range" in text
    assert "talent_attraction = 'abc': not a number" in text and "vocational_training" in text
    assert "did you mean 'investment_promotion'" in text
    assert "workshop_room" not in text  # other pages' parameters are left alone


def test_lists_of_values_take_the_last():
    lever = levers_by_id()["admin_reform"]
    decoded = sharelink.decode({"admin_reform": ["10", "20"]})
    assert decoded.settings == {"admin_reform": 20.0} and lever.min <= 20 <= lever.max
