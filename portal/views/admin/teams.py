"""Teams (``/admin/teams``): the list, a new team, and one team's schedule, members and coaches."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal import policy
from portal.accounts import team_admin
from portal.accounts.users import UserError
from portal.core import audit
from portal.core.extensions import db
from portal.models import Team
from portal.views.admin.blueprint import admin_required, bp
from portal.views.admin.forms import TeamForm, TeamPeopleForm


@bp.route("/teams", methods=["GET", "POST"])
@admin_required
def teams() -> ResponseReturnValue:
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = team_admin.new_team(
                db.session,
                form.name.data,
                start=form.cycle_start.data,
                length_days=form.cycle_length_days.data,
                reminder_days=form.reminder_days.data,
            )
        except UserError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            audit.record(db.session, current_user, "team_created", team)
            db.session.commit()
            flash(
                _("Team %(name)s is gemaakt. Kies nu de leden en coaches.", name=team.name),
                "success",
            )
            return redirect(url_for("admin.edit_team", team_id=team.id))
    rows = team_admin.list_teams(db.session)
    return render_template("admin/teams.html", form=form, rows=rows), 400 if form.errors else 200


def _load(team_id: int) -> Team:
    team = team_admin.load_team(db.session, team_id)
    if team is None or not policy.can(current_user, "manage", team):
        abort(404)
    return team


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@admin_required
def edit_team(team_id: int) -> ResponseReturnValue:
    team = _load(team_id)
    current = {
        "name": team.name,
        "cycle_start": team.cycle_start,
        "cycle_length_days": team.cycle_length_days,
        "reminder_days": team.reminder_days_before_end,
        "members": [u.id for u in team.members],
        "coaches": [u.id for u in team.coaches],
    }
    form = TeamPeopleForm(data=None if request.method == "POST" else current)
    people, coaches = team_admin.candidates(db.session)
    form.members.choices = [SelectChoice(u.id, f"{u.display_name} ({u.email})") for u in people]
    form.coaches.choices = [SelectChoice(u.id, f"{u.display_name} ({u.email})") for u in coaches]
    if form.validate_on_submit():
        try:
            team_admin.update_team(
                db.session,
                team,
                name=form.name.data,
                start=form.cycle_start.data,
                length_days=form.cycle_length_days.data,
                reminder_days=form.reminder_days.data,
                member_ids=form.members.data or [],
                coach_ids=form.coaches.data or [],
            )
        except UserError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            audit.record(
                db.session,
                current_user,
                "team_updated",
                team,
                members=sorted(u.id for u in team.members),
                coaches=sorted(u.id for u in team.coaches),
            )
            db.session.commit()
            flash(_("Team %(name)s is bewaard.", name=team.name), "success")
            return redirect(url_for("admin.edit_team", team_id=team.id))
    locked = team_admin.has_cycles(db.session, team)
    return render_template(
        "admin/team.html", form=form, team=team, locked=locked
    ), 400 if form.errors else 200
