"""The facilitator's workshop view: join code, round set-up and control, live board, debrief, export.

Two modes on the facilitator's device: the full view (controls, links, the
secret facilitator link behind an expander) and the projector view (join
code, join link and QR code, the round's question, the board and the debrief;
no control, no secret, no team link). The join link is built on the public
address (:mod:`ui.publicurl`), never on ``localhost``.
"""

from __future__ import annotations

import base64
import io

import streamlit as st

from model.catalogue.levers import levers_by_id
from model.workshop import export, service
from model.workshop.models import Board, Round
from model.workshop.presets import load_presets, policy_levers
from model.workshop.rules import available_scenarios, objectives
from model.workshop.store import Store, StoreError
from ui import errors, sharelink
from ui.parts import workshop_reach
from ui.parts import workshop_views as views
from ui.plain import plain
from ui.publicurl import SETTING, public_base
from ui.text import t

REFRESH_SECONDS = 5
VIEWS = ("board", "debrief", "teams")
PROJECTOR_STATE = "ws_projector"
#: The workshop page's address path (app.py's PAGES).
PAGE_PATH = "workshop"
SETUP_KEYS = {"target": "ws_setup_target", "objective": "ws_setup_objective", "levers": "ws_setup_levers",
              "base": "ws_setup_base", "assumptions": "ws_setup_assumptions"}


def link(params: dict[str, str]) -> str:
    """An absolute link to this page with ``params`` (relative if the address is unknown)."""
    return sharelink.share_url(st.context.url, params)


def join_link(code: str, lang: str) -> str | None:
    """The teams' join link on the public address, or ``None`` if only ``localhost`` is known."""
    base = public_base(st.context.url)
    if base is None:
        return None
    if not base.rstrip("/").endswith(f"/{PAGE_PATH}"):
        base = f"{base.rstrip('/')}/{PAGE_PATH}"
    return sharelink.share_url(base, {"join": code, "lang": lang})


def qr_svg(text: str) -> str:
    """A QR code of ``text`` as an SVG document."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode("utf-8")


def join_panel(board: Board, lang: str) -> None:
    """Join code, join link and its QR code (what the projector shows before a round)."""
    session = board.session
    left, middle, right = st.columns([1, 2, 1])
    with left.container(key="ws_join_code"):
        st.metric(t("workshop.join_code", lang), session.code)
    address = join_link(session.code, lang)
    with middle:
        st.caption(t("workshop.join_link_caption", lang))
        if address is None:
            st.warning(t("workshop.no_public_address", lang, setting=SETTING))
            return
        with st.container(key="ws_join_link"):
            st.code(address, language=None, wrap_lines=True)
    with right.container(key="ws_join_qr"):
        data = base64.b64encode(qr_svg(address).encode("utf-8")).decode("ascii")
        st.html(f'<img alt="QR" src="data:image/svg+xml;base64,{data}" style="width:190px;height:190px">')


def header(board: Board, key: service.FacilitatorKey, lang: str) -> None:
    """Title, join code and links, the projector switch and the secret link behind an expander."""
    st.subheader(plain(board.session.title))
    if board.session.ended:
        st.info(t("workshop.session_ended", lang))
    join_panel(board, lang)
    st.button(t("workshop.projector_on", lang), key="ws_projector_on", icon=":material/present_to_all:",
              on_click=lambda: st.session_state.update({PROJECTOR_STATE: True}))
    with st.expander(t("workshop.fac_link_title", lang)):
        st.warning(t("workshop.fac_link_warning", lang))
        st.code(link({"ws": key.session_id, "fac": key.secret, "lang": lang}), language=None, wrap_lines=True)


def _do(action, *args, lang: str) -> None:
    """Run a facilitator action; show its error in one line or reload the page."""
    try:
        action(*args)
    except service.WorkshopError as error:
        st.error(errors.message(error, lang))
        return
    except StoreError as error:
        errors.show(error, lang)
        return
    st.rerun()


def apply_preset(preset_id: str) -> None:
    """Fill the set-up widgets from a preset (button callback)."""
    preset = {item.id: item for item in load_presets()}[preset_id]
    st.session_state.update({SETUP_KEYS["target"]: preset.target, SETUP_KEYS["objective"]: preset.objective,
                             SETUP_KEYS["levers"]: list(preset.open_levers),
                             SETUP_KEYS["base"]: preset.base_scenario,
                             SETUP_KEYS["assumptions"]: preset.assumption_set})


def _setup_defaults(board: Board) -> None:
    """Start the set-up widgets from the previous round, or from the guide's first round."""
    previous = board.current
    first = load_presets()[0]
    defaults = {"target": previous.target_id if previous else first.target,
                "objective": previous.objective if previous else first.objective,
                "levers": list(previous.open_levers if previous else first.open_levers),
                "base": previous.base_scenario if previous else first.base_scenario,
                "assumptions": previous.assumption_set if previous else first.assumption_set}
    for name, value in defaults.items():
        st.session_state.setdefault(SETUP_KEYS[name], value)


