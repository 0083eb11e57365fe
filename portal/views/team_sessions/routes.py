"""Team sessions: the list, planning a new one, the session page, planning and running it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.core import audit
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.models import (
    Anonymity,
    SessionMethod,
    SessionStatus,
    StoryKind,
    Team,
    TeamSession,
    utcnow,
)
from portal.stories.filters import filter_args, parse_filter
from portal.team_sessions import interpret, service
from portal.team_sessions import page as session_page
from portal.team_sessions import pool as story_pool
from portal.team_sessions.service import NewSession, TeamSessionError
from portal.views.team_sessions.blueprint import (
    CsrfForm,
    back,
    bp,
    checked_post,
    load,
    load_item,
    refused,
)
from portal.views.team_sessions.forms import NewSessionForm

AREA = policy.Area.SESSIONS


@bp.get("")
@policy.area_required(AREA)
def index() -> ResponseReturnValue:
    return render_template(
        "team_sessions/index.html",
        sessions=service.list_team_sessions(db.session, current_user),
        may_plan=bool(_coached_teams()),
    )


def _coached_teams() -> list[Team]:
    return sorted(
        (t for t in current_user.coached_teams if policy.can(current_user, "run_sessions", t)),
        key=lambda t: t.name,
    )


@bp.route("/new", methods=["GET", "POST"])
@policy.area_required(AREA)
def new() -> ResponseReturnValue:
    teams = _coached_teams()
    if not teams:
        abort(403)
    form = NewSessionForm()
    form.team.choices = [(t.id, t.name) for t in teams]
    if form.validate_on_submit():
        try:
            team_session = service.create(
                db.session,
                current_user,
                NewSession(
                    team_id=form.team.data,
                    title=form.title.data,
                    held_on=form.held_on.data,
                    method=SessionMethod(form.method.data),
                    anonymity=Anonymity(form.anonymity.data),
                    domains=form.domains.data or "",
                ),
            )
        except TeamSessionError as error:
            db.session.rollback()
            form.title.errors = [*form.title.errors, str(error.message)]
        else:
            db.session.commit()
            flash(_("De sessie is gepland. Kies nu deelnemers en verhalen."), "success")
            return back(team_session)
    status = 400 if request.method == "POST" else 200
    return render_template("team_sessions/new.html", form=form), status


def render_session(
    team_session: TeamSession,
    *,
    values: dict | None = None,
    duiding: str = "",
    errors: dict | None = None,
    status: int = 200,
    values_for: int | None = None,
    proposal: dict | None = None,
) -> ResponseReturnValue:
    """The session page; after a refused interpretation with the person's answers in the form,
    after a refused proposal with the chosen story and the why (``proposal``: story, why, errors)."""
    page = session_page.build(db.session, team_session, current_user)
    own_values, own_duiding = {}, ""
    if values is not None and (page.current is None or page.current.id != values_for):
        values, duiding = None, ""  # the form was for a story the session has moved on from
    if page.current is not None and (page.may_interpret or page.runs):
        own_values, own_duiding = interpret.own_values(
            db.session, page.current, current_user, group=not page.may_interpret
        )
    shown = page.stories if team_session.status is SessionStatus.CLOSED else [page.current]
    _audit_interviews(team_session, [item for item in shown if item is not None])
    return render_template(
        "team_sessions/show.html",
        page=page,
        ts=team_session,
        form=CsrfForm(),
        values=values if values is not None else own_values,
        duiding=duiding if values is not None else own_duiding,
        errors=errors or {},
        proposal=proposal or {},
        locale=current_locale(),
    ), status


def _audit_interviews(team_session: TeamSession, items: list) -> None:
    """Every read of an interview is in the audit log (DESIGN §2), also inside a session."""
    read = [
        i
        for i in items
        if i.story.kind is StoryKind.INTERVIEW and i.story.author_id != current_user.id
    ]
    for item in read:
        audit.record(
            db.session,
            current_user,
            "interview.read_in_session",
            item.story,
            team_session_id=team_session.id,
        )
    if read:
        db.session.commit()


@bp.get("/<int:team_session_id>")
@policy.area_required(AREA)
def show(team_session_id: int) -> ResponseReturnValue:
    return render_session(load(team_session_id))


@bp.post("/<int:team_session_id>/participants")
@policy.area_required(AREA)
def participants(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    ids = [int(v) for v in request.form.getlist("participant") if v.isascii() and v.isdigit()]
    try:
        service.set_participants(db.session, team_session, ids)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("De deelnemers zijn bewaard."), "success")
    return back(team_session, "participants")


@bp.post("/<int:team_session_id>/stories")
@policy.area_required(AREA)
def add_story(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    story = service.load_story(db.session, request.form.get("story", type=int))
    try:
        service.add_story(
            db.session, current_user, team_session, story, request.form.get("reason", "")
        )
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("Het verhaal is toegevoegd."), "success")
    # back to the pool with the same filters (read again, so only valid filter arguments)
    story_filter, _errors = parse_filter(parse_qs(request.form.get("filter", "")[:2000]))
    return redirect(
        url_for("sessions.pool", team_session_id=team_session.id, **filter_args(story_filter))
    )


@bp.get("/<int:team_session_id>/pool")
@policy.area_required(AREA)
def pool(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    story_filter, errors = parse_filter(request.args)
    found = story_pool.pool(
        db.session,
        current_user,
        team_session,
        story_filter,
        page=request.args.get("page", 1, type=int),
    )
    args = filter_args(story_filter)
    return render_template(
        "team_sessions/pool.html",
        ts=team_session,
        found=found,
        filter=story_filter,
        args=args,
        query=urlencode(args, doseq=True),
        errors=errors,
        ranges=story_pool.range_fields(db.session),
        in_session=service.session_stories(db.session, team_session),
        locale=current_locale(),
    )


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/remove")
@policy.area_required(AREA)
def remove_story(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    try:
        service.remove_story(db.session, team_session, item)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
    return back(team_session, "stories")


@bp.post("/<int:team_session_id>/open")
@policy.area_required(AREA)
def open_session(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    stories = service.session_stories(db.session, team_session)
    try:
        service.open_session(db.session, team_session, stories, now=utcnow())
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("De sessie is open. Deelnemers volgen nu jouw fase."), "success")
    return back(team_session)


@bp.post("/<int:team_session_id>/phase")
@policy.area_required(AREA)
def phase(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    to = request.form.get("to", type=int)
    try:
        service.move_phase(db.session, team_session, -1 if to is None else to)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
    return back(team_session)


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/current")
@policy.area_required(AREA)
def current(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    try:
        service.set_current_story(db.session, team_session, item)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
    return back(team_session)


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/reveal")
@policy.area_required(AREA)
def reveal(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    try:
        service.reveal(db.session, team_session, item)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
    return back(team_session, f"compare-{item.id}")


@bp.get("/<int:team_session_id>/report")
@policy.area_required(AREA)
def report(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id)
    page = session_page.build(db.session, team_session, current_user, with_planning=False)
    _audit_interviews(team_session, page.stories)
    return render_template(
        "team_sessions/report.html",
        page=page,
        ts=team_session,
        locale=current_locale(),
        report=True,
    )
