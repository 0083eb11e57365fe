"""Frameworks in the browser (/admin/frameworks): a new version on edit, published versions never
change, stable keys, the active version per kind; stories on the old version keep working."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from portal.frameworks import editing
from portal.frameworks.versions import current_framework
from portal.models import Framework, StoryKind, utcnow
from tests.helpers import csrf_token, login, post_form


@pytest.fixture(autouse=True)
def _no_chosen_version(app):
    """Choosing a version flags the default frameworks, which outlive a test: unflag them."""
    yield
    with app.extensions["db_sessionmaker"]() as s:
        s.execute(update(Framework).values(is_active=False))
        s.commit()


@pytest.fixture
def admin(client, beheerder):
    login(client, beheerder)
    return beheerder


def _form_of(framework: Framework, **changes) -> dict:
    """The edit form as the page posts it, with ``changes`` per question key."""
    data = {"name_nl": framework.name_nl, "name_en": framework.name_en, "then": "save"}
    for i, q in enumerate(framework.questions, start=1):
        fields = {
            "key": q.key,
            "type": str(q.type),
            "text_nl": q.text_nl,
            "text_en": q.text_en,
            "options": editing.format_options(q.options),
        }
        if q.required:
            fields["required"] = "1"
        fields.update(changes.get(q.key, {}))
        data.update({f"q-{i}-{name}": value for name, value in fields.items()})
    return data


def _draft(client, session, base: Framework) -> Framework:
    response = post_form(
        client, f"/admin/frameworks/{base.id}/new-version", {}, token_from="/admin/frameworks"
    )
    assert response.status_code == 302
    session.expire_all()
    draft = session.scalar(select(Framework).where(Framework.published_at.is_(None)))
    return editing.load(session, draft.id)


def test_editing_makes_a_new_version_and_the_old_one_keeps_its_stories(
    app, client, session, admin, make_story, klantmanager
):
    old = current_framework(session, StoryKind.REFLECTION)
    story = make_story(author=klantmanager, submitted=True, title="Op de oude versie")
    old_texts = [(q.key, q.text_nl, list(q.options)) for q in old.questions]

    draft = _draft(client, session, old)
    assert draft.version > old.version and [q.key for q in draft.questions] == [
        q.key for q in old.questions
    ]
    first = old.questions[0]
    data = _form_of(draft, **{first.key: {"text_nl": "Een nieuwe vraagtekst"}})
    data["then"] = "publish"
    response = client.post(
        f"/admin/frameworks/{draft.id}/edit",
        data={**data, "csrf_token": csrf_token(client.get(f"/admin/frameworks/{draft.id}/edit"))},
    )
    assert response.status_code == 302
    session.expire_all()
    new = current_framework(session, StoryKind.REFLECTION)
    assert new.id == draft.id and new.questions[0].text_nl == "Een nieuwe vraagtekst"
    old_again = editing.load(session, old.id)
    assert [(q.key, q.text_nl, list(q.options)) for q in old_again.questions] == old_texts
    # the story keeps its version and still renders for its author
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, klantmanager)
    page = client.get(f"/stories/{story.id}")
    assert page.status_code == 200 and "Op de oude versie" in page.text
    # a new story is answered on the new version
    assert make_story(author=klantmanager).framework_id == new.id


def test_a_published_version_is_never_edited(client, session, admin):
    old = current_framework(session, StoryKind.REFLECTION)
    response = client.get(f"/admin/frameworks/{old.id}/edit")
    assert response.status_code == 302
    with pytest.raises(editing.FrameworkError):
        editing.save_draft(
            session, editing.load(session, old.id), name_nl="x", name_en="x", specs=[]
        )


def test_a_duplicate_key_is_refused_and_the_form_kept(client, session, admin):
    draft = _draft(client, session, current_framework(session, StoryKind.REFLECTION))
    second = draft.questions[1].key
    data = _form_of(
        draft, **{second: {"key": draft.questions[0].key, "text_nl": "Mijn getypte tekst"}}
    )
    url = f"/admin/frameworks/{draft.id}/edit"
    response = client.post(url, data={**data, "csrf_token": csrf_token(client.get(url))})
    assert response.status_code == 400
    assert "twee keer" in response.text and "Mijn getypte tekst" in response.text
    session.expire_all()
    assert editing.load(session, draft.id).questions[1].key == second  # nothing saved


def test_an_empty_option_list_is_refused_and_the_form_kept(client, session, admin):
    draft = _draft(client, session, current_framework(session, StoryKind.REFLECTION))
    choice = next(q for q in draft.questions if q.type == "choice")
    data = _form_of(draft, **{choice.key: {"options": ""}})
    url = f"/admin/frameworks/{draft.id}/edit"
    response = client.post(url, data={**data, "csrf_token": csrf_token(client.get(url))})
    assert response.status_code == 400 and "opties nodig" in response.text


def test_a_key_keeps_its_type_across_versions(client, session, admin):
    draft = _draft(client, session, current_framework(session, StoryKind.REFLECTION))
    slider = next(q for q in draft.questions if q.type == "slider")
    data = _form_of(draft, **{slider.key: {"type": "text", "options": ""}})
    url = f"/admin/frameworks/{draft.id}/edit"
    response = client.post(url, data={**data, "csrf_token": csrf_token(client.get(url))})
    assert response.status_code == 400 and "ander soort vraag" in response.text


def test_a_new_question_is_added_and_one_removed(client, session, admin):
    draft = _draft(client, session, current_framework(session, StoryKind.REFLECTION))
    n, removed = len(draft.questions), draft.questions[-1].key
    data = _form_of(draft, **{removed: {"remove": "1"}})
    data.update(
        {
            f"q-{n + 1}-new": "1",
            f"q-{n + 1}-key": "steun_netwerk",
            f"q-{n + 1}-type": "choice",
            f"q-{n + 1}-text_nl": "Was er steun uit het netwerk?",
            f"q-{n + 1}-options": "ja | ja | yes\nnee | nee | no",
        }
    )
    url = f"/admin/frameworks/{draft.id}/edit"
    assert (
        client.post(url, data={**data, "csrf_token": csrf_token(client.get(url))}).status_code
        == 302
    )
    session.expire_all()
    keys = [q.key for q in editing.load(session, draft.id).questions]
    assert keys[-1] == "steun_netwerk" and removed not in keys and len(keys) == n


def test_the_beheerder_chooses_the_active_version(client, session, admin):
    old = current_framework(session, StoryKind.REFLECTION)
    draft = _draft(client, session, old)
    editing.publish(session, draft, now=utcnow())
    session.commit()
    assert current_framework(session, StoryKind.REFLECTION).id == draft.id
    response = post_form(
        client, f"/admin/frameworks/{old.id}/activate", {}, token_from="/admin/frameworks"
    )
    assert response.status_code == 302
    session.expire_all()
    assert current_framework(session, StoryKind.REFLECTION).id == old.id
    assert current_framework(session, StoryKind.INTERVIEW) is not None  # the other kind untouched


def test_framework_pages_show_versions_and_a_preview(client, session, admin):
    listing = client.get("/admin/frameworks")
    assert listing.status_code == 200 and "actief" in listing.text
    fw = current_framework(session, StoryKind.INTERVIEW)
    preview = client.get(f"/admin/frameworks/{fw.id}")
    assert preview.status_code == 200
    assert fw.questions[0].text_nl in preview.text and fw.questions[0].key in preview.text
