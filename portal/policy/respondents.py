"""Who may see and change a respondent and their consent records (DESIGN §2): the
verhalenbegeleider who owns the respondent; onderzoekers see the code and coarse facts only."""

from __future__ import annotations

from portal.models import Consent, Respondent, User
from portal.policy.roles import RESEARCH, VB, Rules


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
