"""The workshop page through AppTest: a facilitator and two teams run one round end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest
from apptest_tree import block
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from model.report.i18n import parse_number
from model.workshop import service
from model.workshop.store import ENV_VAR, Store
from ui.text import t

TIMEOUT = 120
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def workshop_page(query: dict[str, str] | None = None) -> AppTest:
    """app.py opened on the workshop page (registered by st.navigation with url_path "workshop").

    ``AppTest.switch_page`` only addresses file pages; a callable page's script
    hash is ``calc_hash(url_path)``, which is what a browser at /workshop asks for.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at._page_hash = calc_hash("workshop")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def text_of(at: AppTest) -> str:
    """Everything a person could read on the page, as one string."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error", "code"):
        parts += [str(element.value) for element in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)


def chart_teams(at: AppTest, key: str) -> set[str]:
    """Team names in the data of the chart inside the container ``key``."""
    container = block(at.main, key)
    assert container is not None, f"no container {key}"
    names = set()
    for item in container.get("vega_lite_chart")[0].proto.datasets:
        frame = pa.ipc.open_stream(item.data.data).read_all().to_pandas()
        if "team" in frame:
            names |= set(frame["team"])
    return names


def shown(markdown: str) -> str:
    """Markdown as read on the page: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "workshop.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(path))
    return path


def create_session(title: str = "Tập huấn Quảng Ngãi") -> AppTest:
    fac = clean(workshop_page())
    fac.text_input(key="ws_session_title_input").input(title)
    fac.button(key="ws_create").click().run()
    return clean(fac)


def join(code: str, name: str, lang: str = "vi") -> AppTest:
    team = clean(workshop_page({"join": code, "lang": lang}))
    assert team.text_input(key="ws_join_code_input").value == code
    team.text_input(key="ws_team_name_input").input(name)
    team.button(key="ws_join").click().run()
    return clean(team)


def fac_key(fac: AppTest) -> service.FacilitatorKey:
    """The facilitator key the page keeps in its session (never in the address)."""
    return fac.session_state["ws_fac_key"]


def board_of(database: Path, fac: AppTest):
    """The session's board read directly with the facilitator's key."""
    return service.board(Store(database), fac_key(fac))


def submit(team: AppTest, round_id: int, lever: str, value, prediction: str) -> AppTest:
    team.select_slider(key=f"ws_lever_{round_id}_{lever}").set_value(value)
    team.text_input(key=f"ws_prediction_{round_id}").input(prediction)
    team.button(key=f"ws_submit_{round_id}").click().run()
    return clean(team)


