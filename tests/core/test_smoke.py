from tests.helpers import count_queries, login


def test_home_sends_anonymous_visitor_to_login(client, klantmanager):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2F"


def test_klantmanager_logs_in_and_sees_name(client, klantmanager, app):
    login(client, klantmanager)
    with count_queries(app.extensions["db_engine"]) as counter:
        page = client.get("/")
    assert page.status_code == 200
    assert klantmanager.display_name in page.text
    assert counter.count <= 15, counter.statements
