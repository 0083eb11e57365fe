"""Paginated list queries: one COUNT and one page of rows, whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(session: Session, query: Select[Any], *, page: int, per_page: int) -> Page:
    """Run ``query`` for one page; ``page`` below 1 or past the end is clamped."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, ceil(total / per_page))
    number = min(max(page, 1), pages)
    items = list(session.scalars(query.limit(per_page).offset((number - 1) * per_page)).unique())
    return Page(items=items, number=number, per_page=per_page, total=total)
