"""/privacy, /accessibility, the footer on every page, the organisation's name and logo (issue 16)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.cycles.reminders import queue_reminders
from portal.models import OutboxMessage, Role, utcnow
from tests.helpers import login


@pytest.fixture
def organisation(app, monkeypatch):
    monkeypatch.setitem(app.config, "ORGANISATION_NAME", "Gemeente Voorbeeldstad")
    monkeypatch.setitem(app.config, "PRIVACY_CONTACT", "privacy@voorbeeldstad.example")
    monkeypatch.setitem(app.config, "PRIVACY_OFFICER", "fg@voorbeeldstad.example")
    return "Gemeente Voorbeeldstad"


def test_every_page_has_a_footer_linking_privacy_and_accessibility(app, client, make_user):
    pages = ["/login", "/password/forgot", "/privacy", "/accessibility", "/does-not-exist"]
    for path in pages:
        text = client.get(path).text
        assert 'href="/privacy"' in text and 'href="/accessibility"' in text, path
    login(client, make_user(Role.BEHEERDER, teams=[]))
    for path in ["/", "/settings", "/admin/users", "/admin/audit", "/admin/teams"]:
        text = client.get(path).text
        assert 'href="/privacy"' in text and 'href="/accessibility"' in text, path


def test_privacy_page_says_what_why_how_long_and_who_to_ask(app, client, organisation):
    page = client.get("/privacy")
    assert page.status_code == 200
    assert "Gemeente Voorbeeldstad" in page.text
    assert "privacy@voorbeeldstad.example" in page.text and "fg@voorbeeldstad.example" in page.text
    assert f"Na {app.config['RETENTION_DAYS']} dagen" in page.text
    assert "Autoriteit Persoonsgegevens" in page.text


def test_accessibility_statement_follows_the_model(client, organisation):
    text = client.get("/accessibility").text
    for part in (
        "Toegankelijkheidsverklaring",
        "Nalevingsstatus",
        "WCAG",
        "axe-core",
        "Feedback en contact",
        "Handhavingsprocedure",
        "Nationale ombudsman",
    ):
        assert part in text, part
    assert "privacy@voorbeeldstad.example" in text  # the contact falls back to the privacy one
    english = client.get("/accessibility", headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_organisation_name_in_the_header_and_the_mails(
    app_ctx, client, session, organisation, klantmanager
):
    assert "Gemeente Voorbeeldstad" in client.get("/login").text
    queue_reminders(session, now=utcnow(), today=date(2026, 1, 5))
    session.commit()
    message = session.scalar(select(OutboxMessage))
    assert (
        "Gemeente Voorbeeldstad" in message.body_text
        and "Gemeente Voorbeeldstad" in message.body_html
    )


def test_the_logo_comes_from_the_instance_folder_only(app, client, monkeypatch, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    monkeypatch.setitem(app.config, "ORGANISATION_LOGO", "logo.svg")
    assert client.get("/organisation/logo").status_code == 200
    assert 'class="site-header__logo" src="/organisation/logo" alt=""' in client.get("/login").text
    monkeypatch.setitem(app.config, "ORGANISATION_LOGO", "../secret.svg")
    assert client.get("/organisation/logo").status_code == 404
    monkeypatch.setitem(app.config, "ORGANISATION_LOGO", "config.py")
    assert client.get("/organisation/logo").status_code == 404
