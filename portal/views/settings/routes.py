"""The user's own settings: language, e-mail reminders (klantmanagers) and the calendar link
(klantmanagers and coaches, who work in the rounds)."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.models import Role
from portal.views.settings.blueprint import bp
from portal.views.settings.forms import SettingsForm


@bp.route("", methods=["GET", "POST"])
@login_required
def show() -> ResponseReturnValue:
    form = SettingsForm(obj=current_user)
    writes = current_user.has_role(Role.KLANTMANAGER)
    if form.validate_on_submit():
        current_user.locale = form.locale.data
        if writes:  # reminders are only ever sent to klantmanagers
            current_user.email_reminders = form.email_reminders.data
        session["locale"] = form.locale.data
        db.session.commit()
        refresh()
        flash(_("Je instellingen zijn bewaard."), "success")
        return redirect(url_for("settings.show"))
    in_rhythm = current_user.has_role(Role.KLANTMANAGER, Role.COACH)
    return render_template("settings/show.html", form=form, writes=writes, in_rhythm=in_rhythm)
