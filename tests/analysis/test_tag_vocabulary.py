"""The tag vocabulary for the beheerder (/admin/tags): list with usage counts, add a tag (a checked
code, labels in nl and en, a description), edit it, retire it. A retired tag is no longer offered
for tagging, but the stories keep it and the filters still find them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.analysis.tags import load_default_tags, tags_of
from portal.models import AuditEvent, Role, Tag, story_tags
from tests.helpers import count_queries, csrf_token, login, post_form


@pytest.fixture
def vocabulary(session):
    load_default_tags(session)
    session.commit()


@pytest.fixture
def admin(client, beheerder, vocabulary):
    login(client, beheerder)
    return beheerder


def _tag(session, code: str) -> Tag | None:
    session.expire_all()
    return session.scalar(select(Tag).where(Tag.code == code))


def _new(client, **fields):
    data = {"code": "", "label_nl": "", "label_en": "", "description": ""} | fields
    return post_form(client, "/admin/tags", data)


def test_the_list_shows_the_default_themes_with_counts_and_no_story_content(
    client, session, admin, make_user, make_story
):
    story = make_story(
        author=make_user(Role.KLANTMANAGER),
        submitted=True,
        shared_with_team=True,
        title="Geheime titel Zeeanemoon",
    )
    taal = _tag(session, "taal")
    session.execute(story_tags.insert().values(story_id=story.id, tag_id=taal.id))
    session.commit()
    page = client.get("/admin/tags")
    assert page.status_code == 200
    for label in ("in beeld houden", "nauwe samenwerking", "laagdrempelig", "ambassadeurs"):
        assert label in page.text
    assert "Zeeanemoon" not in page.text
    row = page.text.split('id="tag-taal"')[1].split("</tr>")[0]
    assert 'data-stories="1">1 verhaal<' in row  # one story carries it
    # the admin menu leads here
    assert 'href="/admin/tags"' in client.get("/admin/teams").text


def test_the_list_takes_the_same_number_of_statements_for_few_and_many_tags(
    app, client, session, admin
):
    counts = []
    for extra in (0, 20):
        session.add_all(
            Tag(code=f"extra_{len(counts)}_{i}", label_nl=f"Extra {i}", label_en=f"Extra {i}")
            for i in range(extra)
        )
        session.commit()
        with count_queries(app.extensions["db_engine"]) as counter:
            assert client.get("/admin/tags").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_beheerder_adds_a_tag_and_it_is_offered_for_tagging(client, session, admin):
    response = _new(
        client,
        code="werkgevers",
        label_nl="Werkgevers",
        label_en="Employers",
        description="Contact met werkgevers en het werkgeversservicepunt.",
    )
    assert response.status_code == 302
    tag = _tag(session, "werkgevers")
    assert (tag.label_nl, tag.label_en, tag.retired_at) == ("Werkgevers", "Employers", None)
    assert tag.description.startswith("Contact met werkgevers")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "tag_created"))
    assert event.object_id == tag.id and event.details["code"] == "werkgevers"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Vul een code in."),
        ("Werk Gevers", "kleine letters"),
        ("1taal", "begint met een letter"),
        ("werk-gevers", "kleine letters"),
        ("é", "kleine letters"),
        ("x" * 65, "hooguit 64 tekens"),
        ("taal", "bestaat al"),
    ],
)
def test_a_bad_or_taken_code_is_refused_with_a_clear_message_and_the_form_kept(
    client, session, admin, code, message
):
    before = session.scalar(select(func.count(Tag.id)))
    response = _new(client, code=code, label_nl="Iets nieuws", label_en="Something new")
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Iets nieuws"' in response.text  # nothing typed is lost
    assert 'aria-invalid="true"' in response.text
    assert session.scalar(select(func.count(Tag.id))) == before


def test_labels_are_required_and_unique(client, session, admin):
    response = _new(client, code="nieuw")
    assert response.status_code == 400
    assert "Vul het Nederlandse label in." in response.text
    assert "Vul het Engelse label in." in response.text
    response = _new(client, code="nieuw", label_nl="Taal", label_en="Tongue")
    assert response.status_code == 400
    assert "Er is al een thema met het label Taal." in response.text
    assert _tag(session, "nieuw") is None


def test_beheerder_edits_the_labels_and_description_but_not_the_code(client, session, admin):
    tag = _tag(session, "regie")
    url = f"/admin/tags/{tag.id}"
    page = client.get(url)
    assert page.status_code == 200 and 'value="regie"' not in page.text.split("<form")[1]
    response = post_form(
        client,
        url,
        {"label_nl": "eigen regie", "label_en": "own agency", "description": "Wie beslist?"},
    )
    assert response.status_code == 302
    tag = _tag(session, "regie")
    assert (tag.label_nl, tag.label_en, tag.description) == (
        "eigen regie",
        "own agency",
        "Wie beslist?",
    )
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "tag_updated"))
    refused = post_form(client, url, {"label_nl": "", "label_en": "x"})
    assert refused.status_code == 400 and "Vul het Nederlandse label in." in refused.text


def test_retired_tag_is_kept_by_its_stories_and_filters_but_no_longer_offered(
    client, session, admin, make_user, answered
):
    coach = make_user(Role.COACH)
    author = make_user(Role.KLANTMANAGER)
    stories = [answered(author=author, agency=v, shared_with_team=True) for v in range(10, 60, 10)]
    session.execute(
        story_tags.insert(),
        [{"story_id": s.id, "tag_id": _tag(session, "taal").id} for s in stories],
    )
    session.commit()
    tag = _tag(session, "taal")
    response = post_form(client, f"/admin/tags/{tag.id}/retire", {}, token_from="/admin/tags")
    assert response.status_code == 302
    assert _tag(session, "taal").retired_at is not None
    assert tags_of(session, stories[0].id) == ["taal"]  # the stories keep it
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "tag_retired"))
    assert "ingetrokken" in client.get("/admin/tags").text

    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, coach)
    # the story page shows the tag but does not offer it
    page = client.get(f"/stories/{stories[1].id}").text
    panel = page.split('id="tags"')[1].split("</section>")[0]
    assert "taal" in panel.split("<form")[0]  # shown among its themes, marked as retired
    assert "(ingetrokken)" in panel.split("<form")[0]
    assert 'value="taal"' not in panel.replace('name="remove" value="taal"', "")
    # the drill-down list does not offer it for tagging, the filter still has it
    listing = client.get("/analysis/stories?kind=reflection").text
    assert 'id="t-taal"' not in listing and 'id="t-regie"' in listing
    assert 'id="f-tag-taal"' in client.get("/analysis/reflection").text
    # posting it anyway tags nothing
    other = answered(author=author, agency=70, shared_with_team=True)
    post_form(
        client,
        f"/analysis/stories/{other.id}/tags",
        {"tag": ["taal", "regie"]},
        token_from=f"/stories/{other.id}",
    )
    assert tags_of(session, other.id) == ["regie"]

    # an onderzoeker's filter on the retired tag still finds its stories
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    author.research_consent = True
    session.commit()
    login(client, researcher)
    found = client.get("/analysis/stories?kind=reflection&tag=taal").text
    assert "5 verhalen" in found


def test_a_retired_tag_can_be_taken_back_into_use(client, session, admin):
    tag = _tag(session, "goede_start")
    post_form(client, f"/admin/tags/{tag.id}/retire", {}, token_from="/admin/tags")
    post_form(client, f"/admin/tags/{tag.id}/reactivate", {}, token_from="/admin/tags")
    assert _tag(session, "goede_start").retired_at is None
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "tag_reactivated"))


def test_init_again_does_not_bring_back_or_duplicate_a_retired_default(session, vocabulary):
    from portal.analysis import vocabulary as vocab
    from portal.models import utcnow

    vocab.retire_tag(session, _tag(session, "laagdrempelig"), now=utcnow())
    session.commit()
    assert load_default_tags(session) == []
    assert _tag(session, "laagdrempelig").retired_at is not None


def test_only_the_beheerder_manages_tags(client, session, vocabulary, make_user):
    tag = _tag(session, "taal")
    for role in (Role.COACH, Role.ONDERZOEKER, Role.KLANTMANAGER):
        login(client, make_user(role))
        assert client.get("/admin/tags").status_code == 403
        token = csrf_token(client.get("/settings"))
        response = client.post(f"/admin/tags/{tag.id}/retire", data={"csrf_token": token})
        assert response.status_code == 403
        client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    assert _tag(session, "taal").retired_at is None


def test_an_unknown_tag_is_404_and_a_post_without_token_400(client, admin, session):
    assert client.get("/admin/tags/2147483647").status_code == 404
    tag = _tag(session, "taal")
    assert client.post(f"/admin/tags/{tag.id}/retire").status_code == 400
    assert _tag(session, "taal").retired_at is None


def test_two_tabs_adding_one_code_at_once_give_one_tag_and_a_message(app, session):
    from portal.analysis.vocabulary import TagError, create_tag
    from portal.models import Tag
    from tests.stories.test_races import THREADS, _at_once

    def add(s, i):
        create_tag(s, code="taalmaatje", label_nl=f"Taalmaatje {i}", label_en=f"Language buddy {i}")

    errors = _at_once(app, add)
    assert len(errors) == THREADS - 1 and all(isinstance(e, TagError) for e in errors), errors
    assert session.scalar(select(func.count(Tag.id)).where(Tag.code == "taalmaatje")) == 1
