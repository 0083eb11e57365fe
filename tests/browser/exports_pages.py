"""The export and import pages (issue 13), for the axe and reflow tests: each page is visited and
handed to ``check``; the import preview is reached by uploading a file with a refused row."""

from __future__ import annotations

from collections.abc import Callable

from portal.models import Role
from tests.browser.conftest import browser_login
from tests.helpers import PASSWORD

EXPORT_PATHS = [
    "/export",
    "/export?text=1&team=1",
    "/export/codebook",
    "/export/codebook?kind=interview",
    "/import",
]
PAPER = (
    "story,author,respondent,language,experienced_on,submitted_on,framework_version,"
    "interpretation,interpreter,story_about_a,story_about_b,story_about_c,story_about_nvt,"
    "helped,helped_nvt,agency,agency_nvt,motivation,motivation_nvt,expectations,"
    "expectations_nvt,feeling\r\n"
    ",,{code},ar,2026-03-01,2026-03-02,1,own,,30,50,20,0,70,0,,,,,,,positive\r\n"
    ",,{code},ar,2026-03-01,2026-03-02,1,own,,30,50,10,0,70,0,,,,,,,positive\r\n"
)


def visit_export_pages(
    page,
    base_url: str,
    tmp_path,
    make_user,
    make_respondent,
    make_consent,
    check: Callable[[object, str], None],
) -> None:
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    respondent = make_respondent()
    make_consent(respondent, research=True)
    browser_login(page, base_url, researcher.email, PASSWORD)
    for path in EXPORT_PATHS:
        page.goto(f"{base_url}{path}")
        check(page, path)
    upload = tmp_path / "papier.csv"
    upload.write_text(PAPER.format(code=respondent.code))
    page.goto(f"{base_url}/import")
    page.set_input_files("#file", str(upload))
    page.click("main button[type=submit]")
    page.wait_for_selector("#refused-caption")
    check(page, "/import (preview)")
    page.goto(f"{base_url}/import")
    upload.write_text("onzin\r\n1\r\n")
    page.set_input_files("#file", str(upload))
    page.click("main button[type=submit]")
    page.wait_for_selector(".field__error")
    check(page, "/import (refused file)")
