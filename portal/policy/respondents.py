"""Who may see and change a respondent and their consent records (DESIGN §2): the
verhalenbegeleider who owns the respondent; onderzoekers see the code and coarse facts only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false
from sqlalchemy.sql import ColumnElement

from portal.models import Consent, Respondent, User
from portal.policy.roles import RESEARCH, VB, Clauses, Rules, signed_in


def _owns(user: User, respondent: Respondent) -> bool:
    """The owner, while still a verhalenbegeleider."""
    return user.has_role(VB) and respondent.owner_id == user.id


def _read_facts(user: User, respondent: Respondent) -> bool:
    return _owns(user, respondent) or user.has_role(RESEARCH)


def _manage_consent(user: User, consent: Consent) -> bool:
    return _owns(user, consent.respondent)


RULES: Rules = {
    (Respondent, "read"): _owns,
    (Respondent, "read_facts"): _read_facts,
    (Respondent, "edit"): _owns,
    (Respondent, "record_consent"): _owns,
    (Consent, "read"): _manage_consent,
    (Consent, "withdraw"): _manage_consent,
}


def own_respondents(user: Any) -> ColumnElement[bool]:
    """The ``read`` rule on respondents as a WHERE clause: a verhalenbegeleider's own ones."""
    if not (signed_in(user) and user.has_role(VB)):
        return false()
    return Respondent.owner_id == user.id


CLAUSES: Clauses = {
    (Respondent, "read"): own_respondents,
}
