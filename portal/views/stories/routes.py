"""A klantmanager's own stories: list, detail, share, withdraw, delete a draft."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import policy
from portal.analysis.tags import story_tagging
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.frameworks import answers
from portal.models import Story, utcnow
from portal.stories import service as stories
from portal.team_sessions import readings
from portal.views.stories.blueprint import bp, load_story
from portal.views.stories.forms import StepForm


def _shared_filter() -> bool | None:
    return {"yes": True, "no": False}.get(request.args.get("shared", ""))


@bp.get("/mine")
@policy.area_required(policy.Area.REFLECTIONS)
def mine() -> ResponseReturnValue:
    cycle_id = request.args.get("cycle", type=int)
    page = stories.my_stories(
        db.session,
        current_user,
        page=request.args.get("page", 1, type=int),
        cycle_id=cycle_id,
        shared=_shared_filter(),
    )
    return render_template(
        "stories/mine.html",
        page=page,
        cycles=stories.my_cycles(db.session, current_user),
        drafts=stories.drafts(db.session, current_user),
        cycle_id=cycle_id,
        shared=request.args.get("shared", ""),
    )


@bp.get("/<int:story_id>")
@login_required
def show(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    if story.is_draft:
        return redirect(url_for("stories.write", story_id=story.id))
    return show_page(story)


def show_page(
    story: Story, *, reading: dict | None = None, comment: str = "", status: int = 200
) -> ResponseReturnValue:
    """The story's page; ``reading`` refills the team member's interpretation form (what they
    typed when it was refused: nothing lost)."""
    stored = stories.own_answers(db.session, story)
    can_interpret = policy.can(current_user, "interpret", story)
    if reading is None and can_interpret:
        values, duiding = readings.own_values(db.session, story, current_user)
        reading = {"values": values, "duiding": duiding, "errors": {}}
    return render_template(
        "stories/show.html",
        story=story,
        summary=answers.summarise(story.framework.questions, stored, current_locale()),
        is_author=policy.can(current_user, "read_as_author", story),
        can_edit=policy.can(current_user, "edit", story),
        can_share=policy.can(current_user, "share", story),
        can_withdraw=policy.can(current_user, "withdraw", story),
        form=StepForm(),
        tagging=story_tagging(db.session, current_user, story, current_locale()),
        # between sessions (issue 17): the team's readings, comments, the member's own form
        team=readings.team_readings(db.session, story, current_user) if _shared(story) else None,
        can_interpret=can_interpret,
        can_comment=policy.can(current_user, "comment", story),
        reading=reading or {"values": {}, "duiding": "", "errors": {}},
        comment=comment,
        locale=current_locale(),
    ), status


def _shared(story: Story) -> bool:
    return story.shared_with_team and not story.is_draft


@bp.post("/<int:story_id>/share")
@login_required
def share(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    if not policy.can(current_user, "share", story):
        abort(404)
    form = StepForm()
    if not form.validate_on_submit():
        abort(400)
    shared = request.form.get("shared") == "yes"
    stories.set_shared_with_team(db.session, story, shared=shared)
    db.session.commit()
    flash(
        _("Je team kan dit verhaal nu lezen.")
        if shared
        else _("Dit verhaal is niet meer gedeeld met je team."),
        "success",
    )
    return redirect(url_for("stories.show", story_id=story.id))


@bp.route("/<int:story_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    if not policy.can(current_user, "withdraw", story):
        abort(404)
    form = StepForm()
    if form.validate_on_submit():
        stories.withdraw(db.session, story, now=utcnow())
        db.session.commit()
        flash(_("Je verhaal is ingetrokken. Niemand ziet het nog."), "success")
        return redirect(url_for("stories.mine"))
    return render_template("stories/withdraw.html", story=story, form=form)


@bp.post("/<int:story_id>/delete")
@login_required
def delete(story_id: int) -> ResponseReturnValue:
    story = load_story(story_id)
    if not policy.can(current_user, "delete", story):
        abort(404)
    if not StepForm().validate_on_submit():
        abort(400)
    stories.delete_draft(db.session, story)
    db.session.commit()
    flash(_("Het concept is verwijderd."), "success")
    return redirect(url_for("main.home"))
