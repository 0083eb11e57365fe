"""The audit log (``/admin/audit``) for beheerders and onderzoekers: read-only, filtered by
person, action and dates, paginated. The application offers no way to change or delete an event."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask.typing import ResponseReturnValue

from portal import policy
from portal.accounts import audit_log
from portal.core.extensions import db
from portal.views.admin.blueprint import bp


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, "")[:10])
    except ValueError:
        return None


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


@bp.get("/audit")
@policy.area_required(policy.Area.AUDIT)
def audit() -> ResponseReturnValue:
    flt = audit_log.AuditFilter(
        person=request.args.get("person", "")[:100],
        action=request.args.get("action", "")[:64],
        date_from=_date("from"),
        date_to=_date("to"),
    )
    page = audit_log.list_events(db.session, flt, page=_page_number())
    return render_template(
        "admin/audit.html", page=page, flt=flt, actions=audit_log.actions(db.session)
    )
