"""A verhalenbegeleider sets up two-factor login by keyboard, then logs in with a code; both
pages are axe clean in Dutch and English."""

from __future__ import annotations

import time

import pyotp
import pytest

from portal.models import Role
from tests.browser.conftest import check_axe, switch_locale
from tests.helpers import PASSWORD


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ("verhalenbegeleider", "onderzoeker"))


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_set_up_then_log_in_with_a_code(page, live_server, make_user, required, locale):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    switch_locale(page, live_server, locale)
    page.fill("#email", vb.email)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/settings/two-factor")
    assert page.locator("figure.qr svg[role=img]").count() == 1
    check_axe(page, f"two-factor set-up ({locale})")
    secret = page.inner_text(".qr__secret").replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.focus("#code")
    page.keyboard.type(totp.now())
    page.keyboard.press("Enter")
    page.wait_for_selector(".recovery-codes")  # the ten recovery codes, shown once
    assert page.locator(".recovery-codes li").count() == 10
    check_axe(page, f"recovery codes ({locale})")
    page.click(".recovery-codes ~ p a.button")
    page.wait_for_url("**/settings")
    page.goto(f"{live_server}/respondents")
    assert page.url.endswith("/respondents")

    page.get_by_role("button", name="Uitloggen" if locale == "nl" else "Log out").click()
    page.wait_for_url("**/login")
    page.fill("#email", vb.email)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#code")
    assert page.evaluate("document.activeElement.id") == "code"  # ready to type
    check_axe(page, f"login code ({locale})")
    page.keyboard.type(totp.at(time.time() + 30))  # the next code: the current one was used
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"{live_server}/respondents")
    assert page.url.endswith("/respondents")
