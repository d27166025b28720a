"""The facilitator's workshop view: join code, round set-up and control, live board, debrief, export."""

from __future__ import annotations

import streamlit as st

from model.catalogue.levers import levers_by_id, load_levers
from model.workshop import export, service
from model.workshop.models import Board, Round
from model.workshop.rules import available_scenarios, objectives
from model.workshop.store import Store, StoreError
from ui import errors, sharelink
from ui.parts import workshop_views as views
from ui.plain import plain
from ui.text import t

REFRESH_SECONDS = 5
#: Levers open by default in the first round (the guide's round 1: the industry and investment levers).
DEFAULT_OPEN = ("refinery_expansion_year", "supporting_industry_priority", "public_infrastructure",
                "investment_promotion", "vocational_training")
VIEWS = ("board", "debrief", "teams")


def link(params: dict[str, str]) -> str:
    """An absolute link to this page with ``params`` (relative if the address is unknown)."""
    return sharelink.share_url(st.context.url, params)


def header(board: Board, key: service.FacilitatorKey, lang: str) -> None:
    """Title, join code and links."""
    session = board.session
    st.subheader(plain(session.title))
    if session.ended:
        st.info(t("workshop.session_ended", lang))
    left, right = st.columns([1, 2])
    with left.container(key="ws_join_code"):
        st.metric(t("workshop.join_code", lang), session.code)
    with right:
        st.caption(t("workshop.join_link_caption", lang))
        st.code(link({"join": session.code, "lang": lang}), language=None, wrap_lines=True)
    with st.expander(t("workshop.fac_link_title", lang)):
        st.warning(t("workshop.fac_link_warning", lang))
        st.code(link({"ws": key.session_id, "fac": key.secret, "lang": lang}), language=None, wrap_lines=True)


def _do(action, *args, lang: str) -> None:
    """Run a facilitator action; show its error in one line or reload the page."""
    try:
        action(*args)
    except service.WorkshopError as error:
        st.error(plain(error))
        return
    except StoreError as error:
        errors.show(error, lang)
        return
    st.rerun()


def setup_form(store: Store, key: service.FacilitatorKey, board: Board, lang: str) -> None:
    """Choose the next round's question, objective, open levers and fixed settings; open it."""
    number = len(board.rounds) + 1
    targets = views.targets_by_id()
    ids = list(targets)
    policy = [lever.id for lever in load_levers() if lever.kind == "lever"]
    catalogue = levers_by_id()
    previous = board.current
    scenarios = available_scenarios()
    with st.form(key="ws_round_form"):
        st.markdown(f"**{t('workshop.setup_title', lang, number=number)}**")
        target_id = st.selectbox(t("workshop.setup_target", lang), ids, key="ws_setup_target",
                                 index=ids.index(previous.target_id if previous else "ind_va_growth"),
                                 format_func=lambda i: f"{targets[i].name(lang)} — {views.goal_text(targets[i], lang)}")
        objective = st.radio(t("workshop.setup_objective", lang), objectives(), horizontal=True,
                             key="ws_setup_objective", format_func=lambda o: t(f"workshop.objective_{o}", lang))
        open_levers = st.multiselect(t("workshop.setup_levers", lang), policy, key="ws_setup_levers",
                                     default=list(previous.open_levers) if previous else list(DEFAULT_OPEN),
                                     format_func=lambda i: catalogue[i].name(lang))
        left, right = st.columns(2)
        base = left.selectbox(t("workshop.setup_base", lang), scenarios, key="ws_setup_base",
                              index=scenarios.index(previous.base_scenario if previous else "baseline"),
                              help=t("workshop.setup_base_help", lang))
        assumptions = right.selectbox(t("workshop.setup_assumptions", lang), scenarios, key="ws_setup_assumptions",
                                      index=scenarios.index(previous.assumption_set if previous else "baseline"),
                                      help=t("workshop.setup_assumptions_help", lang))
        opened = st.form_submit_button(t("workshop.open_round", lang, number=number), type="primary",
                                       key="ws_open_round")
    if opened:
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


def live(store: Store, key: service.FacilitatorKey, lang: str) -> None:
    """Board, debrief and teams of a chosen round, refreshed every few seconds."""
    auto = st.toggle(t("workshop.auto_refresh", lang), value=True, key="ws_auto_refresh")

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
        view = right.segmented_control(t("workshop.view", lang), VIEWS, default="board", required=True,
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


def render(store: Store, key: service.FacilitatorKey, lang: str) -> None:
    """The facilitator's page."""
    try:
        board = service.board(store, key)
    except service.AccessDenied:
        st.error(t("workshop.fac_denied", lang))
        return
    header(board, key, lang)
    controls(store, key, board, lang)
    st.divider()
    live(store, key, lang)
    st.divider()
    downloads(store, key, board, lang)
