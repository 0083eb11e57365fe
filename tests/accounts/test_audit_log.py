"""The audit log in the browser (/admin/audit): filters, pagination, read-only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.accounts import audit_log
from portal.models import AuditEvent, Role
from tests.helpers import count_queries, login


def _event(session, actor, action: str, when: datetime, **details) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None, action=action, created_at=when, details=details
    )
    session.add(event)
    session.commit()
    return event


@pytest.fixture
def events(session, make_user):
    anna = make_user(Role.KLANTMANAGER, display_name="Anna Alfa", email="anna@test.example")
    bert = make_user(Role.ONDERZOEKER, display_name="Bert Beta", email="bert@test.example")
    _event(session, anna, "login", datetime(2026, 3, 1, 10, tzinfo=UTC))
    _event(session, bert, "export", datetime(2026, 3, 2, 23, 30, tzinfo=UTC), rows=12)  # 3 March NL
    _event(session, None, "retention.delete", datetime(2026, 3, 5, 2, tzinfo=UTC))
    return anna, bert


def test_filters_by_person_action_and_dates(app_ctx, session, events):
    def actions(**kw):
        page = audit_log.list_events(session, audit_log.AuditFilter(**kw), page=1)
        return [event.action for event, _actor in page.items]

    assert actions() == ["retention.delete", "export", "login"]
    assert actions(person="BERT@") == ["export"]
    assert actions(person="alfa") == ["login"]
    assert actions(action="login") == ["login"]
    # 23:30 UTC on 2 March is 00:30 on 3 March in the Netherlands
    assert actions(date_from=date(2026, 3, 3), date_to=date(2026, 3, 3)) == ["export"]
    assert actions(date_to=date(2026, 3, 2)) == ["login"]
    assert audit_log.actions(session) == ["export", "login", "retention.delete"]


def test_audit_page_for_onderzoeker_and_beheerder_with_filters(client, make_user, events):
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    page = client.get("/admin/audit?person=anna&from=2026-03-01&to=nonsense&page=x")
    assert page.status_code == 200
    assert "Anna Alfa" in page.text and "Bert Beta" not in page.text
    assert "rows: 12" in client.get("/admin/audit?action=export").text


def test_audit_page_paginates_with_a_bounded_number_of_queries(app, client, session, beheerder):
    for i in range(120):
        _event(session, beheerder, "login", datetime(2026, 3, 1, 10, i % 60, tzinfo=UTC))
    login(client, beheerder)
    first = client.get("/admin/audit")
    assert "Pagina 1 van 3" in first.text
    with count_queries(app.extensions["db_engine"]) as counter:
        assert client.get("/admin/audit?page=3").status_code == 200
    assert counter.count <= 10, counter.statements


def test_the_application_offers_no_way_to_change_an_event(app):
    audit_rules = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert [r.rule for r in audit_rules] == ["/admin/audit"]
    assert audit_rules[0].methods <= {"GET", "HEAD", "OPTIONS"}
