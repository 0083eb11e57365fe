"""Which required questions of a story's framework the author has not answered yet (the check
before a reflection is submitted), without HTTP."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.models import Interpretation, InterpretationRole, Role
from portal.stories import service as stories
from tests.helpers import csrf_token, login


def _story_on(session, make_story, framework):
    made = make_story(submitted=False)
    made.framework_id = framework.id
    session.commit()
    session.expire_all()
    return stories.get_story(session, made.id)


def _save(session, story, **fields: str) -> None:
    parsed = answers.save_interpretation(
        session,
        lambda: stories.self_interpretation(session, story, create=True),
        story.framework.questions,
        MultiDict(fields),
        require=False,
    )
    assert parsed.errors == {}


def test_required_questions_without_a_stored_answer_are_missing(
    session, make_story, make_framework
):
    framework = make_framework(required=("role_balance", "agency", "meaning"))
    story = _story_on(session, make_story, framework)
    missing = stories.missing_required(session, story)
    assert [q.key for q in missing] == ["role_balance", "agency", "meaning"]
    _save(session, story, **{"q-agency-na": "y", "q-meaning": "Wat ik meeneem."})
    assert [q.key for q in stories.missing_required(session, story)] == ["role_balance"]


def test_nothing_is_missing_when_no_question_is_required(session, make_story, make_framework):
    story = _story_on(session, make_story, make_framework(required=()))
    assert stories.missing_required(session, story) == []


def test_another_persons_answers_do_not_count(session, make_story, make_framework, make_user):
    story = _story_on(session, make_story, make_framework(required=("feeling",)))
    other = Interpretation(
        story_id=story.id, user_id=make_user().id, role=InterpretationRole.MEMBER
    )
    session.add(other)
    session.flush()
    form = MultiDict({"q-feeling": "positive"})
    answers.save_interpretation(session, other, story.framework.questions, form, require=True)
    assert [q.key for q in stories.missing_required(session, story)] == ["feeling"]


def test_submit_with_no_interpretation_links_to_each_missing_question(
    client, make_user, make_story
):
    """The default reflection framework refuses a submit without its triads and indicators."""
    km = make_user(Role.KLANTMANAGER)
    story = make_story(author=km, title="Het eerste gesprek", submitted=False)
    login(client, km)
    token = csrf_token(client.get(f"/stories/{story.id}/check"))
    response = client.post(f"/stories/{story.id}/submit", data={"csrf_token": token})
    assert response.status_code == 400
    for key in ("role_balance", "what_worked", "motivation", "agency"):
        assert f'href="/stories/{story.id}/interpret#q-{key}"' in response.text, key
