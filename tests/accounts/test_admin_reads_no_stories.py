"""The beheerder reads no story content anywhere (DESIGN §2, issue 16): every admin page, with the
fixtures' stories in the database, is searched for their titles and texts."""

from __future__ import annotations

from sqlalchemy import select

from portal.analysis.tags import load_default_tags
from portal.frameworks.versions import current_framework
from portal.models import Role, StoryKind, Tag, story_tags
from tests.helpers import login

TITLE_R = "Geheime titel reflectie Zeeanemoon"
BODY_R = "Vertrouwelijke tekst over de familie Kwartelkoning"
TITLE_I = "Geheime titel gesprek Pimpernel"
BODY_I = "Het verhaal van de respondent over Lavendelveld"


def test_no_admin_page_shows_a_story_title_or_text(
    app, client, session, team, make_user, make_story, make_consent, beheerder
):
    author = make_user(Role.KLANTMANAGER)
    make_story(author=author, submitted=True, shared_with_team=True, title=TITLE_R, body_md=BODY_R)
    make_story(author=author, submitted=False, title=TITLE_R + " concept", body_md=BODY_R)
    interview = make_story(StoryKind.INTERVIEW, submitted=True, title=TITLE_I, body_md=BODY_I)
    make_consent(interview.respondent)
    load_default_tags(session)
    tag = session.scalar(select(Tag).where(Tag.code == "taal"))
    session.execute(story_tags.insert().values(story_id=interview.id, tag_id=tag.id))
    session.commit()
    login(client, beheerder)
    framework = current_framework(session, StoryKind.REFLECTION)
    paths = [
        "/admin/users",
        "/admin/users?status=all",
        f"/admin/users/{author.id}",
        f"/admin/users/{interview.author_id}",
        "/admin/teams",
        f"/admin/teams/{team.id}",
        "/admin/frameworks",
        f"/admin/frameworks/{framework.id}",
        f"/admin/frameworks/{framework.id}/languages",
        f"/admin/frameworks/{framework.id}/languages/ti",
        "/admin/audit",
        "/admin/tags",
        f"/admin/tags/{tag.id}",
    ]
    rules = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/admin")}
    visited = {p.split("?")[0] for p in paths}
    assert len(visited) >= len([r for r in rules if "<" not in r])  # every list page visited
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200, path
        for secret in (TITLE_R, BODY_R, TITLE_I, BODY_I, "Kwartelkoning", "Lavendelveld"):
            assert secret not in page.text, f"{path} shows story content: {secret}"
