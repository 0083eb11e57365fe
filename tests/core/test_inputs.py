"""Input bounded at the edge (issue 14, defect 5): the pieces of portal.core.inputs.
(tests/policy/test_input_walk.py sends hostile input to every route.)"""

from __future__ import annotations

import pytest
from werkzeug.exceptions import BadRequest

from portal.core.inputs import MAX_ID, SafeMultiDict, bounded_int, int_arg, positive_id
from tests.helpers import PASSWORD, csrf_token, login


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "9" * 30, "abc", "", "1.5", "-" + "9" * 19])
def test_bounded_int_refuses_what_no_id_column_holds(value):
    with pytest.raises(ValueError):
        bounded_int(value)


def test_bounded_int_takes_the_largest_id():
    assert bounded_int(str(MAX_ID)) == MAX_ID
    assert bounded_int(" 42 ") == 42


def test_parsed_fields_lose_their_nul_bytes_and_ints_are_bounded():
    fields = SafeMultiDict([("e\x00mail", "a\x00b@x.nl"), ("page", "9" * 25), ("page2", "3")])
    assert fields["email"] == "ab@x.nl"
    assert fields.get("page", 1, type=int) == 1  # out of range: like a malformed number
    assert fields.get("page2", 1, type=int) == 3


def test_int_arg_answers_400_to_a_bad_field(app):
    with app.test_request_context("/?cycle=2147483648&page=4"):
        assert int_arg("page") == 4
        assert int_arg("missing", 7) == 7
        with pytest.raises(BadRequest):
            int_arg("cycle")


def test_an_id_past_the_integer_range_is_not_found(client, klantmanager, make_story):
    story = make_story(author=klantmanager, submitted=True)
    login(client, klantmanager)
    assert client.get(f"/stories/{story.id}").status_code == 200
    assert client.get(f"/stories/{MAX_ID + 1}").status_code == 404
    assert client.get(f"/stories/{2**63}").status_code == 404


def test_a_nul_in_the_path_is_not_found(client):
    assert client.get("/calendar/abc%00def.ics").status_code == 404


def test_a_nul_in_a_json_body_is_refused(client, klantmanager):
    login(client, klantmanager)
    token = csrf_token(client.get("/settings"))

    def post(body: str):
        return client.post(
            "/stories/preview",
            data=body,
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )

    assert post('{"body_md": "ab"}').status_code == 200
    assert post('{"body_md": "a\\u0000b"}').status_code == 400


def test_a_nul_in_the_login_email_is_stripped(client, klantmanager):
    token = csrf_token(client.get("/login"))
    email = klantmanager.email[:3] + "\x00" + klantmanager.email[3:]
    data = {"email": email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302


def test_out_of_range_page_and_cycle_in_the_query_are_ignored(client, klantmanager):
    login(client, klantmanager)
    response = client.get(f"/stories/mine?page={2**64}&cycle={2**31}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("2147483647", 2147483647),
        ("0007", 7),
        ("", None),
        ("0", None),
        ("-1", None),
        ("2147483648", None),
        ("99999999999999999999", None),
        ("٣", None),
        ("1e3", None),
        (" 5", None),
    ],
)
def test_positive_id_takes_only_a_database_id(raw, expected):
    assert positive_id(raw) == expected