def test_facilitator_and_teams_run_a_round(database):
    fac = create_session()
    assert not {"ws", "fac"} & set(fac.query_params)  # the secret never reaches the address bar
    assert fac_key(fac).secret not in text_of(fac).replace(fac_key(fac).secret, "", 1)  # shown once, in the expander
    code = fac.metric[0].value
    assert len(code) == 6 and "Tập huấn Quảng Ngãi" in text_of(fac)

    red, blue = join(code, "Đội Đỏ"), join(code, "Đội Xanh")
    assert set(red.query_params) >= {"team", "tk"} and "join" not in red.query_params
    assert "Đội Đỏ" in text_of(red) and "Đội Xanh" not in text_of(red)

    fac.run()
    fac.button(key="ws_open_round").click().run()
    clean(fac)
    assert fac.button(key="ws_close")  # the round is open
    round_id = board_of(database, fac).current.id

    red.run()
    submit(red, round_id, "investment_promotion", 120, "6,5")
    blue.run()
    submit(blue, round_id, "investment_promotion", 0, "3")
    assert red.text_input(key=f"ws_prediction_{round_id}").value == "6,5"  # the stored entry, in Vietnamese
    submit(red, round_id, "refinery_expansion_year", 2029, "7,25")  # resubmission
    assert "lần nộp thứ 2" in red.success[0].value  # the resubmission replaced revision 1
    assert "Đội Xanh" not in text_of(red)  # no other team's mix before the reveal
    assert not [m for m in red.metric if m.label.startswith("Mô phỏng")]  # no simulated result while open

    fac.run()
    board = fac.dataframe[0].value
    assert sorted(board["Nhóm"]) == ["Đội Xanh", "Đội Đỏ"]
    assert "2/2" in text_of(fac)
    assert chart_teams(fac, "ws_board_lines") == {"Đội Đỏ", "Đội Xanh"}  # lines overlaid
    assert chart_teams(fac, "ws_board_predictions") == {"Đội Đỏ", "Đội Xanh"}  # prediction against result
    fac.button(key="ws_close_reveal").click().run()
    clean(fac)
    assert "Vòng 1 · đã công bố" in text_of(fac)

    red.run()
    revealed = text_of(red)
    assert "Đội Xanh" in revealed and "Đội Đỏ" in revealed
    metrics = {m.label: m.value for m in red.metric}
    assert metrics["Dự đoán (%/năm)"] == "7,2"  # the latest entry, Vietnamese decimals, 1 digit for %/yr
    assert "Mô phỏng (%/năm)" in metrics
    entries = board_of(database, fac).submissions[round_id]
    assert {e.team_name: e.prediction for e in entries} == {"Đội Đỏ": 7.25, "Đội Xanh": 3.0}
    assert {e.team_name: e.levers["refinery_expansion_year"] for e in entries} == {"Đội Đỏ": 2029, "Đội Xanh": 2030}

    fac.segmented_control(key="ws_view").set_value("debrief").run()
    clean(fac)
    assert "Câu hỏi gợi ý" in text_of(fac)


def test_english_team_view_and_prediction_required(database):
    fac = create_session("English session")
    code = fac.metric[0].value
    fac.button(key="ws_open_round").click().run()
    team = join(code, "Team One", lang="en")
    assert "Team One" in text_of(team)
    round_id = board_of(database, fac).current.id
    team.button(key=f"ws_submit_{round_id}").click().run()  # no prediction typed
    assert "Enter your prediction before submitting." in [e.value for e in team.error]
    team.text_input(key=f"ws_prediction_{round_id}").input("six")
    team.button(key=f"ws_submit_{round_id}").click().run()
    assert "Prediction «six» is not a number (a valid example: 6.5)." in [e.value for e in team.error]
    board = board_of(database, fac)
    assert board.submissions[board.current.id] == ()


def test_a_wrong_facilitator_secret_shows_nothing(database):
    fac = create_session()
    code = fac.metric[0].value
    join(code, "Đội Đỏ")
    intruder = clean(workshop_page({"ws": fac_key(fac).session_id, "fac": "guessed-secret"}))
    assert "Đường dẫn này không cho quyền điều phối" in text_of(intruder)
    assert "Đội Đỏ" not in text_of(intruder) and code not in text_of(intruder)
    assert not intruder.button  # no control at all


def test_a_forged_team_link_is_refused(database):
    fac = create_session()
    red = join(fac.metric[0].value, "Đội Đỏ")
    forged = clean(workshop_page({"team": red.query_params["team"], "tk": "not-the-token"}))
    assert "không còn đăng nhập" in text_of(forged)
    assert "Đội Đỏ" not in text_of(forged)


def test_bad_join_code_and_duplicate_team_name_are_reported(database):
    fac = create_session()
    code = fac.metric[0].value
    join(code, "Đội Đỏ")
    again = clean(workshop_page({"join": code}))
    again.text_input(key="ws_team_name_input").input("đội đỏ")
    again.button(key="ws_join").click().run()
    assert shown(again.error[0].value) == t("errors.workshop_name_taken", "vi", name="đội đỏ")  # in Vietnamese
    assert "team" not in again.query_params
    wrong = clean(workshop_page({"join": "ZZZZZZ"}))
    wrong.text_input(key="ws_team_name_input").input("X")
    wrong.button(key="ws_join").click().run()
    assert shown(wrong.error[0].value) == "Không có hội thảo nào với mã tham gia ZZZZZZ; hãy kiểm tra lại mã."
    english = clean(workshop_page({"join": "ZZZZZZ", "lang": "en"}))
    english.text_input(key="ws_team_name_input").input("X")
    english.button(key="ws_join").click().run()
    assert shown(english.error[0].value) == "There is no workshop with the join code ZZZZZZ; check the code."


