"""People in the browser (/admin/users): invite by mail, edit roles and teams, deactivate."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.models import AuditEvent, Role, User
from tests.helpers import PASSWORD, count_queries, csrf_token, login, post_form

NEW = "mijn eigen nieuwe wachtwoord"


@pytest.fixture
def admin(client, beheerder):
    login(client, beheerder)
    return beheerder


def _invite(client, **data):
    form = {"email": "nieuw@test.example", "name": "Nieuwe Collega", "locale": "nl"}
    form.update(data)
    response = post_form(client, "/admin/users", form)
    response.close()  # the mail goes out when the response is closed, as under a WSGI server
    return response


def _user(session, email: str) -> User | None:
    session.expire_all()
    return session.scalar(select(User).where(User.email == email))


def test_invited_klantmanager_sets_a_password_from_the_mail_and_logs_in(
    app, client, session, team, admin, mailbox
):
    response = _invite(client, roles=["klantmanager", "coach"], team=str(team.id))
    assert response.status_code == 302
    (message,) = mailbox.wait(1)
    assert message["To"] == "nieuw@test.example"
    invited = _user(session, "nieuw@test.example")
    assert invited.roles == {"klantmanager", "coach"} and invited.team_ids == {team.id}
    assert invited.password_hash is None
    listing = client.get("/admin/users?status=invited")
    assert "nieuw@test.example" in listing.text and "link geldig tot" in listing.text

    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    (link,) = mailbox.links()
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200 and "Welkom" in page.text
    assert post_form(client, path, {"password": NEW, "password_confirm": NEW}).status_code == 302
    login(client, invited, NEW)
    assert client.get("/").status_code == 200
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"user_invited", "password_set", "login"} <= actions


def test_inviting_an_existing_address_says_so_and_keeps_the_form(
    client, session, admin, klantmanager
):
    response = _invite(client, email=klantmanager.email.upper(), name="Dubbel", roles=["coach"])
    assert response.status_code == 400
    assert "al een account" in response.text
    assert 'value="Dubbel"' in response.text  # nothing lost
    assert session.scalar(select(func.count(User.id)).where(User.email == klantmanager.email)) == 1


def test_inviting_without_a_role_is_refused(client, session, admin):
    response = _invite(client)
    assert response.status_code == 400
    assert _user(session, "nieuw@test.example") is None


def test_a_new_invitation_voids_the_first_link(client, session, admin, mailbox):
    _invite(client, roles=["klantmanager"])
    mailbox.wait(1)
    invited = _user(session, "nieuw@test.example")
    response = post_form(client, f"/admin/users/{invited.id}/link", {}, token_from="/admin/users")
    response.close()
    assert response.status_code == 302
    first, second = [urlsplit(u).path for u in (mailbox.wait(2) and mailbox.links())]
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_beheerder_edits_roles_and_teams(client, session, admin, klantmanager, make_team):
    other = make_team("Team Zuid")
    url = f"/admin/users/{klantmanager.id}"
    response = post_form(
        client,
        url,
        {
            "name": "Anders Genoemd",
            "roles": ["klantmanager", "coach"],
            "teams": [str(other.id)],
            "coached_teams": [str(other.id)],
        },
    )
    assert response.status_code == 302
    user = _user(session, klantmanager.email)
    assert user.display_name == "Anders Genoemd"
    assert user.roles == {"klantmanager", "coach"}
    assert user.team_ids == {other.id} and user.coached_team_ids == {other.id}


def test_coaching_a_team_needs_the_coach_role(client, session, admin, klantmanager, team):
    response = post_form(
        client,
        f"/admin/users/{klantmanager.id}",
        {"name": "X", "roles": ["klantmanager"], "coached_teams": [str(team.id)]},
    )
    assert response.status_code == 400
    assert _user(session, klantmanager.email).coached_team_ids == frozenset()


def test_removing_your_own_beheerder_role_is_refused(client, session, admin):
    response = post_form(client, f"/admin/users/{admin.id}", {"name": "Ik", "roles": ["coach"]})
    assert response.status_code == 400
    assert "eigen rol van beheerder" in response.text
    assert _user(session, admin.email).roles == {"beheerder"}


def test_deactivating_yourself_is_refused(client, session, admin):
    post_form(client, f"/admin/users/{admin.id}/deactivate", {}, token_from="/admin/users")
    assert _user(session, admin.email).active
    assert "eigen account niet uitschakelen" in client.get(f"/admin/users/{admin.id}").text


def test_deactivation_ends_an_existing_session_and_reactivation_lets_them_back(
    app, client, session, admin, klantmanager
):
    other = app.test_client()
    login(other, klantmanager)
    assert other.get("/stories/mine").status_code == 200
    response = post_form(
        client, f"/admin/users/{klantmanager.id}/deactivate", {}, token_from="/admin/users"
    )
    assert response.status_code == 302
    assert not _user(session, klantmanager.email).active
    assert other.get("/stories/mine").status_code == 302  # back to the login page
    token = csrf_token(other.get("/login"))
    refused = other.post(
        "/login", data={"email": klantmanager.email, "password": PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 200
    post_form(client, f"/admin/users/{klantmanager.id}/reactivate", {}, token_from="/admin/users")
    assert other.get("/stories/mine").status_code == 302  # the old session stays ended
    login(other, klantmanager)
    assert other.get("/stories/mine").status_code == 200
    actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert "user_deactivated" in actions and "user_reactivated" in actions


def test_search_finds_by_name_and_address_and_lists_the_deactivated_apart(client, admin, make_user):
    make_user(Role.KLANTMANAGER, display_name="Fatima Jansen", email="fj@test.example")
    make_user(Role.COACH, display_name="Pieter Bakker", email="pb@test.example", active=False)
    found = client.get("/admin/users?q=jans")
    assert "Fatima Jansen" in found.text and "Pieter Bakker" not in found.text
    assert "Fatima Jansen" in client.get("/admin/users?q=FJ@TEST").text
    assert "Pieter Bakker" not in client.get("/admin/users").text
    assert "Pieter Bakker" in client.get("/admin/users?status=inactive").text
    assert "Fatima" not in client.get("/admin/users?role=coach&status=all").text
    assert client.get("/admin/users?page=999999999999&status=nonsense&role=x").status_code == 200


@pytest.mark.parametrize("people", [5, 50])
def test_people_list_has_a_bounded_number_of_queries(app, client, admin, make_user, people):
    for i in range(people):
        make_user(Role.KLANTMANAGER, display_name=f"Persoon {i:03d}")
    client.get("/admin/users")
    with count_queries(app.extensions["db_engine"]) as counter:
        assert client.get("/admin/users").status_code == 200
    assert counter.count <= 12, counter.statements
