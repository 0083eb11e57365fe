"""Fixtures of the account tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.accounts import two_factor
from portal.models import Role, User

TWO_FACTOR_SINCE = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def with_2fa(session, make_user):
    """``with_2fa(*roles)``: a user who has two-factor login on; returns (user, secret)."""

    def make(*roles: str) -> tuple[User, str]:
        user = make_user(*(roles or (Role.KLANTMANAGER,)))
        secret = two_factor.new_secret()
        user.totp_secret, user.totp_enabled_at = secret, TWO_FACTOR_SINCE
        session.commit()
        return user, secret

    return make
