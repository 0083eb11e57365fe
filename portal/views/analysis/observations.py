"""Observations: save a chart with its filters, write competing interpretations, list and print,
bring one into a team session."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from portal import policy
from portal.analysis import observations as obs
from portal.analysis import pages
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.models import Observation, StoryKind, Strength
from portal.team_sessions import observations as session_observations
from portal.team_sessions import service as team_sessions
from portal.team_sessions.service import TeamSessionError
from portal.views.analysis.blueprint import bp, chart_url, drill_link, min_group_setting

KINDS = {"reflection": StoryKind.REFLECTION, "interview": StoryKind.INTERVIEW}


@bp.get("/observations")
@policy.area_required(policy.Area.ANALYSIS)
def observations() -> ResponseReturnValue:
    return render_template(
        "analysis/observations.html",
        observations=obs.list_observations(db.session),
        chart_url=chart_url,
        can_create=policy.may_use(current_user, policy.Area.PATTERNS),
    )


def _form_page(
    values: MultiDict, problems: dict | None = None, status: int = 200
) -> ResponseReturnValue:
    interpretations = values.getlist("interpretation") or ["", ""]
    while len(interpretations) < 3:
        interpretations.append("")
    return (
        render_template(
            "analysis/observation_form.html",
            values=values,
            interpretations=interpretations,
            problems=problems or {},
            strengths=list(Strength),
        ),
        status,
    )


@bp.get("/observations/new")
@policy.area_required(policy.Area.PATTERNS)
def new_observation() -> ResponseReturnValue:
    values = MultiDict(
        {
            "kind": request.args.get("kind", "reflection"),
            "chart": request.args.get("chart", "")[:200],
            "query": request.args.get("query", "")[:2000],
            "strength": "medium",
        }
    )
    return _form_page(values)


@bp.post("/observations")
@policy.area_required(policy.Area.PATTERNS)
def create_observation() -> ResponseReturnValue:
    form = request.form
    kind = KINDS.get(form.get("kind", ""), StoryKind.REFLECTION)
    try:
        observation = obs.create_observation(
            db.session,
            current_user,
            kind=kind,
            chart=form.get("chart", ""),
            query=form.get("query", ""),
            title=form.get("title", ""),
            text=form.get("text", ""),
            strength=form.get("strength", ""),
            interpretations=form.getlist("interpretation"),
        )
    except obs.ObservationError as error:
        return _form_page(form, error.messages, 400)
    db.session.commit()
    flash(_("De observatie is bewaard."), "success")
    return redirect(url_for("analysis.observation", observation_id=observation.id))


def _load(observation_id: int) -> Observation:
    observation = obs.get_observation(db.session, observation_id)
    if observation is None or not policy.can(current_user, "read", observation):
        abort(404)
    return observation


def _charts(observation: Observation) -> list:
    if observation.chart.startswith(("indicator:", "trend:")) or not observation.chart:
        return []
    args = MultiDict(parse_qsl(observation.query))
    args.setlist("only", [observation.chart])
    page = pages.framework_page(
        db.session,
        current_user,
        observation.kind,
        args,
        locale=current_locale(),
        link=drill_link(observation.kind),
        chart_link=lambda extra: chart_url(observation),
        min_group_setting=min_group_setting(),
    )
    return page.charts


def _page(
    observation: Observation,
    *,
    problems: dict | None = None,
    bring: dict | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    """The observation's page; after a refused form with the person's words in it."""
    return (
        render_template(
            "analysis/observation.html",
            observation=observation,
            charts=_charts(observation),
            chart_url=chart_url(observation),
            can_edit=policy.can(current_user, "edit", observation),
            problems=problems or {},
            sessions=session_observations.session_choice(db.session, current_user, observation),
            may_bring=policy.can(current_user, "bring_into_session", observation),
            bring=bring or {},
        ),
        status,
    )


@bp.get("/observations/<int:observation_id>")
@policy.area_required(policy.Area.ANALYSIS)
def observation(observation_id: int) -> ResponseReturnValue:
    return _page(_load(observation_id))


@bp.post("/observations/<int:observation_id>/interpretations")
@policy.area_required(policy.Area.PATTERNS)
def add_interpretation(observation_id: int) -> ResponseReturnValue:
    observation = _load(observation_id)
    if not policy.can(current_user, "edit", observation):
        abort(403)
    try:
        obs.add_interpretation(db.session, observation, request.form.get("text", ""))
    except obs.ObservationError as error:
        return _page(observation, problems=error.messages, status=400)
    db.session.commit()
    flash(_("De duiding is toegevoegd."), "success")
    return redirect(url_for("analysis.observation", observation_id=observation.id))


@bp.post("/observations/<int:observation_id>/sessions")
@policy.area_required(policy.Area.ANALYSIS)
def bring_observation(observation_id: int) -> ResponseReturnValue:
    """Bring the observation into one of the coach's planned or open sessions, with a reason."""
    observation = _load(observation_id)
    if not policy.can(current_user, "bring_into_session", observation):
        abort(403)
    team_session_id = request.form.get("team_session", type=int)
    reason = request.form.get("reason", "")[:5_000]
    team_session = None
    if team_session_id is not None:
        team_session = team_sessions.get_team_session(db.session, team_session_id)
    try:
        if team_session is None:
            raise TeamSessionError(_("Kies een sessie die je coacht en die nog niet gesloten is."))
        session_observations.bring_in(db.session, current_user, team_session, observation, reason)
        db.session.commit()
    except TeamSessionError as error:
        db.session.rollback()
        bring = {"team_session": team_session_id, "reason": reason, "error": error.message}
        return _page(observation, bring=bring, status=400)
    except IntegrityError:  # brought in by a second request at the same moment
        db.session.rollback()
        bring = {"reason": reason, "error": _("Deze observatie zit al in deze sessie.")}
        return _page(observation, bring=bring, status=400)
    flash(
        _("De observatie is in de sessie %(title)s gebracht.", title=team_session.title),
        "success",
    )
    url = url_for("sessions.show", team_session_id=team_session.id)
    return redirect(f"{url}#observations")
