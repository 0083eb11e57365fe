"""The coach's story pool: the policy rule ``stories_for_sessions`` joined with the shared story
filter; interviews by respondent code; paging without a COUNT."""

from __future__ import annotations

from portal.stories.filters import parse_filter
from portal.team_sessions import pool
from tests.fixtures.team_sessions import place_self
from tests.helpers import count_queries, csrf_token, login


def _ids(running, args=None, **kw):
    f, errors = parse_filter(args or {})
    assert errors == []
    found = pool.pool(running.session, running.coach, running.reload(), f, **kw)
    return [s.id for s in found.items], found


def test_the_pool_holds_what_the_coach_may_bring_in_and_not_what_is_already_in(
    running, make_story, make_team, make_user, vb, consented, make_respondent, make_consent
):
    shared = make_story(author=running.members[0], submitted=True, shared_with_team=True)
    private = make_story(author=running.members[0], submitted=True)
    draft = make_story(author=running.members[0], shared_with_team=True)
    elsewhere = make_story(
        author=make_user(teams=[make_team("Zuid")]), submitted=True, shared_with_team=True
    )
    interview = make_story("interview", author=vb, respondent=consented, submitted=True)
    no_sessions = make_respondent(owner=vb)
    make_consent(no_sessions, research=True, sessions=False)
    research_only = make_story("interview", author=vb, respondent=no_sessions, submitted=True)

    ids, _found = _ids(running)
    assert shared.id in ids and interview.id in ids
    assert running.story.id not in ids  # already in the session
    for hidden in (private, draft, elsewhere, research_only):
        assert hidden.id not in ids


def test_the_pool_narrows_by_signifier_range_text_and_teller(running, make_story, vb, consented):
    low = make_story(author=running.members[0], submitted=True, shared_with_team=True, title="Laag")
    high = make_story(
        author=running.members[1], submitted=True, shared_with_team=True, title="Hoog"
    )
    place_self(running.session, low, motivation=10)
    place_self(running.session, high, motivation=90)
    interview = make_story("interview", author=vb, respondent=consented, submitted=True)

    assert _ids(running, {"r.motivation": "0-30"})[0] == [low.id]
    assert _ids(running, {"q": "hoog"})[0] == [high.id]
    assert _ids(running, {"teller": "statushouder"})[0] == [interview.id]


def test_pages_go_on_without_counting_everything(running, make_story):
    for _ in range(5):
        make_story(author=running.members[0], submitted=True, shared_with_team=True)
    first, page1 = _ids(running, per_page=3)
    second, page2 = _ids(running, per_page=3, page=2)
    assert page1.has_next and not page2.has_next
    assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)


def test_the_pool_page_shows_interviews_by_code_only(
    app, client, running, vb, consented, make_story
):
    make_story(
        "interview", author=vb, respondent=consented, submitted=True, title="Naam Achternaam"
    )
    login(client, running.coach)
    url = f"/sessions/{running.team_session.id}/pool?teller=statushouder"
    with count_queries(app.extensions["db_engine"]) as few:
        html = client.get(url).text
    assert consented.code in html and "Naam Achternaam" not in html
    for _ in range(8):
        make_story("interview", author=vb, respondent=consented, submitted=True)
    with count_queries(app.extensions["db_engine"]) as many:
        assert html.count("Gesprek met") < client.get(url).text.count("Gesprek met")
    assert few.count == many.count


def test_adding_from_the_pool_keeps_the_filter(client, running, make_story):
    story = make_story(author=running.members[0], submitted=True, shared_with_team=True)
    ts = running.reload()
    from portal.models import SessionStatus

    ts.status = SessionStatus.PLANNED
    running.session.commit()
    login(client, running.coach)
    page = f"/sessions/{ts.id}/pool?q=gesprek"
    token = csrf_token(client.get(page))
    response = client.post(
        f"/sessions/{ts.id}/stories",
        data={
            "csrf_token": token,
            "story": story.id,
            "reason": "Mooi",
            "filter": "q=gesprek&evil=1",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/sessions/{ts.id}/pool?q=gesprek"
    assert [i.story_id for i in running.items()] == [running.story.id, story.id]


def test_the_coach_adds_a_story_to_an_open_session_from_the_pool(client, running, make_story):
    """A story that comes up during the session can still be brought in while it is open."""
    story = make_story(
        author=running.members[0], submitted=True, shared_with_team=True, title="Ook dit"
    )
    ts = running.reload()
    login(client, running.coach)
    show = client.get(f"/sessions/{ts.id}")
    assert f"/sessions/{ts.id}/pool" in show.text and "Nog een verhaal toevoegen" in show.text
    pool_page = client.get(f"/sessions/{ts.id}/pool")
    assert "Ook dit" in pool_page.text
    response = client.post(
        f"/sessions/{ts.id}/stories",
        data={"csrf_token": csrf_token(pool_page), "story": story.id, "reason": "Kwam ter sprake"},
    )
    assert response.status_code == 302
    assert [i.story_id for i in running.items()] == [running.story.id, story.id]
    assert "Ook dit" in client.get(f"/sessions/{ts.id}").text  # in the list to switch to
