"""A GET never writes (the audit of an interview or respondent read aside): every GET route of the
access matrix, as every role, sends no INSERT, UPDATE or DELETE but into the audit log (and into
an analysis page's temporary table of its stories, which lives for the request only)."""

from __future__ import annotations

import re

import pytest

from portal.models import Cycle
from tests.helpers import count_queries, login
from tests.policy.access_rows import ACCESS, ACTORS, ANONYMOUS, _url

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)
AUDIT = re.compile(r"^\s*INSERT INTO (audit_events|analysis_scope)\b", re.I)
GET_ROWS = sorted(endpoint for endpoint, row in ACCESS.items() if row.method == "GET")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", GET_ROWS)
def test_get_writes_nothing(app, client, ctx, endpoint: str, actor: str):
    url = _url(app, endpoint, ACCESS[endpoint], ctx)
    if actor != ANONYMOUS:
        login(client, ctx.users[actor])
    with count_queries(app.extensions["db_engine"]) as counter:
        client.get(url)
    writes = [s for s in counter.statements if WRITE.match(s) and not AUDIT.match(s)]
    assert writes == [], f"GET {url} as {actor} wrote: {writes}"


def test_pages_show_todays_cycle_before_it_is_stored_and_the_first_draft_stores_it(
    client, session, make_user, team
):
    from portal.models import Role
    from tests.helpers import post_form

    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    home = client.get("/")
    assert "Ronde " in home.text and session.query(Cycle).count() == 0
    assert client.get("/stories/new").status_code == 200
    assert client.get("/participation").status_code == 200
    assert session.query(Cycle).count() == 0
    response = post_form(
        client,
        "/stories/new",
        {"title": "Gesprek over taalles", "body_md": "Hij wilde eerst werken.", "go": "save"},
    )
    assert response.status_code == 302
    cycles = session.query(Cycle).all()
    assert len(cycles) == 1 and cycles[0].team_id == team.id and cycles[0].prompt_nl
