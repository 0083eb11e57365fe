"""The line under a story's title names only what exists (issue 12, defect 10)."""

from __future__ import annotations

import re

from portal.models import Role
from tests.helpers import login


def _meta_lines(html: str) -> list[str]:
    found = re.findall(r'<p class="(?:story-list__meta|muted)">(.*?)</p>', html, re.S)
    return [" ".join(line.split()) for line in found]


def test_a_story_without_a_date_has_no_empty_part_in_lists_or_on_its_page(
    client, make_user, make_story
):
    km = make_user(Role.KLANTMANAGER)
    story = make_story(author=km, submitted=True, shared_with_team=True, experienced_on=None)
    login(client, km)
    for url in ("/stories/mine", f"/stories/{story.id}"):
        lines = [line for line in _meta_lines(client.get(url).text) if "gedeeld met team" in line]
        assert lines, url
        for line in lines:
            assert "· ·" not in line and not line.startswith("·") and not line.endswith("·"), line
