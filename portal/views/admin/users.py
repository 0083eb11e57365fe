"""People (``/admin/users``): the list with search, the invitation form (DESIGN §8 fields), one
person's roles and teams, a new set-password link, deactivate and reactivate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from portal import policy
from portal.accounts import people
from portal.accounts.users import UserError
from portal.core import audit
from portal.core.extensions import db
from portal.models import Team, User, utcnow
from portal.views.admin.blueprint import admin_required, bp
from portal.views.admin.forms import InviteForm, PersonForm, role_choices
from portal.views.mail_after import send_in_background


def _all_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def _invite_form(teams: list[Team]) -> InviteForm:
    form = InviteForm()
    form.roles.choices = role_choices()
    form.team.choices = [
        SelectChoice("", _("Geen team")),
        *(SelectChoice(str(t.id), t.name) for t in teams),
    ]
    return form


def _filter() -> people.PeopleFilter:
    status = request.args.get("status", "active")
    return people.PeopleFilter(
        q=request.args.get("q", "")[:100],
        role=request.args.get("role", ""),
        status=status if status in people.STATUSES else "active",
    )


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users() -> ResponseReturnValue:
    teams = _all_teams()
    form = _invite_form(teams)
    if form.validate_on_submit():
        now = utcnow()
        try:
            user, message = people.invite(
                db.session,
                email=form.email.data,
                name=form.name.data,
                roles=set(form.roles.data),
                team_ids=[int(form.team.data)] if form.team.data else [],
                locale=form.locale.data,
                now=now,
            )
        except UserError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            audit.record(db.session, current_user, "user_invited", user, roles=sorted(user.roles))
            db.session.commit()
            flash(
                _("%(email)s is uitgenodigd. De link in de e-mail werkt 72 uur.", email=user.email),
                "success",
            )
            return send_in_background(redirect(url_for("admin.users")), message.id)
    flt = _filter()
    page = people.list_people(db.session, flt, page=_page_number())
    invited = people.open_invitations(db.session, (u.id for u in page.items), now=utcnow())
    return render_template(
        "admin/users.html",
        form=form,
        page=page,
        flt=flt,
        invited=invited,
        roles=role_choices(),
    ), 400 if form.errors else 200


def _load(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not policy.can(current_user, "manage", user):
        abort(404)
    return user


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    teams = _all_teams()
    current = {
        "name": user.display_name,
        "roles": sorted(user.roles),
        "teams": sorted(user.team_ids),
        "coached_teams": sorted(user.coached_team_ids),
    }
    form = PersonForm(data=None if request.method == "POST" else current)
    form.roles.choices = role_choices()
    form.teams.choices = [SelectChoice(t.id, t.name) for t in teams]
    form.coached_teams.choices = [SelectChoice(t.id, t.name) for t in teams]
    if form.validate_on_submit():
        before = sorted(user.roles)
        try:
            people.update_person(
                db.session,
                current_user,
                user,
                name=form.name.data,
                roles=set(form.roles.data),
                team_ids=form.teams.data or [],
                coached_team_ids=form.coached_teams.data or [],
            )
        except UserError as error:
            db.session.rollback()
            form.roles.errors.append(str(error))
        else:
            audit.record(
                db.session,
                current_user,
                "user_updated",
                user,
                roles_before=before,
                roles=sorted(user.roles),
                teams=sorted(user.team_ids),
                coached_teams=sorted(user.coached_team_ids),
            )
            db.session.commit()
            flash(_("De gegevens van %(name)s zijn bewaard.", name=user.display_name), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    invited = people.open_invitations(db.session, [user.id], now=utcnow()).get(user.id)
    return render_template(
        "admin/user.html",
        form=form,
        person=user,
        invited=invited,
        is_self=user.id == current_user.id,
    ), 400 if form.errors else 200


@bp.post("/users/<int:user_id>/link")
@admin_required
def send_link(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    try:
        message = people.send_link(db.session, user, now=utcnow())
    except UserError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    audit.record(db.session, current_user, "password_link_sent", user)
    db.session.commit()
    flash(_("Er is een nieuwe link gestuurd naar %(email)s.", email=user.email), "success")
    return send_in_background(redirect(url_for("admin.edit_user", user_id=user.id)), message.id)


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def deactivate(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    try:
        people.deactivate(db.session, current_user, user)
    except UserError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        audit.record(db.session, current_user, "user_deactivated", user)
        db.session.commit()
        flash(_("Het account van %(name)s is uitgeschakeld.", name=user.display_name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/reactivate")
@admin_required
def reactivate(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    people.reactivate(db.session, user)
    audit.record(db.session, current_user, "user_reactivated", user)
    db.session.commit()
    flash(_("Het account van %(name)s staat weer aan.", name=user.display_name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))
