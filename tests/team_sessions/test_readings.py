"""Between sessions: team members interpret and comment on a shared story at /stories/<id>, and
the author sees the team's readings next to their own."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Comment, Interpretation, InterpretationRole, Role
from tests.fixtures.team_sessions import answer_form, place_self
from tests.helpers import csrf_token, login


def _post(client, url, data, page):
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(page))})


def _shared(make_user, make_story, session):
    author = make_user(Role.KLANTMANAGER, display_name="Anna Auteur")
    story = make_story(author=author, submitted=True, shared_with_team=True, title="Het gesprek")
    place_self(session, story, role=(60, 20, 20), motivation=20)
    return author, story


def test_a_colleague_interprets_once_and_the_author_sees_it_next_to_their_own(
    client, session, make_user, make_story
):
    author, story = _shared(make_user, make_story, session)
    colleague = make_user(Role.KLANTMANAGER, display_name="Bram Collega")
    login(client, colleague)
    page = f"/stories/{story.id}"
    assert "Jouw duiding van dit verhaal" in client.get(page).text
    for motivation, text in ((30, "eerst"), (70, "Ik las vooral eigen regie")):
        form = dict(answer_form(motivation=motivation, duiding=text))
        assert _post(client, f"{page}/reading", form, page).status_code == 302
    count = session.scalar(
        select(func.count(Interpretation.id)).where(
            Interpretation.role == InterpretationRole.MEMBER
        )
    )
    assert count == 1

    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, author)
    html = client.get(page).text
    assert "Hoe je team het las" in html and "Ik las vooral eigen regie" in html
    assert "compare__author" in html and "compare__member" in html
    assert (
        "Jouw duiding van dit verhaal" not in html
    )  # the author does not read their own story twice
    assert "Gemiddelde afstand tot de schrijver: 50.0 punten" in html  # |70 - 20|


def test_a_refused_reading_keeps_its_text(client, session, make_user, make_story):
    _author, story = _shared(make_user, make_story, session)
    login(client, make_user(Role.KLANTMANAGER))
    page = f"/stories/{story.id}"
    form = {**answer_form(duiding="Mijn duiding blijft staan"), "q-role_balance-a": "95"}
    response = _post(client, f"{page}/reading", form, page)
    assert response.status_code == 400
    assert "Mijn duiding blijft staan" in response.text and "samen 100" in response.text


def test_comments_are_the_writers_to_delete(client, session, make_user, make_story):
    author, story = _shared(make_user, make_story, session)
    writer = make_user(Role.KLANTMANAGER)
    login(client, writer)
    page = f"/stories/{story.id}"
    assert _post(client, f"{page}/comments", {"body": "Mooi *verhaal*"}, page).status_code == 302
    assert _post(client, f"{page}/comments", {"body": "  "}, page).status_code == 400
    comment = session.scalar(select(Comment))
    assert comment.body_md == "Mooi *verhaal*"
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, author)
    assert "<em>verhaal</em>" in client.get(page).text
    response = _post(client, f"{page}/comments/{comment.id}/delete", {}, page)
    assert response.status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, writer)
    assert _post(client, f"{page}/comments/{comment.id}/delete", {}, page).status_code == 302
    assert session.scalar(select(func.count(Comment.id))) == 0


def test_someone_outside_the_team_can_neither_read_nor_interpret(
    client, session, make_user, make_story, make_team
):
    _author, story = _shared(make_user, make_story, session)
    outsider = make_user(Role.KLANTMANAGER, teams=[make_team("Elders")])
    login(client, outsider)
    token = csrf_token(client.get("/settings"))
    response = client.post(
        f"/stories/{story.id}/reading", data={**answer_form(), "csrf_token": token}
    )
    assert response.status_code == 404
