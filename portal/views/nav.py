"""Navigation by role and role names for the header (decided by the policy, not templates)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core.i18n import current_locale
from portal.models import Role
from portal.policy import Area, may_use

ROLE_LABELS = {
    Role.KLANTMANAGER: _l("klantmanager"),
    Role.VERHALENBEGELEIDER: _l("verhalenbegeleider"),
    Role.COACH: _l("teamcoach"),
    Role.ONDERZOEKER: _l("onderzoeker"),
    Role.BEHEERDER: _l("beheerder"),
}


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    area: Area | None = None


#: Every page that may appear in the menu; an item shows once its endpoint exists.
NAV_ITEMS = (
    NavItem("main.home", _l("Start")),
    NavItem("stories.new", _l("Nieuwe reflectie"), Area.REFLECTIONS),
    NavItem("stories.mine", _l("Mijn verhalen"), Area.REFLECTIONS),
    NavItem("team.stories_list", _l("Teamverhalen"), Area.TEAM_STORIES),
    NavItem("interviews.mine", _l("Mijn gesprekken"), Area.INTERVIEWS),
    NavItem("sessions.index", _l("Teamsessies"), Area.SESSIONS),
    NavItem("participation.grid", _l("Deelname"), Area.PARTICIPATION),
    NavItem("prompts.index", _l("Vragen per ronde"), Area.PROMPTS),
    NavItem("analysis.index", _l("Analyse"), Area.ANALYSIS),
    NavItem("exports.index", _l("Exporteren"), Area.EXPORT),
    NavItem("admin.users", _l("Beheer"), Area.ADMIN),
    NavItem("admin.audit", _l("Logboek"), Area.AUDIT),
    NavItem("settings.show", _l("Instellingen")),
)


def role_labels(roles: frozenset[str]) -> list[str]:
    return [str(label) for role, label in ROLE_LABELS.items() if role in roles]


def nav_links() -> list[tuple[str, str, str]]:
    """(url, label, endpoint) for the current user's menu."""
    if not current_user.is_authenticated:
        return []
    known = current_app.view_functions
    return [
        (url_for(item.endpoint), str(item.label), item.endpoint)
        for item in NAV_ITEMS
        if item.endpoint in known and (item.area is None or may_use(current_user, item.area))
    ]


def template_context() -> dict:
    """Values every page's layout needs."""

    roles = current_user.roles if current_user.is_authenticated else frozenset()
    return {
        "current_locale": current_locale(),
        "nav_links": nav_links(),
        "header_roles": role_labels(roles),
    }
