"""Between sessions (issue 17): a team member's interpretation of a shared story, and comments."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import policy
from portal.core.extensions import db
from portal.frameworks.answers import parse_answers
from portal.models import Comment
from portal.team_sessions import readings
from portal.team_sessions.service import TeamSessionError
from portal.views.stories.blueprint import bp, load_story
from portal.views.stories.forms import StepForm
from portal.views.stories.routes import show_page


def _checked() -> None:
    if not StepForm().validate_on_submit():
        abort(400)


def _back(story_id: int) -> ResponseReturnValue:
    return redirect(url_for("stories.show", story_id=story_id) + "#team-readings")


@bp.post("/<int:story_id>/reading")
@login_required
def save_reading(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    _checked()
    typed = parse_answers(readings.signifiers(story), request.form, require=False).values
    duiding = request.form.get("duiding", "")
    if not policy.can(current_user, "interpret", story):
        abort(403)  # the author, the coach, an onderzoeker: they read, but do not interpret
    parsed = readings.save_reading(db.session, story, current_user, request.form)
    if parsed.errors:
        db.session.rollback()
        errors = {key: str(message) for key, message in parsed.errors.items()}
        reading = {"values": typed, "duiding": duiding, "errors": errors}
        return show_page(load_story(story_id), reading=reading, status=400)
    db.session.commit()
    flash(_("Je duiding is bewaard. De schrijver en je team zien haar bij het verhaal."), "success")
    return _back(story.id)


@bp.post("/<int:story_id>/comments")
@login_required
def add_comment(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    _checked()
    if not policy.can(current_user, "comment", story):
        abort(403)
    body = request.form.get("body", "")
    try:
        readings.add_comment(db.session, story, current_user, body)
    except TeamSessionError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return show_page(load_story(story_id), comment=body, status=400)
    db.session.commit()
    flash(_("Je reactie is geplaatst."), "success")
    return _back(story.id)


@bp.post("/<int:story_id>/comments/<int:comment_id>/delete")
@login_required
def delete_comment(story_id: int, comment_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    _checked()
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.story_id != story.id:
        abort(404)
    try:
        readings.delete_comment(db.session, comment, current_user)
    except TeamSessionError:
        abort(403)
    db.session.commit()
    flash(_("Je reactie is verwijderd."), "success")
    return _back(story.id)
