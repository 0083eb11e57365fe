"""Every interview read is audited and every story route serves one kind (issue 14, defects 3
and 4): a walk over every route that takes an id, with an interview's id, as every reader who is
not its verhalenbegeleider; reflection routes answer 404 to an interview and interview routes to a
reflection; a withdrawn consent blocks every write, whatever route carries it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal import policy
from portal.models import AuditEvent, Role, Story
from tests.helpers import csrf_token, login

BODY = "Het verhaal van de taalcursus en het eerste werk, verteld in eigen woorden."
TRANSLATION = "De Nederlandse vertaling van het verhaal over de taalcursus."
_INT = re.compile(r"<int:\w+>")


def _id_routes(app) -> list:
    return sorted(
        (r for r in app.url_map.iter_rules() if _INT.search(r.rule) and "GET" in r.methods),
        key=lambda r: r.rule,
    )


@pytest.fixture
def interview(make_user, make_story, make_respondent, make_consent):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb)
    make_consent(respondent, research=True, sessions=True, quotes=True)
    return make_story(
        "interview",
        author=vb,
        respondent=respondent,
        submitted=True,
        body_md=BODY,
        translation_nl=TRANSLATION,
    )


def _reads(session, user, story) -> int:
    return len(
        session.scalars(
            select(AuditEvent).where(
                AuditEvent.actor_id == user.id,
                AuditEvent.action == "interview.read",
                AuditEvent.object_id == story.id,
            )
        ).all()
    )


@pytest.mark.parametrize(
    "roles",
    [(Role.ONDERZOEKER,), tuple(Role)],
    ids=["onderzoeker", "every-role"],
)
def test_every_route_that_shows_an_interview_audits_the_read(
    app, client, session, make_user, interview, roles
):
    reader = make_user(*roles)
    assert policy.can(reader, "read", interview)
    login(client, reader)
    shown_by = []
    for rule in _id_routes(app):
        url = _INT.sub(str(interview.id), rule.rule)
        before = _reads(session, reader, interview)
        response = client.get(url, follow_redirects=True)
        if BODY in response.text or TRANSLATION in response.text:
            shown_by.append(rule.endpoint)
            assert _reads(session, reader, interview) == before + 1, f"{url}: read not audited"
    assert "interviews.show" in shown_by


STORY_ROUTES = [
    ("GET", "/stories/{id}"),
    ("GET", "/stories/{id}/write"),
    ("POST", "/stories/{id}/write"),
    ("GET", "/stories/{id}/interpret"),
    ("GET", "/stories/{id}/reflect"),
    ("GET", "/stories/{id}/check"),
    ("POST", "/stories/{id}/submit"),
    ("GET", "/stories/{id}/done"),
    ("POST", "/stories/{id}/autosave"),
    ("GET", "/stories/{id}/withdraw"),
    ("POST", "/stories/{id}/withdraw"),
    ("POST", "/stories/{id}/share"),
    ("POST", "/stories/{id}/delete"),
]


def test_reflection_routes_answer_404_to_an_interview(
    app, client, make_user, make_story, make_respondent, make_consent
):
    both = make_user(Role.VERHALENBEGELEIDER, Role.KLANTMANAGER)
    respondent = make_respondent(owner=both)
    make_consent(respondent)
    draft = make_story("interview", author=both, respondent=respondent, body_md=BODY)
    submitted = make_story("interview", author=both, respondent=respondent, submitted=True)
    login(client, both)
    token = csrf_token(client.get("/settings"))
    data = {"csrf_token": token, "title": "Anders", "body_md": "Overschreven", "shared": "yes"}
    for story in (draft, submitted):
        for method, pattern in STORY_ROUTES:
            url = pattern.format(id=story.id)
            response = client.open(url, method=method, data=data if method == "POST" else None)
            assert response.status_code == 404, f"{method} {url}: {response.status_code}"


def test_interview_routes_answer_404_to_a_reflection(app, client, make_user, make_story):
    both = make_user(Role.VERHALENBEGELEIDER, Role.KLANTMANAGER)
    reflection = make_story(author=both, body_md=BODY)
    login(client, both)
    for url in (f"/interviews/{reflection.id}", f"/interviews/{reflection.id}/edit"):
        assert client.get(url).status_code == 404, url


def test_withdrawn_consent_blocks_every_write_whatever_the_route(
    app, client, session, make_user, make_story, make_respondent, make_consent
):
    both = make_user(Role.VERHALENBEGELEIDER, Role.KLANTMANAGER)
    respondent = make_respondent(owner=both)
    make_consent(respondent, withdrawn=True)
    story = make_story("interview", author=both, respondent=respondent, body_md=BODY)
    assert not policy.can(both, "edit", story)
    assert not policy.can(both, "withdraw", story)
    login(client, both)
    token = csrf_token(client.get("/settings"))
    data = {"csrf_token": token, "title": "Anders", "body_md": "Overschreven"}
    for url in (f"/stories/{story.id}/write", f"/stories/{story.id}/autosave"):
        assert client.post(url, data=data).status_code == 404, url
    # its own routes refuse and say why (the text stays in the form)
    for url in (f"/interviews/{story.id}/edit", f"/interviews/{story.id}/autosave"):
        assert client.post(url, data=data).status_code == 400, url
    session.expire_all()
    assert session.get(Story, story.id).body_md == BODY


def test_a_verhalenbegeleider_cannot_withdraw_a_submitted_interview(
    client, make_user, make_story, make_respondent, make_consent
):
    both = make_user(Role.VERHALENBEGELEIDER, Role.KLANTMANAGER)
    respondent = make_respondent(owner=both)
    make_consent(respondent)
    story = make_story("interview", author=both, respondent=respondent, submitted=True)
    assert policy.can(both, "edit", story)
    assert not policy.can(both, "withdraw", story)
    login(client, both)
    token = csrf_token(client.get("/settings"))
    response = client.post(f"/stories/{story.id}/withdraw", data={"csrf_token": token})
    assert response.status_code == 404