def setup_form(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """Choose the next round's question, objective, open levers and fixed settings, from a preset or by hand."""
    number = len(board.rounds) + 1
    targets = views.targets_by_id()
    catalogue = levers_by_id()
    scenarios = available_scenarios()
    _setup_defaults(board)
    with st.container(key="ws_setup", border=True):
        st.markdown(f"**{t('workshop.setup_title', lang, number=number)}**")
        presets = load_presets()
        st.caption(t("workshop.presets_caption", lang))
        for column, preset in zip(st.columns(len(presets)), presets, strict=True):
            column.button(preset.name(lang), key=f"ws_preset_{preset.id}", width="stretch",
                          on_click=apply_preset, args=(preset.id,))
        target_id = st.selectbox(t("workshop.setup_target", lang), list(targets), key=SETUP_KEYS["target"],
                                 format_func=lambda i: f"{targets[i].name(lang)} — {views.goal_text(targets[i], lang)}")
        objective = st.radio(t("workshop.setup_objective", lang), objectives(), horizontal=True,
                             key=SETUP_KEYS["objective"], format_func=lambda o: t(f"workshop.objective_{o}", lang))
        open_levers = st.multiselect(t("workshop.setup_levers", lang), list(policy_levers()),
                                     key=SETUP_KEYS["levers"], format_func=lambda i: catalogue[i].name(lang))
        left, right = st.columns(2)
        base = left.selectbox(t("workshop.setup_base", lang), scenarios, key=SETUP_KEYS["base"],
                              format_func=lambda s: views.levers_from_name(s, lang),
                              help=t("workshop.setup_base_help", lang))
        assumptions = right.selectbox(t("workshop.setup_assumptions", lang), scenarios, key=SETUP_KEYS["assumptions"],
                                      format_func=lambda s: views.environment_name(s, lang),
                                      help=t("workshop.setup_assumptions_help", lang))
        workshop_reach.reach_panel(target_id, open_levers, base, assumptions, lang)
        if st.button(t("workshop.open_round", lang, number=number), type="primary", key="ws_open_round"):
            _do(service.open_round, store, key, target_id, open_levers, objective, base, assumptions, lang=lang)


def controls(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """The current round's state with the buttons that move it on."""
    current = board.current
    if board.session.ended:
        return
    if current is None:
        setup_form(store, key, board, lang)
        end_button(store, key, lang)
        return
    st.markdown(f"### {t('workshop.round_title', lang, number=current.number)}"
                f" · {t('workshop.state_' + current.state, lang)}")
    st.markdown(f"**{views.question_text(current, lang)}**")
    st.caption(views.round_caption(current, lang))
    if current.state == "open":
        left, right = st.columns(2)
        if left.button(t("workshop.close_round", lang), key="ws_close", width="stretch"):
            _do(service.close_round, store, key, lang=lang)
        if right.button(t("workshop.close_reveal", lang), key="ws_close_reveal", type="primary", width="stretch"):
            _do(service.reveal, store, key, lang=lang)
    elif current.state == "closed" and st.button(t("workshop.reveal", lang), key="ws_reveal", type="primary"):
        _do(service.reveal, store, key, lang=lang)
    if current.state != "open":
        with st.expander(t("workshop.next_round", lang)):
            setup_form(store, key, board, lang)
    end_button(store, key, lang)


def end_button(store: Store, key: service.FacilitatorKey, lang: str) -> None:
    """End the workshop: the open round closes and the join code stops working."""
    if st.button(t("workshop.end_session", lang), key="ws_end_session", help=t("workshop.end_session_help", lang)):
        _do(service.end_session, store, key, lang=lang)


def progress(board: Board, item: Round, lang: str) -> None:
    """How many teams have submitted in the round, and who is missing."""
    entered = {e.team_id for e in board.submissions.get(item.id, ())}
    missing = [plain(team.name) for team in board.teams if team.id not in entered]
    text = t("workshop.progress", lang, entered=len(entered), teams=len(board.teams))
    if missing and item.state == "open":
        text += " " + t("workshop.waiting_for", lang, names=", ".join(missing))
    st.markdown(text)


def teams_panel(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """Teams, and a new device link for a team that lost its device."""
    if not board.teams:
        st.info(t("workshop.no_teams", lang))
        return
    for team in board.teams:
        left, right = st.columns([2, 1])
        left.markdown(f"**{plain(team.name)}**")
        if right.button(t("workshop.new_device_link", lang), key=f"ws_reissue_{team.id}"):
            try:
                token = service.reissue_team_token(store, key, team.id)
            except StoreError as error:
                errors.show(error, lang)
                continue
            st.code(link({"team": team.id, "tk": token, "lang": lang}), language=None, wrap_lines=True)
            st.caption(t("workshop.new_device_caption", lang))


def live(store: Store, key: service.FacilitatorKey, lang: str, projector: bool = False) -> None:
    """Board, debrief and teams of a chosen round, refreshed every few seconds (no teams panel on the projector)."""
    auto = projector or st.toggle(t("workshop.auto_refresh", lang), value=True, key="ws_auto_refresh")
    shown = VIEWS[:2] if projector else VIEWS

    @st.fragment(run_every=REFRESH_SECONDS if auto else None)
    def body() -> None:
        try:
            board = service.board(store, key)
        except StoreError as error:
            errors.show(error, lang)
            return
        if not board.rounds:
            names = ", ".join(plain(team.name) for team in board.teams)
            st.markdown(t("workshop.teams_joined", lang, n=len(board.teams), names=names) if names
                        else t("workshop.no_teams", lang))
            return
        numbers = [item.number for item in board.rounds]
        left, right = st.columns([1, 3])
        number = left.selectbox(t("workshop.show_round", lang), numbers, index=len(numbers) - 1,
                                key=f"ws_show_round_{len(numbers)}")
        view = right.segmented_control(t("workshop.view", lang), shown, default="board", required=True,
                                       key="ws_view", format_func=lambda v: t(f"workshop.view_{v}", lang))
        item = board.round(number)
        entries = board.submissions.get(item.id, ())
        if view == "teams":
            teams_panel(store, key, board, lang)
        elif view == "debrief":
            views.debrief_section(item, entries, lang)
            st.markdown(t("workshop.debrief_questions", lang))
        else:
            progress(board, item, lang)
            if entries:
                views.entries_table(item, entries, lang, key="ws_board_table")
                views.round_charts(item, entries, lang, key="ws_board")

    body()


def downloads(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """CSV and Excel of the whole session (read fresh when clicked)."""
    stem = f"workshop_{board.session.code}"

    def fresh() -> Board:
        try:
            return service.board(store, key)
        except StoreError:
            return board  # the database cannot be read now: the board as shown

    left, right = st.columns(2)
    left.download_button(t("workshop.download_csv", lang), key="ws_download_csv", on_click="ignore",
                         data=lambda: export.session_csv(fresh()),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    right.download_button(t("workshop.download_xlsx", lang), key="ws_download_xlsx", on_click="ignore",
                          data=lambda: export.session_excel(fresh(), lang),
                          file_name=f"{stem}.xlsx", width="stretch",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def projector(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """What the room sees: join code, link and QR code, the round's question, board and debrief; no secret."""
    with st.sidebar:
        st.button(t("workshop.projector_off", lang), key="ws_projector_off", icon=":material/tune:",
                  on_click=lambda: st.session_state.update({PROJECTOR_STATE: False}))
    with st.container(key="ws_projector_view"):
        st.subheader(plain(board.session.title))
        join_panel(board, lang)
        current = board.current
        if current is not None:
            st.markdown(f"### {t('workshop.round_title', lang, number=current.number)}"
                        f" · {t('workshop.state_' + current.state, lang)}")
            st.markdown(f"**{views.question_text(current, lang)}**")
            st.caption(views.round_caption(current, lang))
        live(store, key, lang, projector=True)


def render(store: Store, key: service.FacilitatorKey, lang: str) -> None:
    """The facilitator's page (or its projector view)."""
    try:
        board = service.board(store, key)
    except service.AccessDenied:
        st.error(t("workshop.fac_denied", lang))
        return
    if st.session_state.get(PROJECTOR_STATE):
        projector(store, key, board, lang)
        return
    header(board, key, lang)
    controls(store, key, board, lang)
    st.divider()
    live(store, key, lang)
    st.divider()
    downloads(store, key, board, lang)
