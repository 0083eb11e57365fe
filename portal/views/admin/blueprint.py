"""The blueprint of the beheer area; the route modules add their routes to it. Every page here is
for beheerders (``Area.ADMIN``) unless a route says otherwise (the audit log)."""

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import policy
from portal.views.nav import role_labels

bp = Blueprint("admin", __name__, url_prefix="/admin")

admin_required = policy.area_required(policy.Area.ADMIN)


#: The beheer pages in the sub-menu, each shown to the roles that may use it.
ADMIN_PAGES = (
    ("admin.users", _l("Mensen"), policy.Area.ADMIN),
    ("admin.teams", _l("Teams"), policy.Area.ADMIN),
    ("admin.frameworks", _l("Vragenlijsten"), policy.Area.ADMIN),
    ("admin.tags", _l("Thema's"), policy.Area.ADMIN),
    ("admin.audit", _l("Logboek"), policy.Area.AUDIT),
)


@bp.context_processor
def admin_context() -> dict:
    known = current_app.view_functions
    links = [
        (endpoint, str(label))
        for endpoint, label, area in ADMIN_PAGES
        if endpoint in known and policy.may_use(current_user, area)
    ]
    return {"admin_links": links, "role_names": role_labels}
