"""The user's own settings: language and e-mail reminders."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from portal.extensions import db
from portal.views.settings_forms import SettingsForm

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.route("", methods=["GET", "POST"])
@login_required
def show():
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.locale = form.locale.data
        current_user.email_reminders = form.email_reminders.data
        session["locale"] = form.locale.data
        db.session.commit()
        refresh()
        flash(_("Je instellingen zijn bewaard."), "success")
        return redirect(url_for("settings.show"))
    return render_template("settings/show.html", form=form)
