"""The privacy warning on the check page names the field and counts lines within it (issue 12,
defect 10)."""

from __future__ import annotations

import re

from portal.models import Role
from tests.helpers import login


def test_the_warning_names_the_field_and_its_own_line(client, make_user, make_story):
    km = make_user(Role.KLANTMANAGER)
    story = make_story(
        author=km,
        title="Telefoontje",
        body_md="Ze belde terug op 06-12345678.\nDaarna ging het beter.",
        submitted=False,
    )
    login(client, km)
    html = client.get(f"/stories/{story.id}/check").text
    item = re.search(r"<li>[^<]*<code>06-12345678</code>\s*\(([^)]*)\)</li>", html)
    assert item, html
    assert " ".join(item.group(1).split()) == "Je verhaal, regel 1"
