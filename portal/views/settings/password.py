"""Changing your own password (``/settings/password``): the current one first, then the rule."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired

from portal.accounts import sessions, users
from portal.core import audit
from portal.core.extensions import db
from portal.views.auth.forms import NewPasswordMixin
from portal.views.settings.blueprint import bp


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Huidig wachtwoord"), validators=[DataRequired(_l("Vul je huidige wachtwoord in."))]
    )


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors.append(_("Dit is niet je huidige wachtwoord."))
        else:
            user = current_user._get_current_object()
            users.set_password(db.session, user, form.password.data)
            sessions.end_sessions(user)  # other browsers and remember-me cookies end
            audit.record(db.session, user, "password_changed", user)
            db.session.commit()
            sessions.start(user)  # this browser stays logged in, on a fresh session
            flash(_("Je wachtwoord is gewijzigd."), "success")
            return redirect(url_for("settings.show"))
    status = 400 if form.errors else 200
    return render_template("settings/password.html", form=form), status