@pytest.mark.parametrize(("text", "lang", "number"), [
    ("6,5", "vi", 6.5), ("6.5", "vi", 6.5), ("3.500", "vi", 3500.0), ("3,500", "vi", 3.5),
    ("1.234,5", "vi", 1234.5), ("6,5", "en", 6.5), ("3,500", "en", 3500.0), ("1,234.5", "en", 1234.5),
    (" -2 ", "vi", -2.0),
])
def test_typed_predictions_are_read_in_either_notation(text, lang, number):
    assert parse_number(text, lang) == number


@pytest.mark.parametrize("text", ["", "abc", "6,5,5", "1,234.5.6"])
def test_text_that_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text, "vi")


def test_a_new_round_starts_from_the_teams_last_mix(database):
    fac = create_session()
    fac.button(key="ws_open_round").click().run()
    team = join(fac.metric[0].value, "Đội Đỏ")
    first = board_of(database, fac).current.id
    submit(team, first, "investment_promotion", 150, "5")
    assert team.select_slider(key=f"ws_lever_{first}_vocational_training").value == 15000  # the round's base

    fac.run()
    fac.button(key="ws_close_reveal").click().run()
    fac.button(key="ws_open_round").click().run()  # round 2 with the same open levers
    second = board_of(database, fac).current.id
    assert second != first
    team.run()
    assert team.select_slider(key=f"ws_lever_{second}_investment_promotion").value == 150
    assert team.text_input(key=f"ws_prediction_{second}").value == ""  # a new prediction is needed


def test_the_facilitator_link_leaves_the_address_and_can_be_pasted_back(database):
    fac = create_session()
    key = fac_key(fac)
    opened = clean(workshop_page({"ws": key.session_id, "fac": key.secret}))
    assert not {"ws", "fac"} & set(opened.query_params)
    assert opened.metric[0].value == fac.metric[0].value  # the facilitator's view
    fresh = clean(workshop_page())  # a reload: a new browser session, the address has no secret
    assert not fresh.metric
    fresh.text_input(key="ws_reopen_input").input(f"http://192.168.1.5:8501/workshop?ws={key.session_id}&fac=wrong")
    fresh.button(key="ws_reopen").click().run()
    assert "không đúng" in fresh.error[0].value and not fresh.metric
    fresh.text_input(key="ws_reopen_input").input(f"http://192.168.1.5:8501/workshop?ws={key.session_id}&fac={key.secret}")
    fresh.button(key="ws_reopen").click().run()
    assert clean(fresh).metric[0].value == fac.metric[0].value


def test_projector_view_has_no_control_and_no_secret(database, monkeypatch):
    monkeypatch.setenv("QN_PUBLIC_URL", "http://192.168.1.5:8501")
    fac = create_session()
    fac.button(key="ws_preset_productivity_in_depth").click().run()
    assert fac.multiselect(key="ws_setup_levers").value[0] == "supporting_industry_priority"
    assert "Có thể đạt với các giải pháp đã mở" in text_of(clean(fac))
    fac.button(key="ws_open_round").click().run()
    join(fac.metric[0].value, "Đội Đỏ")
    fac.button(key="ws_projector_on").click().run()
    shown = text_of(clean(fac))
    assert fac_key(fac).secret not in shown and "http://192.168.1.5:8501/workshop?join=" in shown
    assert "localhost" not in shown
    assert [b.key for b in fac.main.button] == []  # no control on the projector
    assert "Vòng 1" in shown and "thực hiện như Nghị quyết" in shown and "resolution" not in shown
    fac.sidebar.button(key="ws_projector_off").click().run()
    assert fac.button(key="ws_close")
