"""Observations: save a chart with its filters, write competing interpretations, list and print."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import policy
from portal.analysis import observations as obs
from portal.analysis import pages
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.models import Observation, StoryKind, Strength
from portal.views.analysis.blueprint import bp, drill_link, min_group_setting

KINDS = {"reflection": StoryKind.REFLECTION, "interview": StoryKind.INTERVIEW}


def _chart_url(observation: Observation) -> str:
    endpoint = "analysis." + observation.kind.value
    if observation.chart.startswith(("indicator:", "trend:")):
        endpoint = "analysis.indicators"
    query = f"?{observation.query}" if observation.query else ""
    return url_for(endpoint) + query


@bp.get("/observations")
@policy.area_required(policy.Area.ANALYSIS)
def observations() -> ResponseReturnValue:
    return render_template(
        "analysis/observations.html",
        observations=obs.list_observations(db.session),
        chart_url=_chart_url,
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


@bp.get("/observations/<int:observation_id>")
@policy.area_required(policy.Area.ANALYSIS)
def observation(observation_id: int) -> ResponseReturnValue:
    observation = _load(observation_id)
    charts = []
    if not observation.chart.startswith(("indicator:", "trend:")) and observation.chart:
        args = MultiDict(parse_qsl(observation.query))
        args.setlist("only", [observation.chart])
        page = pages.framework_page(
            db.session,
            current_user,
            observation.kind,
            args,
            locale=current_locale(),
            link=drill_link(observation.kind),
            chart_link=lambda extra: _chart_url(observation),
            min_group_setting=min_group_setting(),
        )
        charts = page.charts
    return render_template(
        "analysis/observation.html",
        observation=observation,
        charts=charts,
        chart_url=_chart_url(observation),
        can_edit=policy.can(current_user, "edit", observation),
        problems={},
    )


@bp.post("/observations/<int:observation_id>/interpretations")
@policy.area_required(policy.Area.PATTERNS)
def add_interpretation(observation_id: int) -> ResponseReturnValue:
    observation = _load(observation_id)
    if not policy.can(current_user, "edit", observation):
        abort(403)
    try:
        obs.add_interpretation(db.session, observation, request.form.get("text", ""))
    except obs.ObservationError as error:
        return (
            render_template(
                "analysis/observation.html",
                observation=observation,
                charts=[],
                chart_url=_chart_url(observation),
                can_edit=True,
                problems=error.messages,
            ),
            400,
        )
    db.session.commit()
    flash(_("De duiding is toegevoegd."), "success")
    return redirect(url_for("analysis.observation", observation_id=observation.id))
