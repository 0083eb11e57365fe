"""Participation overview (``/participation``) and skipping a cycle."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from portal import policy
from portal.core import mail as mailer
from portal.core.extensions import db
from portal.cycles import participation
from portal.cycles.participation import wrote_in_cycle
from portal.cycles.schedule import home_team, local_today
from portal.models import Cycle, utcnow
from portal.views.participation.blueprint import bp
from portal.views.participation.forms import SkipForm


@bp.get("")
@policy.area_required(policy.Area.PARTICIPATION)
def grid() -> ResponseReturnValue:
    page = request.args.get("page", 1, type=int)
    teams = participation.visible_teams(db.session, current_user)
    own = None
    team = home_team(current_user)
    if team is not None and policy.can(current_user, "view_own_participation", team):
        own = participation.team_grid(
            db.session, team, today=local_today(team, utcnow()), page=page, only=current_user
        )
    grid = None
    if teams:
        wanted = request.args.get("team", type=int)
        team = next((t for t in teams if t.id == wanted), teams[0])
        if not policy.can(current_user, "view_participation", team):
            abort(404)
        grid = participation.team_grid(
            db.session, team, today=local_today(team, utcnow()), page=page
        )
    failed = []
    if policy.can(current_user, "see_mail_failures", current_user):
        failed = mailer.failed_messages(db.session)
    by_person = grid is not None and policy.can(
        current_user, "view_participation_by_person", grid.team
    )
    return render_template(
        "participation/grid.html",
        by_person=by_person,
        grid=grid,
        own=own,
        streak=participation.streak(own.rows[0].cells) if own and own.rows else 0,
        teams=teams,
        failed=failed,
        Status=participation.Status,
    )


@bp.route("/skip/<int:cycle_id>", methods=["GET", "POST"])
@policy.area_required(policy.Area.REFLECTIONS)
def skip(cycle_id: int) -> ResponseReturnValue:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None or not policy.can(current_user, "skip", cycle):
        abort(404)
    existing = participation.skip_of(db.session, current_user, cycle)
    form = SkipForm(obj=existing)
    if "undo" in request.form and existing and FlaskForm().validate_on_submit():
        participation.unskip(db.session, current_user, cycle)
        db.session.commit()
        flash(_("Je doet weer mee in ronde %(number)s.", number=cycle.number), "success")
        return redirect(url_for("main.home"))
    status = 200
    if "undo" not in request.form and form.validate_on_submit():
        try:
            participation.skip_cycle(
                db.session, current_user, cycle, form.reason.data, form.note.data or ""
            )
        except participation.SkipError as error:
            form.reason.errors = [*form.reason.errors, str(error)]
            status = 400
        else:
            db.session.commit()
            flash(_("Ronde %(number)s is overgeslagen.", number=cycle.number), "success")
            return redirect(url_for("main.home"))
    return render_template(
        "participation/skip.html",
        form=form,
        cycle=cycle,
        skipped=existing is not None,
        wrote=wrote_in_cycle(db.session, current_user, cycle),
    ), status
