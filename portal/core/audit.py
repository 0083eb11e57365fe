"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from sqlalchemy.orm import Session

from portal.models import AuditEvent


def record(
    session: Session,
    actor: Any,
    action: str,
    obj: Any = None,
    **details: Any,
) -> AuditEvent:
    """Add one audit event to the session (the caller's transaction commits it)."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=getattr(obj, "id", None),
        ip_address=request.remote_addr if has_request_context() else None,
        details=details,
    )
    session.add(event)
    return event
