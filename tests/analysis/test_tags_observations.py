"""Tags (default vocabulary, tagging one story or several) and observations with their
competing interpretations; the klantmanager's own patterns on the home page."""

from __future__ import annotations

from sqlalchemy import select

from portal.analysis.tags import DEFAULT_TAGS, load_default_tags, tags_of
from portal.models import Observation, Role, Tag, story_tags
from tests.helpers import csrf_token, login, post_form


def test_default_tags_load_once(session):
    assert len(load_default_tags(session)) == len(DEFAULT_TAGS)
    session.commit()
    assert load_default_tags(session) == []
    codes = set(session.scalars(select(Tag.code)))
    assert {"taal", "regie", "laagdrempelig", "in_beeld_houden"} <= codes


def test_coach_tags_several_stories_at_once_but_only_what_the_policy_allows(
    client, session, answered, make_user, make_team
):
    load_default_tags(session)
    session.commit()
    coach = make_user(Role.COACH)
    author = make_user(Role.KLANTMANAGER)
    shared = [answered(author=author, agency=v, shared_with_team=True) for v in (10, 20)]
    private = answered(author=author, agency=30)
    login(client, coach)
    ids = [str(s.id) for s in (*shared, private)]
    response = post_form(
        client,
        "/analysis/stories/tag",
        {"story": ids, "tag": ["taal", "regie"], "next": "/analysis/stories?kind=reflection"},
        token_from="/analysis/stories?kind=reflection",
    )
    assert response.status_code == 302
    assert tags_of(session, shared[0].id) == ["regie", "taal"]
    assert tags_of(session, private.id) == []  # not shared: the coach may not tag it
    # tagging again adds nothing twice
    post_form(
        client, "/analysis/stories/tag", {"story": ids, "tag": "taal"}, token_from="/settings"
    )
    assert len(session.execute(select(story_tags)).all()) == 4
    # the tag filters the drill-down; two stories are fewer than a coach may see listed
    page = client.get("/analysis/stories?kind=reflection&tag=regie")
    assert "de lijst blijft verborgen" in page.text and "2 verhalen" not in page.text


def test_tag_from_the_story_page_and_remove_it(client, session, answered, make_user):
    load_default_tags(session)
    session.commit()
    coach = make_user(Role.COACH)
    story = answered(author=make_user(Role.KLANTMANAGER), agency=50, shared_with_team=True)
    login(client, coach)
    page = client.get(f"/stories/{story.id}")
    assert "Thema's toevoegen" in page.text
    token = csrf_token(page)
    client.post(
        f"/analysis/stories/{story.id}/tags", data={"tag": "goede_start", "csrf_token": token}
    )
    assert tags_of(session, story.id) == ["goede_start"]
    client.post(
        f"/analysis/stories/{story.id}/tags", data={"remove": "goede_start", "csrf_token": token}
    )
    assert tags_of(session, story.id) == []


def test_klantmanager_sees_no_tag_panel(client, answered, consenting):
    story = answered(author=consenting, agency=50, shared_with_team=True)
    login(client, consenting)
    assert "Thema's toevoegen" not in client.get(f"/stories/{story.id}").text


def test_observation_needs_two_interpretations_and_keeps_the_text(client, session, researcher):
    login(client, researcher)
    url = "/analysis/observations/new?kind=reflection&chart=slider:agency&query=team%3D1"
    form = client.get(url)
    assert 'value="slider:agency"' in form.text
    data = {
        "kind": "reflection",
        "chart": "slider:agency",
        "query": "team=1",
        "title": "Regie ligt vaak bij de klantmanager",
        "text": "De meeste verhalen staan links.",
        "strength": "strong",
        "interpretation": ["Alleen de eerste duiding", ""],
    }
    refused = post_form(client, "/analysis/observations", data, token_from=url)
    assert refused.status_code == 400
    assert (
        "Regie ligt vaak bij de klantmanager" in refused.text
        and "Alleen de eerste duiding" in refused.text
    )
    data["interpretation"] = ["Tijdsdruk", "Statushouders vragen erom", ""]
    saved = post_form(client, "/analysis/observations", data, token_from=url)
    assert saved.status_code == 302
    observation = session.scalars(select(Observation)).one()
    page = client.get(saved.headers["Location"])
    assert "Tijdsdruk" in page.text and "Statushouders vragen erom" in page.text
    assert 'id="slider-agency"' in page.text  # the chart drawn again with its filters
    listing = client.get("/analysis/observations").text
    assert "Regie ligt vaak bij de klantmanager" in listing
    post_form(
        client,
        f"/analysis/observations/{observation.id}/interpretations",
        {"text": "Een derde lezing"},
        token_from=f"/analysis/observations/{observation.id}",
    )
    assert "Een derde lezing" in client.get(f"/analysis/observations/{observation.id}").text


def test_coach_reads_observations_but_cannot_write_them(client, researcher, make_user, session):
    from portal.analysis.observations import create_observation

    create_observation(
        session,
        researcher,
        kind="reflection",
        chart="slider:agency",
        query="",
        title="Gedeeld",
        text="",
        strength="weak",
        interpretations=["a", "b"],
    )
    session.commit()
    login(client, make_user(Role.COACH))
    listing = client.get("/analysis/observations")
    assert "Gedeeld" in listing.text and "Nieuwe observatie" not in listing.text
    assert client.get("/analysis/observations/new").status_code == 403


def test_klantmanager_home_shows_only_their_own_patterns(client, answered, make_user):
    me = make_user(Role.KLANTMANAGER)
    other = make_user(Role.KLANTMANAGER, research_consent=True)
    answered(author=me, agency=20, motivation=40, role_balance=(70, 20, 10))
    answered(
        author=other, agency=90, motivation=90, role_balance=(10, 10, 80), shared_with_team=True
    )
    login(client, me)
    home = client.get("/").text
    assert "Je eigen patronen" in home
    triad = home[home.index('id="own-triad-role_balance"') :]
    assert "n = 1" in triad[:400]
    assert "/analysis/stories" not in home  # no drill-down for klantmanagers


def test_onderzoeker_home_leads_to_the_analysis(client, researcher):
    login(client, researcher)
    home = client.get("/").text
    assert 'href="/analysis/indicators"' in home and 'href="/analysis/patterns"' in home


def test_onderzoeker_tags_an_interview_from_its_page(
    client, session, answered, researcher, consented, vb
):
    load_default_tags(session)
    session.commit()
    story = answered(author=vb, kind="interview", respondent=consented, agency=70)
    login(client, researcher)
    page = client.get(f"/interviews/{story.id}")
    assert "Thema's toevoegen" in page.text
    response = client.post(
        f"/analysis/stories/{story.id}/tags", data={"tag": "taal", "csrf_token": csrf_token(page)}
    )
    assert response.headers["Location"].endswith(f"/interviews/{story.id}#tags")
    assert tags_of(session, story.id) == ["taal"]
